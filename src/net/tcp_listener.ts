/**
 * `TcpListener`: a non-blocking listening TCP socket (mio's `net::TcpListener`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { SocketSource } from "../socket_source.ts";
import { checkFd, checkInteger } from "../validate.ts";
import { ANY_HOSTNAME, SocketAddr, type SocketAddrInput } from "./socket_addr.ts";
import { TcpStream } from "./tcp_stream.ts";
import { fromFresh, notOwned } from "../io_source.ts";

/** Options for `TcpListener.bind`. */
export interface TcpListenerOptions {
  /** Set `SO_REUSEPORT`, so several listeners (one per Worker) share the port. */
  reusePort?: boolean;
}

/**
 * A TCP socket server, listening for connections. Register it for
 * `READABLE` and call `accept()` until it returns `null`.
 *
 * @example
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { TcpListener } from "mio-ts/net";
 *
 * const poll = new Poll();
 * const events = new Events(16);
 * const listener = TcpListener.bind("127.0.0.1:0"); // port 0: the OS picks one
 * poll.registry().register(listener, Token(0), Interest.READABLE);
 * console.log(`listening on ${listener.localAddr()}`);
 *
 * poll.poll(events, 1000);
 * // Accept until `null` (WouldBlock): events are edge-triggered.
 * let accepted;
 * while ((accepted = listener.accept()) !== null) {
 *   const [stream, peer] = accepted;
 *   console.log(`connection from ${peer}`);
 *   stream.close();
 * }
 * listener.close();
 * poll.close();
 * ```
 */
export class TcpListener extends SocketSource {
  private constructor(fd: number) {
    super(fd, "TcpListener");
  }

  /**
   * Binds to `addr` and listens (backlog 1024, `SO_REUSEADDR` set, as mio).
   * `{ port }` without a hostname binds 0.0.0.0, as `Deno.listen({ port })`.
   *
   * @throws `IoError` `InvalidInput` for a bad address (before any syscall),
   * `AddrInUse`, `AddrNotAvailable`, `PermissionDenied`, …
   */
  static override bind(addr: SocketAddrInput, options: TcpListenerOptions = {}): TcpListener {
    const endpoint = SocketAddr.parse(addr, ANY_HOSTNAME).endpoint;
    return new TcpListener(platform.net.tcpListen(endpoint, { reusePort: options.reusePort === true }));
  }

  /**
   * Takes ownership of a listening socket's descriptor (it should be non-blocking).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): TcpListener {
    return new TcpListener(notOwned(checkFd(fd)));
  }

  /** Accepts one connection, or returns `null` when none is waiting. */
  accept(): [TcpStream, SocketAddr] | null {
    const accepted = platform.net.accept(this.io.fd);
    if (accepted === null) return this.io.wouldBlock();
    return [fromFresh(TcpStream.fromFd, accepted.fd), new SocketAddr(accepted.peer)];
  }

  /** The address the listener is bound to. */
  localAddr(): SocketAddr {
    return new SocketAddr(platform.net.localAddr(this.io.fd));
  }

  /** Sets `IP_TTL` for accepted sockets. */
  setTtl(ttl: number): void {
    platform.net.setTtl(this.io.fd, checkInteger(ttl, 0, 0xffffffff, "ttl"));
  }

  /** Reads `IP_TTL`. */
  ttl(): number {
    return platform.net.ttl(this.io.fd);
  }
}
