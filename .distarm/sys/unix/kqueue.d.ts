/**
 * The kqueue selector (macOS/iOS, FreeBSD, NetBSD, OpenBSD, DragonFly; on
 * Linux, libkqueue through `MIO_KQUEUE_LIB`), as mio's
 * `selector/kqueue.rs`:
 *
 * - edge-triggered: every filter is added with `EV_CLEAR`;
 * - reads and writes are separate filters (`EVFILT_READ`, `EVFILT_WRITE`),
 *   so one descriptor can yield two events with the same token in one
 *   `select`;
 * - every change carries `EV_RECEIPT`, so `kevent` reports each change's
 *   error in its own entry; `EPIPE` on register (a pipe whose other end is
 *   gone, still reported readable) and `ENOENT` on reregister/deregister
 *   (a filter that was not there) are ignored, as mio ignores them;
 * - `reregister` adds the filters `interest` asks for and deletes the
 *   others; `deregister` deletes both. So, unlike epoll, registering a
 *   descriptor twice updates it, and deregistering one that is not
 *   registered succeeds;
 * - `EV_EOF` on the read filter is read-closed, on the write filter
 *   write-closed; `EV_ERROR`, or `EV_EOF` with a socket error in `fflags`,
 *   is an error; `EVFILT_AIO`/`EVFILT_LIO` give AIO/LIO readiness where the
 *   OS has them; kqueue has no priority readiness;
 * - the `Waker` is an `EVFILT_USER` event where mio uses one (Apple,
 *   FreeBSD; libkqueue), a pipe elsewhere and with `MIO_FORCE_WAKER_PIPE=1`.
 *
 * The OS's `struct kevent` layout, constants and library come from a
 * `KqueueTarget` (kqueue_targets.ts); nothing here is specific to one OS.
 *
 * @module
 */
import type { EventBuffer } from "../event_buffer.ts";
import type { Selector, SysWaker } from "../selector.ts";
import { type FdWakerFactory } from "./fd_waker.ts";
import type { KqueueSystem } from "./kqueue_targets.ts";
import type { SharedKqueueValue } from "./shared_kqueue.ts";
/** A kqueue. */
export declare class KqueueSelector implements Selector {
    #private;
    /** Always `"kqueue"`. */
    readonly backend: "kqueue";
    /**
     * Creates a kqueue (close-on-exec, as mio's) with `system`'s functions and
     * tables. Its `Waker` is a pipe from `newPipe` if `wakeWithPipe`, else an
     * `EVFILT_USER` event (the target must have one).
     */
    constructor(system: KqueueSystem, newPipe: FdWakerFactory, wakeWithPipe: boolean);
    /** Whether `close()` has been called. */
    get closed(): boolean;
    /** The kqueue descriptor. */
    get fd(): number;
    /** Adds `EVFILT_WRITE` and/or `EVFILT_READ`, edge-triggered (`EV_CLEAR`). */
    register(fd: number, token: number, interest: number): void;
    /** Adds the filters `interest` asks for and deletes the others. */
    reregister(fd: number, token: number, interest: number): void;
    /** Deletes both filters (succeeding if `fd` had none). */
    deregister(fd: number): void;
    /** Nothing to do: `EV_CLEAR` makes kqueue edge-triggered by itself. */
    rearm(_fd: number): void;
    /** `kevent` with no changes, then decodes each event into its token and readiness bits. */
    select(events: EventBuffer, timeoutMs: number): void;
    /**
     * kevent(2) off the JavaScript thread, into a stash the next `select`
     * hands out (kqueue_wait.ts).
     */
    waitAsync(timeoutMs: number): Promise<void>;
    /** Ends a pending `waitAsync` through its cancel event. */
    interruptWait(): void;
    /**
     * The waker: an `EVFILT_USER` event added with `token` (mio's
     * `setup_waker`), or a pipe registered for reading with `token`.
     */
    createWaker(token: number): SysWaker;
    /** The kqueue descriptor and a guard, for `SharedKqueueSelector` in another Worker. */
    share(): SharedKqueueValue;
    /**
     * Closes the kqueue descriptor, after refusing shared registries' and the
     * `EVFILT_USER` waker's calls; idempotent. A pending `waitAsync` is
     * interrupted first, and the descriptor closed once its kevent(2) returned.
     */
    close(): void;
}
