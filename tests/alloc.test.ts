// The hot path allocates nothing: 1,000,000 cycles of write → poll → iterate
// → read run in a child process with the engine's GC tracing on (V8's
// --trace-gc on Deno and Node, JSC's logGC on Bun), and no collection may
// start between the loop's BEGIN and END markers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";

const CYCLES = 1_000_000;
const g = globalThis as { Deno?: unknown; Bun?: unknown };
const runtime = g.Deno ? "deno" : g.Bun ? "bun" : "node";
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const script = fileURLToPath(new URL(`./alloc/steady_state_loop.${ext}`, import.meta.url));

/** The command that runs the loop with GC tracing, and what a GC line looks like. */
function traced(): { args: string[]; env: Record<string, string>; gcLine: RegExp } {
  const v8Gc = /: (Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep|MinorMS)\b/;
  if (runtime === "deno") {
    return { args: ["run", "-A", "--v8-flags=--trace-gc", script], env: {}, gcLine: v8Gc };
  }
  if (runtime === "node") return { args: ["--trace-gc", script], env: {}, gcLine: v8Gc };
  return { args: [script], env: { BUN_JSC_logGC: "1" }, gcLine: /START .*Collection/ };
}

test(`${CYCLES} poll+iterate+read+write cycles start no garbage collection (${runtime})`, () => {
  const { args, env, gcLine } = traced();
  // stdbuf: V8 prints GC traces with stdio, which is block-buffered on a pipe.
  const r = spawnSync("stdbuf", ["-o0", "-e0", process.execPath, ...args, String(CYCLES)], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.status, 0, `loop failed:\n${r.stderr.slice(-4000)}`);
  // V8 traces GC on stdout, JSC on stderr; the loop marks both streams.
  const lines = (runtime === "bun" ? r.stderr : r.stdout).split("\n");
  const summary = /cycles=(\d+) events=(\d+) ms=(\d+)/.exec(r.stderr);
  assert.ok(summary, `no summary in:\n${r.stderr.slice(-2000)}`);
  assert.equal(Number(summary[2]), CYCLES, "every cycle saw its readable event");
  console.log(`${runtime}: ${summary[1]} cycles in ${summary[3]} ms`);
  const begin = lines.indexOf("BEGIN"), end = lines.indexOf("END");
  assert.ok(begin >= 0 && end > begin, "markers present");
  const gcs = lines.slice(begin, end).filter((l) => gcLine.test(l));
  assert.deepEqual(gcs, [], "no garbage collection between BEGIN and END");
});
