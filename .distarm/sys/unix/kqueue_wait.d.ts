import type { EventBuffer } from "../event_buffer.ts";
import type { FdWakerFactory } from "./fd_waker.ts";
import { type KqueueChanges } from "./kqueue_changes.ts";
/** One off-thread kevent(2) at a time on one kqueue, interruptible, into a stash. */
export declare class KqueueWait {
    #private;
    /**
     * For the kqueue `kq`, changed through `changes`; `newPipe` makes the
     * cancel pipe where the target has no `EVFILT_USER`.
     */
    constructor(kq: number, changes: KqueueChanges, newPipe: FdWakerFactory);
    /** Whether a wait is in progress. */
    get pending(): boolean;
    /** How many stashed events `take` has still to hand out. */
    get stashed(): number;
    /** Whether record `i` of `words` is the cancel event, which is not the user's. */
    isCancel(words: Uint32Array, i: number): boolean;
    /**
     * Waits off the JavaScript thread until the kqueue has events (they are
     * stashed), `timeoutMs` passed (-1: no limit, which is waited in steps of
     * 2^31 - 1 ms), or `interrupt()` was called; at once while events are
     * stashed. May return with nothing (a signal, or a failure whose errno is
     * lost with its thread: the next `select` meets the failure again and
     * reports it). One wait at a time.
     */
    wait(timeoutMs: number): Promise<void>;
    /** Makes the pending wait return soon; nothing when none is pending. */
    interrupt(): void;
    /**
     * Moves up to `events.capacity` stashed events into `events.raw` (the
     * cancel event among them too: `isCancel` tells it); returns how many.
     */
    take(events: EventBuffer): number;
    /**
     * Closes the cancel pipe, if any, then calls `release` (which closes the
     * kqueue): at once when no wait is pending; otherwise after interrupting
     * the wait, once its kevent(2) returned, so that the descriptor number is
     * not reused under it.
     */
    close(release: () => void): void;
}
