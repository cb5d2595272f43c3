/**
 * Progress of a long run (`npm run bench`, `soak`, `fuzz`) with an
 * estimate of the time left: the time so far per unit done, times the
 * units left. Lines go to stderr, so stdout keeps only the results.
 *
 * @module
 */

/** How a `Progress` counts and prints. */
export interface ProgressOptions {
  /** What a unit is, plural (`"messages"`, `"steps"`); default `"done"`. */
  unit?: string;
  /** The least time between two lines printed by `advance`/`update` (default 10 s; 0: every call). */
  intervalMs?: number;
  /** Where lines go (default: `console.error`). */
  write?: (line: string) => void;
  /** The clock, in milliseconds (default: `performance.now`). */
  now?: () => number;
}

/** A duration as `45 s`, `3 min 05 s` or `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, "0")} min`;
}

/** A count with thousands separators. */
const group = (n: number) => Math.round(n).toLocaleString("en-US");

/** Counts the units of a run done so far and prints how far it is and about how long it has left. */
export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #unit: string;
  readonly #intervalMs: number;
  readonly #write: (line: string) => void;
  readonly #now: () => number;
  readonly #started: number;
  #done = 0;
  #printed: number;

  /** Starts the clock of a run of `total` units, named `label` in every line. */
  constructor(label: string, total: number, options: ProgressOptions = {}) {
    this.#label = label;
    this.#total = total;
    this.#unit = options.unit ?? "done";
    this.#intervalMs = options.intervalMs ?? 10_000;
    this.#write = options.write ?? ((line) => console.error(line));
    this.#now = options.now ?? (() => performance.now());
    this.#started = this.#now();
    this.#printed = this.#started;
  }

  /** Units done so far. */
  get done(): number {
    return this.#done;
  }

  /** Records `n` more units done; prints a line if the interval has passed since the last. */
  advance(n = 1): void {
    this.update(this.#done + n);
  }

  /** Records that `done` units are done in all; prints a line if the interval has passed since the last. */
  update(done: number): void {
    this.#done = done;
    const now = this.#now();
    if (now - this.#printed < this.#intervalMs) return;
    this.#printed = now;
    this.#write(this.line());
  }

  /**
   * `label: 45% (4,500 of 10,000 messages), 1 min 05 s elapsed, about 1 min 20 s left`
   * (no estimate before the first unit is done).
   */
  line(): string {
    const elapsed = (this.#now() - this.#started) / 1000;
    const done = Math.min(this.#done, this.#total);
    const percent = this.#total > 0 ? Math.floor((done / this.#total) * 100) : 100;
    const left = done > 0
      ? `about ${formatDuration((elapsed / done) * (this.#total - done))} left`
      : "no estimate yet";
    return `${this.#label}: ${percent}% (${group(done)} of ${group(this.#total)} ${this.#unit}), ${
      formatDuration(elapsed)
    } elapsed, ${left}`;
  }
}
