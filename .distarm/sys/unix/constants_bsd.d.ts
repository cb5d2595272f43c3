/**
 * The shape of the per-OS constant tables of the kqueue systems (macOS and
 * iOS, FreeBSD, NetBSD, OpenBSD, DragonFly; libkqueue on Linux): what the
 * kqueue selector needs from `<sys/event.h>` and `<errno.h>`, and the socket,
 * fcntl and errno numbers a BSD socket layer needs. The values live in one
 * file per OS (`constants_darwin.ts`, …), each citing the headers it was
 * read from; `tests/kqueue_layout.test.ts` pins every entry.
 *
 * `null` marks a constant the OS does not have (or, for the filters, one
 * mio-ts does not use there: see each field).
 *
 * @module
 */
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
