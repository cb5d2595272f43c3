import { type ShutdownHow } from "../../sys/net_ops.ts";
import { SocketSource } from "../socket_source.ts";
import { UnixSocketAddr, type UnixSocketAddrInput } from "./unix_socket_addr.ts";
/**
 * A Unix-domain datagram socket. Every operation is non-blocking: it
 * returns `null` when it would block. Sends never raise SIGPIPE. As with
 * `UnixListener`, closing a bound socket leaves its socket file.
 *
 * @example
 * ```ts
 * import { UnixDatagram } from "mio-ts/unix";
 *
 * const [a, b] = UnixDatagram.pair(); // connected to each other
 * a.send(new TextEncoder().encode("ping"));
 * const buf = new Uint8Array(16);
 * const n = b.recv(buf); // 4: one datagram (null would mean WouldBlock)
 * console.log(n);
 * a.close();
 * b.close();
 * ```
 */
export declare class UnixDatagram extends SocketSource {
    private constructor();
    /**
     * A datagram socket bound to the pathname `path`.
     *
     * @throws `IoError` `InvalidInput` for a bad path (before any syscall),
     * `AddrInUse` if the path exists, …
     */
    static bind(path: string): UnixDatagram;
    /** A datagram socket bound to `addr` (a pathname, an abstract name, or unnamed: Linux picks an abstract name). */
    static bindAddr(addr: UnixSocketAddrInput): UnixDatagram;
    /** A datagram socket bound to no address. */
    static unbound(): UnixDatagram;
    /** Two connected, unnamed datagram sockets (`socketpair`). */
    static pair(): [UnixDatagram, UnixDatagram];
    /** Takes ownership of a Unix datagram socket's descriptor (it should be non-blocking). */
    static fromFd(fd: number): UnixDatagram;
    /**
     * Sets the peer `send` sends to and the only sender `recv` accepts.
     *
     * @throws `IoError` `InvalidInput` for a bad address (before any syscall),
     * `NotFound`, `ConnectionRefused`, …
     */
    connect(pathOrAddr: UnixSocketAddrInput): void;
    /**
     * Sends `buf` as one datagram to `pathOrAddr`: the count, or `null` if it
     * would block. A `UnixSocketAddr` is used as is; a string is encoded on
     * each call.
     */
    sendTo(buf: Uint8Array, pathOrAddr: UnixSocketAddrInput): number | null;
    /**
     * Receives one datagram into `buf` (the rest of a longer one is lost):
     * its length and sender, or `null` if none is waiting.
     */
    recvFrom(buf: Uint8Array): [number, UnixSocketAddr] | null;
    /** Sends `buf` as one datagram to the connected peer: the count, or `null` if it would block. */
    send(buf: Uint8Array): number | null;
    /** Receives one datagram from the connected peer into `buf`: its length, or `null` if none is waiting. */
    recv(buf: Uint8Array): number | null;
    /** Shuts down the read half, the write half, or both. */
    shutdown(how: ShutdownHow): void;
    /** The local address (unnamed when unbound). */
    localAddr(): UnixSocketAddr;
    /** The connected peer's address; `NotConnected` if not connected. */
    peerAddr(): UnixSocketAddr;
}
