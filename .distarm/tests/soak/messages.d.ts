/** "MIO1": the first header word of every message. */
export declare const MAGIC = 1296650033;
/** Header bytes: magic, sequence number, payload length, checksum (u32 each, little-endian). */
export declare const HEADER = 16;
/** A seeded pool of random bytes that payloads are cut from, with prefix sums for O(1) checksums. */
export declare class MessagePool {
    #private;
    /** The random bytes. */
    readonly bytes: Uint8Array;
    /** `size` random bytes from `seed`. */
    constructor(seed: number, size: number);
    /**
     * The checksum of `bytes[offset, offset + length)`, from the prefix sums:
     * `a` = the sum of the bytes, `b` = the sum of `(length - i) * byte[i]`,
     * each mod 65521, as `(b << 16) | a`. Every term is an integer below 2^53.
     */
    checksum(offset: number, length: number): number;
}
/** A running checksum over bytes that arrive in pieces; equals `MessagePool.checksum` of the same bytes. */
export declare class RunningChecksum {
    #private;
    /** Starts over. */
    reset(): void;
    /** Adds `bytes[from, to)`. */
    update(bytes: Uint8Array, from: number, to: number): void;
    /** The checksum so far, as `MessagePool.checksum` gives it. */
    value(): number;
}
/**
 * One connection's message sequence: call `next()` for each message, then
 * read `seq`, `length`, `offset` and `checksum`. A sender and a receiver
 * made with the same seed and stream see the same sequence.
 */
export declare class MessageSequence {
    #private;
    /** The sequence number of the current message (0 for the first). */
    seq: number;
    /** Its payload length, 1 to `maxSize`. */
    length: number;
    /** Where its payload starts in the pool. */
    offset: number;
    /** The checksum of its payload. */
    checksum: number;
    /** The sequence of connection `stream` under `seed`, sizes up to `maxSize` bytes. */
    constructor(pool: MessagePool, seed: number, stream: number, maxSize: number);
    /** Moves to the next message: sizes are log-uniform from 1 byte to `maxSize`. */
    next(): void;
    /** Writes the current message's header into `out` at `at`. */
    writeHeader(out: DataView, at: number): void;
}
