import type { UnixEndpoint } from "../../sys/unix_socket_ops.ts";
/**
 * What a Unix socket address may be given as: a pathname string,
 * `{ path }`, `{ abstract }` (bytes of a Linux abstract name, without the
 * leading NUL), `{ path: null, abstract: null }` (unnamed: binding it
 * makes Linux pick an abstract name), or a `UnixSocketAddr`.
 */
export type UnixSocketAddrInput = string | UnixSocketAddr | {
    readonly path?: string | null;
    readonly abstract?: Uint8Array | null;
};
/**
 * A Unix socket address, as `localAddr()`, `peerAddr()`, `accept()` and
 * `recvFrom()` return it: `path` for a pathname, `abstract` for an abstract
 * name, both `null` when unnamed.
 *
 * @example
 * ```ts
 * import { UnixListener } from "mio-ts/unix";
 *
 * // A Linux abstract name: no socket file to remove afterwards.
 * const listener = UnixListener.bindAddr({ abstract: new TextEncoder().encode("mio-ts-example") });
 * const addr = listener.localAddr();
 * if (addr.path !== null) console.log(`pathname ${addr.path}`);
 * else if (addr.abstract !== null) console.log(`abstract name, ${addr.abstract.length} bytes`);
 * else console.log("unnamed");
 * listener.close();
 * ```
 */
export declare class UnixSocketAddr {
    #private;
    /** The pathname (bytes that are not UTF-8 read as U+FFFD), or `null`. */
    readonly path: string | null;
    /** The abstract name's bytes, without the leading NUL, or `null`. */
    readonly abstract: Uint8Array | null;
    /** @internal Made by parsing or by the OS; use `UnixSocketAddr.parse()`. */
    constructor(endpoint: UnixEndpoint);
    /**
     * Parses a Unix socket address.
     *
     * @throws `IoError` `InvalidInput` for an empty path, a path containing
     * NUL, a path or name too long for `sun_path`, or a malformed object.
     */
    static parse(input: UnixSocketAddrInput): UnixSocketAddr;
    /**
     * The address of the pathname `path` (std's `SocketAddr::from_pathname`).
     *
     * @throws `IoError` `InvalidInput` unless `path` is a non-empty string
     * without NUL that fits `sun_path`.
     */
    static fromPathname(path: string): UnixSocketAddr;
    /**
     * The Linux abstract address named `name` (the bytes after the leading
     * NUL; std's `SocketAddr::from_abstract_name`).
     *
     * @throws `IoError` `InvalidInput` unless `name` is a `Uint8Array` that fits `sun_path`.
     */
    static fromAbstractName(name: Uint8Array): UnixSocketAddr;
    /** Whether the address is unnamed (neither a pathname nor an abstract name). */
    isUnnamed(): boolean;
    /** The path, `@name` for an abstract name, or `(unnamed)`. */
    toString(): string;
}
/** @internal The address `input` as data for the OS (parsed and checked). */
export declare function endpointOf(input: UnixSocketAddrInput): UnixEndpoint;
