/** A non-empty set of interests: `Interest.READABLE | Interest.WRITABLE`, … */
export type Interest = number;
/**
 * The interest flags and their helpers (mio's `Interest`), frozen. Every
 * helper throws `RangeError` for an empty (0) or unknown-bit interest.
 */
export declare const Interest: {
    /** Readable readiness. */
    readonly READABLE: Interest;
    /** Writable readiness. */
    readonly WRITABLE: Interest;
    /** Priority (out-of-band) readiness; epoll and poll only. */
    readonly PRIORITY: Interest;
    /** AIO completion; kqueue only. */
    readonly AIO: Interest;
    /** LIO completion; kqueue only. */
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
};
/** Checks that `i` is a non-empty combination of known interest flags. */
export declare function checkInterest(i: unknown): Interest;
