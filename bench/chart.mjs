#!/usr/bin/env node
/**
 * Draws bench/results.svg, the ratio chart of a benchmark run, from
 * bench/RESULTS.json (written by `npm run bench`), or from the throughput
 * table of a RESULTS.md for a run that has no JSON beside it.
 *
 * Run: `node bench/chart.mjs [RESULTS.json | RESULTS.md] [out.svg]` (then
 * `deno fmt` on it, with the repository's deno).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ratioChartSvg, rowsFromJson, rowsFromMarkdown } from "./lib/chart.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));

/** The chart's rows and subtitle from `file` (JSON or Markdown). */
export function chartInput(file) {
  const text = readFileSync(file, "utf8");
  const name = relative(join(BENCH, ".."), file);
  if (file.endsWith(".json")) {
    const results = JSON.parse(text);
    const cpu = results.environment?.CPU ?? "";
    return {
      rows: rowsFromJson(results),
      subtitle: `Run ${results.started.slice(0, 10)}, ${results.settings.rounds} round(s); ${cpu} (${name})`,
    };
  }
  const run = /^Run (\S+)/m.exec(text)?.[1] ?? "";
  const rounds = /\| Settings\s*\|\s*(\d+) interleaved/.exec(text)?.[1] ?? "?";
  const cpu = /\| CPU\s*\|\s*([^|]*?)\s*\|/.exec(text)?.[1] ?? "";
  return {
    rows: rowsFromMarkdown(text),
    subtitle: `Run ${run.slice(0, 10)}, ${rounds} round(s); ${cpu} (${name})`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const json = join(BENCH, "RESULTS.json");
  const input = process.argv[2] ?? (existsSync(json) ? json : join(BENCH, "RESULTS.md"));
  const output = process.argv[3] ?? join(BENCH, "results.svg");
  const { rows, subtitle } = chartInput(input);
  writeFileSync(output, await ratioChartSvg(rows, subtitle));
  // The repository's `deno fmt --check` covers SVG: leave the file as the formatter would.
  const deno = join(BENCH, "../node_modules/.bin/deno");
  if (existsSync(deno)) spawnSync(deno, ["fmt", "--quiet", output], { stdio: "inherit" });
  console.log(
    `${rows.ratios.length} ratios from ${relative(process.cwd(), input)} drawn in ${
      relative(process.cwd(), output)
    }`,
  );
}
