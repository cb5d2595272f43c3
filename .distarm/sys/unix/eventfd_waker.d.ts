import type { FdWaker } from "./fd_waker.ts";
import { type SharedFdWakerValue } from "./shared_waker.ts";
/** A one-eventfd waker, as mio's `waker::eventfd`. */
export declare class EventfdWaker implements FdWaker {
    #private;
    /** Creates a non-blocking, close-on-exec eventfd (not registered anywhere yet). */
    constructor();
    /** The eventfd. */
    get fd(): number;
    /** Adds 1 to the counter; if it would overflow, drains it and tries again. */
    wake(): void;
    /** Reads the counter back to 0 (nothing to read is fine). */
    reset(): void;
    /** Another Worker's way to add 1 to the counter. */
    share(): SharedFdWakerValue;
    /** Makes the copies shared so far refuse to wake. */
    revokeShares(): void;
    /** Revokes the shared copies, then closes the eventfd; idempotent. */
    close(): void;
}
