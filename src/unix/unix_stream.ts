/**
 * `UnixStream`: a non-blocking Unix-domain stream socket (mio's
 * `net::UnixStream`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { StreamSocket } from "../stream_socket.ts";
import { checkFd } from "../validate.ts";
import { endpointOf, UnixSocketAddr, type UnixSocketAddrInput } from "./unix_socket_addr.ts";
import { notOwned } from "../io_source.ts";

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
export class UnixStream extends StreamSocket {
  private constructor(fd: number) {
    super(fd, "UnixStream");
  }

  /**
   * Connects to the socket bound at `path`. On Linux the connection is made
   * (or refused) at once; a writable event follows.
   *
   * @throws `IoError` `InvalidInput` for a bad path (before any syscall),
   * `NotFound` when nothing is at `path`, `ConnectionRefused` when no one
   * listens there.
   */
  static connect(path: string): UnixStream {
    return UnixStream.connectAddr(UnixSocketAddr.fromPathname(path));
  }

  /** Connects to `addr`: a pathname or an abstract name. */
  static connectAddr(addr: UnixSocketAddrInput): UnixStream {
    const endpoint = endpointOf(addr);
    return new UnixStream(platform.uds.connect(endpoint));
  }

  /** Two connected, unnamed streams (`socketpair`). */
  static pair(): [UnixStream, UnixStream] {
    const [a, b] = platform.uds.pair("stream");
    return [new UnixStream(a), new UnixStream(b)];
  }

  /**
   * Takes ownership of a connected Unix stream socket's descriptor (it should be non-blocking).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): UnixStream {
    return new UnixStream(notOwned(checkFd(fd)));
  }

  /** The local address (unnamed for a socket that connected without binding). */
  localAddr(): UnixSocketAddr {
    return new UnixSocketAddr(platform.uds.localAddr(this.io.fd));
  }

  /** The peer's address; `NotConnected` if not connected. */
  peerAddr(): UnixSocketAddr {
    return new UnixSocketAddr(platform.uds.peerAddr(this.io.fd));
  }
}
