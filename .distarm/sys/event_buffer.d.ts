/**
 * Where a selector writes the events of one `select`: the OS's raw records
 * and, decoded from them, a token and portable readiness bits per event.
 *
 * @module
 */
/** Preallocated storage for the events of one `select` call. */
export declare class EventBuffer {
    /** How many events fit. */
    readonly capacity: number;
    /** The OS's event records (`epoll_event[]`, `kevent[]`, …). */
    readonly raw: Uint8Array;
    /** The same records as 32-bit words (every record size is a multiple of 4). */
    readonly words: Uint32Array;
    /** The token of each event. */
    readonly tokens: Float64Array;
    /** The readiness bits (`READY_*`) of each event. */
    readonly readiness: Uint8Array;
    /** How many events the last `select` wrote. */
    length: number;
    /** Allocates room for `capacity` events of `rawEventSize` bytes each. */
    constructor(capacity: number, rawEventSize: number);
}
