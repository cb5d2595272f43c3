#!/usr/bin/env node
// Runs the whole suite on Deno, Bun and Node (Node on the compiled output in
// dist/), each twice: with the default backend, and with the poll(2) selector
// and the pipe waker forced (MIO_FORCE_POLL_POLL=1 MIO_FORCE_WAKER_PIPE=1);
// and a third time with the kqueue selector over libkqueue when
// MIO_KQUEUE_LIB names that library (else one line says why not).
// Prints one "N passed, N failed, N skipped" line per run and a total, and
// exits non-zero on any failure; the static checks (tests/checks.mjs: lint,
// fmt, Deno and tsc type checks, doc examples, `deno doc --lint`, a JSR
// publish dry run) count as one test each.
// Usage: node tests/run_all.mjs [checks|deno|bun|node ...]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runnerCounts } from "./junit.mjs";
import { staticChecks } from "./checks.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const TIMEOUT_MS = 10 * 60 * 1000;

function run(cmd, args, options = {}) {
  console.log(`$ ${[cmd, ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", timeout: TIMEOUT_MS, ...options });
  if (r.error) console.error(`${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

if (!existsSync(bin("deno")) || !existsSync(bin("bun")) || !existsSync(bin("tsc"))) {
  if (run("npm", ["install", "--no-audit", "--no-fund"]) !== 0) process.exit(1);
}

const testFiles = readdirSync(join(root, "tests")).filter((f) => f.endsWith(".test.ts")).sort();
const work = mkdtempSync(join(tmpdir(), "mio-ts-tests-"));

/** How each runtime runs the test files, reporting to a JUnit file; Node first builds dist/. */
const runtimes = {
  deno: {
    command: (
      xml,
    ) => [bin("deno"), ["test", "-A", `--junit-path=${xml}`, ...testFiles.map((f) => `tests/${f}`)]],
  },
  bun: {
    command: (xml) => [bin("bun"), [
      "test",
      "--timeout=60000",
      "--reporter=junit",
      `--reporter-outfile=${xml}`,
      ...testFiles.map((f) => `./tests/${f}`),
    ]],
  },
  node: {
    prepare() {
      rmSync(join(root, "dist"), { recursive: true, force: true });
      return run(bin("tsc"), ["-p", "."]);
    },
    command: (xml) => [process.execPath, [
      "--test",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=junit",
      `--test-reporter-destination=${xml}`,
      ...testFiles.map((f) => `dist/tests/${f.replace(/\.ts$/, ".js")}`),
    ]],
  },
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
const kqueueFlags = { MIO_FORCE_POLL_POLL: "", MIO_FORCE_WAKER_PIPE: "", MIO_KQUEUE_LIB: kqueueLib };

/**
 * Each runtime runs the suite once per backend: the default one, then the
 * poll(2) selector with the pipe waker (mio's mio_unsupported_force_* flags),
 * then, where libkqueue is present, the kqueue selector over it. An empty
 * value unsets a variable inherited from this process's environment.
 */
const backends = [
  ["", { MIO_FORCE_POLL_POLL: "", MIO_FORCE_WAKER_PIPE: "", MIO_KQUEUE_LIB: "" }],
  [" (poll, pipe waker)", { MIO_FORCE_POLL_POLL: "1", MIO_FORCE_WAKER_PIPE: "1", MIO_KQUEUE_LIB: "" }],
  ...(kqueueSkip === null ? [[" (kqueue via libkqueue)", kqueueFlags]] : []),
];

/** Static checks: each a pass or a fail of the suite. */
const checks = staticChecks({ root, bin, run });

const chosen = process.argv.slice(2).length > 0
  ? process.argv.slice(2)
  : ["checks", ...Object.keys(runtimes)];
const lines = [];
let passed = 0, failed = 0, skipped = 0;
if (chosen.includes("checks")) {
  console.log("\n=== checks");
  const failures = Object.entries(checks).filter(([, check]) => check() !== 0).map(([name]) => name);
  const ok = Object.keys(checks).length - failures.length;
  passed += ok;
  failed += failures.length;
  lines.push(
    `checks: ${ok} passed, ${failures.length} failed${failures.length ? ` (${failures.join(", ")})` : ""}`,
  );
}
for (const name of chosen.filter((n) => n !== "checks")) {
  const prepared = runtimes[name].prepare?.() ?? 0;
  for (const [index, [label, flags]] of backends.entries()) {
    console.log(`\n=== ${name}${label}: ${testFiles.length} test files`);
    const xml = join(work, `${name}-${index}.xml`);
    const [cmd, args] = runtimes[name].command(xml);
    const status = prepared === 0 ? run(cmd, args, { env: { ...process.env, ...flags } }) : prepared;
    const c = runnerCounts(xml, status);
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
    lines.push(`${name}${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    for (const failure of c.failures) lines.push(`  failed: ${failure}`);
  }
}
const ranSuites = chosen.some((n) => n !== "checks");
if (ranSuites && kqueueSkip !== null) lines.push(`kqueue (libkqueue) runs skipped: ${kqueueSkip}`);
rmSync(work, { recursive: true, force: true });
console.log("\n" + lines.join("\n"));
console.log(`total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
