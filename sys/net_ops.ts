/**
 * The socket operations every platform provides to `src/net`, and the
 * address data they exchange. Hot operations return a count, or
 * `WOULD_BLOCK`; every other failure throws `IoError`. `EINTR` is retried
 * inside. A buffer comes with `len`, how many of its bytes the OS may use:
 * never more than its engine length (`byteLengthOf`, as `checkBuffer`
 * returned it), which a redefined `byteLength` cannot change.
 *
 * @module
 */

/** What hot operations return when the OS says the call would block. */
export const WOULD_BLOCK = -1;

/** An IP socket address as data: what the OS's `sockaddr_in`/`sockaddr_in6` hold. */
export interface IpEndpoint {
  /** `true` for IPv6. */
  readonly v6: boolean;
  /** 4 or 16 address bytes, network order. */
  readonly octets: Uint8Array;
  /** Port, host order. */
  readonly port: number;
  /** IPv6 flow information (0 for IPv4). */
  readonly flowinfo: number;
  /** IPv6 scope id (0 for IPv4). */
  readonly scopeId: number;
}

/** How a stream's halves are shut down. */
export type ShutdownHow = "read" | "write" | "both";

/** Options for a listening TCP socket. */
export interface TcpBindOptions {
  /** Set `SO_REUSEPORT` so several sockets can listen on one port. */
  readonly reusePort?: boolean;
}

/** Socket operations on descriptors (Unix) or socket handles (Windows). */
export interface SocketOps {
  /** A non-blocking, close-on-exec TCP socket bound to `addr` and listening. */
  tcpListen(addr: IpEndpoint, options: TcpBindOptions): number;
  /** A non-blocking TCP socket with a connect to `addr` started. */
  tcpConnect(addr: IpEndpoint): number;
  /** Accepts one connection (non-blocking, close-on-exec), or `WOULD_BLOCK`. */
  accept(fd: number): number;
  /** The peer address of the last successful `accept` on this thread. */
  acceptedPeer(): IpEndpoint;
  /** The local address of a socket. */
  localAddr(fd: number): IpEndpoint;
  /** The peer address of a connected socket. */
  peerAddr(fd: number): IpEndpoint;
  /** Reads into the first `len` bytes of `buf`; 0 at end of stream. */
  read(fd: number, buf: Uint8Array, len: number): number;
  /** Reads into the first `len` bytes of `buf` without consuming. */
  peek(fd: number, buf: Uint8Array, len: number): number;
  /** Writes the first `len` bytes of `buf` without raising SIGPIPE. */
  write(fd: number, buf: Uint8Array, len: number): number;
  /** Shuts down one or both halves. */
  shutdown(fd: number, how: ShutdownHow): void;
  /** Reads and clears the socket's pending error: 0, or an errno. */
  takeErrno(fd: number): number;
  /** Sets `TCP_NODELAY`. */
  setNodelay(fd: number, on: boolean): void;
  /** Reads `TCP_NODELAY`. */
  nodelay(fd: number): boolean;
  /** Sets `IP_TTL`. */
  setTtl(fd: number, ttl: number): void;
  /** Reads `IP_TTL`. */
  ttl(fd: number): number;
  /** Closes the descriptor. */
  close(fd: number): void;
}

/** The socket options of a UDP socket that hold one integer (booleans as 0/1). */
export type UdpOption =
  | "broadcast" // SO_BROADCAST
  | "multicastLoopV4" // IP_MULTICAST_LOOP
  | "multicastLoopV6" // IPV6_MULTICAST_LOOP
  | "multicastTtlV4" // IP_MULTICAST_TTL
  | "onlyV6"; // IPV6_V6ONLY

/** UDP socket operations. Hot operations return a count or `WOULD_BLOCK`, and never allocate. */
export interface UdpOps {
  /** A non-blocking, close-on-exec UDP socket bound to `addr`. */
  bind(addr: IpEndpoint): number;
  /** Sets the default destination, and the only source `recv` accepts. */
  connect(fd: number, addr: IpEndpoint): void;
  /** Sends the first `len` bytes of `buf` as one datagram to `addr` without raising SIGPIPE. */
  sendTo(fd: number, buf: Uint8Array, len: number, addr: IpEndpoint): number;
  /**
   * Receives (or, with `peek`, peeks at) one datagram into the first `len`
   * bytes of `buf`, truncated to them; the sender is then read with
   * `lastSender()`.
   */
  recvFrom(fd: number, buf: Uint8Array, len: number, peek: boolean): number;
  /**
   * The sender of the datagram the last successful `recvFrom` on this thread
   * read; the same object as last time when the sender is the same.
   */
  lastSender(): IpEndpoint;
  /** Sends the first `len` bytes of `buf` as one datagram to the connected peer without raising SIGPIPE. */
  send(fd: number, buf: Uint8Array, len: number): number;
  /** Receives (or, with `peek`, peeks at) one datagram into the first `len` bytes of `buf`, truncated to them. */
  recv(fd: number, buf: Uint8Array, len: number, peek: boolean): number;
  /** Sets an integer option. */
  setOption(fd: number, option: UdpOption, value: number): void;
  /** Reads an integer option. */
  option(fd: number, option: UdpOption): number;
  /** Joins (`join`) or leaves an IPv4 multicast group on the interface with address `iface` (0.0.0.0: any). */
  membershipV4(fd: number, join: boolean, group: Uint8Array, iface: Uint8Array): void;
  /** Joins (`join`) or leaves an IPv6 multicast group on interface `ifIndex` (0: any). */
  membershipV6(fd: number, join: boolean, group: Uint8Array, ifIndex: number): void;
}
