/**
 * Encodes and decodes `struct sockaddr_un`, as Rust's std and mio do: a
 * pathname is NUL-terminated and counted with its NUL; an abstract name
 * (Linux) starts with a NUL and is counted without a terminator; an unnamed
 * address is just the family. Decoding goes by the length the kernel
 * returned.
 *
 * @module
 */
import type { Struct } from "../layout.ts";
import type { UnixEndpoint } from "../contract.ts";
import { invalidInput } from "../error.ts";
import { LINUX as C } from "./constants_linux.ts";

const UNNAMED: UnixEndpoint = Object.freeze({ path: null, abstract: null });

/** Encoder/decoder of Unix socket addresses for one `sockaddr_un` layout. */
export class SockaddrUnCodec {
  /** `sizeof(struct sockaddr_un)`: room for any Unix address. */
  readonly size: number;
  readonly #familyOffset: number;
  readonly #pathOffset: number;
  readonly #pathSize: number;

  /** Uses the `sockaddr_un` layout given. */
  constructor(layout: Struct) {
    this.size = layout.size;
    this.#familyOffset = layout.fields.family.offset;
    this.#pathOffset = layout.fields.path.offset;
    this.#pathSize = layout.fields.path.size;
  }

  /** Throws `IoError` `InvalidInput` unless `addr` fits `sun_path` (with its NUL). */
  check(addr: UnixEndpoint): void {
    const max = this.#pathSize - 1;
    if (addr.path !== null && addr.path.byteLength > max) {
      throw invalidInput(
        `path must be shorter than SUN_LEN: ${addr.path.byteLength} bytes, at most ${max} fit in sun_path`,
      );
    }
    if (addr.abstract !== null && addr.abstract.byteLength > max) {
      throw invalidInput(
        `abstract socket name must be shorter than SUN_LEN: ${addr.abstract.byteLength} bytes, ` +
          `at most ${max} fit in sun_path after the leading NUL`,
      );
    }
  }

  /** Writes `addr` into `buf` (at least `size` bytes); returns the address length to pass. */
  encode(addr: UnixEndpoint, buf: Uint8Array): number {
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
  family(buf: Uint8Array): number {
    return buf[this.#familyOffset] | (buf[this.#familyOffset + 1] << 8);
  }

  /**
   * Reads the address of `len` bytes the OS wrote into `buf`: unnamed when
   * no path bytes, abstract when `sun_path` starts with NUL, else a pathname
   * up to its first NUL.
   */
  decode(buf: Uint8Array, len: number): UnixEndpoint {
    const end = Math.min(len, this.size);
    if (end <= this.#pathOffset) return UNNAMED;
    const start = this.#pathOffset;
    if (buf[start] === 0) return { path: null, abstract: buf.slice(start + 1, end) };
    const nul = buf.subarray(start, end).indexOf(0);
    return { path: buf.slice(start, nul < 0 ? end : start + nul), abstract: null };
  }
}
