/**
 * `Events` and `Event`: a preallocated buffer of readiness events, filled
 * by `Poll.poll()` and iterated without allocating.
 *
 * @module
 */
import { EventBuffer } from "../sys/event_buffer.ts";
import type { Token } from "./token.ts";
/**
 * One readiness event. Valid until the next `poll()` on its `Events`; the
 * closed and error flags are hints, as in mio: always try the operation.
 */
export declare class Event {
    #private;
    /** @internal Events creates these; users never do. */
    constructor(buffer: EventBuffer, index: number);
    /** The token the source was registered with. */
    token(): Token;
    /** The source is readable (or a read would not block). */
    isReadable(): boolean;
    /** The source is writable (for a connecting `TcpStream`: the connect finished). */
    isWritable(): boolean;
    /** An error is pending; `takeError()` returns it. */
    isError(): boolean;
    /** The read half is closed (the peer shut down its writes, or hung up). */
    isReadClosed(): boolean;
    /** The write half is closed. */
    isWriteClosed(): boolean;
    /** Priority (out-of-band) data is readable. */
    isPriority(): boolean;
    /** An AIO operation completed (kqueue only). */
    isAio(): boolean;
    /** An LIO operation completed (kqueue only). */
    isLio(): boolean;
    /** A description for debugging, e.g. `Event { token: 0, readable, writable }`. */
    toString(): string;
}
/**
 * A buffer for the events of one `poll()` (mio's `Events`).
 *
 * @example
 * ```ts
 * import { Events, Poll } from "mio-ts";
 *
 * const poll = new Poll();
 * // Allocate once and reuse: each poll() replaces what it held.
 * const events = new Events(128);
 * poll.poll(events, 100);
 * for (const event of events) {
 *   console.log(event.token(), event.isReadable(), event.isWritable());
 * }
 * poll.close();
 * ```
 */
export declare class Events implements Iterable<Event> {
    #private;
    /**
     * Room for `capacity` events per `poll()`.
     *
     * @throws {RangeError} unless `capacity` is a positive integer.
     */
    constructor(capacity: number);
    /** How many events fit. */
    get capacity(): number;
    /** How many events the last `poll()` delivered. */
    get length(): number;
    /** Whether the last `poll()` delivered no events. */
    isEmpty(): boolean;
    /** Forgets the events of the last `poll()`. */
    clear(): void;
    /** Iterates the events of the last `poll()` (allocating only for nested loops). */
    [Symbol.iterator](): IterableIterator<Event>;
}
/** @internal The raw buffer `Poll.poll()` fills. */
export declare function eventBuffer(events: Events): EventBuffer;
