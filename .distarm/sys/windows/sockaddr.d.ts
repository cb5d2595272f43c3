/**
 * Winsock socket addresses: the `SOCKADDR_IN`/`SOCKADDR_IN6` layouts as
 * data, and their encoder/decoder. Windows has no `sin_len` (a two-byte
 * family, as Linux), but `AF_INET6` is 23. Plain data and code: importing
 * this file loads no library.
 *
 * @module
 */
import type { Struct } from "../layout.ts";
import type { IpEndpoint } from "../net_ops.ts";
/** The socket-address structs of Windows (x86_64 and aarch64 alike). */
export declare const WINDOWS_SOCKADDR: {
    readonly sockaddr_in: Struct;
    readonly sockaddr_in6: Struct;
    readonly sockaddr_storage: Struct;
    readonly ip_mreq: Struct;
    readonly ipv6_mreq: Struct;
};
/** Room for any socket address (`SOCKADDR_STORAGE`). */
export declare const SOCKADDR_STORAGE_SIZE: number;
/** Writes `addr` into `buf` (at least `SOCKADDR_STORAGE_SIZE` bytes); returns its length. */
export declare function encodeSockaddr(addr: IpEndpoint, buf: Uint8Array): number;
/** Reads the IP address Winsock wrote into `buf`; `null` for other families. */
export declare function decodeSockaddr(buf: Uint8Array): IpEndpoint | null;
/** Formats an endpoint for error messages (`1.2.3.4:5` / `[::1]:5`). */
export declare function describeEndpoint(addr: IpEndpoint): string;
