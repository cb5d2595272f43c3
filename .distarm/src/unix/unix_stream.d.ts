import { type ShutdownHow } from "../../sys/net_ops.ts";
import { SocketSource } from "../socket_source.ts";
import { UnixSocketAddr, type UnixSocketAddrInput } from "./unix_socket_addr.ts";
/**
 * A Unix-domain stream connection. Every operation is non-blocking: it
 * returns `null` when it would block; wait for the next event and call it
 * again. Writes never raise SIGPIPE: a write to a closed peer throws
 * `IoError` `BrokenPipe`.
 *
 * @example
 * ```ts
 * import { UnixStream } from "mio-ts/unix";
 *
 * const [a, b] = UnixStream.pair(); // connected to each other
 * a.write(new TextEncoder().encode("ping"));
 * const buf = new Uint8Array(16);
 * const n = b.read(buf); // 4 (null would mean WouldBlock: wait for a readable event)
 * console.log(n);
 * a.close();
 * b.close();
 * ```
 */
export declare class UnixStream extends SocketSource {
    private constructor();
    /**
     * Connects to the socket bound at `path`. On Linux the connection is made
     * (or refused) at once; a writable event follows.
     *
     * @throws `IoError` `InvalidInput` for a bad path (before any syscall),
     * `NotFound` when nothing is at `path`, `ConnectionRefused` when no one
     * listens there.
     */
    static connect(path: string): UnixStream;
    /** Connects to `addr`: a pathname or an abstract name. */
    static connectAddr(addr: UnixSocketAddrInput): UnixStream;
    /** Two connected, unnamed streams (`socketpair`). */
    static pair(): [UnixStream, UnixStream];
    /** Takes ownership of a connected Unix stream socket's descriptor (it should be non-blocking). */
    static fromFd(fd: number): UnixStream;
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
    /** The local address (unnamed for a socket that connected without binding). */
    localAddr(): UnixSocketAddr;
    /** The peer's address; `NotConnected` if not connected. */
    peerAddr(): UnixSocketAddr;
}
