/**
 * The ratio chart of bench/results.svg: mio-ts / built-in throughput per
 * server CPU second for each runtime and load (median of the rounds, the
 * min–max spread as a bar, the target as a tick), drawn with Vega-Lite and
 * rendered to SVG by Vega in Node (no canvas, no network). Its figures
 * come from bench/RESULTS.json, or from the table of a RESULTS.md.
 *
 * @module
 */
import * as vega from "vega";
import { compile } from "vega-lite";

/**
 * One bar of the chart: a runtime and load, its built-in, the ratio's
 * median, min and max, and the target (null: none).
 *
 * @typedef {{ runtime: string, load: string, builtIn: string, median: number, min: number, max: number,
 *   target: number | null }} RatioRow
 */

/** The chart's rows from RESULTS.json's `throughput` (rows without a ratio left out). */
export function rowsFromJson(results) {
  return results.throughput
    .filter((t) => Number.isFinite(t.ratio?.median))
    .map((t) => ({
      runtime: t.runtime,
      load: t.load,
      builtIn: t.builtIn,
      median: t.ratio.median,
      min: t.ratio.min,
      max: t.ratio.max,
      target: t.target ?? null,
    }));
}

/** `1.44×` → 1.44. */
function ratioOf(text) {
  const n = Number(text.replace("×", ""));
  if (!Number.isFinite(n)) throw new Error(`not a ratio: ${JSON.stringify(text)}`);
  return n;
}

/**
 * The chart's rows from the "Throughput per server CPU second" table of a
 * RESULTS.md (its figures as printed: ratios to two decimals).
 */
export function rowsFromMarkdown(markdown) {
  const section = markdown.split(/^## /m).find((s) => s.startsWith("Throughput per server CPU second"));
  if (section === undefined) throw new Error("no '## Throughput per server CPU second' table");
  const rows = [];
  for (const line of section.split("\n")) {
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    if (cells.length !== 9 || cells[0] === "Runtime" || cells[0].startsWith("---")) continue;
    const [runtime, load, , , builtIn, , ratio, target] = cells;
    if (ratio === "n/a") continue;
    const m = /^([\d.]+×)(?: \(([\d.]+×)–([\d.]+×)\))?$/.exec(ratio);
    if (m === null) throw new Error(`unexpected ratio cell ${JSON.stringify(ratio)} in: ${line}`);
    const median = ratioOf(m[1]);
    rows.push({
      runtime,
      load,
      builtIn,
      median,
      min: m[2] ? ratioOf(m[2]) : median,
      max: m[3] ? ratioOf(m[3]) : median,
      target: target === "none" ? null : ratioOf(target.replace("≥", "").trim()),
    });
  }
  if (rows.length === 0) throw new Error("the throughput table has no rows");
  return rows;
}

/** The Vega-Lite specification of the chart for `rows`; `subtitle` says where the figures come from. */
export function chartSpec(rows, subtitle) {
  /** Per runtime, its built-ins in the order of the rows. */
  const builtIns = new Map();
  for (const r of rows) {
    const list = builtIns.get(r.runtime) ?? [];
    if (!list.includes(r.builtIn)) list.push(r.builtIn);
    builtIns.set(r.runtime, list);
  }
  const panel = (runtime) => `${runtime}: mio-ts vs ${builtIns.get(runtime).join(", ")}`;
  const values = rows.map((r) => ({ ...r, panel: panel(r.runtime), label: `${r.median.toFixed(2)}×` }));
  const low = Math.min(0.5, ...values.map((v) => v.min * 0.8));
  const high = Math.max(2, ...values.map((v) => v.max * 1.6));
  /** The same colour for a runtime in every chart, whichever runtimes a run has. */
  const color = {
    field: "runtime",
    type: "nominal",
    legend: null,
    scale: { domain: ["deno", "bun", "node"], range: ["#2f7d6d", "#c7721e", "#4f6fb0"] },
  };
  const y = { field: "load", type: "nominal", sort: null, axis: { title: null, labelLimit: 360 } };
  const x = {
    type: "quantitative",
    scale: { type: "log", domain: [low, high] },
    axis: { title: "mio-ts ÷ built-in, per server CPU second (log scale; 1× = as fast)", grid: true },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      anchor: "start",
      text: "mio-ts against each runtime's built-in networking",
      subtitle: [
        "Throughput per server CPU second: median of the rounds (dot and label), min–max (bar), target (black tick)",
        subtitle,
      ],
    },
    data: { values },
    facet: {
      row: {
        field: "panel",
        type: "nominal",
        sort: [...builtIns.keys()].map(panel),
        header: {
          title: null,
          labelAngle: 0,
          labelAlign: "left",
          labelOrient: "top",
          labelFontSize: 13,
          labelFontWeight: "bold",
        },
      },
    },
    spec: {
      width: 600,
      height: { step: 20 },
      layer: [
        { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 1, ...x } } },
        {
          mark: { type: "bar", height: 6, opacity: 0.35 },
          encoding: {
            y,
            x: { field: "min", ...x },
            x2: { field: "max" },
            color,
          },
        },
        {
          mark: { type: "circle", size: 60, opacity: 1 },
          encoding: {
            y,
            x: { field: "median", ...x },
            color,
            tooltip: [
              { field: "runtime" },
              { field: "load" },
              { field: "builtIn", title: "built-in" },
              { field: "label", title: "median" },
              { field: "min", format: ".2f" },
              { field: "max", format: ".2f" },
              { field: "target" },
            ],
          },
        },
        {
          transform: [{ filter: "datum.target !== null" }],
          mark: { type: "tick", color: "black", thickness: 2, size: 14 },
          encoding: { y, x: { field: "target", ...x } },
        },
        {
          mark: { type: "text", align: "left", dx: 6, fontSize: 11 },
          encoding: { y, x: { field: "max", ...x }, text: { field: "label" } },
        },
      ],
    },
    config: { font: "sans-serif", view: { stroke: null } },
  };
}

/** The chart for `rows` as an SVG document. */
export async function ratioChartSvg(rows, subtitle) {
  const { spec } = compile(chartSpec(rows, subtitle));
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
