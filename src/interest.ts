/**
 * `Interest`: which readiness a registration asks for, as bit flags.
 *
 * @module
 */
import {
  INTEREST_AIO,
  INTEREST_ALL,
  INTEREST_LIO,
  INTEREST_PRIORITY,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
} from "../sys/contract.ts";

/** A non-empty set of interests: `Interest.READABLE | Interest.WRITABLE`, … */
export type Interest = number;

/**
 * The interest flags and their helpers (mio's `Interest`), frozen. Every
 * helper throws `RangeError` for an empty (0) or unknown-bit interest.
 */
export const Interest: {
  /** Readable readiness. */
  readonly READABLE: Interest;
  /** Writable readiness. */
  readonly WRITABLE: Interest;
  /** Priority (out-of-band) readiness; epoll and poll(2) (Linux) only: elsewhere `register` throws `Unsupported`. */
  readonly PRIORITY: Interest;
  /** AIO completion; FreeBSD's kqueue only: elsewhere `register` throws `Unsupported`. */
  readonly AIO: Interest;
  /** LIO completion; FreeBSD's kqueue only: elsewhere `register` throws `Unsupported`. */
  readonly LIO: Interest;
  /** `a` with the flags of `b` added. */
  add(a: Interest, b: Interest): Interest;
  /** `a` without the flags of `b`, or `null` when nothing is left. */
  remove(a: Interest, b: Interest): Interest | null;
  /** Whether `i` includes `READABLE`. */
  isReadable(i: Interest): boolean;
  /** Whether `i` includes `WRITABLE`. */
  isWritable(i: Interest): boolean;
  /** Whether `i` includes `PRIORITY`. */
  isPriority(i: Interest): boolean;
  /** Whether `i` includes `AIO`. */
  isAio(i: Interest): boolean;
  /** Whether `i` includes `LIO`. */
  isLio(i: Interest): boolean;
  /** Names the flags of `i`, e.g. `"READABLE | WRITABLE"`. */
  format(i: Interest): string;
} = Object.freeze({
  READABLE: INTEREST_READABLE,
  WRITABLE: INTEREST_WRITABLE,
  PRIORITY: INTEREST_PRIORITY,
  AIO: INTEREST_AIO,
  LIO: INTEREST_LIO,
  add: (a, b) => checkInterest(a) | checkInterest(b),
  remove(a, b) {
    const left = checkInterest(a) & ~checkInterest(b);
    return left === 0 ? null : left;
  },
  isReadable: (i) => (checkInterest(i) & INTEREST_READABLE) !== 0,
  isWritable: (i) => (checkInterest(i) & INTEREST_WRITABLE) !== 0,
  isPriority: (i) => (checkInterest(i) & INTEREST_PRIORITY) !== 0,
  isAio: (i) => (checkInterest(i) & INTEREST_AIO) !== 0,
  isLio: (i) => (checkInterest(i) & INTEREST_LIO) !== 0,
  format(i) {
    checkInterest(i);
    const names = (["READABLE", "WRITABLE", "AIO", "LIO", "PRIORITY"] as const)
      .filter((name) => (i & Interest[name]) !== 0);
    return names.join(" | ");
  },
});

/** Checks that `i` is a non-empty combination of known interest flags. */
export function checkInterest(i: unknown): Interest {
  if (typeof i !== "number" || !Number.isInteger(i) || i <= 0 || (i & ~INTEREST_ALL) !== 0) {
    throw new RangeError(`an Interest must be a non-empty combination of Interest flags, got ${String(i)}`);
  }
  return i;
}
