#!/usr/bin/env node
/**
 * `npm run bench`: the mio-ts servers (waiting with `poll()` and with
 * `pollAsync()`) against each runtime's own networking and against a Rust
 * mio server written the same way, per server CPU second, on Deno, Bun and
 * Node, plus a single-connection round-trip latency for every server;
 * bench/README.md explains every cell. Installs what it needs (wrk, a C
 * compiler, dist/, the Rust server where cargo exists), runs BENCH_ROUNDS
 * interleaved rounds (the servers take turns going first), prints the
 * tables and writes bench/RESULTS.md, its figures as bench/RESULTS.json,
 * and their ratios as a chart, bench/results.svg.
 *
 * Environment: BENCH_SECONDS (3, measured seconds per cell), BENCH_WARMUP
 * (1), BENCH_ROUNDS (3), BENCH_RUNTIMES ("deno,bun,node"), BENCH_IDLE
 * (10000 idle connections), BENCH_PIPELINE (16), BENCH_ONLY ("echo,http":
 * which server kinds to run), BENCH_SERVERS ("mio,async,native,rust":
 * which servers), BENCH_BASELINE (git refs, comma-separated: their blocking
 * mio-ts servers join every round), BENCH_SUB (1: also run
 * bench/poll_async_latency.ts and bench/ffi_micro.ts on each runtime, and
 * bench/resp.mjs), BENCH_LABEL (a note for the top of RESULTS.md),
 * BENCH_OUT (bench/RESULTS.md; the JSON and the chart go beside it: X.md
 * gives X.json and X.svg, RESULTS.md results.svg).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Child } from "./lib/proc.mjs";
import { echoLoad, startServer, wrkLoad } from "./lib/measure.mjs";
import {
  buildDist,
  buildEchoLoad,
  buildRustMio,
  ensureCommand,
  environment,
  have,
  prepareBaseline,
  removeBaseline,
} from "./lib/setup.mjs";
import { report, resultsJson } from "./lib/report.mjs";
import { ratioChartSvg } from "./lib/chart.mjs";
import { chartInput } from "./chart.mjs";
import { short } from "./lib/stats.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A non-negative number from the environment. */
function setting(name, fallback) {
  const n = Number(process.env[name] ?? fallback);
  if (!(n >= 0)) throw new RangeError(`${name} must be a non-negative number, got ${process.env[name]}`);
  return n;
}

const config = {
  seconds: setting("BENCH_SECONDS", 3),
  warmup: setting("BENCH_WARMUP", 1),
  rounds: Math.max(1, Math.round(setting("BENCH_ROUNDS", 3))),
  idle: Math.round(setting("BENCH_IDLE", 10000)),
  pipeline: Math.max(1, Math.round(setting("BENCH_PIPELINE", 16))),
  runtimes: (process.env.BENCH_RUNTIMES ?? "deno,bun,node").split(",").map((r) => r.trim()).filter(Boolean),
  only: (process.env.BENCH_ONLY ?? "echo,http").split(",").map((c) => c.trim()),
  servers: (process.env.BENCH_SERVERS ?? "mio,async,native,rust").split(",").map((c) => c.trim()).filter(
    Boolean,
  ),
  baselines: (process.env.BENCH_BASELINE ?? "").split(",").map((c) => c.trim()).filter(Boolean),
  sub: setting("BENCH_SUB", 1) !== 0,
  label: process.env.BENCH_LABEL ?? "",
  out: process.env.BENCH_OUT ?? join(ROOT, "bench/RESULTS.md"),
};
for (const r of config.runtimes) {
  if (!["deno", "bun", "node"].includes(r)) throw new RangeError(`BENCH_RUNTIMES: unknown runtime ${r}`);
}
for (const s of config.servers) {
  if (!["mio", "async", "native", "rust"].includes(s)) {
    throw new RangeError(`BENCH_SERVERS: unknown server ${s}`);
  }
}

/** The runtime's executable: the repository's own (node_modules/.bin) first, then the PATH. */
function executable(name) {
  if (name === "node") return process.execPath;
  const local = join(ROOT, "node_modules/.bin", name);
  return existsSync(local) ? local : name;
}
/**
 * Where Node's JavaScript is compiled for the run: the same files as dist/
 * (e.g. dist/bench/servers/echo.js), in a copy of its own so that a `tsc`
 * or a clean of dist/ meanwhile cannot pull them away mid-run; under
 * node_modules/ so that no linter, formatter or `tsc` walks it, and `koffi`
 * resolves from it.
 */
const NODE_DIST = "node_modules/.cache/mio-ts-bench/dist";
const RUNTIMES = Object.fromEntries(config.runtimes.map((r) => [r, executable(r)]));

/** The Rust mio server: `{ binary, mio }` once built, `{ skipped }` with the reason otherwise. */
let RUST = { skipped: "not requested (BENCH_SERVERS)" };
/** The baseline commits' checkouts, by server id (`base:REF`): `{ ref, sha, dir }`. */
const BASELINES = new Map();

/**
 * How to start server `kind` ("echo" or "http") of `impl` on `runtime`:
 * `{ root, command, args }` (root: the working directory). `impl` is "mio"
 * (mio-ts with `poll()`), "async" (mio-ts with `pollAsync()`), "native"
 * (the runtime's own networking), "rust" (the Rust mio server; any
 * runtime) or "base:REF" (mio-ts with `poll()` at commit REF); `gc`
 * exposes a full collection to the server.
 */
function serverSpec(runtime, kind, impl, gc = false) {
  if (impl === "rust") return { root: ROOT, command: RUST.binary, args: [kind] };
  const base = BASELINES.get(impl);
  const root = base?.dir ?? ROOT;
  const name = impl === "native" ? `native_${kind}_${runtime}` : impl === "async" ? `${kind}_async` : kind;
  const command = RUNTIMES[runtime];
  if (runtime === "deno") {
    return {
      root,
      command,
      args: ["run", "-A", ...(gc ? ["--v8-flags=--expose-gc"] : []), `bench/servers/${name}.ts`],
    };
  }
  if (runtime === "bun") return { root, command, args: [`bench/servers/${name}.ts`] };
  const dist = base ? "dist" : NODE_DIST;
  return { root, command, args: [...(gc ? ["--expose-gc"] : []), `${dist}/bench/servers/${name}.js`] };
}

/** The built-in each mio-ts server is compared with, per runtime. */
const BUILT_IN = {
  echo: { deno: "Deno.listen", bun: "Bun.listen", node: "node net" },
  http: { deno: "Deno.serve", bun: "Bun.serve", node: "node:http" },
};

/** The targets of `poll()` servers against the built-in, per server CPU second (null: none set). */
const TARGETS = {
  echo: { deno: 1.25, bun: 1.0, node: 1.0 },
  stream: { deno: 0.9, bun: 0.9, node: 0.9 },
  http: { deno: 1.0, bun: null, node: 2.0 },
};

/**
 * Issue 18's targets: the `pollAsync()` servers ≥ 1.2× the built-in, and
 * the `poll()` servers ≥ 0.9× the Rust mio server, per server CPU second
 * on echo ping-pong and HTTP with 64 connections; the `pollAsync()` echo
 * server's median single-connection round trip ≤ the built-in's; the
 * wake-up `pollAsync()` adds over `poll()` ≤ 15 µs (median).
 */
const ASYNC_TARGET = 1.2;
const RUST_TARGET = 0.9;
const TARGET_CELLS = ["echo", "http-64"];
const WAKEUP_TARGET_US = 15;

const HTTP_LOADS = [
  { cell: "http-64", connections: 64, pipeline: 1 },
  { cell: "http-256", connections: 256, pipeline: 1 },
  { cell: "http-64-p", connections: 64, pipeline: config.pipeline },
  { cell: "http-256-p", connections: 256, pipeline: config.pipeline },
];

/** The cells of the throughput tables, in order: label, unit, built-in group, target group. */
const CELLS = {
  "echo": { label: "echo, 64 conns × 64 B ping-pong", unit: "round trips", group: "echo" },
  "stream": { label: "echo, 1 conn streaming 16 KiB chunks", unit: "MB", group: "echo", target: "stream" },
  ...Object.fromEntries(HTTP_LOADS.map(({ cell, connections, pipeline }) => [cell, {
    label: `HTTP, ${connections} conns${pipeline > 1 ? `, pipelined ×${pipeline}` : ""}`,
    unit: "requests",
    group: "http",
  }])),
};

const PINNED = cpus().length >= 2;
const SERVER_CPU = PINNED ? 0 : null;
const LOAD_CPU = PINNED ? 1 : null;

/**
 * `samples[key]`: per round, `{ perCpu, rate, cores, errors, p50, p99 }`;
 * keys "runtime cell server" (the Rust server's runtime is "rust").
 */
const samples = {};
/** Heap per idle connection (bytes), per runtime, one per round. */
const heapPerIdle = {};
const failures = [];
/** The commands run, for RESULTS.md (paths relative to the repository, PORT and PID as placeholders). */
const commands = new Set();

/** Records one measurement: `count` units over `seconds`, `serverCpu` seconds of server CPU. */
function record(
  runtime,
  cell,
  impl,
  round,
  { count, seconds, serverCpu, errors = "", p50us, p99us },
  scale = 1,
) {
  const sample = {
    perCpu: serverCpu > 0 ? count * scale / serverCpu : NaN,
    rate: count * scale / seconds,
    cores: serverCpu / seconds,
    errors,
    ...(p50us === undefined ? {} : { p50: p50us, p99: p99us }),
  };
  (samples[`${runtime} ${cell} ${impl}`] ??= [])[round] = sample;
  const latency = p50us === undefined ? "" : `p50 ${p50us.toFixed(1)} µs, p99 ${p99us.toFixed(1)} µs, `;
  console.log(
    `  ${runtime} ${impl} ${cell}: ${latency}${short(sample.rate)} ${
      CELLS[cell]?.unit ?? (cell === "http-latency" ? "requests" : "round trips")
    }/s, server ${sample.cores.toFixed(2)} cores, ${short(sample.perCpu)} per server CPU-s${
      errors ? ` (${errors})` : ""
    }`,
  );
}

/** Notes a command line for RESULTS.md (`where`: the checkout it ran in, when not this one). */
function note(pinCpu, command, args, where = "") {
  const rel = (p) => (p.startsWith(ROOT) ? relative(ROOT, p) : p);
  const name = command === process.execPath ? "node" : rel(command).replace(/^node_modules\/\.bin\//, "");
  commands.add(
    (where ? `(in ${where}) ` : "") +
      [...(pinCpu === null ? [] : ["taskset", "-c", pinCpu]), name, ...args.map(rel)].join(" "),
  );
}

/** Starts server `kind` of `impl` on `runtime`, runs `body` with it, stops it; a failure is recorded, not thrown. */
async function session(runtime, kind, impl, control, body) {
  const { root, command, args } = serverSpec(runtime, kind, impl, control);
  const after = control ? ["--control"] : [];
  const base = BASELINES.get(impl);
  note(SERVER_CPU, command, [...args, "PORT", ...after], base ? `a worktree of ${base.ref}` : "");
  let server;
  try {
    server = await startServer({ root, command, args, after, cpu: SERVER_CPU });
    await body(server);
  } catch (e) {
    failures.push(`${runtime} ${impl} ${kind}: ${e.message.split("\n").slice(0, 8).join(" / ")}`);
    console.log(`  FAILED ${runtime} ${impl} ${kind}: ${e.message}`);
  } finally {
    await server?.child.stop();
  }
}

/** Runs the echo load generator (and notes its command line). */
function echo(server, options) {
  const args = [
    "-m",
    options.mode,
    "-p",
    "PORT",
    "-c",
    String(options.connections),
    "-s",
    String(options.size),
  ];
  args.push("-w", String(config.warmup), "-d", String(config.seconds), "-P", "PID");
  if (options.idle > 0) args.push("-i", String(options.idle));
  if (options.heap) args.push("-H");
  note(LOAD_CPU, ECHO_LOAD, args);
  return echoLoad(server, {
    root: ROOT,
    binary: ECHO_LOAD,
    cpu: LOAD_CPU,
    warmup: config.warmup,
    seconds: config.seconds,
    idle: 0,
    heap: false,
    ...options,
  });
}

const PING_PONG = { mode: "pingpong", connections: 64, size: 64 };
const STREAM = { mode: "stream", connections: 1, size: 16384 };
const LATENCY = { mode: "latency", connections: 1, size: 64 };

/**
 * The echo cells of one round of server `impl` on `runtime`: ping-pong,
 * streaming and the single-connection round trip; on mio-ts with `poll()`
 * also ping-pong beside `config.idle` idle connections, with the server's
 * heap read at the end of both ping-pongs (the order of the two alternates
 * between rounds).
 */
async function echoCells(runtime, impl, round) {
  const control = impl === "mio" && config.idle > 0;
  await session(runtime, "echo", impl, control, async (server) => {
    if (control) {
      const heaps = {};
      for (const idle of round % 2 === 0 ? [0, config.idle] : [config.idle, 0]) {
        const r = await echo(server, { ...PING_PONG, idle, heap: true });
        record(runtime, idle ? "idle" : "echo", impl, round, r);
        heaps[idle ? "idle" : "busy"] = r.heap;
      }
      const { idle, busy } = heaps;
      (heapPerIdle[runtime] ??= [])[round] = (idle.heapUsed - busy.heapUsed) / (idle.open - busy.open);
      if (!idle.collected) failures.push(`${runtime}: heap measured without a full GC (no --expose-gc)`);
    } else {
      record(runtime, "echo", impl, round, await echo(server, PING_PONG));
    }
    record(runtime, "stream", impl, round, await echo(server, STREAM), 1e-6);
    record(runtime, "latency", impl, round, await echo(server, LATENCY));
  });
}

/**
 * The HTTP cells of one round of server `impl` on `runtime`: a `wrk`
 * warm-up, each of HTTP_LOADS, then one connection with one request in
 * flight and wrk's latency distribution (`--latency`).
 */
async function httpCells(runtime, impl, round) {
  await session(runtime, "http", impl, false, async (server) => {
    const base = { root: ROOT, cpu: LOAD_CPU };
    const seconds = Math.max(1, Math.round(config.seconds)); // wrk takes whole seconds
    if (config.warmup > 0) {
      await wrkLoad(server, {
        ...base,
        connections: 64,
        seconds: Math.max(1, Math.round(config.warmup)),
        pipeline: 1,
      });
    }
    for (const { cell, connections, pipeline } of HTTP_LOADS) {
      const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "5s"];
      if (pipeline > 1) args.push("-s", "bench/load/pipeline.lua");
      args.push("http://127.0.0.1:PORT/", ...(pipeline > 1 ? ["--", String(pipeline)] : []));
      note(LOAD_CPU, "wrk", args);
      record(
        runtime,
        cell,
        impl,
        round,
        await wrkLoad(server, { ...base, connections, seconds, pipeline }),
      );
    }
    note(LOAD_CPU, "wrk", [
      "-t1",
      "-c1",
      `-d${seconds}s`,
      "--timeout",
      "5s",
      "--latency",
      "http://127.0.0.1:PORT/",
    ]);
    record(
      runtime,
      "http-latency",
      impl,
      round,
      await wrkLoad(server, { ...base, connections: 1, seconds, pipeline: 1, latency: true }),
    );
  });
}

/** Runs a sub-benchmark written by its own file, if present; its markdown output, or a line saying why not. */
async function subBenchmark(file, command, args, cpu) {
  if (!existsSync(join(ROOT, file))) {
    const missing = `${file} is missing: not run.`;
    console.log(missing);
    return missing;
  }
  note(cpu, command, args);
  console.log(`\n${file}: ${[command, ...args].join(" ")}`);
  const child = new Child(command, args, { cwd: ROOT, cpu });
  const { code, signal } = await child.wait(15 * 60_000);
  const out = child.lines.join("\n").trim();
  console.log(out);
  if (code !== 0) {
    const why = `${file} failed (exit ${code ?? signal}): ${
      child.stderr.trim().split("\n").slice(-5).join(" / ")
    }`;
    console.log(why);
    return `${out}\n\n${why}`;
  }
  return out;
}

/** The command that runs bench/`name`.ts on `runtime`. */
function scriptCommand(runtime, name) {
  return runtime === "deno"
    ? [RUNTIMES.deno, ["run", "-A", `bench/${name}.ts`]]
    : runtime === "bun"
    ? [RUNTIMES.bun, [`bench/${name}.ts`]]
    : [RUNTIMES.node, [`${NODE_DIST}/bench/${name}.js`]];
}

/**
 * The sub-benchmarks: the `pollAsync()` wake-up latency (unpinned: it
 * has a writer Worker) and the FFI micro-benchmark (pinned) on each
 * runtime, then the RESP benchmark. `wakeup[runtime]`: the median µs
 * `pollAsync()` added per wake-up, as printed.
 */
async function subBenchmarks() {
  const ffi = [];
  const async = [];
  const wakeup = {};
  for (const runtime of config.runtimes) {
    const [command, args] = scriptCommand(runtime, "poll_async_latency");
    const out = await subBenchmark("bench/poll_async_latency.ts", command, args, null);
    const added = /^added by pollAsync per wake-up\s+([+-]?[\d.]+) µs/m.exec(out);
    if (added) wakeup[runtime] = Number(added[1]);
    else {failures.push(
        `${runtime}: bench/poll_async_latency.ts printed no "added by pollAsync per wake-up" line`,
      );}
    async.push(`### ${runtime}\n\n\`\`\`\n${out}\n\`\`\``);
  }
  for (const runtime of config.runtimes) {
    const [command, args] = scriptCommand(runtime, "ffi_micro");
    ffi.push(`### ${runtime}\n\n${await subBenchmark("bench/ffi_micro.ts", command, args, SERVER_CPU)}`);
  }
  const resp = await subBenchmark("bench/resp.mjs", process.execPath, ["bench/resp.mjs"], null);
  return { async: async.join("\n\n"), wakeup, ffi: ffi.join("\n\n"), resp };
}

// ---- setup ----
console.log("mio-ts benchmark: setting up");
if (!ensureCommand("cc", "gcc")) throw new Error("no C compiler (cc) and apt-get could not install gcc");
const ECHO_LOAD = buildEchoLoad(ROOT);
const HAVE_WRK = ensureCommand("wrk", "wrk");
if (!HAVE_WRK) failures.push("wrk is missing and could not be installed: HTTP cells not run");
if (PINNED && !have("taskset")) throw new Error("taskset (util-linux) is missing");
// Node's servers run from there, and so does the progress line (tests/util/progress.ts, shared with soak and fuzz).
buildDist(ROOT, NODE_DIST);
if (config.servers.includes("rust")) {
  RUST = buildRustMio(ROOT);
  if (RUST.skipped) {
    console.log(`Rust mio server skipped: ${RUST.skipped}`);
    failures.push(`Rust mio server not run: ${RUST.skipped}`);
  }
}
/** Removes the baseline worktrees (also on Ctrl-C, so none is left behind). */
function removeBaselines() {
  for (const base of BASELINES.values()) removeBaseline(ROOT, base);
  BASELINES.clear();
}
process.once("SIGINT", () => {
  removeBaselines();
  process.exit(130);
});
try {
  for (const ref of config.baselines) BASELINES.set(`base:${ref}`, prepareBaseline(ROOT, ref));
} catch (e) {
  removeBaselines();
  throw e;
}
const { Progress } = await import(pathToFileURL(join(ROOT, NODE_DIST, "tests/util/progress.js")).href);
const started = new Date();
const loadBefore = loadavg()[0];
console.log(
  `${config.rounds} round(s) of ${config.seconds} s per cell after ${config.warmup} s warm-up; runtimes ${
    config.runtimes.join(", ")
  }; ${PINNED ? "server on CPU 0, load on CPU 1" : "one CPU: nothing pinned"}; load average ${
    loadBefore.toFixed(2)
  }`,
);

// ---- rounds ----
const kinds = [
  ...(config.only.includes("echo") ? ["echo"] : []),
  ...(config.only.includes("http") && HAVE_WRK ? ["http"] : []),
];
/** The servers run on every runtime, in the order of the first round; each round starts one later. */
const perRuntime = [...config.servers.filter((s) => s !== "rust"), ...BASELINES.keys()];
const withRust = RUST.binary !== undefined;
const progress = new Progress(
  "bench",
  config.rounds * kinds.length * (config.runtimes.length * perRuntime.length + (withRust ? 1 : 0)),
  { unit: "server sessions", intervalMs: 0, write: (line) => console.log(line) },
);
/** One session of each kind of server `impl` on `runtime`. */
async function sessions(runtime, impl, round) {
  for (const kind of kinds) {
    await (kind === "echo" ? echoCells : httpCells)(runtime, impl, round);
    progress.advance();
  }
}
try {
  for (let round = 0; round < config.rounds; round++) {
    console.log(`\nround ${round + 1} of ${config.rounds}`);
    // The Rust server runs once a round (it needs no runtime): first in even rounds, last in odd ones.
    if (withRust && round % 2 === 0) await sessions("rust", "rust", round);
    for (const runtime of config.runtimes) {
      const shift = round % Math.max(1, perRuntime.length);
      for (const impl of [...perRuntime.slice(shift), ...perRuntime.slice(0, shift)]) {
        await sessions(runtime, impl, round);
      }
    }
    if (withRust && round % 2 === 1) await sessions("rust", "rust", round);
  }
} finally {
  for (const base of BASELINES.values()) removeBaseline(ROOT, base);
}
const finished = new Date();
const sub = config.sub ? await subBenchmarks() : null;

/** What each server is called in the tables, by id. */
const servers = {
  mio: "mio-ts poll()",
  async: "mio-ts pollAsync()",
  native: "built-in",
  rust: withRust ? `Rust mio ${RUST.mio}` : "Rust mio",
  ...Object.fromEntries(
    [...BASELINES].map(([id, { ref, sha }]) => [
      id,
      `mio-ts poll() at ${ref}${sha.startsWith(ref) ? "" : ` (${sha.slice(0, 9)})`}`,
    ]),
  ),
};
/** The ratios reported besides `poll()` ÷ built-in: numerator and denominator server ids, targets by cell. */
const comparisons = [
  ...(config.servers.includes("async")
    ? [{
      numerator: "async",
      denominator: "native",
      targets: Object.fromEntries(TARGET_CELLS.map((c) => [c, ASYNC_TARGET])),
    }]
    : []),
  ...(withRust
    ? [
      {
        numerator: "mio",
        denominator: "rust",
        targets: Object.fromEntries(TARGET_CELLS.map((c) => [c, RUST_TARGET])),
      },
      { numerator: "async", denominator: "rust", targets: {} },
    ]
    : []),
  ...(config.servers.includes("async") ? [{ numerator: "async", denominator: "mio", targets: {} }] : []),
  ...[...BASELINES.keys()].map((id) => ({ numerator: "mio", denominator: id, targets: {} })),
];

const gathered = {
  config,
  started,
  finished,
  loadAverages: [loadBefore, loadavg()[0]],
  pinned: PINNED,
  environment: [
    ...environment(RUNTIMES),
    [
      "Rust mio server",
      withRust ? `mio ${RUST.mio} (bench/rust_mio, cargo --release)` : `not run: ${RUST.skipped}`,
    ],
    ...[...BASELINES.values()].map(({ ref, sha }) => [`Baseline ${ref}`, sha]),
  ],
  cells: CELLS,
  builtIn: BUILT_IN,
  targets: TARGETS,
  servers,
  comparisons,
  wakeupTargetUs: WAKEUP_TARGET_US,
  samples,
  heapPerIdle,
  failures,
  commands: [...commands],
  sub,
  analysis: existsSync(join(ROOT, "bench/ANALYSIS.md"))
    ? readFileSync(join(ROOT, "bench/ANALYSIS.md"), "utf8")
    : null,
};
const markdown = report(gathered);
console.log(`\n${markdown}`);
writeFileSync(config.out, markdown);
const stem = config.out.replace(/\.md$/, "");
writeFileSync(`${stem}.json`, `${JSON.stringify(resultsJson(gathered), null, 2)}\n`);
const chart = basename(config.out) === "RESULTS.md"
  ? join(dirname(config.out), "results.svg")
  : `${stem}.svg`;
const { rows, subtitle } = chartInput(`${stem}.json`);
writeFileSync(chart, await ratioChartSvg(rows, subtitle));
// The repository's `deno fmt --check` covers markdown, JSON and SVG: leave the files as the formatter would.
const deno = executable("deno");
if (deno !== "deno" || have("deno")) {
  spawnSync(deno, ["fmt", "--quiet", config.out, `${stem}.json`, chart], { stdio: "inherit" });
}
console.log(
  `written to ${[config.out, `${stem}.json`, chart].map((f) => relative(process.cwd(), f)).join(", ")}`,
);
