// Every example runs to its end on this runtime and prints what it should.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";

const g = globalThis as { Deno?: unknown };
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** Runs `examples/<name>` with this runtime; returns its stdout. */
function runExample(name: string, args: string[] = []): string {
  const file = fileURLToPath(new URL(`../examples/${name}.${ext}`, import.meta.url));
  const cmd = g.Deno ? ["run", "--allow-ffi", file, ...args] : [file, ...args];
  const r = spawnSync(process.execPath, cmd, { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, `${name} failed (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test("examples/tcp_server: three scripted clients are greeted, echoed and hung up", () => {
  const out = runExample("tcp_server");
  assert.match(out, /listening on 127\.0\.0\.1:\d+/);
  for (let i = 0; i < 3; i++) {
    assert.ok(out.includes(`client ${i} got "Hello world!\\nping ${i}\\nbye ${i}\\n" and hangs up`), out);
  }
  assert.match(out, /done: \d+ events handled, 3 connections accepted and closed, 39 bytes echoed/);
});
