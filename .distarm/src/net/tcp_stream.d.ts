import { type ShutdownHow } from "../../sys/net_ops.ts";
import { SocketSource } from "../socket_source.ts";
import { SocketAddr, type SocketAddrInput } from "./socket_addr.ts";
/**
 * A TCP connection. Every operation is non-blocking: it returns `null`
 * when it would block; wait for the next event and call it again.
 *
 * @example
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { TcpStream } from "mio-ts/net";
 *
 * const CLIENT = Token(1);
 * const poll = new Poll();
 * const events = new Events(16);
 * // connect() returns at once; the connection completes in the background.
 * const stream = TcpStream.connect("127.0.0.1:8080");
 * poll.registry().register(stream, CLIENT, Interest.READABLE | Interest.WRITABLE);
 *
 * poll.poll(events, 1000);
 * for (const event of events) {
 *   if (event.token() === CLIENT && event.isWritable()) {
 *     // Writable: connected, or failed. takeError() says which.
 *     const error = stream.takeError();
 *     if (error !== null) throw error;
 *     stream.write(new TextEncoder().encode("hello\n")); // a count, or null (WouldBlock)
 *   }
 * }
 * stream.close();
 * poll.close();
 * ```
 */
export declare class TcpStream extends SocketSource {
    private constructor();
    /**
     * Starts connecting to `addr` and returns at once. A writable event means
     * the attempt ended: `takeError()` tells whether it failed, `peerAddr()`
     * succeeds once connected.
     *
     * @throws `IoError` `InvalidInput` for a bad address (before any syscall).
     */
    static connect(addr: SocketAddrInput): TcpStream;
    /** Takes ownership of a connected socket's descriptor (it should be non-blocking). */
    static fromFd(fd: number): TcpStream;
    /** Reads into `buf`: the count, `0` at end of stream, or `null` if it would block. */
    read(buf: Uint8Array): number | null;
    /** Writes from `buf`: the count written (maybe fewer), or `null` if it would block. */
    write(buf: Uint8Array): number | null;
    /** Reads into `bufs` in order with one read. */
    readVectored(bufs: readonly Uint8Array[]): number | null;
    /** Writes `bufs` in order with one write. */
    writeVectored(bufs: readonly Uint8Array[]): number | null;
    /** Reads into `buf` without removing the data from the socket. */
    peek(buf: Uint8Array): number | null;
    /** Shuts down the read half, the write half, or both. */
    shutdown(how: ShutdownHow): void;
    /** The remote address; `NotConnected` until connected. */
    peerAddr(): SocketAddr;
    /** The local address. */
    localAddr(): SocketAddr;
    /** Sets `TCP_NODELAY` (disables Nagle's algorithm when `true`). */
    setNodelay(nodelay: boolean): void;
    /** Reads `TCP_NODELAY`. */
    nodelay(): boolean;
    /** Sets `IP_TTL`. */
    setTtl(ttl: number): void;
    /** Reads `IP_TTL`. */
    ttl(): number;
}
