import { type SharedRegistry } from "../shared.ts";
import type { EventBuffer } from "../event_buffer.ts";
import type { Selector, SysWaker } from "../selector.ts";
import type { KqueueChanges } from "./kqueue_changes.ts";
/** The shared value of a kqueue registry. */
export interface SharedKqueueValue extends SharedRegistry {
    /** Always `"kqueue"`. */
    readonly backend: "kqueue";
    /** The kqueue descriptor. */
    readonly fd: number;
    /** The owner's `SharedGuard` state. */
    readonly state: SharedArrayBuffer;
}
/**
 * The selector behind a `Registry.fromShared` registry of a kqueue: it
 * registers, reregisters and deregisters with the owner's kqueue; it cannot
 * wait for events or make a waker (those belong to the owner's Worker).
 */
export declare class SharedKqueueSelector implements Selector {
    #private;
    /** Always `"kqueue"`. */
    readonly backend: "kqueue";
    private constructor();
    /**
     * Checks `value` and wraps it; changes go through `changes` (this Worker's).
     *
     * @throws {TypeError} unless `value` came from `Registry.share()` of a kqueue `Poll`.
     */
    static from(changes: KqueueChanges, value: unknown): SharedKqueueSelector;
    /** Whether the owner closed its `Poll`. */
    get closed(): boolean;
    /** Adds the filters `interest` asks for on the owner's kqueue. */
    register(fd: number, token: number, interest: number): void;
    /** Adds the filters `interest` asks for and deletes the others, on the owner's kqueue. */
    reregister(fd: number, token: number, interest: number): void;
    /** Deletes both filters on the owner's kqueue. */
    deregister(fd: number): void;
    /** Nothing to do: `EV_CLEAR` makes kqueue edge-triggered by itself. */
    rearm(_fd: number): void;
    /** Refused: events arrive in the owner's `poll()`. */
    select(_events: EventBuffer, _timeoutMs: number): void;
    /** Refused: events arrive in the owner's `pollAsync()`. */
    waitAsync(_timeoutMs: number): Promise<void>;
    /** Nothing to interrupt: a shared registry never waits. */
    interruptWait(): void;
    /** Refused: a `Waker` is made where its `Poll` lives, then shared. */
    createWaker(_token: number): SysWaker;
    /** The value this registry was built from, to hand on to another Worker. */
    share(): SharedKqueueValue;
    /** Nothing to release: the kqueue is the owner's. */
    close(): void;
}
