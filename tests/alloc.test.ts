// The hot path allocates nothing: 1,000,000 cycles of write → poll → iterate
// → read run in a child process with the engine's GC tracing on (V8's
// --trace-gc on Deno and Node, JSC's logGC on Bun), and no collection may
// start between the loop's BEGIN and END markers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { FORCE_POLL_POLL, ON_WINDOWS } from "./util/platform.ts";
import { hangGuardMs, LONG_TEST_TIMEOUT_MS } from "./util/timing.ts";

/** 1,000,000; MIO_TS_ALLOC_CYCLES lowers it where a cycle costs much more (tests/run_arm64.mjs, under qemu). */
const CYCLES = Number(process.env.MIO_TS_ALLOC_CYCLES ?? 1_000_000);
if (!Number.isSafeInteger(CYCLES) || CYCLES < 1) {
  throw new RangeError(
    `MIO_TS_ALLOC_CYCLES must be a positive integer, not ${process.env.MIO_TS_ALLOC_CYCLES}`,
  );
}
/** Warm-up cycles before the measured ones, so the JIT has settled. */
const WARMUP = Math.min(CYCLES, 200_000);
const g = globalThis as { Deno?: unknown; Bun?: unknown };
const runtime = g.Deno ? "deno" : g.Bun ? "bun" : "node";
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const script = fileURLToPath(new URL(`./alloc/steady_state_loop.${ext}`, import.meta.url));
/**
 * Windows has no `stdbuf`: V8's GC trace (Deno, Node) stays block-buffered
 * and out of order with the loop's markers there, so the loop also forces a
 * collection at each marker (`--expose-gc`), and the window is what V8's own
 * trace shows between those two ("testing" collections). JSC writes its log
 * unbuffered.
 */
const GC_MARKERS = ON_WINDOWS && runtime !== "bun";

/**
 * V8 optimizes on the JavaScript thread at once (`--no-concurrent-recompilation`),
 * not on a background thread whose code is installed whenever that thread gets
 * to run. The warm-up ends in one call of the loop's function, which V8
 * compiles while it runs, by on-stack replacement; the measured cycles are a
 * new call, which does not enter that code. With a background compiler, that
 * call runs unoptimized code, which boxes numbers (about one scavenge per
 * 20,000 cycles), until the thread finishes: a moment natively, but seconds
 * under qemu on a busy machine (`--concurrent-recompilation-delay=2000`
 * reproduces it natively). Compiled on the JavaScript thread, the measured
 * call starts in optimized code after the same warm-up on any machine.
 */
const V8_FLAGS = ["--trace-gc", "--no-concurrent-recompilation", ...(GC_MARKERS ? ["--expose-gc"] : [])];

/** The command that runs the loop with GC tracing, and what a GC line looks like. */
function traced(): { args: string[]; env: Record<string, string>; gcLine: RegExp } {
  const v8Gc = /: (Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep|MinorMS)\b/;
  if (runtime === "deno") {
    return { args: ["run", "-A", `--v8-flags=${V8_FLAGS.join(",")}`, script], env: {}, gcLine: v8Gc };
  }
  if (runtime === "node") return { args: [...V8_FLAGS, script], env: {}, gcLine: v8Gc };
  return { args: [script], env: { BUN_JSC_logGC: "1" }, gcLine: /START .*Collection/ };
}

/**
 * Runs `command` unbuffered: V8 prints GC traces with stdio, which is
 * block-buffered on a pipe. `stdbuf` preloads libstdbuf.so; under emulation
 * the host's is of the wrong architecture, and MIO_TS_LIBSTDBUF names one for
 * the emulated runtime, preloaded here the way `stdbuf -o0 -e0` does.
 */
function unbuffered(command: string[], env: Record<string, string>) {
  const lib = process.env.MIO_TS_LIBSTDBUF;
  const [cmd, ...args] = lib || ON_WINDOWS ? command : ["stdbuf", "-o0", "-e0", ...command];
  const preload = lib ? { LD_PRELOAD: lib, _STDBUF_O: "0", _STDBUF_E: "0" } : {};
  return spawnSync(cmd, args, {
    encoding: "utf8",
    env: { ...process.env, ...env, ...preload },
    maxBuffer: 64 * 1024 * 1024,
    // The loop waits for each event without a limit: a lost event fails the test instead of hanging it.
    timeout: hangGuardMs(600_000),
  });
}

// Measured: on Deno the poll(2) fallback starts one scavenge in about half of
// the 1,000,000-cycle runs (epoll starts none); its source is not found yet.
const KNOWN_POLL_ALLOCATION = FORCE_POLL_POLL && runtime === "deno"
  ? "Deno on the poll(2) fallback starts about one scavenge per 1,000,000 cycles (open: not yet traced)"
  : false;
if (KNOWN_POLL_ALLOCATION) console.log(`SKIP alloc (${runtime}, poll): ${KNOWN_POLL_ALLOCATION}`);

test(`${CYCLES} poll+iterate+read+write cycles start no garbage collection (${runtime})`, {
  skip: KNOWN_POLL_ALLOCATION,
  timeout: LONG_TEST_TIMEOUT_MS,
}, () => {
  const { args, env, gcLine } = traced();
  const r = unbuffered([process.execPath, ...args, String(CYCLES), String(WARMUP)], env);
  assert.equal(r.signal, null, `loop killed by ${r.signal} (no event within the time bound?)`);
  assert.equal(r.status, 0, `loop failed:\n${r.stderr.slice(-4000)}`);
  // V8 traces GC on stdout, JSC on stderr; the loop marks both streams.
  const lines = (runtime === "bun" ? r.stderr : r.stdout).split("\n");
  const summary = /cycles=(\d+) events=(\d+) registration=(\d+) ms=(\d+)/.exec(r.stderr);
  assert.ok(summary, `no summary in:\n${r.stderr.slice(-2000)}`);
  assert.equal(Number(summary[2]), CYCLES, "every cycle saw its readable event");
  assert.equal(Number(summary[3]), CYCLES, "every cycle saw its Registration's event");
  console.log(`${runtime}: ${summary[1]} cycles in ${summary[4]} ms`);
  const forced = lines.flatMap((l, i) => gcLine.test(l) && l.includes("testing") ? [i] : []);
  if (GC_MARKERS) assert.ok(forced.length >= 2, "a forced collection at BEGIN and at END");
  const [begin, end] = GC_MARKERS
    ? [forced[0] + 1, forced[1]]
    : [lines.indexOf("BEGIN"), lines.indexOf("END")];
  assert.ok(begin >= 0 && end >= begin, "markers present");
  const gcs = lines.slice(begin, end).filter((l) => gcLine.test(l));
  assert.deepEqual(gcs, [], "no garbage collection between BEGIN and END");
});
