/**
 * The interface every selector implements (epoll, kqueue, IOCP, poll), and
 * the waker each provides. `src/` talks to selectors only through these.
 *
 * @module
 */
import type { EventBuffer } from "./event_buffer.ts";
import type { SharedRegistry, SharedWaker } from "./shared.ts";
/** The selector names `Poll.backend` reports. */
export type Backend = "epoll" | "kqueue" | "iocp" | "poll";
/** A readiness selector: one per `Poll`. */
export interface Selector {
    /** Which selector this is. */
    readonly backend: Backend;
    /** Whether `close()` has been called. */
    readonly closed: boolean;
    /** Starts watching `fd` for `interest` (INTEREST_* bits), reporting `token`. */
    register(fd: number, token: number, interest: number): void;
    /** Changes the token and interest of a watched `fd`. */
    reregister(fd: number, token: number, interest: number): void;
    /** Stops watching `fd`. */
    deregister(fd: number): void;
    /**
     * Called after an operation on the registered `fd` reported WouldBlock
     * (mio's `do_io` rule). Selectors that emulate edge-triggering (poll(2),
     * IOCP) re-arm the descriptor's interests here; epoll has nothing to do.
     */
    rearm(fd: number): void;
    /**
     * Waits up to `timeoutMs` (-1: forever) and writes what is ready into
     * `events`. A signal ends the wait early with no events.
     */
    select(events: EventBuffer, timeoutMs: number): void;
    /**
     * Waits without blocking the JavaScript thread (the waiting happens on
     * another thread) until `select(events, 0)` may find events, `timeoutMs`
     * passed (-1: no limit), or `interruptWait()` was called. It may also
     * return with nothing to find: callers select, then wait again. One wait
     * at a time. `close()` during a wait interrupts it and closes the
     * selector's descriptors once it returned, before its promise settles.
     */
    waitAsync(timeoutMs: number): Promise<void>;
    /** Makes a pending `waitAsync` return soon; nothing when none is pending. */
    interruptWait(): void;
    /** Creates this selector's waker, which makes `select` return `token`. */
    createWaker(token: number): SysWaker;
    /**
     * A plain value through which another Worker registers with this
     * selector (`Registry.fromShared`); `IoError` `Unsupported` where the
     * selector cannot be shared.
     */
    share(): SharedRegistry;
    /** Releases the selector's descriptor. */
    close(): void;
}
/** A selector's waker. */
export interface SysWaker {
    /** Makes the selector's current or next `select` return the waker's token. */
    wake(): void;
    /** A plain value through which another Worker wakes the selector (`Waker.fromShared`). */
    share(): SharedWaker;
    /** Releases the waker's descriptor. */
    close(): void;
}
