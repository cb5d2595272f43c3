/**
 * `UnixDatagram`: a non-blocking Unix-domain datagram socket (mio's
 * `net::UnixDatagram`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { SenderSlot, type ShutdownHow, type UnixEndpoint, WOULD_BLOCK } from "../../sys/contract.ts";
import { SocketSource } from "../socket_source.ts";
import { checkBuffer, checkFd, checkShutdownHow } from "../validate.ts";
import { endpointOf, UnixSocketAddr, type UnixSocketAddrInput } from "./unix_socket_addr.ts";
import { notOwned } from "../io_source.ts";

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
export class UnixDatagram extends SocketSource {
  /** The sender of the last datagram received. */
  readonly #sender = new SenderSlot<UnixEndpoint, UnixSocketAddr>((endpoint) => new UnixSocketAddr(endpoint));

  private constructor(fd: number) {
    super(fd, "UnixDatagram");
  }

  /**
   * A datagram socket bound to the pathname `path`.
   *
   * @throws `IoError` `InvalidInput` for a bad path (before any syscall),
   * `AddrInUse` if the path exists, …
   */
  static override bind(path: string): UnixDatagram {
    return UnixDatagram.bindAddr(UnixSocketAddr.fromPathname(path));
  }

  /** A datagram socket bound to `addr` (a pathname, an abstract name, or unnamed: Linux picks an abstract name). */
  static bindAddr(addr: UnixSocketAddrInput): UnixDatagram {
    const endpoint = endpointOf(addr);
    return new UnixDatagram(platform.uds.datagram(endpoint));
  }

  /** A datagram socket bound to no address. */
  static unbound(): UnixDatagram {
    return new UnixDatagram(platform.uds.datagram(null));
  }

  /** Two connected, unnamed datagram sockets (`socketpair`). */
  static pair(): [UnixDatagram, UnixDatagram] {
    const [a, b] = platform.uds.pair("datagram");
    return [new UnixDatagram(a), new UnixDatagram(b)];
  }

  /**
   * Takes ownership of a Unix datagram socket's descriptor (it should be non-blocking).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): UnixDatagram {
    return new UnixDatagram(notOwned(checkFd(fd)));
  }

  /**
   * Sets the peer `send` sends to and the only sender `recv` accepts.
   *
   * @throws `IoError` `InvalidInput` for a bad address (before any syscall),
   * `NotFound`, `ConnectionRefused`, …
   */
  connect(pathOrAddr: UnixSocketAddrInput): void {
    const fd = this.io.fd;
    platform.uds.connectDatagram(fd, endpointOf(pathOrAddr));
  }

  /**
   * Sends `buf` as one datagram to `pathOrAddr`: the count, or `null` if it
   * would block. A `UnixSocketAddr` is used as is; a string is encoded on
   * each call.
   */
  sendTo(buf: Uint8Array, pathOrAddr: UnixSocketAddrInput): number | null {
    const endpoint = endpointOf(pathOrAddr);
    const len = checkBuffer(buf); // after parsing: reading `pathOrAddr` may run caller code that changes `buf`
    const n = platform.uds.sendTo(this.io.fd, buf, len, endpoint);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /**
   * Receives one datagram into `buf` (the rest of a longer one is lost):
   * its length and sender, or `null` if none is waiting.
   */
  recvFrom(buf: Uint8Array): [number, UnixSocketAddr] | null {
    const len = checkBuffer(buf);
    const n = platform.uds.recvFrom(this.io.fd, buf, len, this.#sender);
    if (n === WOULD_BLOCK) return this.io.wouldBlock();
    return [n, this.#sender.addr!];
  }

  /** Sends `buf` as one datagram to the connected peer: the count, or `null` if it would block. */
  send(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.net.write(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Receives one datagram from the connected peer into `buf`: its length, or `null` if none is waiting. */
  recv(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.net.read(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Shuts down the read half, the write half, or both. */
  shutdown(how: ShutdownHow): void {
    platform.net.shutdown(this.io.fd, checkShutdownHow(how));
  }

  /** The local address (unnamed when unbound). */
  localAddr(): UnixSocketAddr {
    return new UnixSocketAddr(platform.uds.localAddr(this.io.fd));
  }

  /** The connected peer's address; `NotConnected` if not connected. */
  peerAddr(): UnixSocketAddr {
    return new UnixSocketAddr(platform.uds.peerAddr(this.io.fd));
  }
}
