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
import type { UnixEndpoint } from "../unix_socket_ops.ts";
/** Encoder/decoder of Unix socket addresses for one `sockaddr_un` layout. */
export declare class SockaddrUnCodec {
    #private;
    /** `sizeof(struct sockaddr_un)`: room for any Unix address. */
    readonly size: number;
    /** Uses the `sockaddr_un` layout given. */
    constructor(layout: Struct);
    /** Throws `IoError` `InvalidInput` unless `addr` fits `sun_path` (with its NUL). */
    check(addr: UnixEndpoint): void;
    /** Writes `addr` into `buf` (at least `size` bytes); returns the address length to pass. */
    encode(addr: UnixEndpoint, buf: Uint8Array): number;
    /** The family the OS wrote into `buf`. */
    family(buf: Uint8Array): number;
    /**
     * Reads the address of `len` bytes the OS wrote into `buf`: unnamed when
     * no path bytes, abstract when `sun_path` starts with NUL, else a pathname
     * up to its first NUL.
     */
    decode(buf: Uint8Array, len: number): UnixEndpoint;
}
