import type { Struct } from "../layout.ts";
import type { EventBuffer } from "../event_buffer.ts";
import type { Selector, SysWaker } from "../selector.ts";
import type { FdWakerFactory } from "./fd_waker.ts";
import type { SharedFdWakerValue } from "./shared_waker.ts";
import type { SharedRegistry } from "../shared.ts";
/** mio's `event` module for poll(2): `revents` bits to portable readiness bits. */
export declare function pollReadiness(ev: number): number;
/**
 * A poll(2) selector: a growable `struct pollfd` array whose slot 0 is the
 * wake descriptor, with a token and interest per slot and a map from
 * descriptor to slot. `select` allocates nothing.
 */
export declare class PollSelector implements Selector {
    #private;
    /** Always `"poll"`. */
    readonly backend: "poll";
    /**
     * Creates a selector using the `pollfd` layout given; `newWaker` makes
     * its wake descriptor (an eventfd or a pipe), and `waitAsync`'s cancel
     * descriptor.
     */
    constructor(layout: Struct, newWaker: FdWakerFactory);
    /** Whether `close()` has been called. */
    get closed(): boolean;
    /** Adds `fd`; a descriptor already there (and not dropped) is `AlreadyExists`. */
    register(fd: number, token: number, interest: number): void;
    /** Sets token and interest (all interest bits armed again, a dropped descriptor restored). */
    reregister(fd: number, token: number, interest: number): void;
    /** Removes `fd`, moving the last slot into its place. */
    deregister(fd: number): void;
    /**
     * Arms every interest of `fd` again (mio's `do_io` reregister). A dropped
     * descriptor stays dropped: its `pollfd.fd` stays -1.
     */
    rearm(fd: number): void;
    /**
     * poll(2), then one event per ready descriptor (at most `events.capacity`;
     * the others stay armed for the next call). A wake-up with nothing to
     * report (a closed `Waker`'s last wake) polls again.
     */
    select(events: EventBuffer, timeoutMs: number): void;
    /**
     * poll(2) off the JavaScript thread over a copy of the `pollfd` array
     * (the wake descriptor included). Every change to the set while it waits
     * (register, reregister, deregister, a rearm that arms bits again)
     * interrupts it, so the caller waits again on a fresh copy, as mio's
     * poll selector wakes its poller on changes.
     */
    waitAsync(timeoutMs: number): Promise<void>;
    /** Ends a pending `waitAsync` through its cancel descriptor. */
    interruptWait(): void;
    /** A waker that signals this selector's wake descriptor; its wakes report `token`. */
    createWaker(token: number): SysWaker;
    /** Signals the wake descriptor (nothing once closed: the descriptor is gone). */
    wake(): void;
    /** The wake descriptor, for a `Waker` shared with another Worker. */
    shareWake(): SharedFdWakerValue;
    /** The `Waker` was closed: wake-ups no longer report its token, and its shared copies are refused. */
    forgetWaker(): void;
    /**
     * Refused: this selector's descriptor set lives in this Worker's memory,
     * and registering from another Worker would need mio's lock-and-wake
     * protocol, which mio-ts does not implement for poll(2).
     */
    share(): SharedRegistry;
    /**
     * Closes the wake descriptor; idempotent. Registered descriptors stay
     * open. A pending `waitAsync` is interrupted first, and the descriptor
     * closed once its poll(2) returned.
     */
    close(): void;
}
