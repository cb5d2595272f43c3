import { invalidInput } from "../../src/io_error.js";
import { LINUX as C } from "./constants_linux.js";
const UNNAMED = Object.freeze({ path: null, abstract: null });
/** Encoder/decoder of Unix socket addresses for one `sockaddr_un` layout. */
export class SockaddrUnCodec {
    /** `sizeof(struct sockaddr_un)`: room for any Unix address. */
    size;
    #familyOffset;
    #pathOffset;
    #pathSize;
    /** Uses the `sockaddr_un` layout given. */
    constructor(layout) {
        this.size = layout.size;
        this.#familyOffset = layout.fields.family.offset;
        this.#pathOffset = layout.fields.path.offset;
        this.#pathSize = layout.fields.path.size;
    }
    /** Throws `IoError` `InvalidInput` unless `addr` fits `sun_path` (with its NUL). */
    check(addr) {
        const max = this.#pathSize - 1;
        if (addr.path !== null && addr.path.byteLength > max) {
            throw invalidInput(`path must be shorter than SUN_LEN: ${addr.path.byteLength} bytes, at most ${max} fit in sun_path`);
        }
        if (addr.abstract !== null && addr.abstract.byteLength > max) {
            throw invalidInput(`abstract socket name must be shorter than SUN_LEN: ${addr.abstract.byteLength} bytes, ` +
                `at most ${max} fit in sun_path after the leading NUL`);
        }
    }
    /** Writes `addr` into `buf` (at least `size` bytes); returns the address length to pass. */
    encode(addr, buf) {
        this.check(addr);
        buf.fill(0, 0, this.size);
        buf[this.#familyOffset] = C.AF_UNIX & 0xff;
        buf[this.#familyOffset + 1] = C.AF_UNIX >> 8;
        if (addr.path !== null) {
            buf.set(addr.path, this.#pathOffset);
            return this.#pathOffset + addr.path.byteLength + 1;
        }
        if (addr.abstract !== null) {
            buf.set(addr.abstract, this.#pathOffset + 1);
            return this.#pathOffset + 1 + addr.abstract.byteLength;
        }
        return this.#pathOffset;
    }
    /** The family the OS wrote into `buf`. */
    family(buf) {
        return buf[this.#familyOffset] | (buf[this.#familyOffset + 1] << 8);
    }
    /**
     * Reads the address of `len` bytes the OS wrote into `buf`: unnamed when
     * no path bytes, abstract when `sun_path` starts with NUL, else a pathname
     * up to its first NUL.
     */
    decode(buf, len) {
        const end = Math.min(len, this.size);
        if (end <= this.#pathOffset)
            return UNNAMED;
        const start = this.#pathOffset;
        if (buf[start] === 0)
            return { path: null, abstract: buf.slice(start + 1, end) };
        const nul = buf.subarray(start, end).indexOf(0);
        return { path: buf.slice(start, nul < 0 ? end : start + nul), abstract: null };
    }
}
