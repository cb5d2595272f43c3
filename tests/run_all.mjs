#!/usr/bin/env node
// Runs the whole suite on Deno, Bun and Node (Node on the compiled output in
// dist/), prints one "N passed, N failed" line per runtime and a total, and
// exits non-zero on any failure; `deno lint` and `deno fmt --check` count as
// two more tests. Usage: node tests/run_all.mjs [checks|deno|bun|node ...]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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

/** Counts <testcase> results in a JUnit XML report. */
function countJunit(path) {
  if (!existsSync(path)) return null;
  const xml = readFileSync(path, "utf8");
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const m of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = m[2] ?? "";
    if (/<failure\b|<error\b/.test(body)) counts.failed++;
    else if (/<skipped\b/.test(body)) counts.skipped++;
    else counts.passed++;
  }
  return counts;
}

const runtimes = {
  deno(xml) {
    return run(bin("deno"), ["test", "-A", `--junit-path=${xml}`, ...testFiles.map((f) => `tests/${f}`)]);
  },
  bun(xml) {
    return run(bin("bun"), [
      "test",
      "--timeout=60000",
      "--reporter=junit",
      `--reporter-outfile=${xml}`,
      ...testFiles.map((f) => `./tests/${f}`),
    ]);
  },
  node(xml) {
    rmSync(join(root, "dist"), { recursive: true, force: true });
    if (run(bin("tsc"), ["-p", "."]) !== 0) return 1;
    return run(process.execPath, [
      "--test",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=junit",
      `--test-reporter-destination=${xml}`,
      ...testFiles.map((f) => `dist/tests/${f.replace(/\.ts$/, ".js")}`),
    ]);
  },
};

/** Style checks: each a pass or a fail of the suite. */
const checks = {
  "deno lint": () => run(bin("deno"), ["lint"]),
  "deno fmt --check": () => run(bin("deno"), ["fmt", "--check"]),
};

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
  const xml = join(work, `${name}.xml`);
  console.log(`\n=== ${name}: ${testFiles.length} test files`);
  const status = runtimes[name](xml);
  const c = countJunit(xml) ?? { passed: 0, failed: 0, skipped: 0 };
  // A runner that failed without reporting a failing test (crash, type error, timeout) counts as one failure.
  if (status !== 0 && c.failed === 0) c.failed = 1;
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  lines.push(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
rmSync(work, { recursive: true, force: true });
console.log("\n" + lines.join("\n"));
console.log(`total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
