/**
 * One registered socket's AFD poll state (mio's `SockState`): its
 * IO_STATUS_BLOCK and AFD_POLL_INFO in native memory (the kernel writes
 * them until the poll's completion is dequeued), the events wanted, and
 * where its poll stands. Edge-triggering is emulated as mio does: the
 * events a completion reported are removed from those wanted until the
 * source re-arms them (`setEvent` after WouldBlock, or a reregister).
 *
 * @module
 */
import { type Afd } from "./afd.ts";
import { type NativeBlock } from "./native_memory.ts";
/** A registered socket's poll state. */
export declare class SockState {
    #private;
    /** The socket, as registered. */
    readonly socket: number;
    /** The AFD handle its polls go through. */
    readonly afd: Afd;
    /** IO_STATUS_BLOCK, then AFD_POLL_INFO. Its address is the completion's `lpOverlapped`. */
    readonly block: NativeBlock;
    /** The token events report. */
    token: number;
    /** AFD events of the registration (what `rearm` wants again). */
    registeredEvents: number;
    /** AFD events wanted now (mio's `user_evts`). */
    userEvents: number;
    /** AFD events the poll in flight watches (mio's `pending_evts`). */
    pendingEvents: number;
    /** Deregistered (or closed): no more events; the block is freed once no poll is in flight. */
    deleted: boolean;
    /** Whether it waits in the selector's update queue. */
    queued: boolean;
    /** A state for `socket` (whose base handle is `base`) polled through `afd`. */
    constructor(socket: number, base: number, afd: Afd);
    /** The completion context: the IO_STATUS_BLOCK's address. */
    get context(): number;
    /** Whether the kernel may still write the block (a poll, perhaps cancelled, not yet completed). */
    get inFlight(): boolean;
    /**
     * mio's `set_event`: wants `flags` (plus `CONNECT_FAIL | ABORT`, always
     * reported) for `token`. Returns whether the poll in flight misses some.
     */
    setEvent(flags: number, token: number): boolean;
    /**
     * mio's `update`: starts a poll for the events wanted, or cancels the one
     * in flight when it misses some (its completion then starts the next).
     * A socket found closed is marked deleted.
     *
     * @throws `IoError` when the poll cannot be started or cancelled.
     */
    update(): void;
    /**
     * mio's `feed_event`: the poll's completion was dequeued (its NTSTATUS is
     * in the IO_STATUS_BLOCK). Returns the AFD events to report (0: none) and
     * removes them from those wanted. A socket closed locally is marked
     * deleted.
     */
    complete(): number;
    /**
     * mio's `mark_delete`: no more events; cancels the poll in flight.
     * Returns whether the block can be freed now (no poll in flight).
     */
    markDeleted(): boolean;
}
