/**
 * The kqueue systems' numbers, as data, side by side: the `<sys/event.h>`
 * and socket constants and the errno table of macOS/iOS, FreeBSD, NetBSD,
 * OpenBSD and DragonFly, and libkqueue's constants.
 *
 * The shape of the per-OS constant tables of the kqueue systems (macOS and
 * iOS, FreeBSD, NetBSD, OpenBSD, DragonFly; libkqueue on Linux): what the
 * kqueue selector needs from `<sys/event.h>` and `<errno.h>`, and the socket,
 * fcntl and errno numbers a BSD socket layer needs. The values sit below,
 * one section per OS, each citing the headers it was read from;
 * `tests/kqueue_layout.test.ts` pins every entry.
 *
 * `null` marks a constant the OS does not have (or, for the filters, one
 * mio-ts does not use there: see each field).
 *
 * macOS and iOS errno numbers with their names and messages: bsd/sys/errno.h
 * at xnu tag xnu-11417.101.15 (macOS 15.4); the messages are libc's strerror
 * texts, as golang.org/x/sys unix/zerrors_darwin_amd64.go@59665e5b records
 * them. `EOPNOTSUPP` is 102 for every program built for UNIX03 (all of them
 * since 10.5); 45 is `ENOTSUP`.
 *
 * @module
 */
import type { ErrnoTable } from "../error.ts";
import type { KqueueOs } from "../layout.ts";

/** What the kqueue selector and its wakers use. */
export interface KqueueConstants {
  /** `EVFILT_READ`: the read filter. */
  readonly EVFILT_READ: number;
  /** `EVFILT_WRITE`: the write filter. */
  readonly EVFILT_WRITE: number;
  /** `EVFILT_AIO`, where mio reports AIO readiness (Apple, FreeBSD, DragonFly); else `null`. */
  readonly EVFILT_AIO: number | null;
  /** `EVFILT_LIO`, where mio reports LIO readiness (FreeBSD only); else `null`. */
  readonly EVFILT_LIO: number | null;
  /**
   * `EVFILT_USER`, where mio's `Waker` uses it (Apple, FreeBSD; libkqueue);
   * `null` where mio wakes through a pipe (NetBSD, OpenBSD, DragonFly).
   */
  readonly EVFILT_USER: number | null;
  /** `EV_ADD`: add (or modify) a filter. */
  readonly EV_ADD: number;
  /** `EV_DELETE`: remove a filter. */
  readonly EV_DELETE: number;
  /** `EV_CLEAR`: reset the state after each report (edge-triggered). */
  readonly EV_CLEAR: number;
  /** `EV_DISPATCH`: disable the filter after each report, until it is added again (oneshot). */
  readonly EV_DISPATCH: number;
  /** `EV_RECEIPT`: report each change as an `EV_ERROR` entry (data 0 on success). */
  readonly EV_RECEIPT: number;
  /** `EV_EOF`: the filter saw end of file. */
  readonly EV_EOF: number;
  /** `EV_ERROR`: `data` holds an errno. */
  readonly EV_ERROR: number;
  /** `NOTE_TRIGGER`: fire an `EVFILT_USER` event; `null` where `EVFILT_USER` is not used. */
  readonly NOTE_TRIGGER: number | null;
  /** `F_SETFD` (the kqueue descriptor is made close-on-exec, as mio does) */
  readonly F_SETFD: number;
  /** `FD_CLOEXEC` */
  readonly FD_CLOEXEC: number;
  /** `F_DUPFD_CLOEXEC` (a registry's clone duplicates the kqueue descriptor, as mio's `try_clone`) */
  readonly F_DUPFD_CLOEXEC: number;
  /** `EINTR` (a kevent() call interrupted; its changes were applied). */
  readonly EINTR: number;
  /** `ENOENT` (deleting a filter that was not there: ignored, as mio does). */
  readonly ENOENT: number;
  /** `EPIPE` (registering a pipe whose other end is gone: ignored, as mio does). */
  readonly EPIPE: number;
}

/** Socket, fcntl and errno numbers of a BSD socket layer. */
export interface BsdSocketConstants {
  /** `AF_UNIX` */
  readonly AF_UNIX: number;
  /** `AF_INET` */
  readonly AF_INET: number;
  /** `AF_INET6` (differs on every BSD) */
  readonly AF_INET6: number;
  /** `SOCK_STREAM` */
  readonly SOCK_STREAM: number;
  /** `SOCK_DGRAM` */
  readonly SOCK_DGRAM: number;
  /** `SOCK_NONBLOCK` for `socket()`/`accept4()`; `null` on Apple (use `fcntl`). */
  readonly SOCK_NONBLOCK: number | null;
  /** `SOCK_CLOEXEC`; `null` on Apple (use `fcntl`). */
  readonly SOCK_CLOEXEC: number | null;
  /** `SOL_SOCKET` (0xffff on the BSDs, 1 on Linux) */
  readonly SOL_SOCKET: number;
  /** `SO_REUSEADDR` */
  readonly SO_REUSEADDR: number;
  /** `SO_REUSEPORT` */
  readonly SO_REUSEPORT: number;
  /** `SO_BROADCAST` */
  readonly SO_BROADCAST: number;
  /** `SO_ERROR` */
  readonly SO_ERROR: number;
  /** `SO_NOSIGPIPE` (how mio avoids SIGPIPE on Apple); `null` where the OS has none (OpenBSD). */
  readonly SO_NOSIGPIPE: number | null;
  /** `MSG_NOSIGNAL` for `send()`; on Apple only since macOS 11 (xnu-7195), so mio uses `SO_NOSIGPIPE` there. */
  readonly MSG_NOSIGNAL: number;
  /** `MSG_PEEK` */
  readonly MSG_PEEK: number;
  /** `IPPROTO_IP` */
  readonly IPPROTO_IP: number;
  /** `IPPROTO_TCP` */
  readonly IPPROTO_TCP: number;
  /** `IPPROTO_IPV6` */
  readonly IPPROTO_IPV6: number;
  /** `IP_TTL` */
  readonly IP_TTL: number;
  /** `IP_MULTICAST_TTL` */
  readonly IP_MULTICAST_TTL: number;
  /** `IP_MULTICAST_LOOP` */
  readonly IP_MULTICAST_LOOP: number;
  /** `IP_ADD_MEMBERSHIP` */
  readonly IP_ADD_MEMBERSHIP: number;
  /** `IP_DROP_MEMBERSHIP` */
  readonly IP_DROP_MEMBERSHIP: number;
  /** `IPV6_V6ONLY` */
  readonly IPV6_V6ONLY: number;
  /** `IPV6_MULTICAST_LOOP` */
  readonly IPV6_MULTICAST_LOOP: number;
  /** `IPV6_JOIN_GROUP` (Linux's `IPV6_ADD_MEMBERSHIP`) */
  readonly IPV6_JOIN_GROUP: number;
  /** `IPV6_LEAVE_GROUP` (Linux's `IPV6_DROP_MEMBERSHIP`) */
  readonly IPV6_LEAVE_GROUP: number;
  /** `TCP_NODELAY` */
  readonly TCP_NODELAY: number;
  /** `SHUT_RD` */
  readonly SHUT_RD: number;
  /** `SHUT_WR` */
  readonly SHUT_WR: number;
  /** `SHUT_RDWR` */
  readonly SHUT_RDWR: number;
  /** `F_SETFD` */
  readonly F_SETFD: number;
  /** `F_GETFL` */
  readonly F_GETFL: number;
  /** `F_SETFL` */
  readonly F_SETFL: number;
  /** `FD_CLOEXEC` */
  readonly FD_CLOEXEC: number;
  /** `O_NONBLOCK` */
  readonly O_NONBLOCK: number;
  /** `O_CLOEXEC` (differs on every BSD) */
  readonly O_CLOEXEC: number;
  /** `EAGAIN` (= `EWOULDBLOCK`) */
  readonly EAGAIN: number;
  /** `EINPROGRESS` */
  readonly EINPROGRESS: number;
  /** `EAFNOSUPPORT` */
  readonly EAFNOSUPPORT: number;
}

/** One BSD's tables. */
export interface BsdConstants {
  /** From `<sys/event.h>` (and the errno numbers the selector tests). */
  readonly kqueue: KqueueConstants;
  /** From `<sys/socket.h>`, `<netinet/in.h>`, `<netinet6/in6.h>`, `<netinet/tcp.h>`, `<fcntl.h>`, `<errno.h>`. */
  readonly socket: BsdSocketConstants;
}

// ---- constants: darwin
// macOS and iOS constants (the same on x86_64 and arm64), read from the
// xnu headers at tag xnu-11417.101.15 (macOS 15.4), which every macOS since
// 10.x agrees with for these values (`MSG_NOSIGNAL` aside: see below).

/** Apple's kqueue, socket, fcntl and errno numbers. */
export const DARWIN: BsdConstants = {
  // xnu-11417.101.15 bsd/sys/event.h; errno numbers from bsd/sys/errno.h.
  kqueue: {
    EVFILT_READ: -1,
    EVFILT_WRITE: -2,
    EVFILT_AIO: -3,
    EVFILT_LIO: null, // Apple has no EVFILT_LIO
    EVFILT_USER: -10, // FreeBSD's is -11: never share these tables
    EV_ADD: 0x0001,
    EV_DELETE: 0x0002,
    EV_CLEAR: 0x0020,
    EV_DISPATCH: 0x0080,
    EV_RECEIPT: 0x0040,
    EV_EOF: 0x8000,
    EV_ERROR: 0x4000,
    NOTE_TRIGGER: 0x01000000,
    F_SETFD: 2, // <sys/fcntl.h>
    FD_CLOEXEC: 1,
    F_DUPFD_CLOEXEC: 67,
    EINTR: 4,
    ENOENT: 2,
    EPIPE: 32,
  },
  // xnu-11417.101.15 bsd/sys/socket.h, bsd/netinet/in.h, bsd/netinet6/in6.h,
  // bsd/netinet/tcp.h, bsd/sys/fcntl.h, bsd/sys/errno.h.
  socket: {
    AF_UNIX: 1,
    AF_INET: 2,
    AF_INET6: 30,
    SOCK_STREAM: 1,
    SOCK_DGRAM: 2,
    SOCK_NONBLOCK: null, // no SOCK_NONBLOCK/SOCK_CLOEXEC/accept4 on Apple: fcntl after socket()
    SOCK_CLOEXEC: null,
    SOL_SOCKET: 0xffff,
    SO_REUSEADDR: 0x0004,
    SO_REUSEPORT: 0x0200,
    SO_BROADCAST: 0x0020,
    SO_ERROR: 0x1007,
    SO_NOSIGPIPE: 0x1022,
    MSG_NOSIGNAL: 0x80000, // since xnu-7195.50.7 (macOS 11); mio uses SO_NOSIGPIPE
    MSG_PEEK: 0x2,
    IPPROTO_IP: 0,
    IPPROTO_TCP: 6,
    IPPROTO_IPV6: 41,
    IP_TTL: 4,
    IP_MULTICAST_TTL: 10,
    IP_MULTICAST_LOOP: 11,
    IP_ADD_MEMBERSHIP: 12,
    IP_DROP_MEMBERSHIP: 13,
    IPV6_V6ONLY: 27,
    IPV6_MULTICAST_LOOP: 11,
    IPV6_JOIN_GROUP: 12,
    IPV6_LEAVE_GROUP: 13,
    TCP_NODELAY: 0x01,
    SHUT_RD: 0,
    SHUT_WR: 1,
    SHUT_RDWR: 2,
    F_SETFD: 2,
    F_GETFL: 3,
    F_SETFL: 4,
    FD_CLOEXEC: 1,
    O_NONBLOCK: 0x00000004,
    O_CLOEXEC: 0x01000000,
    EAGAIN: 35,
    EINPROGRESS: 36,
    EAFNOSUPPORT: 47,
  },
};

// ---- constants: freebsd
// FreeBSD constants (the same on x86_64 and aarch64), FreeBSD 12 and later
// (`struct kevent` grew `ext[4]` in 12.0).

/** FreeBSD's kqueue, socket, fcntl and errno numbers. */
export const FREEBSD: BsdConstants = {
  // FreeBSD 14 sys/sys/event.h ($FreeBSD: b3106e6fa8749aa52a4c3f1f4f94a3551dca84ea $, read from
  // sobomax/freebsd14_vendor@0f7ff3427c99); errno numbers from sys/sys/errno.h.
  kqueue: {
    EVFILT_READ: -1,
    EVFILT_WRITE: -2,
    EVFILT_AIO: -3,
    EVFILT_LIO: -10,
    EVFILT_USER: -11,
    EV_ADD: 0x0001,
    EV_DELETE: 0x0002,
    EV_CLEAR: 0x0020,
    EV_DISPATCH: 0x0080,
    EV_RECEIPT: 0x0040,
    EV_EOF: 0x8000,
    EV_ERROR: 0x4000,
    NOTE_TRIGGER: 0x01000000,
    F_SETFD: 2, // <sys/fcntl.h>
    FD_CLOEXEC: 1,
    F_DUPFD_CLOEXEC: 17,
    EINTR: 4,
    ENOENT: 2,
    EPIPE: 32,
  },
  // sys/sys/socket.h, sys/netinet/in.h, sys/netinet6/in6.h, sys/netinet/tcp.h, sys/sys/fcntl.h,
  // sys/sys/errno.h, as golang.org/x/sys unix/zerrors_freebsd_amd64.go@1bfbee0e records them
  // (generated by its mkerrors.sh from these headers).
  socket: {
    AF_UNIX: 1,
    AF_INET: 2,
    AF_INET6: 28,
    SOCK_STREAM: 1,
    SOCK_DGRAM: 2,
    SOCK_NONBLOCK: 0x20000000,
    SOCK_CLOEXEC: 0x10000000,
    SOL_SOCKET: 0xffff,
    SO_REUSEADDR: 0x4,
    SO_REUSEPORT: 0x200,
    SO_BROADCAST: 0x20,
    SO_ERROR: 0x1007,
    SO_NOSIGPIPE: 0x800,
    MSG_NOSIGNAL: 0x20000,
    MSG_PEEK: 0x2,
    IPPROTO_IP: 0,
    IPPROTO_TCP: 6,
    IPPROTO_IPV6: 41,
    IP_TTL: 4,
    IP_MULTICAST_TTL: 10,
    IP_MULTICAST_LOOP: 11,
    IP_ADD_MEMBERSHIP: 12,
    IP_DROP_MEMBERSHIP: 13,
    IPV6_V6ONLY: 27,
    IPV6_MULTICAST_LOOP: 11,
    IPV6_JOIN_GROUP: 12,
    IPV6_LEAVE_GROUP: 13,
    TCP_NODELAY: 1,
    SHUT_RD: 0,
    SHUT_WR: 1,
    SHUT_RDWR: 2,
    F_SETFD: 2,
    F_GETFL: 3,
    F_SETFL: 4,
    FD_CLOEXEC: 1,
    O_NONBLOCK: 0x4,
    O_CLOEXEC: 0x100000,
    EAGAIN: 35,
    EINPROGRESS: 36,
    EAFNOSUPPORT: 47,
  },
};

// ---- constants: netbsd
// NetBSD constants (the same on x86_64 and aarch64). Its `struct kevent` has
// 32-bit `filter` and `flags`, and its filters count up from 0.

/** NetBSD's kqueue, socket, fcntl and errno numbers. */
export const NETBSD: BsdConstants = {
  // NetBSD sys/sys/event.h ($NetBSD: event.h,v 1.45 2021/10/10 $, NetBSD 10; read from
  // NetBSD/src@002a03071eb0); errno numbers from sys/sys/errno.h.
  kqueue: {
    EVFILT_READ: 0,
    EVFILT_WRITE: 1,
    EVFILT_AIO: null, // defined (2), but mio reports no AIO readiness on NetBSD
    EVFILT_LIO: null,
    EVFILT_USER: null, // defined (8) in NetBSD 10, but mio wakes NetBSD through a pipe
    EV_ADD: 0x0001,
    EV_DELETE: 0x0002,
    EV_CLEAR: 0x0020,
    EV_DISPATCH: 0x0080,
    EV_RECEIPT: 0x0040,
    EV_EOF: 0x8000,
    EV_ERROR: 0x4000,
    NOTE_TRIGGER: null,
    F_SETFD: 2, // <sys/fcntl.h>
    FD_CLOEXEC: 1,
    F_DUPFD_CLOEXEC: 12,
    EINTR: 4,
    ENOENT: 2,
    EPIPE: 32,
  },
  // sys/sys/socket.h, sys/netinet/in.h, sys/netinet6/in6.h, sys/netinet/tcp.h, sys/sys/fcntl.h,
  // sys/sys/errno.h, as golang.org/x/sys unix/zerrors_netbsd_amd64.go@1bfbee0e records them
  // (generated by its mkerrors.sh from these headers).
  socket: {
    AF_UNIX: 1,
    AF_INET: 2,
    AF_INET6: 24,
    SOCK_STREAM: 1,
    SOCK_DGRAM: 2,
    SOCK_NONBLOCK: 0x20000000,
    SOCK_CLOEXEC: 0x10000000,
    SOL_SOCKET: 0xffff,
    SO_REUSEADDR: 0x4,
    SO_REUSEPORT: 0x200,
    SO_BROADCAST: 0x20,
    SO_ERROR: 0x1007,
    SO_NOSIGPIPE: 0x800,
    MSG_NOSIGNAL: 0x400,
    MSG_PEEK: 0x2,
    IPPROTO_IP: 0,
    IPPROTO_TCP: 6,
    IPPROTO_IPV6: 41,
    IP_TTL: 4,
    IP_MULTICAST_TTL: 10,
    IP_MULTICAST_LOOP: 11,
    IP_ADD_MEMBERSHIP: 12,
    IP_DROP_MEMBERSHIP: 13,
    IPV6_V6ONLY: 27,
    IPV6_MULTICAST_LOOP: 11,
    IPV6_JOIN_GROUP: 12,
    IPV6_LEAVE_GROUP: 13,
    TCP_NODELAY: 1,
    SHUT_RD: 0,
    SHUT_WR: 1,
    SHUT_RDWR: 2,
    F_SETFD: 2,
    F_GETFL: 3,
    F_SETFL: 4,
    FD_CLOEXEC: 1,
    O_NONBLOCK: 0x4,
    O_CLOEXEC: 0x400000,
    EAGAIN: 35,
    EINPROGRESS: 36,
    EAFNOSUPPORT: 47,
  },
};

// ---- constants: openbsd
// OpenBSD constants (the same on x86_64 and aarch64).

/** OpenBSD's kqueue, socket, fcntl and errno numbers. */
export const OPENBSD: BsdConstants = {
  // OpenBSD sys/sys/event.h ($OpenBSD: event.h,v 1.56 2021/06/16 $, OpenBSD 7.0; read from
  // semarie/openbsd-src@72019f22a6bf); errno numbers from sys/sys/errno.h.
  kqueue: {
    EVFILT_READ: -1,
    EVFILT_WRITE: -2,
    EVFILT_AIO: null, // defined (-3), but mio reports no AIO readiness on OpenBSD
    EVFILT_LIO: null,
    EVFILT_USER: null, // mio wakes OpenBSD through a pipe
    EV_ADD: 0x0001,
    EV_DELETE: 0x0002,
    EV_CLEAR: 0x0020,
    EV_DISPATCH: 0x0080,
    EV_RECEIPT: 0x0040,
    EV_EOF: 0x8000,
    EV_ERROR: 0x4000,
    NOTE_TRIGGER: null,
    F_SETFD: 2, // <sys/fcntl.h>
    FD_CLOEXEC: 1,
    F_DUPFD_CLOEXEC: 10,
    EINTR: 4,
    ENOENT: 2,
    EPIPE: 32,
  },
  // sys/sys/socket.h, sys/netinet/in.h, sys/netinet6/in6.h, sys/netinet/tcp.h, sys/sys/fcntl.h,
  // sys/sys/errno.h, as golang.org/x/sys unix/zerrors_openbsd_amd64.go@1bfbee0e records them
  // (generated by its mkerrors.sh from these headers).
  socket: {
    AF_UNIX: 1,
    AF_INET: 2,
    AF_INET6: 24,
    SOCK_STREAM: 1,
    SOCK_DGRAM: 2,
    SOCK_NONBLOCK: 0x4000,
    SOCK_CLOEXEC: 0x8000,
    SOL_SOCKET: 0xffff,
    SO_REUSEADDR: 0x4,
    SO_REUSEPORT: 0x200,
    SO_BROADCAST: 0x20,
    SO_ERROR: 0x1007,
    SO_NOSIGPIPE: null,
    MSG_NOSIGNAL: 0x400,
    MSG_PEEK: 0x2,
    IPPROTO_IP: 0,
    IPPROTO_TCP: 6,
    IPPROTO_IPV6: 41,
    IP_TTL: 4,
    IP_MULTICAST_TTL: 10,
    IP_MULTICAST_LOOP: 11,
    IP_ADD_MEMBERSHIP: 12,
    IP_DROP_MEMBERSHIP: 13,
    IPV6_V6ONLY: 27,
    IPV6_MULTICAST_LOOP: 11,
    IPV6_JOIN_GROUP: 12,
    IPV6_LEAVE_GROUP: 13,
    TCP_NODELAY: 1,
    SHUT_RD: 0,
    SHUT_WR: 1,
    SHUT_RDWR: 2,
    F_SETFD: 2,
    F_GETFL: 3,
    F_SETFL: 4,
    FD_CLOEXEC: 1,
    O_NONBLOCK: 0x4,
    O_CLOEXEC: 0x10000,
    EAGAIN: 35,
    EINPROGRESS: 36,
    EAFNOSUPPORT: 47,
  },
};

// ---- constants: dragonfly
// DragonFly BSD constants (x86_64, its only architecture).

/** DragonFly BSD's kqueue, socket, fcntl and errno numbers. */
export const DRAGONFLY: BsdConstants = {
  // DragonFly sys/sys/event.h (DragonFlyBSD/DragonFlyBSD@13d2f99beae0) for the filters and flags;
  // EV_RECEIPT (added after that revision) as golang.org/x/sys unix/zerrors_dragonfly_amd64.go@1bfbee0e
  // records it; errno numbers from sys/sys/errno.h.
  kqueue: {
    EVFILT_READ: -1,
    EVFILT_WRITE: -2,
    EVFILT_AIO: -3,
    EVFILT_LIO: null,
    EVFILT_USER: null, // defined (-9), but mio wakes DragonFly through a pipe
    EV_ADD: 0x0001,
    EV_DELETE: 0x0002,
    EV_CLEAR: 0x0020,
    EV_DISPATCH: 0x0080,
    EV_RECEIPT: 0x0040,
    EV_EOF: 0x8000,
    EV_ERROR: 0x4000,
    NOTE_TRIGGER: null,
    F_SETFD: 2, // <sys/fcntl.h>
    FD_CLOEXEC: 1,
    F_DUPFD_CLOEXEC: 17,
    EINTR: 4,
    ENOENT: 2,
    EPIPE: 32,
  },
  // sys/sys/socket.h, sys/netinet/in.h, sys/netinet6/in6.h, sys/netinet/tcp.h, sys/sys/fcntl.h,
  // sys/sys/errno.h, as golang.org/x/sys unix/zerrors_dragonfly_amd64.go@1bfbee0e records them
  // (generated by its mkerrors.sh from these headers).
  socket: {
    AF_UNIX: 1,
    AF_INET: 2,
    AF_INET6: 28,
    SOCK_STREAM: 1,
    SOCK_DGRAM: 2,
    SOCK_NONBLOCK: 0x20000000,
    SOCK_CLOEXEC: 0x10000000,
    SOL_SOCKET: 0xffff,
    SO_REUSEADDR: 0x4,
    SO_REUSEPORT: 0x200,
    SO_BROADCAST: 0x20,
    SO_ERROR: 0x1007,
    SO_NOSIGPIPE: 0x800,
    MSG_NOSIGNAL: 0x400,
    MSG_PEEK: 0x2,
    IPPROTO_IP: 0,
    IPPROTO_TCP: 6,
    IPPROTO_IPV6: 41,
    IP_TTL: 4,
    IP_MULTICAST_TTL: 10,
    IP_MULTICAST_LOOP: 11,
    IP_ADD_MEMBERSHIP: 12,
    IP_DROP_MEMBERSHIP: 13,
    IPV6_V6ONLY: 27,
    IPV6_MULTICAST_LOOP: 11,
    IPV6_JOIN_GROUP: 12,
    IPV6_LEAVE_GROUP: 13,
    TCP_NODELAY: 1,
    SHUT_RD: 0,
    SHUT_WR: 1,
    SHUT_RDWR: 2,
    F_SETFD: 2,
    F_GETFL: 3,
    F_SETFL: 4,
    FD_CLOEXEC: 1,
    O_NONBLOCK: 0x4,
    O_CLOEXEC: 0x20000,
    EAGAIN: 35,
    EINPROGRESS: 36,
    EAFNOSUPPORT: 47,
  },
};

// ---- constants: libkqueue
// libkqueue's kqueue constants: the user-space kqueue for Linux that
// `MIO_KQUEUE_LIB` loads. Its `struct kevent` is macOS's (32 bytes), but its
// filter numbers follow FreeBSD (`EVFILT_USER` is -11, macOS's -10), so it
// has a table of its own. Errno numbers are Linux's: libkqueue sets the C
// library's `errno` and reports Linux errors in `EV_ERROR` entries.

/**
 * The values of libkqueue's include/sys/event.h.in (mheily/libkqueue at
 * f966089, 2.7.0 and later) as its Linux build renders them: `EVFILT_AIO`
 * and `EVFILT_LIO` are not built on Linux, so not defined there.
 */
export const LIBKQUEUE: KqueueConstants = {
  EVFILT_READ: -1,
  EVFILT_WRITE: -2,
  EVFILT_AIO: null,
  EVFILT_LIO: null,
  EVFILT_USER: -11,
  EV_ADD: 0x0001,
  EV_DELETE: 0x0002,
  EV_CLEAR: 0x0020,
  EV_DISPATCH: 0x0080,
  EV_RECEIPT: 0x0040,
  EV_EOF: 0x8000,
  EV_ERROR: 0x4000,
  NOTE_TRIGGER: 0x01000000,
  // Linux's fcntl and errno numbers (tables_linux.ts), equal to the BSDs' here.
  F_SETFD: 2,
  FD_CLOEXEC: 1,
  F_DUPFD_CLOEXEC: 1030,
  EINTR: 4,
  ENOENT: 2,
  EPIPE: 32,
};

/** errno number → [name, message], for the errors sockets and selectors report. */
export const DARWIN_ERRNO: Readonly<Record<number, readonly [string, string]>> = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  9: ["EBADF", "bad file descriptor"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  16: ["EBUSY", "resource busy"],
  17: ["EEXIST", "file exists"],
  19: ["ENODEV", "operation not supported by device"],
  20: ["ENOTDIR", "not a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  28: ["ENOSPC", "no space left on device"],
  32: ["EPIPE", "broken pipe"],
  35: ["EAGAIN", "resource temporarily unavailable"],
  36: ["EINPROGRESS", "operation now in progress"],
  37: ["EALREADY", "operation already in progress"],
  38: ["ENOTSOCK", "socket operation on non-socket"],
  39: ["EDESTADDRREQ", "destination address required"],
  40: ["EMSGSIZE", "message too long"],
  41: ["EPROTOTYPE", "protocol wrong type for socket"],
  42: ["ENOPROTOOPT", "protocol not available"],
  43: ["EPROTONOSUPPORT", "protocol not supported"],
  45: ["ENOTSUP", "operation not supported"],
  47: ["EAFNOSUPPORT", "address family not supported by protocol family"],
  48: ["EADDRINUSE", "address already in use"],
  49: ["EADDRNOTAVAIL", "can't assign requested address"],
  50: ["ENETDOWN", "network is down"],
  51: ["ENETUNREACH", "network is unreachable"],
  53: ["ECONNABORTED", "software caused connection abort"],
  54: ["ECONNRESET", "connection reset by peer"],
  55: ["ENOBUFS", "no buffer space available"],
  56: ["EISCONN", "socket is already connected"],
  57: ["ENOTCONN", "socket is not connected"],
  60: ["ETIMEDOUT", "operation timed out"],
  61: ["ECONNREFUSED", "connection refused"],
  65: ["EHOSTUNREACH", "no route to host"],
  78: ["ENOSYS", "function not implemented"],
  102: ["EOPNOTSUPP", "operation not supported on socket"],
};

// ---- errno: freebsd
// FreeBSD errno numbers with their names and messages: FreeBSD
// sys/sys/errno.h, with libc's strerror texts, as golang.org/x/sys
// unix/zerrors_freebsd_amd64.go@1bfbee0e records them (generated from the
// headers by its mkerrors.sh). `ENOTSUP` is `EOPNOTSUPP` (45).

/** errno number → [name, message], for the errors sockets and selectors report. */
export const FREEBSD_ERRNO: Readonly<Record<number, readonly [string, string]>> = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  9: ["EBADF", "bad file descriptor"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  16: ["EBUSY", "device busy"],
  17: ["EEXIST", "file exists"],
  19: ["ENODEV", "operation not supported by device"],
  20: ["ENOTDIR", "not a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  28: ["ENOSPC", "no space left on device"],
  32: ["EPIPE", "broken pipe"],
  35: ["EAGAIN", "resource temporarily unavailable"],
  36: ["EINPROGRESS", "operation now in progress"],
  37: ["EALREADY", "operation already in progress"],
  38: ["ENOTSOCK", "socket operation on non-socket"],
  39: ["EDESTADDRREQ", "destination address required"],
  40: ["EMSGSIZE", "message too long"],
  41: ["EPROTOTYPE", "protocol wrong type for socket"],
  42: ["ENOPROTOOPT", "protocol not available"],
  43: ["EPROTONOSUPPORT", "protocol not supported"],
  45: ["EOPNOTSUPP", "operation not supported"],
  47: ["EAFNOSUPPORT", "address family not supported by protocol family"],
  48: ["EADDRINUSE", "address already in use"],
  49: ["EADDRNOTAVAIL", "can't assign requested address"],
  50: ["ENETDOWN", "network is down"],
  51: ["ENETUNREACH", "network is unreachable"],
  53: ["ECONNABORTED", "software caused connection abort"],
  54: ["ECONNRESET", "connection reset by peer"],
  55: ["ENOBUFS", "no buffer space available"],
  56: ["EISCONN", "socket is already connected"],
  57: ["ENOTCONN", "socket is not connected"],
  60: ["ETIMEDOUT", "operation timed out"],
  61: ["ECONNREFUSED", "connection refused"],
  65: ["EHOSTUNREACH", "no route to host"],
  78: ["ENOSYS", "function not implemented"],
};

// ---- errno: netbsd
// NetBSD errno numbers with their names and messages: NetBSD sys/sys/errno.h,
// with libc's strerror texts, as golang.org/x/sys
// unix/zerrors_netbsd_amd64.go@1bfbee0e records them (generated from the
// headers by its mkerrors.sh).

/** errno number → [name, message], for the errors sockets and selectors report. */
export const NETBSD_ERRNO: Readonly<Record<number, readonly [string, string]>> = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  9: ["EBADF", "bad file descriptor"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  16: ["EBUSY", "device busy"],
  17: ["EEXIST", "file exists"],
  19: ["ENODEV", "operation not supported by device"],
  20: ["ENOTDIR", "not a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  28: ["ENOSPC", "no space left on device"],
  32: ["EPIPE", "broken pipe"],
  35: ["EAGAIN", "resource temporarily unavailable"],
  36: ["EINPROGRESS", "operation now in progress"],
  37: ["EALREADY", "operation already in progress"],
  38: ["ENOTSOCK", "socket operation on non-socket"],
  39: ["EDESTADDRREQ", "destination address required"],
  40: ["EMSGSIZE", "message too long"],
  41: ["EPROTOTYPE", "protocol wrong type for socket"],
  42: ["ENOPROTOOPT", "protocol option not available"],
  43: ["EPROTONOSUPPORT", "protocol not supported"],
  45: ["EOPNOTSUPP", "operation not supported"],
  47: ["EAFNOSUPPORT", "address family not supported by protocol family"],
  48: ["EADDRINUSE", "address already in use"],
  49: ["EADDRNOTAVAIL", "can't assign requested address"],
  50: ["ENETDOWN", "network is down"],
  51: ["ENETUNREACH", "network is unreachable"],
  53: ["ECONNABORTED", "software caused connection abort"],
  54: ["ECONNRESET", "connection reset by peer"],
  55: ["ENOBUFS", "no buffer space available"],
  56: ["EISCONN", "socket is already connected"],
  57: ["ENOTCONN", "socket is not connected"],
  60: ["ETIMEDOUT", "connection timed out"],
  61: ["ECONNREFUSED", "connection refused"],
  65: ["EHOSTUNREACH", "no route to host"],
  78: ["ENOSYS", "function not implemented"],
  86: ["ENOTSUP", "not supported"],
};

// ---- errno: openbsd
// OpenBSD errno numbers with their names and messages: OpenBSD
// sys/sys/errno.h, with libc's strerror texts, as golang.org/x/sys
// unix/zerrors_openbsd_amd64.go@1bfbee0e records them (generated from the
// headers by its mkerrors.sh).

/** errno number → [name, message], for the errors sockets and selectors report. */
export const OPENBSD_ERRNO: Readonly<Record<number, readonly [string, string]>> = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  9: ["EBADF", "bad file descriptor"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  16: ["EBUSY", "device busy"],
  17: ["EEXIST", "file exists"],
  19: ["ENODEV", "operation not supported by device"],
  20: ["ENOTDIR", "not a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  28: ["ENOSPC", "no space left on device"],
  32: ["EPIPE", "broken pipe"],
  35: ["EAGAIN", "resource temporarily unavailable"],
  36: ["EINPROGRESS", "operation now in progress"],
  37: ["EALREADY", "operation already in progress"],
  38: ["ENOTSOCK", "socket operation on non-socket"],
  39: ["EDESTADDRREQ", "destination address required"],
  40: ["EMSGSIZE", "message too long"],
  41: ["EPROTOTYPE", "protocol wrong type for socket"],
  42: ["ENOPROTOOPT", "protocol not available"],
  43: ["EPROTONOSUPPORT", "protocol not supported"],
  45: ["EOPNOTSUPP", "operation not supported"],
  47: ["EAFNOSUPPORT", "address family not supported by protocol family"],
  48: ["EADDRINUSE", "address already in use"],
  49: ["EADDRNOTAVAIL", "can't assign requested address"],
  50: ["ENETDOWN", "network is down"],
  51: ["ENETUNREACH", "network is unreachable"],
  53: ["ECONNABORTED", "software caused connection abort"],
  54: ["ECONNRESET", "connection reset by peer"],
  55: ["ENOBUFS", "no buffer space available"],
  56: ["EISCONN", "socket is already connected"],
  57: ["ENOTCONN", "socket is not connected"],
  60: ["ETIMEDOUT", "operation timed out"],
  61: ["ECONNREFUSED", "connection refused"],
  65: ["EHOSTUNREACH", "no route to host"],
  78: ["ENOSYS", "function not implemented"],
  91: ["ENOTSUP", "not supported"],
};

// ---- errno: dragonfly
// DragonFly BSD errno numbers with their names and messages: DragonFly
// sys/sys/errno.h, with libc's strerror texts, as golang.org/x/sys
// unix/zerrors_dragonfly_amd64.go@1bfbee0e records them (generated from the
// headers by its mkerrors.sh). `ENOTSUP` is `EOPNOTSUPP` (45).

/** errno number → [name, message], for the errors sockets and selectors report. */
export const DRAGONFLY_ERRNO: Readonly<Record<number, readonly [string, string]>> = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  9: ["EBADF", "bad file descriptor"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  16: ["EBUSY", "device busy"],
  17: ["EEXIST", "file exists"],
  19: ["ENODEV", "operation not supported by device"],
  20: ["ENOTDIR", "not a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  28: ["ENOSPC", "no space left on device"],
  32: ["EPIPE", "broken pipe"],
  35: ["EAGAIN", "resource temporarily unavailable"],
  36: ["EINPROGRESS", "operation now in progress"],
  37: ["EALREADY", "operation already in progress"],
  38: ["ENOTSOCK", "socket operation on non-socket"],
  39: ["EDESTADDRREQ", "destination address required"],
  40: ["EMSGSIZE", "message too long"],
  41: ["EPROTOTYPE", "protocol wrong type for socket"],
  42: ["ENOPROTOOPT", "protocol not available"],
  43: ["EPROTONOSUPPORT", "protocol not supported"],
  45: ["EOPNOTSUPP", "operation not supported"],
  47: ["EAFNOSUPPORT", "address family not supported by protocol family"],
  48: ["EADDRINUSE", "address already in use"],
  49: ["EADDRNOTAVAIL", "can't assign requested address"],
  50: ["ENETDOWN", "network is down"],
  51: ["ENETUNREACH", "network is unreachable"],
  53: ["ECONNABORTED", "software caused connection abort"],
  54: ["ECONNRESET", "connection reset by peer"],
  55: ["ENOBUFS", "no buffer space available"],
  56: ["EISCONN", "socket is already connected"],
  57: ["ENOTCONN", "socket is not connected"],
  60: ["ETIMEDOUT", "operation timed out"],
  61: ["ECONNREFUSED", "connection refused"],
  65: ["EHOSTUNREACH", "no route to host"],
  78: ["ENOSYS", "function not implemented"],
};

/** Each kqueue OS's constants and errno table. */
export const BSD_TABLES: Readonly<
  Record<KqueueOs, { readonly constants: BsdConstants; readonly errno: ErrnoTable }>
> = {
  darwin: { constants: DARWIN, errno: DARWIN_ERRNO },
  freebsd: { constants: FREEBSD, errno: FREEBSD_ERRNO },
  netbsd: { constants: NETBSD, errno: NETBSD_ERRNO },
  openbsd: { constants: OPENBSD, errno: OPENBSD_ERRNO },
  dragonfly: { constants: DRAGONFLY, errno: DRAGONFLY_ERRNO },
};
