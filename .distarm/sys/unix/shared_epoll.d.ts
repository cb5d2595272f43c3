import { type SharedRegistry } from "../shared.ts";
import type { Struct } from "../layout.ts";
import type { EventBuffer } from "../event_buffer.ts";
import type { Selector, SysWaker } from "../selector.ts";
/** The shared value of an epoll registry. */
export interface SharedEpollValue extends SharedRegistry {
    /** Always `"epoll"`. */
    readonly backend: "epoll";
    /** The epoll descriptor. */
    readonly fd: number;
    /** The owner's `SharedGuard` state. */
    readonly state: SharedArrayBuffer;
}
/**
 * The selector behind a `Registry.fromShared` registry: it registers,
 * reregisters and deregisters with the owner's epoll instance; it cannot
 * wait for events or make a waker (those belong to the owner's thread).
 */
export declare class SharedEpollSelector implements Selector {
    #private;
    /** Always `"epoll"`. */
    readonly backend: "epoll";
    private constructor();
    /**
     * Checks `value` and wraps it, using the `epoll_event` layout given.
     *
     * @throws {TypeError} unless `value` came from `Registry.share()`.
     */
    static from(layout: Struct, value: unknown): SharedEpollSelector;
    /** Whether the owner closed its `Poll`. */
    get closed(): boolean;
    /** `EPOLL_CTL_ADD` on the owner's epoll instance. */
    register(fd: number, token: number, interest: number): void;
    /** `EPOLL_CTL_MOD` on the owner's epoll instance. */
    reregister(fd: number, token: number, interest: number): void;
    /** `EPOLL_CTL_DEL` on the owner's epoll instance. */
    deregister(fd: number): void;
    /** Nothing to do: epoll is edge-triggered by itself. */
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
    share(): SharedEpollValue;
    /** Nothing to release: the epoll instance is the owner's. */
    close(): void;
}
