import { type SharedWaker } from "../shared.ts";
import type { SysWaker } from "../selector.ts";
/** What a selector offers its waker. */
export interface WakerHost {
    /** The completion port. */
    readonly port: number;
    /** Whether the selector was closed (the port is gone). */
    readonly closed: boolean;
    /** The waker was closed: its queued wake must not be reported. */
    forgetWaker(waker: IocpWaker): void;
}
/** The shared value of an IOCP waker. */
export interface SharedIocpWakerValue extends SharedWaker {
    /** Always `"iocp"`. */
    readonly kind: "iocp";
    /** The completion port's HANDLE (in the `fd` slot, as Unix wakers' descriptors). */
    readonly fd: number;
    /** The waker's id, carried by its packets. */
    readonly id: number;
    /** The coalescing flag (one `Int32`: 1 while a wake packet is queued). */
    readonly queued: SharedArrayBuffer;
    /** The owner's `SharedGuard` state. */
    readonly state: SharedArrayBuffer;
}
/** The waker of one IOCP selector, in the selector's Worker. */
export declare class IocpWaker implements SysWaker {
    #private;
    /** The token its wakes report. */
    readonly token: number;
    /** Told apart from earlier wakers' packets still queued. */
    readonly id: number;
    /** 1 while a wake packet is queued (the selector clears it). */
    readonly queued: Int32Array<SharedArrayBuffer>;
    /** The waker of `host`'s port, reporting `token`. */
    constructor(host: WakerHost, token: number);
    /** Posts a wake (nothing once the selector is closed: its port is gone). */
    wake(): void;
    /** A plain value through which another Worker posts this waker's wakes. */
    share(): SharedIocpWakerValue;
    /** Makes every shared copy refuse to wake, waiting for wakes in progress; the selector does this before closing its port. */
    revokeShares(): void;
    /** Revokes shared copies and detaches from the selector; idempotent. */
    close(): void;
}
/** A waker built from a shared value, in any Worker: its wakes reach the owner's port. */
export declare class SharedIocpWaker implements SysWaker {
    #private;
    private constructor();
    /**
     * Checks `value` and wraps it.
     *
     * @throws {TypeError} unless `value` came from an IOCP `Waker.share()`.
     */
    static from(value: unknown): SharedIocpWaker;
    /** Posts a wake, unless the owner closed its waker or `Poll`: then `BadResource`. */
    wake(): void;
    /** The value this waker was built from, to hand on to another Worker. */
    share(): SharedIocpWakerValue;
    /** Nothing to release: the port is the owner's, and other copies go on working. */
    close(): void;
}
