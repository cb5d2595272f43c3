/**
 * The bit vocabulary `src/` and the selectors share: interest bits (mio's
 * values) and the portable readiness bits a selector writes per event.
 *
 * @module
 */
/** Interest in readability (mio's `Interest::READABLE`). */
export declare const INTEREST_READABLE = 1;
/** Interest in writability. */
export declare const INTEREST_WRITABLE = 2;
/** Interest in AIO completion (kqueue only). */
export declare const INTEREST_AIO = 4;
/** Interest in LIO completion (kqueue only). */
export declare const INTEREST_LIO = 8;
/** Interest in priority (out-of-band) readiness. */
export declare const INTEREST_PRIORITY = 16;
/** Every interest bit. */
export declare const INTEREST_ALL = 31;
/** Readiness: readable. */
export declare const READY_READABLE = 1;
/** Readiness: writable. */
export declare const READY_WRITABLE = 2;
/** Readiness: an error is pending (`takeError()`). */
export declare const READY_ERROR = 4;
/** Readiness: the read half is closed. */
export declare const READY_READ_CLOSED = 8;
/** Readiness: the write half is closed. */
export declare const READY_WRITE_CLOSED = 16;
/** Readiness: priority data. */
export declare const READY_PRIORITY = 32;
/** Readiness: AIO completion. */
export declare const READY_AIO = 64;
/** Readiness: LIO completion. */
export declare const READY_LIO = 128;
