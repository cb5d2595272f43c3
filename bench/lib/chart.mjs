/**
 * The chart of bench/results.svg: the throughput ratios per server CPU
 * second for each runtime and load (mio-ts `poll()` and `pollAsync()` ÷
 * the built-in, ÷ the Rust mio server, ÷ a baseline commit's; median of
 * the rounds, the min–max spread as a bar, the target as a tick), and
 * below them the single-connection round trips of every echo server (p50
 * as a dot, p99 as a tick), drawn with Vega-Lite and rendered to SVG by
 * Vega in Node (no canvas, no network). Its figures come from
 * bench/RESULTS.json, or from the table of a RESULTS.md.
 *
 * @module
 */
import * as vega from "vega";
import { compile } from "vega-lite";

/**
 * One bar of the chart: a runtime and load, what is compared (`series`,
 * e.g. "mio-ts poll() ÷ built-in"), the built-in it is compared with (or
 * null), the ratio's median, min and max, and the target (null: none).
 *
 * @typedef {{ runtime: string, load: string, series: string, builtIn: string | null, median: number,
 *   min: number, max: number, target: number | null }} RatioRow
 */

/**
 * One server's single-connection round trip on a runtime: p50 and p99 in
 * µs (medians of the rounds).
 *
 * @typedef {{ runtime: string, server: string, p50: number, p99: number }} LatencyRow
 */

const POLL_VS_BUILT_IN = "mio-ts poll() ÷ built-in";

/**
 * The chart's rows from RESULTS.json: `ratios` from its `throughput` and
 * `comparisons` (rows without a ratio left out), each load's comparisons
 * together; `latency` from its `latency` (none in a RESULTS.json written
 * before the round trips were measured).
 *
 * @returns {{ ratios: RatioRow[], latency: LatencyRow[] }}
 */
export function rowsFromJson(results) {
  const builtIns = new Set(results.throughput.map((t) => t.builtIn));
  const generic = (name) => (builtIns.has(name) ? "built-in" : name);
  const ratios = [
    ...results.throughput.map((t) => ({ ...t, series: POLL_VS_BUILT_IN, builtIn: t.builtIn })),
    ...(results.comparisons ?? []).map((c) => ({
      ...c,
      series: `${generic(c.numerator)} ÷ ${generic(c.denominator)}`,
      builtIn: builtIns.has(c.denominator) ? c.denominator : null,
    })),
  ].filter((t) => Number.isFinite(t.ratio?.median));
  const loads = [...new Set(ratios.map((t) => t.load))];
  ratios.sort((a, b) => loads.indexOf(a.load) - loads.indexOf(b.load));
  return {
    ratios: ratios.map((t) => ({
      runtime: t.runtime,
      load: t.load,
      series: t.series,
      builtIn: t.builtIn,
      median: t.ratio.median,
      min: t.ratio.min,
      max: t.ratio.max,
      target: t.target ?? null,
    })),
    latency: (results.latency ?? [])
      .filter((l) => Number.isFinite(l.p50us?.median))
      .map((l) => ({
        runtime: l.runtime,
        server: l.load ? `${l.load}, ${l.server}` : l.server,
        p50: l.p50us.median,
        p99: l.p99us.median,
      })),
  };
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
      series: POLL_VS_BUILT_IN,
      builtIn,
      median,
      min: m[2] ? ratioOf(m[2]) : median,
      max: m[3] ? ratioOf(m[3]) : median,
      target: target === "none" ? null : ratioOf(target.replace("≥", "").trim()),
    });
  }
  if (rows.length === 0) throw new Error("the throughput table has no rows");
  return { ratios: rows, latency: [] };
}

/**
 * The colours of `series`: the same for a known comparison in every chart,
 * whichever a run has; the others (baselines) in order from a second set.
 */
function seriesColors(series) {
  const known = [
    POLL_VS_BUILT_IN,
    "mio-ts pollAsync() ÷ built-in",
    "mio-ts poll() ÷ Rust",
    "mio-ts pollAsync() ÷ Rust",
  ];
  const colors = ["#4f6fb0", "#c7721e", "#2f7d6d", "#8a5fb0"];
  const others = ["#888888", "#b0506a", "#3f9fbf", "#9a8a2a", "#555555"];
  let next = 0;
  return series.map((name) => {
    const i = known.findIndex((k) => name.startsWith(k));
    return i >= 0 ? colors[i] : others[next++ % others.length];
  });
}

/** The facet header of a runtime's panel. */
function header() {
  return {
    title: null,
    labelAngle: 0,
    labelAlign: "left",
    labelOrient: "top",
    labelFontSize: 13,
    labelFontWeight: "bold",
  };
}

/**
 * The Vega-Lite specification of the chart for `rows` (`{ ratios,
 * latency }`, or the ratio rows alone); `subtitle` says where the figures
 * come from.
 */
export function chartSpec(input, subtitle) {
  const { ratios: rows, latency = [] } = Array.isArray(input) ? { ratios: input } : input;
  /** Per runtime, its built-ins in the order of the rows. */
  const builtIns = new Map();
  for (const r of rows) {
    const list = builtIns.get(r.runtime) ?? [];
    if (r.builtIn && !list.includes(r.builtIn)) list.push(r.builtIn);
    builtIns.set(r.runtime, list);
  }
  const panel = (runtime) =>
    builtIns.get(runtime)?.length ? `${runtime}: built-in = ${builtIns.get(runtime).join(", ")}` : runtime;
  const series = [...new Set(rows.map((r) => r.series))];
  const values = rows.map((r) => ({
    ...r,
    panel: panel(r.runtime),
    label: `${r.median.toFixed(2)}×`,
  }));
  const low = Math.min(0.5, ...values.map((v) => v.min * 0.8));
  const high = Math.max(2, ...values.map((v) => v.max * 1.6));
  const color = {
    field: "series",
    type: "nominal",
    legend: { title: null, orient: "top", direction: "vertical", labelLimit: 500 },
    scale: { domain: series, range: seriesColors(series) },
  };
  const y = { field: "load", type: "nominal", sort: null, axis: { title: null, labelLimit: 420 } };
  /** Each load's comparisons side by side within its band, in the legend's order. */
  const yOffset = { field: "series", type: "nominal", sort: series };
  const x = {
    type: "quantitative",
    scale: { type: "log", domain: [low, high] },
    axis: { title: "ratio of throughput per server CPU second (log scale; 1× = as fast)", grid: true },
  };
  const ratioChart = {
    data: { values },
    facet: {
      row: { field: "panel", type: "nominal", sort: [...builtIns.keys()].map(panel), header: header() },
    },
    spec: {
      width: 600,
      height: { step: 13 },
      layer: [
        { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 1, ...x } } },
        {
          mark: { type: "bar", height: 6, opacity: 0.35 },
          encoding: {
            y,
            yOffset,
            x: { field: "min", ...x },
            x2: { field: "max" },
            color,
          },
        },
        {
          mark: { type: "circle", size: 60, opacity: 1 },
          encoding: {
            y,
            yOffset,
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
          mark: { type: "tick", color: "black", thickness: 2, size: 10 },
          encoding: { y, yOffset, x: { field: "target", ...x } },
        },
        {
          mark: { type: "text", align: "left", dx: 6, fontSize: 11 },
          encoding: { y, yOffset, x: { field: "max", ...x }, text: { field: "label" } },
        },
      ],
    },
  };
  const title = {
    anchor: "start",
    text: "mio-ts against each runtime's built-in networking and a Rust mio server",
    subtitle: [
      "Throughput per server CPU second: median of the rounds (dot and label), min–max (bar), target (black tick)",
      ...(latency.length
        ? ["Below: single-connection round trips, one message in flight: p50 (dot and label), p99 (tick)"]
        : []),
      subtitle,
    ],
  };
  const common = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", title };
  const config = { font: "sans-serif", view: { stroke: null } };
  if (latency.length === 0) return { ...common, ...ratioChart, config };
  const ly = { field: "row", type: "nominal", sort: null, axis: { title: null, labelLimit: 420 } };
  const lx = {
    type: "quantitative",
    scale: { type: "log" },
    axis: { title: "single-connection round trip, µs (log scale; less is better)", grid: true },
  };
  const order = ["deno", "bun", "node", "rust"];
  const latencyValues = [...latency]
    .sort((a, b) => order.indexOf(a.runtime) - order.indexOf(b.runtime))
    .map((l) => ({ ...l, row: `${l.runtime} · ${l.server}`, label: `${l.p50.toFixed(0)} µs` }));
  const latencyChart = {
    data: { values: latencyValues },
    width: 600,
    height: { step: 18 },
    layer: [
      {
        mark: { type: "rule", color: "#bbb" },
        encoding: { y: ly, x: { field: "p50", ...lx }, x2: { field: "p99" } },
      },
      { mark: { type: "circle", size: 60, color: "#333" }, encoding: { y: ly, x: { field: "p50", ...lx } } },
      {
        mark: { type: "tick", color: "#333", thickness: 2, size: 12 },
        encoding: { y: ly, x: { field: "p99", ...lx } },
      },
      {
        mark: { type: "text", align: "left", dy: -9, fontSize: 11 },
        encoding: { y: ly, x: { field: "p50", ...lx }, text: { field: "label" } },
      },
    ],
  };
  return { ...common, vconcat: [ratioChart, latencyChart], config };
}

/** The chart for `rows` (as `chartSpec` takes them) as an SVG document. */
export async function ratioChartSvg(rows, subtitle) {
  const { spec } = compile(chartSpec(rows, subtitle));
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
