/**
 * The `EVFILT_USER` waker of the kqueue selector (mio's kqueue `Waker` on
 * Apple and FreeBSD; libkqueue has the filter too): an `EVFILT_USER` event
 * with the waker's token, added with `EV_CLEAR`, that `wake()` triggers
 * with `NOTE_TRIGGER`. Wakes before a `select` coalesce into one event;
 * `close()` deletes the event, and a wake still pending with it.
 *
 * Another Worker wakes through `SharedUserWaker`: kevent(2) on one kqueue
 * is safe from several threads. The owner's `SharedGuard` keeps those
 * wakes away from the kqueue descriptor once the `Waker` or its `Poll` is
 * closed (`BadResource`).
 *
 * @module
 */
import type { SysWaker } from "../selector.ts";
import { type SharedWaker } from "../shared.ts";
import { type KqueueChanges } from "./kqueue_changes.ts";
/** The shared value of an `EVFILT_USER` waker. */
export interface SharedUserWakerValue extends SharedWaker {
    /** Always `"kqueue-user"`. */
    readonly kind: "kqueue-user";
    /** The kqueue descriptor. */
    readonly fd: number;
    /** The waker's token (the event's `udata`). */
    readonly token: number;
    /** The owner's `SharedGuard` state. */
    readonly state: SharedArrayBuffer;
}
/** The owner's `EVFILT_USER` waker. */
export declare class UserWaker implements SysWaker {
    #private;
    /**
     * Adds the `EVFILT_USER` event reporting `token` to `kq`, through
     * `changes`; `onClose` runs when the waker is closed.
     */
    constructor(kq: number, changes: KqueueChanges, token: number, onClose: () => void);
    /** Triggers the event; nothing once the kqueue is closed (its `Poll` can no longer be woken). */
    wake(): void;
    /** A plain value another Worker wakes this waker with (`Waker.fromShared`). */
    share(): SharedUserWakerValue;
    /** The kqueue is about to close: refuses shared copies' wakes, and makes `wake()` do nothing. */
    detach(): void;
    /** Deletes the event (and a pending wake), after refusing shared copies' wakes; idempotent. */
    close(): void;
}
/** A waker built from a shared value, in any Worker: its wakes reach the owner's kqueue. */
export declare class SharedUserWaker implements SysWaker {
    #private;
    private constructor();
    /** Whether `value` is an `EVFILT_USER` waker's shared value. */
    static isValue(value: unknown): boolean;
    /**
     * Checks `value` and wraps it; wakes go through `changes` (this Worker's).
     *
     * @throws {TypeError} unless `value` came from `Waker.share()` of an `EVFILT_USER` waker.
     */
    static from(changes: KqueueChanges, value: unknown): SharedUserWaker;
    /** Triggers the event, unless the owner closed its waker or `Poll`: then `BadResource`. */
    wake(): void;
    /** The value this waker was built from, to hand on to another Worker. */
    share(): SharedUserWakerValue;
    /** Nothing to release: the event is the owner's, and other copies go on working. */
    close(): void;
}
