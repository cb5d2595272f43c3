/**
 * examples/resp_server.ts on Deno, Bun and Node against Debian's
 * `redis-server`, under the same `redis-benchmark` run:
 *
 *   node bench/resp.mjs
 *
 * Each server runs pinned to CPU 0 (`taskset`), `redis-benchmark` to CPU 1
 * (`-t ping`, then `set`, `get`, `incr`, each `-n N -c 50 -q --csv`);
 * every server is measured once per round, the rounds interleaved, and each
 * figure is the median of the rounds (min–max beside it). The target: at
 * least 0.6× redis-server's ops/s. The server's CPU time per request (from
 * /proc) is shown too: it varies less than ops/s on a busy machine. redis-server runs with `--save '' --appendonly no`, as the example
 * keeps nothing on disk either.
 *
 * Prints markdown only (a heading, a table, the ratios against the target)
 * and exits 0; when redis-server or redis-benchmark is missing and apt-get
 * cannot install it, the markdown says so. Setup output goes to stderr.
 * Environment: RESP_REQUESTS (requests per test; default 25000 ×
 * BENCH_SECONDS, which defaults to 4), BENCH_ROUNDS (3), BENCH_RUNTIMES
 * ("deno,bun,node").
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { startServer } from "./lib/measure.mjs";
import { Child, cpuSeconds } from "./lib/proc.mjs";
import { have } from "./lib/setup.mjs";
import { median, short, spread, summary, times } from "./lib/stats.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const REQUESTS = Math.max(1000, Math.round(Number(process.env.RESP_REQUESTS ?? 25000 * SECONDS)));
const ROUNDS = Math.max(1, Math.round(Number(process.env.BENCH_ROUNDS ?? 3)));
const RUNTIMES = (process.env.BENCH_RUNTIMES ?? "deno,bun,node").split(",").map((r) => r.trim()).filter(
  Boolean,
);
const CLIENTS = 50;
const TARGET = 0.6;
const PINNED = cpus().length >= 2;
const SERVER_CPU = PINNED ? 0 : null;
const LOAD_CPU = PINNED ? 1 : null;

/** Runs a setup command with its output on stderr (stdout is the report); true when it succeeded. */
function setup(command, args) {
  console.error(`$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: ["ignore", process.stderr, process.stderr] }).status === 0;
}

/** Installs Debian's redis-server and redis-tools when a command is missing (root only); what is still missing. */
function ensureRedis() {
  const missing = () => ["redis-server", "redis-benchmark"].filter((c) => !have(c));
  if (missing().length > 0 && have("apt-get") && process.getuid?.() === 0) {
    const install = ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends"];
    const packages = ["redis-server", "redis-tools"];
    if (!setup("apt-get", [...install, ...packages])) {
      setup("apt-get", ["-o", "DPkg::Lock::Timeout=300", "update"]) &&
        setup("apt-get", [...install, ...packages]);
    }
  }
  return missing();
}

/** The local copy of a runtime from node_modules/.bin, or the one on the PATH. */
function executable(name) {
  if (name === "node") return process.execPath;
  const local = join(ROOT, "node_modules/.bin", name);
  return existsSync(local) ? local : name;
}

/** Compiles dist/ for Node when the example's JavaScript is missing or older than its source. */
function ensureDist() {
  const js = join(ROOT, "dist/examples/resp_server.js");
  const ts = join(ROOT, "examples/resp_server.ts");
  if (existsSync(js) && statSync(js).mtimeMs >= statSync(ts).mtimeMs) return;
  setup(executable("tsc"), ["-p", ROOT]);
}

/** The servers compared: `[label, command, args]`; each takes the port last. */
function servers() {
  const list = [["redis-server", "redis-server", [
    "--save",
    "",
    "--appendonly",
    "no",
    "--bind",
    "127.0.0.1",
    "--port",
  ]]];
  const example = ["examples/resp_server.ts", "--listen"];
  for (const runtime of RUNTIMES) {
    const command = executable(runtime);
    if (runtime === "deno") list.push(["mio-ts on Deno", command, ["run", "--allow-ffi", ...example]]);
    else if (runtime === "bun") list.push(["mio-ts on Bun", command, example]);
    else if (runtime === "node") {
      list.push(["mio-ts on Node", command, ["dist/examples/resp_server.js", "--listen"]]);
    } else throw new RangeError(`BENCH_RUNTIMES: unknown runtime ${runtime}`);
  }
  return list;
}

/** The `-t` groups run one by one, so that each gets its own CPU reading (ping is PING_INLINE and PING_MBULK). */
const GROUPS = ["ping", "set", "get", "incr"];

/**
 * One redis-benchmark run of test group `group` against `server`: ops/s of
 * each test it reports, and the server's CPU seconds per request over the run.
 */
async function redisBenchmark(server, group) {
  const args = ["-h", "127.0.0.1", "-p", String(server.port), "-t", group];
  args.push("-n", String(REQUESTS), "-c", String(CLIENTS), "-q", "--csv");
  const cpuBefore = cpuSeconds(server.child.pid);
  const load = new Child("redis-benchmark", args, { cwd: ROOT, cpu: LOAD_CPU });
  const { code, signal } = await load.wait(10 * 60_000);
  const cpu = cpuSeconds(server.child.pid) - cpuBefore;
  if (code !== 0) throw new Error(`redis-benchmark failed (${code ?? signal}):\n${load.tail()}`);
  const rps = new Map();
  for (const line of load.lines) {
    const m = /^"([A-Z_]+)","([\d.]+)"/.exec(line);
    if (m) rps.set(m[1], Number(m[2]));
  }
  if (rps.size === 0) throw new Error(`redis-benchmark printed no results:\n${load.tail()}`);
  if (/error/i.test(load.stderr)) throw new Error(`redis-benchmark reported errors:\n${load.stderr}`);
  return { rps, cpuPerRequest: cpu / (REQUESTS * rps.size) };
}

/** Markdown cell for the ratio of `value` to redis-server's, with the verdict. */
function ratioCell(value, base) {
  const r = value / base;
  if (!Number.isFinite(r)) return "n/a";
  return r >= TARGET ? `${times(r)} (met)` : `${times(r)} (missed by ${(TARGET - r).toFixed(2)})`;
}

async function main() {
  const heading = `### RESP: examples/resp_server.ts against redis-server (redis-benchmark)`;
  const missing = ensureRedis();
  if (missing.length > 0) {
    console.log(
      `${heading}\n\nNot run: ${missing.join(" and ")} missing, and apt-get could not install them.`,
    );
    return;
  }
  if (RUNTIMES.includes("node")) ensureDist();
  const list = servers();
  const started = [];
  try {
    for (const [label, command, args] of list) {
      console.error(`starting ${label}`);
      started.push({ label, server: await startServer({ root: ROOT, command, args, cpu: SERVER_CPU }) });
    }
    /** results[label][test] = ops/s per round */
    const results = new Map(list.map(([label]) => [label, new Map()]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so that no server always runs first.
      const order = started.map((_, i) => started[(i + round) % started.length]);
      for (const { label, server } of order) {
        console.error(`round ${round + 1}/${ROUNDS}: ${label}`);
        const perTest = results.get(label);
        for (const group of GROUPS) {
          const { rps, cpuPerRequest } = await redisBenchmark(server, group);
          for (const [test, value] of rps) {
            if (!perTest.has(test)) perTest.set(test, { rps: [], cpu: [] });
            perTest.get(test).rps.push(value);
            perTest.get(test).cpu.push(cpuPerRequest);
          }
        }
      }
    }
    report(heading, list.map(([label]) => label), results);
  } finally {
    for (const { server } of started) await server.child.stop();
  }
}

function report(heading, labels, results) {
  const base = results.get("redis-server");
  const tests = [...base.keys()];
  const mio = labels.filter((l) => l !== "redis-server");
  const micros = (x) => (x * 1e6).toFixed(1);
  const lines = [
    heading,
    "",
    `ops/s, median of ${ROUNDS} interleaved round(s) (min–max); \`redis-benchmark -t <test> ` +
    `-n ${REQUESTS} -c ${CLIENTS}\` per test; ${
      PINNED ? "server on CPU 0, redis-benchmark on CPU 1" : "one CPU: nothing pinned"
    }; \`redis-server --save '' --appendonly no\`. Target: mio-ts ≥ ${TARGET}× redis-server's ops/s.`,
    "",
    `| test | redis-server | ${mio.map((l) => `${l} | ratio`).join(" | ")} |`,
    `|---|---|${mio.map(() => "---|---|").join("")}`,
  ];
  const verdicts = [];
  for (const test of tests) {
    const b = median(base.get(test).rps);
    const cells = mio.map((l) => {
      const xs = results.get(l).get(test)?.rps ?? [];
      const r = median(xs) / b;
      if (!(r >= TARGET)) verdicts.push(`${l}, ${test}: ${times(r)}`);
      return `${spread(summary(xs), short)} | ${ratioCell(median(xs), b)}`;
    });
    lines.push(`| ${test} | ${spread(summary(base.get(test).rps), short)} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  lines.push(
    verdicts.length === 0
      ? `Every mio-ts figure is at least ${TARGET}× redis-server's.`
      : `Below ${TARGET}× redis-server: ${verdicts.join("; ")}.`,
  );
  lines.push("");
  lines.push("Server CPU time per request, µs (median; PING_INLINE and PING_MBULK share one reading):");
  lines.push("");
  lines.push(`| test | redis-server | ${mio.join(" | ")} |`);
  lines.push(`|---|---|${mio.map(() => "---|").join("")}`);
  for (const test of tests) {
    const cells = [base, ...mio.map((l) => results.get(l))].map((r) =>
      micros(median(r.get(test)?.cpu ?? []))
    );
    lines.push(`| ${test} | ${cells.join(" | ")} |`);
  }
  console.log(lines.join("\n"));
}

await main();
