// The test commands' counting of JUnit reports (tests/junit.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { removeDir } from "./util/files.ts";

/** tests/junit.mjs, from the repository root every test command runs in (it is not compiled into dist/). */
const junit = await import(pathToFileURL(join(process.cwd(), "tests", "junit.mjs")).href);

test("a '>' left unescaped in a test's name does not hide the test cases after it (Node's reporter)", () => {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-junit-"));
  try {
    const xml = join(dir, "r.xml");
    writeFileSync(
      xml,
      `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
	<testcase name="named E&lt;number>" time="0.1" classname="test"/>
	<testcase name="a pass" time="0.1" classname="test"/>
	<testcase name="a skip" time="0.1" classname="test"><skipped type="skipped" message="why"/></testcase>
	<testcase name="a > fail" time="0.1" classname="test"><failure type="testCodeFailure">boom</failure></testcase>
</testsuites>`,
    );
    assert.deepEqual(junit.countJunit(xml), {
      passed: 2,
      failed: 1,
      skipped: 1,
      failures: ["a > fail\n      boom"],
    });
  } finally {
    removeDir(dir);
  }
});

test("a failure's reason: its text (CDATA and colours removed, no stack frames), else its message, at most 8 lines", () => {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-junit-"));
  try {
    const xml = join(dir, "r.xml");
    const long = "x".repeat(250);
    const many = Array.from({ length: 12 }, (_, i) => `line ${i}`).join("\n");
    writeFileSync(
      xml,
      `<testsuites>
	<testcase name="coloured" time="0.1"><failure type="t"><![CDATA[\x1b[31mAssertionError\x1b[0m: 1 !== 2

    at check (file.ts:1:2)
  where &lt;here>]]></failure></testcase>
	<testcase name="by message" time="0.1"><error message="exited with 139: crash"/></testcase>
	<testcase name="long" time="0.1"><failure>${long}\n${many}</failure></testcase>
</testsuites>`,
    );
    const failures = junit.countJunit(xml)!.failures;
    assert.equal(failures[0], "coloured\n      AssertionError: 1 !== 2\n        where <here>");
    assert.equal(failures[1], "by message\n      exited with 139: crash");
    const lines = failures[2]!.split("\n");
    assert.equal(lines.length, 1 + 8);
    assert.equal(lines[1], `      ${"x".repeat(200)}…`);
    assert.equal(lines[8], "      line 6");
  } finally {
    removeDir(dir);
  }
});

test("a runner that exits with status 0 but reports no test counts as one failure, with the reason", () => {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-junit-"));
  try {
    const xml = join(dir, "r.xml");
    writeFileSync(xml, `<?xml version="1.0" encoding="utf-8"?>\n`);
    const empty = junit.runnerCounts(xml, 0);
    assert.deepEqual([empty.passed, empty.failed, empty.skipped], [0, 1, 0]);
    assert.match(empty.failures[0], /status 0 but its report holds no test results/);
    const missing = junit.runnerCounts(join(dir, "none.xml"), 0);
    assert.deepEqual([missing.passed, missing.failed, missing.skipped], [0, 1, 0]);
    assert.match(missing.failures[0], /status 0 but it wrote no report/);
    const crashed = junit.runnerCounts(xml, 3);
    assert.deepEqual([crashed.failed, crashed.failures], [1, [
      "the runner exited with status 3 without reporting a failed test",
    ]]);
    writeFileSync(xml, `<testsuites><testcase name="a skip"><skipped/></testcase></testsuites>`);
    assert.deepEqual(junit.runnerCounts(xml, 0), { passed: 0, failed: 0, skipped: 1, failures: [] });
  } finally {
    removeDir(dir);
  }
});

test("the grand total names each failed test with its run, after the per-file lines", async () => {
  const runner = await import(pathToFileURL(join(process.cwd(), "tests", "runner.mjs")).href);
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-junit-"));
  try {
    const native = join(dir, "native.json");
    writeFileSync(
      native,
      JSON.stringify({
        title: "total",
        passed: 3,
        failed: 1,
        skipped: 0,
        runs: [
          { name: "deno", passed: 2, failed: 0, skipped: 0, seconds: 1, failures: [] },
          { name: "bun", passed: 1, failed: 1, skipped: 0, seconds: 1, failures: ["a flaky case"] },
        ],
      }),
    );
    const t = runner.addSummaries([native, join(dir, "missing.json")]);
    assert.deepEqual([t.passed, t.failed, t.skipped], [3, 2, 0]);
    assert.equal(t.lines[0], `${native}: total: 3 passed, 1 failed, 0 skipped`);
    assert.equal(t.lines[1], "  failed in bun: a flaky case");
    assert.match(t.lines[2], /missing\.json: no summary .*counted as one failure/);
  } finally {
    removeDir(dir);
  }
});
