/**
 * Sliced waits: where the runtime bounds how long one off-thread call may
 * block (`Ffi.offThreadSliceMs`: Node), a longer wait is a series of calls
 * of at most that long each, until one finds something ready, the wait was
 * interrupted, or its timeout passed. These two decisions are shared by the
 * off-thread waits of every selector that slices.
 *
 * @module
 */

/**
 * How long the next call of a wait ending at `deadline` (milliseconds on
 * the clock of `now`; `Infinity`: no timeout) may block: `sliceMs`, or what
 * is left of the wait if that is less (0 once it passed).
 */
export function nextSliceMs(deadline: number, now: number, sliceMs: number): number {
  const left = deadline - now;
  return left > sliceMs ? sliceMs : Math.max(0, Math.ceil(left));
}

/**
 * Whether the wait goes on after a call that blocked up to `ms` (from
 * `nextSliceMs`) and found nothing, uninterrupted: only when that call had
 * a whole slice and the deadline is still ahead at `now`.
 */
export function moreSlices(ms: number, sliceMs: number, deadline: number, now: number): boolean {
  return ms >= sliceMs && now < deadline;
}
