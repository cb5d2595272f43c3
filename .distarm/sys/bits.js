/**
 * The bit vocabulary `src/` and the selectors share: interest bits (mio's
 * values) and the portable readiness bits a selector writes per event.
 *
 * @module
 */
/** Interest in readability (mio's `Interest::READABLE`). */
export const INTEREST_READABLE = 0b0_0001;
/** Interest in writability. */
export const INTEREST_WRITABLE = 0b0_0010;
/** Interest in AIO completion (kqueue only). */
export const INTEREST_AIO = 0b0_0100;
/** Interest in LIO completion (kqueue only). */
export const INTEREST_LIO = 0b0_1000;
/** Interest in priority (out-of-band) readiness. */
export const INTEREST_PRIORITY = 0b1_0000;
/** Every interest bit. */
export const INTEREST_ALL = 0b1_1111;
/** Readiness: readable. */
export const READY_READABLE = 1;
/** Readiness: writable. */
export const READY_WRITABLE = 2;
/** Readiness: an error is pending (`takeError()`). */
export const READY_ERROR = 4;
/** Readiness: the read half is closed. */
export const READY_READ_CLOSED = 8;
/** Readiness: the write half is closed. */
export const READY_WRITE_CLOSED = 16;
/** Readiness: priority data. */
export const READY_PRIORITY = 32;
/** Readiness: AIO completion. */
export const READY_AIO = 64;
/** Readiness: LIO completion. */
export const READY_LIO = 128;
