/**
 * `TcpStream`: a non-blocking TCP connection (mio's `net::TcpStream`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { StreamSocket } from "../stream_socket.ts";
import { checkFd, checkInteger } from "../validate.ts";
import { LOCAL_HOSTNAME, SocketAddr, type SocketAddrInput } from "./socket_addr.ts";
import { notOwned } from "../io_source.ts";

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
export class TcpStream extends StreamSocket {
  private constructor(fd: number) {
    super(fd, "TcpStream");
  }

  /**
   * Starts connecting to `addr` and returns at once. A writable event means
   * the attempt ended: `takeError()` tells whether it failed, `peerAddr()`
   * succeeds once connected. `{ port }` without a hostname connects to
   * 127.0.0.1, as `Deno.connect({ port })`.
   *
   * @throws `IoError` `InvalidInput` for a bad address (before any syscall).
   */
  static connect(addr: SocketAddrInput): TcpStream {
    const endpoint = SocketAddr.parse(addr, LOCAL_HOSTNAME).endpoint;
    return new TcpStream(platform.net.tcpConnect(endpoint));
  }

  /**
   * Takes ownership of a connected socket's descriptor (it should be non-blocking).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): TcpStream {
    return new TcpStream(notOwned(checkFd(fd)));
  }

  /** The remote address; `NotConnected` until connected. */
  peerAddr(): SocketAddr {
    return new SocketAddr(platform.net.peerAddr(this.io.fd));
  }

  /** The local address. */
  localAddr(): SocketAddr {
    return new SocketAddr(platform.net.localAddr(this.io.fd));
  }

  /** Sets `TCP_NODELAY` (disables Nagle's algorithm when `true`). */
  setNodelay(nodelay: boolean): void {
    if (typeof nodelay !== "boolean") throw new TypeError("nodelay must be a boolean");
    platform.net.setNodelay(this.io.fd, nodelay);
  }

  /** Reads `TCP_NODELAY`. */
  nodelay(): boolean {
    return platform.net.nodelay(this.io.fd);
  }

  /** Sets `IP_TTL`. */
  setTtl(ttl: number): void {
    platform.net.setTtl(this.io.fd, checkInteger(ttl, 0, 0xffffffff, "ttl"));
  }

  /** Reads `IP_TTL`. */
  ttl(): number {
    return platform.net.ttl(this.io.fd);
  }
}
