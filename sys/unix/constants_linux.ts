/**
 * Linux constants (glibc and kernel uapi headers; the same on x86_64 and
 * aarch64). A test compiles them against the machine's headers.
 *
 * @module
 */

/** Socket, epoll and eventfd constants for Linux. */
export const LINUX = {
  EINTR: 4,
  EAGAIN: 11,
  EINPROGRESS: 115,
  EAFNOSUPPORT: 97,
  AF_UNIX: 1,
  AF_INET: 2,
  AF_INET6: 10,
  SOCK_STREAM: 1,
  SOCK_DGRAM: 2,
  SOCK_NONBLOCK: 0x800,
  SOCK_CLOEXEC: 0x80000,
  SOL_SOCKET: 1,
  SO_REUSEADDR: 2,
  SO_ERROR: 4,
  SO_REUSEPORT: 15,
  IPPROTO_IP: 0,
  IPPROTO_TCP: 6,
  IPPROTO_IPV6: 41,
  IP_TTL: 2,
  IPV6_V6ONLY: 26,
  TCP_NODELAY: 1,
  MSG_PEEK: 0x2,
  MSG_NOSIGNAL: 0x4000,
  SHUT_RD: 0,
  SHUT_WR: 1,
  SHUT_RDWR: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  O_NONBLOCK: 0x800,
  EPOLL_CLOEXEC: 0x80000,
  EPOLL_CTL_ADD: 1,
  EPOLL_CTL_DEL: 2,
  EPOLL_CTL_MOD: 3,
  EPOLLIN: 0x1,
  EPOLLPRI: 0x2,
  EPOLLOUT: 0x4,
  EPOLLERR: 0x8,
  EPOLLHUP: 0x10,
  EPOLLRDHUP: 0x2000,
  EPOLLET: 0x80000000,
  EFD_NONBLOCK: 0x800,
  EFD_CLOEXEC: 0x80000,
} as const;
