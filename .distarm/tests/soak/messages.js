/**
 * The soak's messages: a 16-byte header (magic, sequence number, length,
 * checksum) and a payload of random size cut from a seeded pool of random
 * bytes. Each connection's sizes and offsets come from its own seeded
 * generator, so the receiver replays the sender's sequence and knows what
 * every message must be; the checksum (Adler-32's two sums, without its
 * initial 1) is computed from the bytes that arrived.
 *
 * @module
 */
import { mixSeed, Prng } from "../util/prng.js";
/** "MIO1": the first header word of every message. */
export const MAGIC = 0x4d494f31;
/** Header bytes: magic, sequence number, payload length, checksum (u32 each, little-endian). */
export const HEADER = 16;
/** Adler-32's modulus. */
const MOD = 65521;
/** Bytes summed between reductions: the sums stay below 2^31 (a0 < MOD, s0 < MOD). */
const BLOCK = 2048;
/** A seeded pool of random bytes that payloads are cut from, with prefix sums for O(1) checksums. */
export class MessagePool {
    /** The random bytes. */
    bytes;
    /** `sums[k]`: the sum of the first `k` bytes. */
    #sums;
    /** `weighted[k]`: the sum of `j * bytes[j]` for `j < k`. */
    #weighted;
    /** `size` random bytes from `seed`. */
    constructor(seed, size) {
        const prng = new Prng(mixSeed(seed, 0x706f6f6c));
        this.bytes = new Uint8Array(size);
        for (let i = 0; i < size; i += 4) {
            const r = prng.u32();
            for (let k = 0; k < 4 && i + k < size; k++)
                this.bytes[i + k] = r >>> (8 * k);
        }
        this.#sums = new Float64Array(size + 1);
        this.#weighted = new Float64Array(size + 1);
        for (let j = 0; j < size; j++) {
            this.#sums[j + 1] = this.#sums[j] + this.bytes[j];
            this.#weighted[j + 1] = this.#weighted[j] + j * this.bytes[j];
        }
    }
    /**
     * The checksum of `bytes[offset, offset + length)`, from the prefix sums:
     * `a` = the sum of the bytes, `b` = the sum of `(length - i) * byte[i]`,
     * each mod 65521, as `(b << 16) | a`. Every term is an integer below 2^53.
     */
    checksum(offset, length) {
        const a = this.#sums[offset + length] - this.#sums[offset];
        const indexed = this.#weighted[offset + length] - this.#weighted[offset] - offset * a;
        const b = length * a - indexed;
        return (((b % MOD) << 16) | (a % MOD)) >>> 0;
    }
}
/** A running checksum over bytes that arrive in pieces; equals `MessagePool.checksum` of the same bytes. */
export class RunningChecksum {
    #a = 0;
    #b = 0;
    /** Starts over. */
    reset() {
        this.#a = 0;
        this.#b = 0;
    }
    /** Adds `bytes[from, to)`. */
    update(bytes, from, to) {
        let a = this.#a, b = this.#b;
        while (from < to) {
            const end = Math.min(to, from + BLOCK);
            for (let i = from; i < end; i++) {
                a += bytes[i];
                b += a;
            }
            a %= MOD;
            b %= MOD;
            from = end;
        }
        this.#a = a;
        this.#b = b;
    }
    /** The checksum so far, as `MessagePool.checksum` gives it. */
    value() {
        return ((this.#b << 16) | this.#a) >>> 0;
    }
}
/**
 * One connection's message sequence: call `next()` for each message, then
 * read `seq`, `length`, `offset` and `checksum`. A sender and a receiver
 * made with the same seed and stream see the same sequence.
 */
export class MessageSequence {
    /** The sequence number of the current message (0 for the first). */
    seq = -1;
    /** Its payload length, 1 to `maxSize`. */
    length = 0;
    /** Where its payload starts in the pool. */
    offset = 0;
    /** The checksum of its payload. */
    checksum = 0;
    #prng;
    #pool;
    #log2Max;
    /** The sequence of connection `stream` under `seed`, sizes up to `maxSize` bytes. */
    constructor(pool, seed, stream, maxSize) {
        this.#pool = pool;
        this.#prng = new Prng(mixSeed(seed, stream));
        this.#log2Max = Math.log2(maxSize + 1);
    }
    /** Moves to the next message: sizes are log-uniform from 1 byte to `maxSize`. */
    next() {
        this.seq++;
        this.length = Math.max(1, Math.floor(2 ** (this.#prng.float() * this.#log2Max)) - 1);
        this.offset = this.#prng.int(this.#pool.bytes.byteLength - this.length + 1);
        this.checksum = this.#pool.checksum(this.offset, this.length);
    }
    /** Writes the current message's header into `out` at `at`. */
    writeHeader(out, at) {
        out.setUint32(at, MAGIC, true);
        out.setUint32(at + 4, this.seq, true);
        out.setUint32(at + 8, this.length, true);
        out.setUint32(at + 12, this.checksum, true);
    }
}
