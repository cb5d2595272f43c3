/**
 * Encodes and decodes `sockaddr_in`/`sockaddr_in6` (Linux layout: a 2-byte
 * family; port and address in network order).
 *
 * @module
 */
import type { LinuxLayouts } from "../layout.ts";
import type { IpEndpoint } from "../net_ops.ts";
/** Encoder/decoder of IP socket addresses for one set of layouts. */
export declare class SockaddrCodec {
    #private;
    /** Room for any socket address (`sockaddr_storage`). */
    readonly storageSize: number;
    /** Uses the `sockaddr_in`/`sockaddr_in6`/`sockaddr_storage` layouts given. */
    constructor(layouts: LinuxLayouts);
    /** Writes `addr` into `buf` (at least `storageSize` bytes); returns its length. */
    encode(addr: IpEndpoint, buf: Uint8Array): number;
    /** Reads the IP address the OS wrote into `buf`; `null` for other families. */
    decode(buf: Uint8Array): IpEndpoint | null;
}
/** Formats an endpoint for error messages (`1.2.3.4:5` / `[::1]:5`). */
export declare function describeEndpoint(addr: IpEndpoint): string;
