/**
 * `isize` arguments for Deno's FFI without deoptimizing their callers.
 *
 * Deno's fast calls take a 64-bit integer parameter (`isize`, `usize`,
 * `i64`) as a `bigint`: given a number, the optimized caller deoptimizes
 * ("not a BigInt") and is optimized again later, over and over in a hot
 * loop, and each deoptimization allocates. A `pointer` parameter takes
 * Deno's pointer objects without that. So `isize` parameters are declared
 * to Deno as `pointer`, and each number is passed as the pointer object of
 * that value, made once and cached (handles, sockets and addresses recur).
 *
 * @module
 */

/** What makes a pointer object from an address (`Deno.UnsafePointer.create`). */
export type PointerFactory = (value: bigint) => unknown;

/** Distinct values cached at most; past that the cache starts afresh. */
const MAX_CACHED = 1 << 16;

/** Returns the converter of numbers to cached pointer objects (`null` for 0, as Deno has it). */
export function pointerCache(create: PointerFactory): (value: number) => unknown {
  const cache = new Map<number, unknown>();
  return (value: number): unknown => {
    let pointer = cache.get(value);
    if (pointer === undefined) {
      if (cache.size >= MAX_CACHED) cache.clear();
      // Two's complement: -1 (INVALID_HANDLE_VALUE) is the all-ones address.
      pointer = create(BigInt.asUintN(64, BigInt(value)));
      cache.set(value, pointer);
    }
    return pointer;
  };
}

type Call = (...args: unknown[]) => unknown;
type Convert = (value: unknown) => unknown;

const same: Convert = (value) => value;

/**
 * Wraps `call` so that the arguments at the positions `isPointer` marks go
 * through `toPointer` first. The wrapper has the symbol's arity and no rest
 * parameter, so a call allocates nothing.
 */
export function withPointerArgs(
  call: Call,
  isPointer: readonly boolean[],
  toPointer: (value: number) => unknown,
): Call {
  const c = isPointer.map((p) => p ? toPointer as Convert : same);
  // Past `c.length` the converters are never called: the defaults only type them.
  const [
    c0 = same,
    c1 = same,
    c2 = same,
    c3 = same,
    c4 = same,
    c5 = same,
    c6 = same,
    c7 = same,
    c8 = same,
    c9 = same,
    c10 = same,
    c11 = same,
  ] = c;
  switch (c.length) {
    case 1:
      return (a0) => call(c0(a0));
    case 2:
      return (a0, a1) => call(c0(a0), c1(a1));
    case 3:
      return (a0, a1, a2) => call(c0(a0), c1(a1), c2(a2));
    case 4:
      return (a0, a1, a2, a3) => call(c0(a0), c1(a1), c2(a2), c3(a3));
    case 5:
      return (a0, a1, a2, a3, a4) => call(c0(a0), c1(a1), c2(a2), c3(a3), c4(a4));
    case 6:
      return (a0, a1, a2, a3, a4, a5) => call(c0(a0), c1(a1), c2(a2), c3(a3), c4(a4), c5(a5));
    case 7:
      return (a0, a1, a2, a3, a4, a5, a6) => call(c0(a0), c1(a1), c2(a2), c3(a3), c4(a4), c5(a5), c6(a6));
    case 8:
      return (a0, a1, a2, a3, a4, a5, a6, a7) =>
        call(c0(a0), c1(a1), c2(a2), c3(a3), c4(a4), c5(a5), c6(a6), c7(a7));
    case 9:
      return (a0, a1, a2, a3, a4, a5, a6, a7, a8) =>
        call(c0(a0), c1(a1), c2(a2), c3(a3), c4(a4), c5(a5), c6(a6), c7(a7), c8(a8));
    case 10:
      return (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9) =>
        call(c0(a0), c1(a1), c2(a2), c3(a3), c4(a4), c5(a5), c6(a6), c7(a7), c8(a8), c9(a9));
    case 11:
      return (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) =>
        call(c0(a0), c1(a1), c2(a2), c3(a3), c4(a4), c5(a5), c6(a6), c7(a7), c8(a8), c9(a9), c10(a10));
    case 12:
      return (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) =>
        call(
          c0(a0),
          c1(a1),
          c2(a2),
          c3(a3),
          c4(a4),
          c5(a5),
          c6(a6),
          c7(a7),
          c8(a8),
          c9(a9),
          c10(a10),
          c11(a11),
        );
    default:
      throw new TypeError(
        `mio-ts: ${c.length} parameters with isize ones are more than Deno's binding handles (12)`,
      );
  }
}
