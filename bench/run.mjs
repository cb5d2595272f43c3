#!/usr/bin/env node
/**
 * `npm run bench`: mio-ts servers against each runtime's own networking,
 * per server CPU second, on Deno, Bun and Node; bench/README.md explains
 * every cell. Installs what it needs (wrk, a C compiler, dist/), runs
 * BENCH_ROUNDS interleaved rounds (mio-ts and the built-in alternate which
 * goes first), prints the tables and writes bench/RESULTS.md, its figures
 * as bench/RESULTS.json, and their ratios as a chart, bench/results.svg.
 *
 * Environment: BENCH_SECONDS (3, measured seconds per cell), BENCH_WARMUP
 * (1), BENCH_ROUNDS (3), BENCH_RUNTIMES ("deno,bun,node"), BENCH_IDLE
 * (10000 idle connections), BENCH_PIPELINE (16), BENCH_ONLY ("echo,http":
 * which server pairs to run), BENCH_SUB (1: also run
 * bench/ffi_micro.ts and bench/resp.mjs), BENCH_LABEL (a note for the top
 * of RESULTS.md), BENCH_OUT (bench/RESULTS.md; the JSON and the chart go
 * beside it: X.md gives X.json and X.svg, RESULTS.md results.svg).
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
import { buildDist, buildEchoLoad, ensureCommand, environment, have } from "./lib/setup.mjs";
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
  sub: setting("BENCH_SUB", 1) !== 0,
  label: process.env.BENCH_LABEL ?? "",
  out: process.env.BENCH_OUT ?? join(ROOT, "bench/RESULTS.md"),
};
for (const r of config.runtimes) {
  if (!["deno", "bun", "node"].includes(r)) throw new RangeError(`BENCH_RUNTIMES: unknown runtime ${r}`);
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

/** The command that runs bench/servers/`name` on `runtime`; `gc` exposes a full collection to the server. */
function serverCommand(runtime, name, gc = false) {
  const command = RUNTIMES[runtime];
  if (runtime === "deno") {
    return [command, ["run", "-A", ...(gc ? ["--v8-flags=--expose-gc"] : []), `bench/servers/${name}.ts`]];
  }
  if (runtime === "bun") return [command, [`bench/servers/${name}.ts`]];
  return [command, [...(gc ? ["--expose-gc"] : []), `${NODE_DIST}/bench/servers/${name}.js`]];
}

/** The built-in each mio-ts server is compared with, per runtime. */
const BUILT_IN = {
  echo: { deno: "Deno.listen", bun: "Bun.listen", node: "node net" },
  http: { deno: "Deno.serve", bun: "Bun.serve", node: "node:http" },
};

/** The issue's targets, mio-ts / built-in per server CPU second (null: none set). */
const TARGETS = {
  echo: { deno: 1.25, bun: 1.0, node: 1.0 },
  stream: { deno: 0.9, bun: 0.9, node: 0.9 },
  http: { deno: 1.0, bun: null, node: 2.0 },
};

const HTTP_LOADS = [
  { cell: "http-64", connections: 64, pipeline: 1 },
  { cell: "http-256", connections: 256, pipeline: 1 },
  { cell: "http-64-p", connections: 64, pipeline: config.pipeline },
  { cell: "http-256-p", connections: 256, pipeline: config.pipeline },
];

/** The cells of the main table, in order: label, unit, built-in group, target group. */
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

/** `samples[key]`: per round, `{ perCpu, rate, cores, errors }`; keys "runtime cell impl". */
const samples = {};
/** Heap per idle connection (bytes), per runtime, one per round. */
const heapPerIdle = {};
const failures = [];
/** The commands run, for RESULTS.md (paths relative to the repository, PORT and PID as placeholders). */
const commands = new Set();

/** Records one measurement: `count` units over `seconds`, `serverCpu` seconds of server CPU. */
function record(runtime, cell, impl, round, { count, seconds, serverCpu, errors = "" }, scale = 1) {
  const sample = {
    perCpu: serverCpu > 0 ? count * scale / serverCpu : NaN,
    rate: count * scale / seconds,
    cores: serverCpu / seconds,
    errors,
  };
  (samples[`${runtime} ${cell} ${impl}`] ??= [])[round] = sample;
  console.log(
    `  ${runtime} ${impl === "mio" ? "mio-ts" : "built-in"} ${cell}: ${short(sample.rate)} ${
      CELLS[cell]?.unit ?? "round trips"
    }/s, server ${sample.cores.toFixed(2)} cores, ${short(sample.perCpu)} per server CPU-s${
      errors ? ` (${errors})` : ""
    }`,
  );
}

/** Notes a command line for RESULTS.md. */
function note(pinCpu, command, args) {
  const rel = (p) => (p.startsWith(ROOT) ? relative(ROOT, p) : p);
  const name = command === process.execPath ? "node" : rel(command).replace(/^node_modules\/\.bin\//, "");
  commands.add([...(pinCpu === null ? [] : ["taskset", "-c", pinCpu]), name, ...args.map(rel)].join(" "));
}

/** Starts the server `name` on `runtime`, runs `body` with it, stops it; a failure is recorded, not thrown. */
async function session(runtime, name, control, body) {
  const [command, args] = serverCommand(runtime, name, control);
  const after = control ? ["--control"] : [];
  note(SERVER_CPU, command, [...args, "PORT", ...after]);
  let server;
  try {
    server = await startServer({ root: ROOT, command, args, after, cpu: SERVER_CPU });
    await body(server);
  } catch (e) {
    failures.push(`${runtime} ${name}: ${e.message.split("\n").slice(0, 8).join(" / ")}`);
    console.log(`  FAILED ${runtime} ${name}: ${e.message}`);
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

/**
 * The echo cells of one round on `runtime`: ping-pong and streaming; on
 * mio-ts also ping-pong beside `config.idle` idle connections, with the
 * server's heap read at the end of both ping-pongs (the order of the two
 * alternates between rounds).
 */
async function echoCells(runtime, impl, round) {
  const name = impl === "mio" ? "echo" : `native_echo_${runtime}`;
  await session(runtime, name, impl === "mio", async (server) => {
    if (impl === "mio" && config.idle > 0) {
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
  });
}

/** The HTTP cells of one round on `runtime`: a `wrk` warm-up, then each of HTTP_LOADS. */
async function httpCells(runtime, impl, round) {
  const name = impl === "mio" ? "http" : `native_http_${runtime}`;
  await session(runtime, name, false, async (server) => {
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

/** The FFI micro-benchmark on each runtime, then the RESP benchmark. */
async function subBenchmarks() {
  const ffi = [];
  for (const runtime of config.runtimes) {
    const [command, args] = runtime === "deno"
      ? [RUNTIMES.deno, ["run", "-A", "bench/ffi_micro.ts"]]
      : runtime === "bun"
      ? [RUNTIMES.bun, ["bench/ffi_micro.ts"]]
      : [RUNTIMES.node, [`${NODE_DIST}/bench/ffi_micro.js`]];
    ffi.push(`### ${runtime}\n\n${await subBenchmark("bench/ffi_micro.ts", command, args, SERVER_CPU)}`);
  }
  const resp = await subBenchmark("bench/resp.mjs", process.execPath, ["bench/resp.mjs"], null);
  return { ffi: ffi.join("\n\n"), resp };
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
const groups = (config.only.includes("echo") ? 1 : 0) + (config.only.includes("http") && HAVE_WRK ? 1 : 0);
const progress = new Progress("bench", config.rounds * config.runtimes.length * groups * 2, {
  unit: "server sessions",
  intervalMs: 0,
  write: (line) => console.log(line),
});
for (let round = 0; round < config.rounds; round++) {
  console.log(`\nround ${round + 1} of ${config.rounds}`);
  for (const runtime of config.runtimes) {
    const order = round % 2 === 0 ? ["mio", "native"] : ["native", "mio"];
    if (config.only.includes("echo")) {
      for (const impl of order) {
        await echoCells(runtime, impl, round);
        progress.advance();
      }
    }
    if (config.only.includes("http") && HAVE_WRK) {
      for (const impl of order) {
        await httpCells(runtime, impl, round);
        progress.advance();
      }
    }
  }
}
const finished = new Date();
const sub = config.sub ? await subBenchmarks() : null;

const gathered = {
  config,
  started,
  finished,
  loadAverages: [loadBefore, loadavg()[0]],
  pinned: PINNED,
  environment: environment(RUNTIMES),
  cells: CELLS,
  builtIn: BUILT_IN,
  targets: TARGETS,
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
