/**
 * `SocketAddr`: IP socket addresses, parsed from `"127.0.0.1:8080"`,
 * `"[::1]:8080"` or `{ hostname, port }` (IP literals only, as in mio) and
 * printed as Rust prints them.
 *
 * @module
 */
import type { IpEndpoint } from "../../sys/net_ops.ts";
/** What a socket address may be given as. */
export type SocketAddrInput = string | {
    hostname: string;
    port: number;
} | SocketAddr;
/** An IPv4 or IPv6 socket address, as returned by `localAddr()`, `accept()`, … */
export declare class SocketAddr {
    /** The IP address: `"127.0.0.1"`, `"::1"` (no brackets). */
    readonly hostname: string;
    /** The port. */
    readonly port: number;
    /** `"ipv4"` or `"ipv6"`. */
    readonly family: "ipv4" | "ipv6";
    /** @internal The address as data for the OS. */
    readonly endpoint: IpEndpoint;
    /** @internal Made by parsing or by the OS; use `SocketAddr.parse()`. */
    constructor(endpoint: IpEndpoint);
    /**
     * Parses a socket address.
     *
     * @throws `IoError` `InvalidInput` saying what was wrong.
     */
    static parse(input: SocketAddrInput): SocketAddr;
    /** `127.0.0.1:8080`, `[::1]:8080`, or `[fe80::1%2]:8080` with a scope id. */
    toString(): string;
}
