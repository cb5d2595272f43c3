/**
 * The socket operations every platform provides to `src/net`, and the
 * address data they exchange. Hot operations return a count, or
 * `WOULD_BLOCK`; every other failure throws `IoError`. `EINTR` is retried
 * inside.
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
  /** Reads into `buf`; 0 at end of stream. */
  read(fd: number, buf: Uint8Array): number;
  /** Reads into `buf` without consuming. */
  peek(fd: number, buf: Uint8Array): number;
  /** Writes `buf` without raising SIGPIPE. */
  write(fd: number, buf: Uint8Array): number;
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
