/**
 * Where a selector writes the events of one `select`: the OS's raw records
 * and, decoded from them, a token and portable readiness bits per event.
 *
 * @module
 */
/** Preallocated storage for the events of one `select` call. */
export class EventBuffer {
    /** How many events fit. */
    capacity;
    /** The OS's event records (`epoll_event[]`, `kevent[]`, …). */
    raw;
    /** The same records as 32-bit words (every record size is a multiple of 4). */
    words;
    /** The token of each event. */
    tokens;
    /** The readiness bits (`READY_*`) of each event. */
    readiness;
    /** How many events the last `select` wrote. */
    length = 0;
    /** Allocates room for `capacity` events of `rawEventSize` bytes each. */
    constructor(capacity, rawEventSize) {
        this.capacity = capacity;
        this.raw = new Uint8Array(capacity * rawEventSize);
        this.words = new Uint32Array(this.raw.buffer);
        this.tokens = new Float64Array(capacity);
        this.readiness = new Uint8Array(capacity);
    }
}
