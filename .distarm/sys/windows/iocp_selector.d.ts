import type { EventBuffer } from "../event_buffer.ts";
import type { Selector, SysWaker } from "../selector.ts";
import type { SharedRegistry } from "../shared.ts";
import { IocpWaker } from "./iocp_waker.ts";
/** An IOCP selector. */
export declare class IocpSelector implements Selector {
    #private;
    /** Always `"iocp"`. */
    readonly backend: "iocp";
    /** Creates a completion port. */
    constructor();
    /** Whether `close()` has been called. */
    get closed(): boolean;
    /** The completion port handle. */
    get port(): number;
    /**
     * Watches a socket (through AFD) or an overlapped source (a named pipe,
     * associated with the port on its first registration).
     *
     * @throws `IoError` `AlreadyExists` if `fd` is registered already; an
     * OS error if it is not a socket or cannot be polled.
     */
    register(fd: number, token: number, interest: number): void;
    /** Sets the token and interest: every interest is watched again. */
    reregister(fd: number, token: number, interest: number): void;
    /** Stops watching `fd`: no event reports it any more, even from a poll in flight. */
    deregister(fd: number): void;
    /** mio's `do_io` rule: a WouldBlock re-arms every interest of the socket. */
    rearm(fd: number): void;
    /**
     * Starts the queued polls, then `GetQueuedCompletionStatusEx` and decodes
     * each packet into at most one event. Packets that report nothing
     * (cancelled polls, overlapped completions, stale wakes) do not end the
     * wait: it goes on until an event or the timeout.
     */
    select(events: EventBuffer, timeoutMs: number): void;
    /**
     * Starts the queued polls, then dequeues packets off the JavaScript
     * thread; the next `select` decodes them. Returns at once when packets
     * from an earlier wait are still to be decoded.
     */
    waitAsync(timeoutMs: number): Promise<void>;
    /** Posts an interrupt packet if a `waitAsync` is pending. */
    interruptWait(): void;
    /** The waker: its wakes are packets posted to the port, reporting `token`. */
    createWaker(token: number): SysWaker;
    /** The waker was closed: its queued wake is dropped when dequeued. */
    forgetWaker(waker: IocpWaker): void;
    /**
     * Refused: the selector's socket states and update queue live in this
     * Worker's memory (mio guards them with a lock), and another Worker
     * cannot reach them.
     */
    share(): SharedRegistry;
    /**
     * Closes the port; idempotent. Every poll in flight is cancelled and its
     * memory freed once its completion was dequeued. A pending `waitAsync`
     * is interrupted first, and the port closed once it returned.
     */
    close(): void;
}
