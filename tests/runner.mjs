#!/usr/bin/env node
// What the test commands (tests/run_all.mjs, run_windows.mjs, run_arm64.mjs)
// share: running a command, counting a run from its JUnit report
// (tests/junit.mjs), and the summary each prints and writes as JSON with
// --summary=FILE (or MIO_TS_SUMMARY=FILE):
//   { "title": "total", "passed": N, "failed": N, "skipped": N, "notes": [...],
//     "runs": [{ "name", "passed", "failed", "skipped", "seconds", "failures": [...] }] }
// Run as a command, it adds such files up (.ci/run does):
//   node tests/runner.mjs --total=all A.json B.json ...
// prints "all: N passed, N failed, N skipped" and exits non-zero on any
// failure or on a file that is missing or not a summary.
import { spawn } from "node:child_process";
import { once } from "node:events";
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { runnerCounts } from "./junit.mjs";

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The path of a command npm installed into the repository's node_modules/.bin. */
export function hostBin(name) {
  return join(root, "node_modules", ".bin", name);
}

/**
 * The test files to run, relative to the root: `files` (checked to exist),
 * or every tests/*.test.ts in name order.
 *
 * @param {string[]} [files] paths like "tests/tcp.test.ts"
 * @returns {string[]}
 */
export function testFiles(files = []) {
  if (files.length === 0) {
    return readdirSync(join(root, "tests")).filter((f) => f.endsWith(".test.ts")).sort().map((f) =>
      `tests/${f}`
    );
  }
  const missing = files.filter((f) => !existsSync(join(root, f)) || !statSync(join(root, f)).isFile());
  if (missing.length > 0) throw new RangeError(`no such test file: ${missing.join(", ")}`);
  return files;
}

/**
 * Runs a command in the root; resolves to its exit status (1 if it could not
 * start, was killed or timed out). With `log`, its output goes to that file
 * (node.exe under Wine cannot write to a Unix pipe: "Error: open EBADF") and
 * is copied to this process's stdout as it grows; otherwise it is inherited.
 * With `group`, it leads a process group of its own, which is killed when it
 * ends, so that nothing it started outlives it.
 *
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ log?: string, env?: NodeJS.ProcessEnv, timeout: number, group?: boolean }} options
 *   `timeout` in milliseconds
 * @returns {Promise<number>}
 */
export async function run(cmd, args, { log, env = process.env, timeout, group = false }) {
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

/**
 * One run's counts, from its JUnit report at `xml` and its exit status (see
 * `runnerCounts`), and its wall time from `start` (a `performance.now()`).
 *
 * @returns {{ name: string, passed: number, failed: number, skipped: number, seconds: number, failures: string[] }}
 */
export function countRun(name, xml, status, start) {
  const c = runnerCounts(xml, status);
  const seconds = Math.round((performance.now() - start) / 1000);
  return { name, passed: c.passed, failed: c.failed, skipped: c.skipped, seconds, failures: c.failures };
}

/** One "name: N passed, N failed, N skipped" line. */
function countsLine(name, c) {
  return `${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

/**
 * A test command's summary: its runs, notes, and a closing
 * "`title`: N passed, N failed, N skipped" line.
 */
export class Summary {
  /** @param {string} title the closing line's name: "total", "windows total", ... */
  constructor(title) {
    this.title = title;
    /** @type {{ name: string, passed: number, failed: number, skipped: number, seconds: number, failures: string[] }[]} */
    this.runs = [];
    /** @type {string[]} */
    this.notes = [];
  }

  /** Adds a run (see `countRun`). */
  add(run) {
    this.runs.push(run);
  }

  /** The sums over every run. */
  totals() {
    const t = { passed: 0, failed: 0, skipped: 0 };
    for (const r of this.runs) for (const k of Object.keys(t)) t[k] += r[k];
    return t;
  }

  /**
   * Prints each run's line (with its failed tests' names), the notes, each
   * run's wall time and the closing line; writes the JSON summary where
   * --summary=FILE in `argv` (or MIO_TS_SUMMARY) says; returns the exit
   * status: non-zero on any failure.
   *
   * @param {string[]} argv this command's arguments
   */
  finish(argv) {
    const t = this.totals();
    const lines = [];
    for (const r of this.runs) {
      lines.push(countsLine(r.name, r));
      for (const f of r.failures) lines.push(`  failed: ${f}`);
    }
    lines.push(...this.notes);
    lines.push(`wall time: ${this.runs.map((r) => `${r.name} ${r.seconds} s`).join(", ")}`);
    lines.push(countsLine(this.title, t));
    console.log("\n" + lines.join("\n"));
    const path = summaryPath(argv);
    if (path !== null) {
      writeFileSync(
        path,
        JSON.stringify({ title: this.title, ...t, notes: this.notes, runs: this.runs }, null, 2) + "\n",
      );
      console.log(`summary written to ${path}`);
    }
    return t.failed === 0 ? 0 : 1;
  }
}

/** Where --summary=FILE in `argv`, else MIO_TS_SUMMARY, says to write the summary; null for nowhere. */
function summaryPath(argv) {
  const arg = argv.findLast((a) => a.startsWith("--summary="));
  const path = arg?.slice("--summary=".length) ?? process.env.MIO_TS_SUMMARY ?? "";
  return path === "" ? null : resolve(path);
}

/**
 * This command's arguments other than --summary=FILE: test file paths (ending
 * in .ts), --backends=A,B (which backends each runtime runs; `null`: all),
 * and the other words (runtime names).
 *
 * @returns {{ names: string[], files: string[], backends: string[] | null }}
 */
export function parseArgs(argv) {
  const backendsArg = argv.find((a) => a.startsWith("--backends="));
  const rest = argv.filter((a) => !a.startsWith("--summary=") && !a.startsWith("--backends="));
  return {
    names: rest.filter((a) => !a.endsWith(".ts")),
    files: rest.filter((a) => a.endsWith(".ts")),
    backends: backendsArg === undefined ? null : backendsArg.slice("--backends=".length).split(","),
  };
}

/**
 * Adds up summary files: each counts as written, and one that is missing or
 * not a summary counts as one failure. Returns the totals and a line per
 * file, followed by a line per failed test (its run and name), so that the
 * end of a long log names what failed.
 *
 * @param {string[]} paths
 */
export function addSummaries(paths) {
  const t = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  for (const path of paths) {
    let s;
    try {
      s = JSON.parse(readFileSync(path, "utf8"));
      if (!["passed", "failed", "skipped"].every((k) => Number.isInteger(s[k]))) {
        throw new Error("no counts in it");
      }
    } catch (e) {
      t.failed++;
      lines.push(`${path}: no summary (${e instanceof Error ? e.message : e}), counted as one failure`);
      continue;
    }
    for (const k of Object.keys(t)) t[k] += s[k];
    lines.push(`${path}: ${countsLine(s.title, s)}`);
    for (const run of Array.isArray(s.runs) ? s.runs : []) {
      for (const f of Array.isArray(run.failures) ? run.failures : []) {
        lines.push(`  failed in ${run.name}: ${f}`);
      }
    }
  }
  return { ...t, lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const title = process.argv.find((a) => a.startsWith("--total="))?.slice("--total=".length) ?? "total";
  const paths = process.argv.slice(2).filter((a) => !a.startsWith("--total="));
  const t = addSummaries(paths);
  console.log(t.lines.join("\n"));
  console.log(countsLine(title, t));
  process.exit(t.failed === 0 && paths.length > 0 ? 0 : 1);
}
