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
    assert.deepEqual(junit.countJunit(xml), { passed: 2, failed: 1, skipped: 1, failures: ["a > fail"] });
  } finally {
    removeDir(dir);
  }
});
