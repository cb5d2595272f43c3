/**
 * Linux's numbers, as data: the constants of its headers mio-ts uses, its errno
 * table (and `osError` built from it), and its syscall numbers per architecture.
 *
 * Linux constants (glibc and kernel uapi headers; the same on x86_64 and
 * aarch64). A test compiles them against the machine's headers.
 *
 * Linux errno numbers (asm-generic/errno-base.h and asm-generic/errno.h,
 * identical on x86_64 and aarch64) with their names and messages.
 *
 * Linux system call numbers of the calls mio-ts makes through `syscall(2)`
 * rather than glibc's wrappers (see `libc.ts`). They differ per
 * architecture: x86_64 has its own table, aarch64 the generic one
 * (`asm-generic/unistd.h`), which has no plain `epoll_wait` — glibc's
 * wrapper calls `epoll_pwait` with no signal mask there, and so does
 * mio-ts. tests/ffi_abi.test.ts checks them against each architecture's
 * headers.
 *
 * @module
 */
import { describeErrno, type ErrnoTable, osErrorFrom } from "../error.ts";
import type { Arch } from "../ffi/ffi.ts";

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
  SO_BROADCAST: 6,
  IPPROTO_IP: 0,
  IPPROTO_TCP: 6,
  IPPROTO_IPV6: 41,
  IP_TTL: 2,
  IPV6_V6ONLY: 26,
  IP_MULTICAST_TTL: 33,
  IP_MULTICAST_LOOP: 34,
  IP_ADD_MEMBERSHIP: 35,
  IP_DROP_MEMBERSHIP: 36,
  IPV6_MULTICAST_LOOP: 19,
  IPV6_ADD_MEMBERSHIP: 20,
  IPV6_DROP_MEMBERSHIP: 21,
  TCP_NODELAY: 1,
  MSG_PEEK: 0x2,
  MSG_NOSIGNAL: 0x4000,
  SHUT_RD: 0,
  SHUT_WR: 1,
  SHUT_RDWR: 2,
  F_GETFL: 3,
  F_DUPFD_CLOEXEC: 1030,
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
  EPOLLONESHOT: 0x40000000,
  EFD_NONBLOCK: 0x800,
  EFD_CLOEXEC: 0x80000,
  POLLIN: 0x1,
  POLLPRI: 0x2,
  POLLOUT: 0x4,
  POLLERR: 0x8,
  POLLHUP: 0x10,
  POLLNVAL: 0x20,
  POLLRDHUP: 0x2000,
  O_CLOEXEC: 0x80000,
  RLIMIT_NOFILE: 7,
} as const;

/** errno number → [name, message], for the errors sockets and selectors report. */
export const LINUX_ERRNO: ErrnoTable = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  9: ["EBADF", "bad file descriptor"],
  11: ["EAGAIN", "resource temporarily unavailable"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  16: ["EBUSY", "device or resource busy"],
  17: ["EEXIST", "file exists"],
  19: ["ENODEV", "no such device"],
  20: ["ENOTDIR", "not a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  28: ["ENOSPC", "no space left on device"],
  32: ["EPIPE", "broken pipe"],
  38: ["ENOSYS", "function not implemented"],
  88: ["ENOTSOCK", "socket operation on non-socket"],
  89: ["EDESTADDRREQ", "destination address required"],
  90: ["EMSGSIZE", "message too long"],
  91: ["EPROTOTYPE", "protocol wrong type for socket"],
  92: ["ENOPROTOOPT", "protocol not available"],
  93: ["EPROTONOSUPPORT", "protocol not supported"],
  95: ["EOPNOTSUPP", "operation not supported"],
  97: ["EAFNOSUPPORT", "address family not supported by protocol"],
  98: ["EADDRINUSE", "address already in use"],
  99: ["EADDRNOTAVAIL", "cannot assign requested address"],
  100: ["ENETDOWN", "network is down"],
  101: ["ENETUNREACH", "network is unreachable"],
  103: ["ECONNABORTED", "software caused connection abort"],
  104: ["ECONNRESET", "connection reset by peer"],
  105: ["ENOBUFS", "no buffer space available"],
  106: ["EISCONN", "transport endpoint is already connected"],
  107: ["ENOTCONN", "transport endpoint is not connected"],
  110: ["ETIMEDOUT", "connection timed out"],
  111: ["ECONNREFUSED", "connection refused"],
  113: ["EHOSTUNREACH", "no route to host"],
  114: ["EALREADY", "operation already in progress"],
  115: ["EINPROGRESS", "operation now in progress"],
};

/** The `IoError` for `errno` returned by `syscall`; `detail` (an address, a path) is added to the message. */
export const osError = osErrorFrom(describeErrno(LINUX_ERRNO));

/** The numbers of one architecture. */
export interface LinuxSyscalls {
  /** `read(fd, buf, count)` */
  readonly SYS_read: number;
  /** `sendto(fd, buf, len, flags, addr, addrlen)` (compared in bench/ffi_micro.ts) */
  readonly SYS_sendto: number;
  /** `epoll_wait(epfd, events, maxevents, timeout)`; `null` where the architecture has none. */
  readonly SYS_epoll_wait: number | null;
  /** `epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize)` */
  readonly SYS_epoll_pwait: number;
}

/** The system call numbers, per architecture. */
export const LINUX_SYSCALLS: { readonly [A in Arch]: LinuxSyscalls } = {
  x86_64: { SYS_read: 0, SYS_sendto: 44, SYS_epoll_wait: 232, SYS_epoll_pwait: 281 },
  aarch64: { SYS_read: 63, SYS_sendto: 206, SYS_epoll_wait: null, SYS_epoll_pwait: 22 },
};
