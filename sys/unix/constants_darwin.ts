/**
 * macOS and iOS constants (the same on x86_64 and arm64), read from the
 * xnu headers at tag xnu-11417.101.15 (macOS 15.4), which every macOS since
 * 10.x agrees with for these values (`MSG_NOSIGNAL` aside: see below).
 *
 * @module
 */
import type { BsdConstants } from "./constants_bsd.ts";

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
    EV_RECEIPT: 0x0040,
    EV_EOF: 0x8000,
    EV_ERROR: 0x4000,
    NOTE_TRIGGER: 0x01000000,
    F_SETFD: 2, // <sys/fcntl.h>
    FD_CLOEXEC: 1,
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
