import type { FdWaker } from "./fd_waker.ts";
import { type SharedFdWakerValue } from "./shared_waker.ts";
/** A pipe pair: `wake()` writes to one end, the selector watches the other. */
export declare class PipeWaker implements FdWaker {
    #private;
    /** Creates the pipe (`pipe2` with `O_NONBLOCK | O_CLOEXEC`; not registered anywhere yet). */
    constructor();
    /** The read end, which the selector watches. */
    get fd(): number;
    /** Writes one byte; if the pipe is full, empties it and tries again. */
    wake(): void;
    /** Reads until the pipe is empty (errors ignored, as mio's `empty`). */
    reset(): void;
    /** Another Worker's way to write a byte to the write end. */
    share(): SharedFdWakerValue;
    /** Makes the copies shared so far refuse to wake. */
    revokeShares(): void;
    /** Revokes the shared copies, then closes both ends; idempotent. */
    close(): void;
}
