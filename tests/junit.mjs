// Counting test results from the JUnit XML reports every runtime's test
// runner writes (deno test --junit-path, bun test --reporter=junit, node
// --test-reporter=junit), shared by the test commands.
import { existsSync, readFileSync } from "node:fs";

/**
 * The `<testcase>` results in a JUnit XML report, in order: each one's name,
 * its time in seconds (0 if none is given), its outcome (`failed` with a
 * `<failure>` or `<error>`, `skipped` with `<skipped>`, else `passed`) and,
 * for a failure, the first lines of what the report says of it (`reason`,
 * empty if nothing). Returns null if the report does not exist.
 *
 * @param {string} path the report's path
 * @returns {{ name: string, seconds: number, outcome: "passed" | "failed" | "skipped", reason: string[] }[] | null}
 */
export function testCases(path) {
  if (!existsSync(path)) return null;
  const xml = readFileSync(path, "utf8");
  // Attribute values are skipped whole: Node's reporter leaves ">" unescaped in them.
  return [...xml.matchAll(/<testcase\b(?:[^>"]|"[^"]*")*?(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => {
    const body = m[2] ?? "";
    const failure = /<(failure|error)\b((?:[^>"]|"[^"]*")*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    return {
      name: unescapeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? "(unnamed)"),
      seconds: Number(/\btime="([\d.]+)"/.exec(m[0])?.[1] ?? 0),
      outcome: failure !== null ? "failed" : /<skipped\b/.test(body) ? "skipped" : "passed",
      reason: failure === null
        ? []
        : reasonLines(failure[3] ?? "", /\bmessage="([^"]*)"/.exec(failure[2])?.[1] ?? ""),
    };
  });
}

/** Lines of a failure's reason kept for a summary, and the most characters of each. */
const REASON_LINES = 8;
const REASON_WIDTH = 200;

/**
 * The first lines of a failure's reason: its element's text, else its
 * `message` attribute; CDATA and terminal colours removed, stack frames
 * and blank lines left out, long lines cut.
 */
function reasonLines(text, message) {
  const raw = unescapeXml(text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")).trim() || unescapeXml(message);
  return raw
    // deno-lint-ignore no-control-regex -- terminal colour codes start with ESC
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "" && !/^\s*at /.test(line))
    .slice(0, REASON_LINES)
    .map((line) => (line.length > REASON_WIDTH ? `${line.slice(0, REASON_WIDTH)}…` : line));
}

/**
 * Counts the `<testcase>` results in a JUnit XML report (see `testCases`).
 * Returns null if the report does not exist. `failures` names the failed
 * cases, each followed by the first lines of its reason (indented, one per
 * line), so a summary can say which failed and why.
 *
 * @param {string} path the report's path
 * @returns {{ passed: number, failed: number, skipped: number, failures: string[] } | null}
 */
export function countJunit(path) {
  const cases = testCases(path);
  if (cases === null) return null;
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const c of cases) {
    counts[c.outcome]++;
    if (c.outcome === "failed") {
      counts.failures.push([c.name, ...c.reason.map((l) => `      ${l}`)].join("\n"));
    }
  }
  return counts;
}

/**
 * The counts of one runner: its report's, except that a runner that exited
 * non-zero without reporting a failing test (a crash, a type error, a
 * timeout) counts as one failure, and so does one that exited with status 0
 * and reported no test at all (a run cut short: `node --test` exits 0 when
 * it is interrupted, nodejs/node#62037, and then writes no test cases).
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
  } else if (status === 0 && c.passed + c.failed + c.skipped === 0) {
    const report = existsSync(path) ? "its report holds no test results" : "it wrote no report";
    c.failed = 1;
    c.failures.push(
      `the runner exited with status 0 but ${report} (cut short? node --test exits 0 when interrupted)`,
    );
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
