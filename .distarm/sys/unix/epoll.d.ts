import type { Struct } from "../layout.ts";
import type { EventBuffer } from "../event_buffer.ts";
import type { Selector, SysWaker } from "../selector.ts";
import { type FdWakerFactory } from "./fd_waker.ts";
import type { SharedEpollValue } from "./shared_epoll.ts";
/** mio's `interests_to_epoll`: always edge-triggered. */
export declare function epollFlags(interest: number): number;
/** mio's `event` module for epoll: epoll bits to portable readiness bits. */
export declare function epollReadiness(ev: number): number;
/** An epoll instance. */
export declare class EpollSelector implements Selector {
    #private;
    /** Always `"epoll"`. */
    readonly backend: "epoll";
    /**
     * Creates an epoll instance (close-on-exec, non-blocking) using the
     * `epoll_event` and `pollfd` layouts given; `newWaker` makes the eventfd
     * or pipe a `Waker` registers (and `waitAsync` its cancel descriptor).
     */
    constructor(layout: Struct, pollfd: Struct, newWaker: FdWakerFactory);
    /** Whether `close()` has been called. */
    get closed(): boolean;
    /** The epoll descriptor. */
    get fd(): number;
    /** `EPOLL_CTL_ADD` */
    register(fd: number, token: number, interest: number): void;
    /** `EPOLL_CTL_MOD` */
    reregister(fd: number, token: number, interest: number): void;
    /** `EPOLL_CTL_DEL` */
    deregister(fd: number): void;
    /** Nothing to do: epoll is edge-triggered by itself. */
    rearm(_fd: number): void;
    /** `epoll_wait`, then decodes each record into a token and readiness bits. */
    select(events: EventBuffer, timeoutMs: number): void;
    /**
     * poll(2) on the epoll descriptor, off the JavaScript thread: it turns
     * readable when `epoll_wait` has events to return.
     */
    waitAsync(timeoutMs: number): Promise<void>;
    /** Ends a pending `waitAsync` through its cancel descriptor. */
    interruptWait(): void;
    /** An eventfd (or pipe) registered for readability with `token`. */
    createWaker(token: number): SysWaker;
    /** The epoll descriptor and a guard, for `SharedEpollSelector` in another Worker. */
    share(): SharedEpollValue;
    /**
     * Closes the epoll descriptor (after refusing shared registries' calls);
     * idempotent. A pending `waitAsync` is interrupted first, and the
     * descriptor closed once its poll(2) returned.
     */
    close(): void;
}
