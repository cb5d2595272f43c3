import type { Struct } from "../layout.ts";
import type { FdWakerFactory } from "./fd_waker.ts";
/** One off-thread poll(2) at a time, interruptible, over a copy of a selector's `pollfd`s. */
export declare class OffThreadWait {
    #private;
    /**
     * Uses the `pollfd` layout given; `newCancel` makes the cancel descriptor
     * (the kind of descriptor the selector's wakers use).
     */
    constructor(pollfd: Struct, newCancel: FdWakerFactory);
    /** Whether a wait is in progress. */
    get pending(): boolean;
    /**
     * Waits off the JavaScript thread until one of the first `count` records
     * of `pollfds` (a `struct pollfd` array, copied now; its `revents` are
     * left alone) is ready, `timeoutMs` passed (-1: no limit), or
     * `interrupt()` was called. May return early with nothing ready (a
     * signal on the other thread). One wait at a time.
     *
     * @throws `IoError` if poll(2) fails for a reason other than a signal.
     */
    wait(pollfds: Uint8Array, count: number, timeoutMs: number): Promise<void>;
    /** Makes the pending wait return soon; nothing when none is pending. */
    interrupt(): void;
    /**
     * Closes the cancel descriptor, then calls `release` (which closes the
     * selector's descriptors): at once when no wait is pending; otherwise
     * after interrupting the wait, once its poll(2) returned — a descriptor
     * closed under a blocked poll(2) does not wake it, and its number could
     * be reused meanwhile.
     */
    close(release: () => void): void;
}
