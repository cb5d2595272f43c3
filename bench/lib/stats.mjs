/**
 * Summaries of benchmark samples: median and spread, and the number
 * formats of the tables.
 *
 * @module
 */

/** The median of `xs` (NaN for none). */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `{ median, min, max }` of `xs`. */
export function summary(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** `n` with 3 significant digits and a k/M suffix (e.g. `123k`, `1.25M`); "n/a" for NaN. */
export function short(n) {
  if (!Number.isFinite(n)) return "n/a";
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(n / 1e3).toPrecision(3)}k`;
  return n.toPrecision(3);
}

/** A summary as `median (min–max)` in `format`; just the median for one sample. */
export function spread({ median, min, max }, format = short) {
  if (!Number.isFinite(median)) return "n/a";
  return min === max ? format(median) : `${format(median)} (${format(min)}–${format(max)})`;
}

/** A ratio as `1.23×`. */
export function times(r) {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : "n/a";
}
