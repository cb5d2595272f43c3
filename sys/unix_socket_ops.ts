/**
 * The Unix-domain socket operations every Unix platform provides to
 * `src/unix`, and the address data they exchange. Hot operations return a
 * count, or `WOULD_BLOCK`; every other failure throws `IoError`. `EINTR` is
 * retried inside. Reads, writes, peeks, shutdown, `takeErrno` and close of a
 * Unix socket are the generic socket operations of `SocketOps`.
 *
 * @module
 */

/**
 * A Unix socket address as data: a pathname, an abstract name (Linux), or
 * neither (unnamed). Never both.
 */
export interface UnixEndpoint {
  /** The pathname's bytes, without a terminating NUL; `null` if not a pathname. */
  readonly path: Uint8Array | null;
  /** The abstract name's bytes, without the leading NUL; `null` if not abstract. */
  readonly abstract: Uint8Array | null;
}

/** The two kinds of Unix socket mio-ts makes. */
export type UnixSocketType = "stream" | "datagram";

/** Unix-domain socket operations on descriptors. */
export interface UnixSocketOps {
  /**
   * Checks that `addr` fits the OS's `sun_path`; throws `IoError`
   * `InvalidInput` (before any syscall) when it does not.
   */
  check(addr: UnixEndpoint): void;
  /** A non-blocking, close-on-exec stream socket bound to `addr` and listening. */
  listen(addr: UnixEndpoint): number;
  /** A non-blocking, close-on-exec stream socket connected (or connecting) to `addr`. */
  connect(addr: UnixEndpoint): number;
  /** A non-blocking, close-on-exec datagram socket, bound to `addr` unless it is `null`. */
  datagram(addr: UnixEndpoint | null): number;
  /** Two connected non-blocking, close-on-exec sockets of `type` (`socketpair`). */
  pair(type: UnixSocketType): [number, number];
  /** Accepts one connection (non-blocking, close-on-exec), or `WOULD_BLOCK`. */
  accept(fd: number): number;
  /** The peer address of the last successful `accept` on this thread. */
  acceptedPeer(): UnixEndpoint;
  /** Connects a datagram socket: the default destination and only source. */
  connectDatagram(fd: number, addr: UnixEndpoint): void;
  /** Sends the first `len` bytes of `buf` (see `SocketOps`) as one datagram to `addr` without raising SIGPIPE. */
  sendTo(fd: number, buf: Uint8Array, len: number, addr: UnixEndpoint): number;
  /** Receives one datagram into the first `len` bytes of `buf` (truncated to them); the sender is read with `lastSender()`. */
  recvFrom(fd: number, buf: Uint8Array, len: number): number;
  /** The sender of the datagram the last successful `recvFrom` on this thread read. */
  lastSender(): UnixEndpoint;
  /** The local address of a socket. */
  localAddr(fd: number): UnixEndpoint;
  /** The peer address of a connected socket. */
  peerAddr(fd: number): UnixEndpoint;
}
