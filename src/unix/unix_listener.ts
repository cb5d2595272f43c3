/**
 * `UnixListener`: a non-blocking listening Unix-domain socket (mio's
 * `net::UnixListener`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { SocketSource } from "../socket_source.ts";
import { checkFd } from "../validate.ts";
import { endpointOf, UnixSocketAddr, type UnixSocketAddrInput } from "./unix_socket_addr.ts";
import { UnixStream } from "./unix_stream.ts";
import { fromFresh, notOwned } from "../io_source.ts";

/**
 * A Unix-domain socket server, listening for connections. Register it for
 * `READABLE` and call `accept()` until it returns `null`. As in mio,
 * closing it leaves the socket file at its path: remove it yourself.
 *
 * @example
 * ```ts
 * import { unlinkSync } from "node:fs";
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { UnixListener, UnixStream } from "mio-ts/unix";
 *
 * const path = "/tmp/mio-ts-example.sock";
 * const poll = new Poll();
 * const events = new Events(8);
 * const listener = UnixListener.bind(path);
 * poll.registry().register(listener, Token(0), Interest.READABLE);
 * const client = UnixStream.connect(path);
 *
 * poll.poll(events, 1000);
 * let accepted;
 * while ((accepted = listener.accept()) !== null) accepted[0].close();
 * client.close();
 * listener.close();
 * unlinkSync(path); // closing leaves the socket file, as in mio
 * poll.close();
 * ```
 */
export class UnixListener extends SocketSource {
  private constructor(fd: number) {
    super(fd, "UnixListener");
  }

  /**
   * Binds to the pathname `path` (creating the socket file) and listens.
   *
   * @throws `IoError` `InvalidInput` for a bad path (before any syscall),
   * `AddrInUse` if the path exists (even a socket file a closed listener
   * left), `NotFound` if its directory does not, `PermissionDenied`, …
   */
  static override bind(path: string): UnixListener {
    return UnixListener.bindAddr(UnixSocketAddr.fromPathname(path));
  }

  /** Binds to `addr` (a pathname, an abstract name, or unnamed: Linux picks an abstract name) and listens. */
  static bindAddr(addr: UnixSocketAddrInput): UnixListener {
    const endpoint = endpointOf(addr);
    return new UnixListener(platform.uds.listen(endpoint));
  }

  /**
   * Takes ownership of a listening Unix socket's descriptor (it should be non-blocking).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): UnixListener {
    return new UnixListener(notOwned(checkFd(fd)));
  }

  /** Accepts one connection, or returns `null` when none is waiting. */
  accept(): [UnixStream, UnixSocketAddr] | null {
    const accepted = platform.uds.accept(this.io.fd);
    if (accepted === null) return this.io.wouldBlock();
    return [fromFresh(UnixStream.fromFd, accepted.fd), new UnixSocketAddr(accepted.peer)];
  }

  /** The address the listener is bound to. */
  localAddr(): UnixSocketAddr {
    return new UnixSocketAddr(platform.uds.localAddr(this.io.fd));
  }
}
