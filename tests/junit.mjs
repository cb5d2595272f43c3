// Counting test results from the JUnit XML reports every runtime's test
// runner writes (deno test --junit-path, bun test --reporter=junit, node
// --test-reporter=junit), shared by the test commands.
import { existsSync, readFileSync } from "node:fs";

/**
 * Counts the `<testcase>` results in a JUnit XML report: a case with a
 * `<failure>` or `<error>` failed, one with `<skipped>` was skipped, any other
 * passed. Returns null if the report does not exist. `failures` names the
 * failed cases, so a summary can say which.
 *
 * @param {string} path the report's path
 * @returns {{ passed: number, failed: number, skipped: number, failures: string[] } | null}
 */
export function countJunit(path) {
  if (!existsSync(path)) return null;
  const xml = readFileSync(path, "utf8");
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  // Attribute values are skipped whole: Node's reporter leaves ">" unescaped in them.
  for (const m of xml.matchAll(/<testcase\b(?:[^>"]|"[^"]*")*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = m[2] ?? "";
    if (/<failure\b|<error\b/.test(body)) {
      counts.failed++;
      counts.failures.push(unescapeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? "(unnamed)"));
    } else if (/<skipped\b/.test(body)) counts.skipped++;
    else counts.passed++;
  }
  return counts;
}

/**
 * The counts of one runner: its report's, except that a runner that exited
 * non-zero without reporting a failing test (a crash, a type error, a
 * timeout) counts as one failure.
 *
 * @param {string} path the report's path
 * @param {number} status the runner's exit status
 * @returns {{ passed: number, failed: number, skipped: number, failures: string[] }}
 */
export function runnerCounts(path, status) {
  const c = countJunit(path) ?? { passed: 0, failed: 0, skipped: 0, failures: [] };
  if (status !== 0 && c.failed === 0) {
    c.failed = 1;
    c.failures.push(`the runner exited with status ${status} without reporting a failed test`);
  }
  return c;
}

/** XML's five predefined entities, decoded. */
function unescapeXml(text) {
  return text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e],
  );
}
