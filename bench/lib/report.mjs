/**
 * The markdown of bench/RESULTS.md: settings, machine and versions, the
 * table per server CPU second of the `poll()` servers against the
 * built-ins, the other ratios (`pollAsync()` against the built-in, against
 * the Rust mio server, against `poll()`, the current servers against each
 * baseline commit's), the single-connection round trips, the `pollAsync()`
 * wake-up, every server's rates, the idle-connections cell, what was
 * missed and by how much, the commands, and the sub-benchmarks' own output.
 *
 * @module
 */
import { spread, summary, times } from "./stats.mjs";

/** Per-round ratios `a[r][field] / b[r][field]` for the rounds both have. */
function ratios(a = [], b = [], field = "perCpu") {
  const out = [];
  for (let r = 0; r < Math.max(a.length, b.length); r++) {
    if (a[r] && b[r] && Number.isFinite(a[r][field]) && Number.isFinite(b[r][field])) {
      out.push(a[r][field] / b[r][field]);
    }
  }
  return out;
}

/** The samples key of server `impl`'s `cell` on `runtime` (the Rust server's are the same on every runtime). */
function key(runtime, cell, impl) {
  return impl === "rust" ? `rust ${cell} rust` : `${runtime} ${cell} ${impl}`;
}

/** What server `impl` is called on `runtime`: the built-in of `group` by its name. */
function serverName(r, runtime, impl, group) {
  return impl === "native" ? r.builtIn[group][runtime] : r.servers[impl];
}

/** The server ids with samples, in the order of `r.servers`. */
function serverIds(r) {
  return Object.keys(r.servers).filter((id) => Object.keys(r.samples).some((k) => k.endsWith(` ${id}`)));
}

/** The single-connection round-trip cells: samples cell, load label, built-in group. */
const LATENCY_CELLS = [
  ["latency", "echo, 64 B", "echo"],
  ["http-latency", "HTTP GET", "http"],
];

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
  const comparisons = [];
  for (const c of r.comparisons ?? []) {
    for (const runtime of config.runtimes) {
      for (const [cell, { label, unit, group }] of Object.entries(cells)) {
        const num = samples[key(runtime, cell, c.numerator)];
        const den = samples[key(runtime, cell, c.denominator)];
        if (!num && !den) continue;
        const ratio = summary(ratios(num, den));
        const target = c.targets[cell] ?? null;
        comparisons.push({
          runtime,
          load: label,
          unit,
          numerator: serverName(r, runtime, c.numerator, group),
          denominator: serverName(r, runtime, c.denominator, group),
          numeratorPerCpu: of(num, "perCpu"),
          denominatorPerCpu: of(den, "perCpu"),
          ratio,
          target,
          verdict: verdict(ratio.median, target),
        });
      }
    }
  }
  const latency = [];
  const ids = serverIds(r);
  for (const [cell, load, group] of LATENCY_CELLS) {
    for (const runtime of [...config.runtimes, "rust"]) {
      for (const impl of ids) {
        if ((runtime === "rust") !== (impl === "rust")) continue;
        const list = samples[`${runtime} ${cell} ${impl}`];
        if (!list) continue;
        latency.push({
          runtime,
          load,
          server: serverName(r, runtime, impl, group),
          p50us: of(list, "p50"),
          p99us: of(list, "p99"),
          perCpu: of(list, "perCpu"),
        });
      }
    }
  }
  const latencyTargets = [];
  for (const runtime of config.runtimes) {
    const a = samples[`${runtime} latency async`];
    const n = samples[`${runtime} latency native`];
    if (!a || !n) continue;
    const ratio = summary(ratios(a, n, "p50"));
    latencyTargets.push({
      runtime,
      asyncP50us: of(a, "p50"),
      builtIn: r.builtIn.echo[runtime],
      builtInP50us: of(n, "p50"),
      ratio,
      target: 1,
      verdict: verdict(ratio.median, 1, true),
    });
  }
  const wakeup = Object.entries(r.sub?.wakeup ?? {}).map(([runtime, addedUs]) => ({
    runtime,
    addedUs,
    targetUs: r.wakeupTargetUs,
    verdict: addedUs <= r.wakeupTargetUs
      ? "met"
      : `**missed** by ${(addedUs - r.wakeupTargetUs).toFixed(1)} µs`,
  }));
  const rates = [];
  for (const runtime of [...config.runtimes, "rust"]) {
    for (const [cell, { label, unit, group }] of Object.entries(cells)) {
      for (const impl of ids) {
        if ((runtime === "rust") !== (impl === "rust")) continue;
        const list = samples[`${runtime} ${cell} ${impl}`];
        if (!list) continue;
        rates.push({
          runtime,
          load: label,
          unit,
          server: serverName(r, runtime, impl, group),
          perCpu: of(list, "perCpu"),
          rate: of(list, "rate"),
          cores: of(list, "cores").median,
        });
      }
    }
  }
  return { throughput, comparisons, latency, latencyTargets, wakeup, rates, idle };
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
      servers: config.servers,
      baselines: config.baselines,
      label: config.label,
    },
    environment: Object.fromEntries(r.environment),
    pinned: r.pinned,
    loadAverages: { start: r.loadAverages[0], end: r.loadAverages[1] },
    serverNames: Object.fromEntries(serverIds(r).map((id) => [id, r.servers[id]])),
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
  const { throughput, comparisons, latency, latencyTargets, wakeup, rates, idle } = figures(r);
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
    "The mio-ts servers waiting with `poll()` against each runtime's own networking. Median over the rounds " +
      "(min–max). Ratio: mio-ts / built-in, the median of the per-round ratios (min–max).",
    "",
    "| Runtime | Load | Unit | mio-ts poll() per server CPU-s | Built-in | Built-in per server CPU-s | Ratio | Target | |",
    "|---|---|---|---|---|---|---|---|---|",
  );
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
  }
  add("");

  /** One table per comparison (numerator and denominator servers), in the order they were listed. */
  const builtIns = [...Object.values(r.builtIn.echo), ...Object.values(r.builtIn.http)];
  const titleOf = (c) =>
    [c.numerator, c.denominator].map((n) => (builtIns.includes(n) ? "built-in" : n)).join(" ÷ ");
  const titles = [...new Set(comparisons.map(titleOf))];
  for (const title of titles) {
    add(
      `## ${title}, per server CPU second`,
      "",
      "Median over the rounds (min–max); the ratio is the median of the per-round ratios (min–max).",
      "",
      "| Runtime | Load | Unit | Server | Per server CPU-s | Against | Per server CPU-s | Ratio | Target | |",
      "|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const c of comparisons) {
      if (titleOf(c) !== title) continue;
      if (c.verdict.startsWith("**missed")) {
        missed.push(
          `${c.runtime}, ${c.load}: ${c.numerator} ${times(c.ratio.median)} ${c.denominator}, target ${
            times(c.target)
          } — ${c.verdict.slice(11)}`,
        );
      }
      add(
        `| ${c.runtime} | ${c.load} | ${c.unit} | ${c.numerator} | ${
          spread(c.numeratorPerCpu)
        } | ${c.denominator} | ${spread(c.denominatorPerCpu)} | ${spread(c.ratio, times)} | ${
          c.target ? `≥ ${times(c.target)}` : "none"
        } | ${c.verdict} |`,
      );
    }
    add("");
  }

  /** A time given in µs: µs below a millisecond, ms above. */
  const us = (v) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(1)} µs`);
  if (latency.length) {
    add(
      "## Single-connection round trip",
      "",
      "One connection, one message in flight. Echo: 64 bytes sent, all of them read back, the next sent; each " +
        "round trip timed from the send to the last byte of its echo (bench/.build/echo_load -m latency). HTTP: " +
        "`wrk -t1 -c1 --latency`, one GET at a time, wrk's own latency distribution. Median over the rounds of " +
        "each round's p50 and p99 (min–max).",
      "",
      "| Runtime | Load | Server | p50 | p99 | Round trips per server CPU-s |",
      "|---|---|---|---|---|---|",
      ...latency.map((l) =>
        `| ${l.runtime} | ${l.load} | ${l.server} | ${spread(l.p50us, us)} | ${spread(l.p99us, us)} | ${
          spread(l.perCpu)
        } |`
      ),
      "",
    );
  }
  if (latencyTargets.length) {
    add(
      "p50 of the `pollAsync()` echo server ÷ p50 of the built-in echo (median of the per-round ratios, min–max); " +
        "target ≤ 1.00×:",
      "",
      "| Runtime | mio-ts pollAsync() p50 | Built-in | Built-in p50 | Ratio | Target | |",
      "|---|---|---|---|---|---|---|",
    );
    for (const l of latencyTargets) {
      if (l.verdict.startsWith("**missed")) {
        missed.push(
          `${l.runtime}, single-connection p50: pollAsync() ${
            times(l.ratio.median)
          } ${l.builtIn}, target ≤ 1.00× — ${l.verdict.slice(11)}`,
        );
      }
      add(
        `| ${l.runtime} | ${spread(l.asyncP50us, us)} | ${l.builtIn} | ${spread(l.builtInP50us, us)} | ${
          spread(l.ratio, times)
        } | ≤ 1.00× | ${l.verdict} |`,
      );
    }
    add("");
  }
  if (wakeup.length) {
    add(
      "## pollAsync() wake-up",
      "",
      "Median latency `pollAsync()` adds over `poll()` when a Worker's write wakes the wait " +
        "(bench/poll_async_latency.ts, its last line; its whole output is below).",
      "",
      "| Runtime | Added per wake-up | Target | |",
      "|---|---|---|---|",
    );
    for (const w of wakeup) {
      if (w.verdict !== "met") {
        missed.push(`${w.runtime}, pollAsync() wake-up: +${us(w.addedUs)} — ${w.verdict.slice(11)}`);
      }
      add(
        `| ${w.runtime} | ${w.addedUs >= 0 ? "+" : ""}${us(w.addedUs)} | ≤ ${
          us(w.targetUs)
        } | ${w.verdict} |`,
      );
    }
    add("");
  }

  add(
    "## Every server's rates",
    "",
    "Per server CPU second and per wall-clock second, median (min–max), and the server's CPU use in cores " +
      "(1.00 = the whole pinned core). A server below 1.00 core was waiting for the load generator.",
    "",
    "| Runtime | Load | Unit | Server | Per server CPU-s | Per s | Cores |",
    "|---|---|---|---|---|---|---|",
    ...rates.map((v) =>
      `| ${v.runtime} | ${v.load} | ${v.unit} | ${v.server} | ${spread(v.perCpu)} | ${spread(v.rate)} | ${
        cores(v.cores)
      } |`
    ),
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
    add("## pollAsync() latency (bench/poll_async_latency.ts)", "", r.sub.async, "");
    add("## FFI micro-benchmark (bench/ffi_micro.ts)", "", r.sub.ffi, "");
    add("## RESP server vs redis-server (bench/resp.mjs)", "", r.sub.resp, "");
  }
  return lines.join("\n");
}
