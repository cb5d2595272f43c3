/**
 * The markdown of bench/RESULTS.md: settings, machine and versions, the
 * table per server CPU second with ratios against the targets, the raw
 * rates, the idle-connections cell, what was missed and by how much, the
 * commands, and the sub-benchmarks' own output.
 *
 * @module
 */
import { spread, summary, times } from "./stats.mjs";

/** Per-round ratios `a[r] / b[r]` for the rounds both have. */
function ratios(a = [], b = []) {
  const out = [];
  for (let r = 0; r < Math.max(a.length, b.length); r++) {
    if (a[r] && b[r] && Number.isFinite(a[r].perCpu) && Number.isFinite(b[r].perCpu)) {
      out.push(a[r].perCpu / b[r].perCpu);
    }
  }
  return out;
}

/** `{ median, min, max }` of one field over the samples present. */
function of(list = [], field) {
  return summary(list.filter(Boolean).map((s) => s[field]).filter(Number.isFinite));
}

/** A median server CPU use, in cores. */
function cores(median) {
  return Number.isFinite(median) ? median.toFixed(2) : "n/a";
}

/** "met", or "**missed** by N%" (how far the median is below `target`), or "—" without a target. */
function verdict(ratio, target, below = false) {
  if (target === null || target === undefined) return "—";
  if (!Number.isFinite(ratio)) return "n/a";
  const ok = below ? ratio <= target : ratio >= target;
  if (ok) return "met";
  const by = below ? (ratio / target - 1) * 100 : (1 - ratio / target) * 100;
  return `**missed** by ${by.toFixed(0)}%`;
}

/**
 * The figures of the tables, from everything run.mjs gathered: per
 * runtime and load, `{ median, min, max }` of each measurement and ratio,
 * the target and whether it was met.
 */
function figures(r) {
  const { config, cells, samples } = r;
  const throughput = [];
  const idle = [];
  for (const runtime of config.runtimes) {
    for (const [cell, { label, unit, group, target: targetGroup }] of Object.entries(cells)) {
      const mio = samples[`${runtime} ${cell} mio`];
      const native = samples[`${runtime} ${cell} native`];
      if (!mio && !native) continue;
      const ratio = summary(ratios(mio, native));
      const target = r.targets[targetGroup ?? group][runtime];
      throughput.push({
        runtime,
        load: label,
        unit,
        mioPerCpu: of(mio, "perCpu"),
        mioRate: of(mio, "rate"),
        mioCores: of(mio, "cores").median,
        builtIn: r.builtIn[group][runtime],
        builtInPerCpu: of(native, "perCpu"),
        builtInRate: of(native, "rate"),
        builtInCores: of(native, "cores").median,
        ratio,
        target,
        verdict: verdict(ratio.median, target),
      });
    }
  }
  for (const runtime of config.runtimes) {
    const busy = samples[`${runtime} echo mio`];
    const withIdle = samples[`${runtime} idle mio`];
    if (!withIdle) continue;
    const ratio = summary(ratios(withIdle, busy));
    const heap = summary((r.heapPerIdle[runtime] ?? []).filter(Number.isFinite));
    idle.push({
      runtime,
      busyPerCpu: of(busy, "perCpu"),
      idlePerCpu: of(withIdle, "perCpu"),
      ratio,
      target: 0.9,
      verdict: verdict(ratio.median, 0.9),
      heapPerIdleConnection: heap,
      heapTarget: 1024,
      heapVerdict: verdict(heap.median, 1024, true),
    });
  }
  return { throughput, idle };
}

/**
 * bench/RESULTS.json: the run's settings, machine and figures (the numbers
 * of RESULTS.md's tables, unrounded; a verdict is "met", "—" without a
 * target, or "**missed** by N%").
 */
export function resultsJson(r) {
  const { config } = r;
  return {
    started: r.started.toISOString(),
    finished: r.finished.toISOString(),
    settings: {
      rounds: config.rounds,
      seconds: config.seconds,
      warmup: config.warmup,
      pipeline: config.pipeline,
      idle: config.idle,
      runtimes: config.runtimes,
      label: config.label,
    },
    environment: Object.fromEntries(r.environment),
    pinned: r.pinned,
    loadAverages: { start: r.loadAverages[0], end: r.loadAverages[1] },
    ...figures(r),
    failures: r.failures,
  };
}

/** Builds RESULTS.md from everything run.mjs gathered. */
export function report(r) {
  const { config, samples } = r;
  const lines = [];
  const missed = [];
  const add = (...l) => lines.push(...l);
  const { throughput, idle } = figures(r);
  const shortRun = config.rounds < 3 || config.seconds < 3;

  add("# mio-ts benchmark results", "");
  if (shortRun || config.label) {
    add(
      `> ${
        [
          shortRun
            ? `**Short run** (${config.rounds} round(s) of ${config.seconds} s): a check that the harness works ` +
              "end to end, not figures to quote."
            : "",
          config.label,
        ].filter(Boolean).join(" ")
      }`,
      "",
    );
  }
  add(
    `Run ${r.started.toISOString()} – ${r.finished.toISOString()} with \`npm run bench\` (bench/run.mjs); ` +
      `bench/README.md says what each cell means.`,
    "",
    "| | |",
    "|---|---|",
    ...r.environment.map(([k, v]) => `| ${k} | ${v.replaceAll("|", "\\|")} |`),
    `| Settings | ${config.rounds} interleaved round(s); ${config.seconds} s measured per cell after ` +
      `${config.warmup} s warm-up; wrk pipelining depth ${config.pipeline}; ${config.idle} idle connections |`,
    `| Pinning | ${r.pinned ? "server `taskset -c 0`, load `taskset -c 1`" : "none (one CPU)"} |`,
    `| Load average | ${r.loadAverages.map((l) => l.toFixed(2)).join(" at the start, ")} at the end |`,
    "",
  );

  add(
    "## Throughput per server CPU second",
    "",
    "Median over the rounds (min–max). Ratio: mio-ts / built-in, the median of the per-round ratios (min–max).",
    "",
    "| Runtime | Load | Unit | mio-ts per server CPU-s | Built-in | Built-in per server CPU-s | Ratio | Target | |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  const raw = [];
  for (const t of throughput) {
    if (t.verdict.startsWith("**missed")) {
      missed.push(
        `${t.runtime}, ${t.load}: ${times(t.ratio.median)} ${t.builtIn}, target ${times(t.target)} — ${
          t.verdict.slice(11)
        }`,
      );
    }
    add(
      `| ${t.runtime} | ${t.load} | ${t.unit} | ${spread(t.mioPerCpu)} | ${t.builtIn} | ${
        spread(t.builtInPerCpu)
      } | ${spread(t.ratio, times)} | ${t.target ? `≥ ${times(t.target)}` : "none"} | ${t.verdict} |`,
    );
    raw.push(
      `| ${t.runtime} | ${t.load} | ${t.unit} | ${spread(t.mioRate)} | ${
        cores(t.mioCores)
      } | ${t.builtIn} | ${spread(t.builtInRate)} | ${cores(t.builtInCores)} |`,
    );
  }
  add(
    "",
    "## Raw rates",
    "",
    "Per wall-clock second, median (min–max), and the server's CPU use in cores (1.00 = the whole pinned core). " +
      "A server below 1.00 core was waiting for the load generator.",
    "",
    "| Runtime | Load | Unit | mio-ts per s | mio-ts cores | Built-in | Built-in per s | Built-in cores |",
    "|---|---|---|---|---|---|---|---|",
    ...raw,
    "",
  );

  add(
    "## Idle connections (mio-ts echo)",
    "",
    `64 busy ping-pong connections alone, then beside ${config.idle} idle registered connections, on the same ` +
      "server; JS heap per idle connection = (heap with them − heap without) / connections added, each after a " +
      "full GC, read while the load generator holds its connections open.",
    "",
    "| Runtime | 64 busy, round trips per server CPU-s | + idle | Ratio | Target | | JS heap per idle conn | Target | |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  for (const i of idle) {
    const { runtime, ratio, heapPerIdleConnection: heap, verdict: vt, heapVerdict: vh } = i;
    if (vt !== "met") {
      missed.push(`${runtime}, idle connections: throughput ${times(ratio.median)}, target ≥ 0.90× — ${vt}`);
    }
    if (vh !== "met") {
      missed.push(
        `${runtime}, idle connections: ${heap.median.toFixed(0)} B of heap each, target ≤ 1024 B — ${vh}`,
      );
    }
    add(
      `| ${runtime} | ${spread(i.busyPerCpu)} | ${spread(i.idlePerCpu)} | ${
        spread(ratio, times)
      } | ≥ 0.90× | ${vt} | ${spread(heap, (b) => `${b.toFixed(0)} B`)} | ≤ 1024 B | ${vh} |`,
    );
  }
  add("");

  const errors = Object.entries(samples).flatMap(([key, list]) =>
    list.filter((s) => s?.errors).map((s) => `- ${key}: ${s.errors}`)
  );
  add("## Targets missed", "", ...(missed.length ? missed.map((m) => `- ${m}`) : ["None."]), "");
  if (r.failures.length || errors.length) {
    add("## Failures and errors", "", ...r.failures.map((f) => `- ${f}`), ...errors, "");
  }
  if (r.analysis) add(r.analysis.trim(), "");
  add(
    "## Commands",
    "",
    "PORT is a free port, PID the server's process id. Node runs the JavaScript `tsc` compiled into " +
      "node_modules/.cache/mio-ts-bench/dist/ (the same files as dist/).",
    "",
    "```",
    ...r.commands,
    "```",
    "",
  );
  if (r.sub) {
    add("## FFI micro-benchmark (bench/ffi_micro.ts)", "", r.sub.ffi, "");
    add("## RESP server vs redis-server (bench/resp.mjs)", "", r.sub.resp, "");
  }
  return lines.join("\n");
}
