import { type SharedWaker } from "../shared.ts";
import type { SysWaker } from "../selector.ts";
/** How a wake is written: 8 bytes (a `u64` of 1) to an eventfd, or one byte to a pipe. */
export type WakerKind = "eventfd" | "pipe";
/** The shared value of a Unix waker. */
export interface SharedFdWakerValue extends SharedWaker {
    /** How to write a wake. */
    readonly kind: WakerKind;
    /** The descriptor a wake writes to. */
    readonly fd: number;
    /** The owner's `SharedGuard` state. */
    readonly state: SharedArrayBuffer;
}
/** The owner's side: hands out shared values for one wake descriptor, and revokes them before it is closed. */
export declare class WakerShares {
    #private;
    /** For the descriptor `fd` that wakes are written to as `kind` says. */
    constructor(kind: WakerKind, fd: number);
    /** A plain value another Worker turns into a waker with `SharedFdWaker.from`. */
    share(): SharedFdWakerValue;
    /**
     * Makes every copy shared so far refuse to wake, waiting for wakes in
     * progress to end; later `share()` calls start afresh. Call before closing
     * the descriptor.
     */
    revoke(): void;
}
/** A waker built from a shared value, in any Worker: its wakes reach the owner's `Poll`. */
export declare class SharedFdWaker implements SysWaker {
    #private;
    private constructor();
    /**
     * Checks `value` and wraps it.
     *
     * @throws {TypeError} unless `value` came from `Waker.share()`.
     */
    static from(value: unknown): SharedFdWaker;
    /**
     * Writes one wake, unless the owner closed its waker: then `BadResource`,
     * and the descriptor number is not touched.
     */
    wake(): void;
    /** The value this waker was built from, to hand on to another Worker. */
    share(): SharedFdWakerValue;
    /** Nothing to release: the descriptor is the owner's, and other copies go on working. */
    close(): void;
}
