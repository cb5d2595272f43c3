// Every example runs to its end on this runtime and prints what it should.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { NOT_ON_WINDOWS, onWindows, test } from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";

const g = globalThis as { Deno?: unknown };
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** Runs `examples/<name>` with this runtime (Deno: with `--allow-ffi` and `denoPermissions`); returns its stdout. */
function runExample(name: string, args: string[] = [], denoPermissions: string[] = []): string {
  const file = fileURLToPath(new URL(`../examples/${name}.${ext}`, import.meta.url));
  // The backend flags reach the example (so it runs on the backend the suite runs on) if Deno lets it read them.
  const flags = denoPermissions.includes("--allow-env")
    ? []
    : ["--allow-env=MIO_FORCE_POLL_POLL,MIO_FORCE_WAKER_PIPE"];
  const cmd = g.Deno ? ["run", "--allow-ffi", ...flags, ...denoPermissions, file, ...args] : [file, ...args];
  const r = spawnSync(process.execPath, cmd, { encoding: "utf8", timeout: hangGuardMs(60_000) });
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

const UNIX_ECHO =
  "examples/unix_echo_server: three scripted clients are greeted, echoed and hung up over a Unix socket";
test(UNIX_ECHO, { skip: onWindows(NOT_ON_WINDOWS.uds) }, () => {
  const out = runExample("unix_echo_server", [], ["--allow-read", "--allow-write", "--allow-env"]);
  const m = /listening on (\/\S+\/echo\.sock)\n/.exec(out);
  assert.ok(m, out);
  for (let i = 0; i < 3; i++) {
    assert.ok(out.includes(`client ${i} got "Hello world!\\nping ${i}\\nbye ${i}\\n" and hangs up`), out);
  }
  assert.match(out, /accepted connection 1 from \(unnamed\)/);
  assert.match(out, /done: \d+ events handled, 3 connections accepted and closed, 39 bytes echoed/);
  assert.match(out, /the socket file was still there, as in mio/);
  assert.equal(existsSync(dirname(m[1])), false, "the example left its temporary directory");
});

test("examples/udp_server: three scripted clients get each datagram echoed back", () => {
  const out = runExample("udp_server");
  const m = /UDP echo server on (127\.0\.0\.1:\d+)\n/.exec(out);
  assert.ok(m, out);
  for (let i = 0; i < 3; i++) {
    assert.match(out, new RegExp(`echoed "ping ${i}" to 127\\.0\\.0\\.1:\\d+`));
    assert.match(out, new RegExp(`echoed "bye ${i}" to 127\\.0\\.0\\.1:\\d+`));
    assert.ok(out.includes(`client ${i} got "ping ${i}", "bye ${i}" back and stops`), out);
  }
  assert.match(out, /done: \d+ events handled, 6 datagrams \(33 bytes\) echoed/);
});

const MULTI_WORKER =
  "examples/multi_worker_server: two Workers share the port (SO_REUSEPORT), both serve, both stop by themselves";
test(MULTI_WORKER, { skip: onWindows(NOT_ON_WINDOWS.reusePort) }, () => {
  const out = runExample("multi_worker_server", ["--workers", "2", "--clients", "64"], ["--allow-read"]);
  assert.match(out, /2 Workers listening on 127\.0\.0\.1:\d+ \(SO_REUSEPORT\)/);
  assert.match(out, /64 clients: every echo matched \(\d+ bytes\)/);
  const served = [...out.matchAll(/worker (\d): (\d+) connections, (\d+) bytes echoed/g)];
  assert.deepEqual(served.map((m) => m[1]).sort(), ["0", "1"], out);
  for (const m of served) assert.ok(Number(m[2]) > 0, `worker ${m[1]} served no connection:\n${out}`);
  assert.equal(served.reduce((sum, m) => sum + Number(m[2]), 0), 64, out);
  assert.match(out, /done: 2 Workers stopped by themselves/);
});

test("examples/http_server: scripted clients get keep-alive, pipelined, HTTP/1.0, HEAD and 400 answers", () => {
  const out = runExample("http_server");
  assert.match(out, /listening on 127\.0\.0\.1:\d+/);
  assert.match(
    out,
    /keep-alive, pipelined, 5 bytes per write: answers 200, 200, 200, then the server closed/,
  );
  assert.match(out, /HTTP\/1\.0: answers 200, then the server closed/);
  assert.match(out, /HTTP\/1\.0 keep-alive, then HEAD: answers 200, 200, then the server closed/);
  assert.match(out, /malformed: answers 400, then the server closed/);
  assert.match(out, /done: 6 requests on 4 connections/);
});

test("examples/resp_server: scripted clients get the replies to pipelined, fragmented, inline and wrong commands", () => {
  const out = runExample("resp_server");
  assert.match(out, /listening on 127\.0\.0\.1:\d+/);
  assert.ok(
    out.includes(`pipelined, 7 bytes per write: "+OK\\r\\n:2\\r\\n$1\\r\\n2\\r\\n:1\\r\\n$-1\\r\\n"`),
    out,
  );
  assert.ok(out.includes(`inline: "+PONG\\r\\n$5\\r\\nhello\\r\\n$4\\r\\npong\\r\\n"`), out);
  assert.match(out, /errors: "-ERR unknown command 'FLY'/);
  assert.ok(out.includes(`protocol error: "-ERR Protocol error: expected '$', got '%'\\r\\n"`), out);
  assert.match(out, /done: 13 commands on 4 connections, 1 keys left/);
});
