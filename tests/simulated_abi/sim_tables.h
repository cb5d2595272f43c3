/*
 * The simulated OS's numbers, each beside the Linux number it stands for.
 * The BSD values are read from the OS's own headers (file and version cited
 * above each table); tests/simulated_abi/header_quotes_<os>.ts quotes those
 * lines and tests/simulated_abi.test.ts checks every entry against them
 * through sim_table_dump(). The Linux values are glibc's macros.
 *
 * Versions read:
 *   XNU      apple-oss-distributions/xnu at 1031c584a5e37aff177559b9f69dbd3c8c3fd30a
 *            (bsd/sys/event.h, bsd/sys/socket.h, bsd/sys/fcntl.h, bsd/sys/resource.h),
 *            94d3b452840153a99b38a3a9659680b2a006908e (bsd/sys/errno.h),
 *            5c2921b07a2480ab43ec66f5b9e41cb872bc554f (bsd/netinet/in.h, bsd/netinet6/in6.h),
 *            4f1223e81cd707a65cc109d0b8ad6653699da3c4 (bsd/netinet/tcp.h)
 *   FreeBSD  14 (sobomax/freebsd14_vendor at 0f7ff3427c99afe8b7a0ccf8638dc10aed02c3f8:
 *            sys/sys/event.h, errno.h, socket.h, fcntl.h, un.h, sys/netinet/in.h,
 *            tcp.h, sys/netinet6/in6.h; 4b33055d8aff7e8e51b0c2e7650dc0f75e9da8a7:
 *            sys/sys/poll.h; 5836bb2ab050b3b1109e468053ccc2b84d946505: sys/sys/resource.h;
 *            each file's $FreeBSD$ tag is in the quotes)
 * Entries marked Q must be found in the quotes; entries marked UNQUOTED are
 * checked where a quote has them and otherwise listed by the test as
 * unchecked (the ones a reviewer must check by hand).
 */
#ifndef SIM_TABLES_H
#define SIM_TABLES_H

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

/* One entry: the name, the simulated OS's value, Linux's value, and whether it was quoted. */
struct sim_entry {
  const char *name;
  long bsd;
  long linux_value;
  int quoted;
};

#define Q 1 /* read from the header cited above the table */
#define UNQUOTED 0

/* errno: XNU bsd/sys/errno.h; FreeBSD sys/sys/errno.h. 1-34 are the same numbers everywhere. */
static const struct sim_entry ERRNO_TABLE[] = {
  {"EPERM", 1, EPERM, Q}, {"ENOENT", 2, ENOENT, Q}, {"ESRCH", 3, ESRCH, Q}, {"EINTR", 4, EINTR, Q},
  {"EIO", 5, EIO, Q}, {"ENXIO", 6, ENXIO, Q}, {"E2BIG", 7, E2BIG, Q}, {"ENOEXEC", 8, ENOEXEC, Q},
  {"EBADF", 9, EBADF, Q}, {"ECHILD", 10, ECHILD, Q}, {"EDEADLK", 11, EDEADLK, Q}, {"ENOMEM", 12, ENOMEM, Q},
  {"EACCES", 13, EACCES, Q}, {"EFAULT", 14, EFAULT, Q}, {"EBUSY", 16, EBUSY, Q}, {"EEXIST", 17, EEXIST, Q},
  {"EXDEV", 18, EXDEV, Q}, {"ENODEV", 19, ENODEV, Q}, {"ENOTDIR", 20, ENOTDIR, Q}, {"EISDIR", 21, EISDIR, Q},
  {"EINVAL", 22, EINVAL, Q}, {"ENFILE", 23, ENFILE, Q}, {"EMFILE", 24, EMFILE, Q}, {"ENOTTY", 25, ENOTTY, Q},
  {"EFBIG", 27, EFBIG, Q}, {"ENOSPC", 28, ENOSPC, Q}, {"ESPIPE", 29, ESPIPE, Q}, {"EROFS", 30, EROFS, Q},
  {"EMLINK", 31, EMLINK, Q}, {"EPIPE", 32, EPIPE, Q}, {"EDOM", 33, EDOM, Q}, {"ERANGE", 34, ERANGE, Q},
  {"EAGAIN", 35, EAGAIN, Q}, {"EINPROGRESS", 36, EINPROGRESS, Q}, {"EALREADY", 37, EALREADY, Q},
  {"ENOTSOCK", 38, ENOTSOCK, Q}, {"EDESTADDRREQ", 39, EDESTADDRREQ, Q}, {"EMSGSIZE", 40, EMSGSIZE, Q},
  {"EPROTOTYPE", 41, EPROTOTYPE, Q}, {"ENOPROTOOPT", 42, ENOPROTOOPT, Q},
  {"EPROTONOSUPPORT", 43, EPROTONOSUPPORT, Q}, {"ESOCKTNOSUPPORT", 44, ESOCKTNOSUPPORT, Q},
#ifdef SIM_OS_DARWIN
  /* XNU: ENOTSUP is 45 and EOPNOTSUPP (with __DARWIN_UNIX03) is 102; Linux has one number for both. */
  {"EOPNOTSUPP", 102, EOPNOTSUPP, Q},
#else
  {"EOPNOTSUPP", 45, EOPNOTSUPP, Q},
#endif
  {"EPFNOSUPPORT", 46, EPFNOSUPPORT, Q}, {"EAFNOSUPPORT", 47, EAFNOSUPPORT, Q},
  {"EADDRINUSE", 48, EADDRINUSE, Q}, {"EADDRNOTAVAIL", 49, EADDRNOTAVAIL, Q}, {"ENETDOWN", 50, ENETDOWN, Q},
  {"ENETUNREACH", 51, ENETUNREACH, Q}, {"ENETRESET", 52, ENETRESET, Q}, {"ECONNABORTED", 53, ECONNABORTED, Q},
  {"ECONNRESET", 54, ECONNRESET, Q}, {"ENOBUFS", 55, ENOBUFS, Q}, {"EISCONN", 56, EISCONN, Q},
  {"ENOTCONN", 57, ENOTCONN, Q}, {"ESHUTDOWN", 58, ESHUTDOWN, Q}, {"ETOOMANYREFS", 59, ETOOMANYREFS, Q},
  {"ETIMEDOUT", 60, ETIMEDOUT, Q}, {"ECONNREFUSED", 61, ECONNREFUSED, Q}, {"ELOOP", 62, ELOOP, Q},
  {"ENAMETOOLONG", 63, ENAMETOOLONG, Q}, {"EHOSTDOWN", 64, EHOSTDOWN, Q}, {"EHOSTUNREACH", 65, EHOSTUNREACH, Q},
  {"ENOTEMPTY", 66, ENOTEMPTY, Q}, {"EUSERS", 68, EUSERS, Q}, {"EDQUOT", 69, EDQUOT, Q}, {"ESTALE", 70, ESTALE, Q},
  {"EREMOTE", 71, EREMOTE, Q}, {"ENOLCK", 77, ENOLCK, Q}, {"ENOSYS", 78, ENOSYS, Q},
#ifdef SIM_OS_DARWIN
  {"EOVERFLOW", 84, EOVERFLOW, Q}, {"ECANCELED", 89, ECANCELED, Q}, {"EIDRM", 90, EIDRM, Q},
  {"ENOMSG", 91, ENOMSG, Q}, {"EILSEQ", 92, EILSEQ, Q}, {"EBADMSG", 94, EBADMSG, Q}, {"EPROTO", 100, EPROTO, Q},
  {"ENOTRECOVERABLE", 104, ENOTRECOVERABLE, Q}, {"EOWNERDEAD", 105, EOWNERDEAD, Q},
#else
  {"EIDRM", 82, EIDRM, Q}, {"ENOMSG", 83, ENOMSG, Q}, {"EOVERFLOW", 84, EOVERFLOW, Q},
  {"ECANCELED", 85, ECANCELED, Q}, {"EILSEQ", 86, EILSEQ, Q}, {"EBADMSG", 89, EBADMSG, Q},
  {"EPROTO", 92, EPROTO, Q}, {"ENOTRECOVERABLE", 95, ENOTRECOVERABLE, Q}, {"EOWNERDEAD", 96, EOWNERDEAD, Q},
#endif
};

/* <sys/event.h>: XNU bsd/sys/event.h; FreeBSD sys/sys/event.h. */
#ifdef SIM_OS_DARWIN
#define B_EVFILT_USER (-10)
#else
#define B_EVFILT_USER (-11)
#endif
#define B_EVFILT_READ (-1)
#define B_EVFILT_WRITE (-2)
#define B_EV_ADD 0x0001
#define B_EV_DELETE 0x0002
#define B_EV_ENABLE 0x0004
#define B_EV_DISABLE 0x0008
#define B_EV_ONESHOT 0x0010
#define B_EV_CLEAR 0x0020
#define B_EV_RECEIPT 0x0040
#define B_EV_DISPATCH 0x0080
#define B_EV_EOF 0x8000
#define B_EV_ERROR 0x4000
#define B_NOTE_TRIGGER 0x01000000
#define B_NOTE_FFNOP 0x00000000
#define B_NOTE_FFAND 0x40000000
#define B_NOTE_FFOR 0x80000000u
#define B_NOTE_FFCOPY 0xc0000000u
#define B_NOTE_FFCTRLMASK 0xc0000000u
#define B_NOTE_FFLAGSMASK 0x00ffffff
/* struct kevent: XNU 32 bytes under #pragma pack(4); FreeBSD 12+ adds __uint64_t ext[4] (64 bytes). */
#ifdef SIM_OS_DARWIN
#define B_KEVENT_SIZE 32
#else
#define B_KEVENT_SIZE 64
#endif

static const struct sim_entry EVENT_TABLE[] = {
  {"EVFILT_READ", B_EVFILT_READ, 0, Q}, {"EVFILT_WRITE", B_EVFILT_WRITE, 0, Q},
  {"EVFILT_USER", B_EVFILT_USER, 0, Q}, {"EV_ADD", B_EV_ADD, 0, Q}, {"EV_DELETE", B_EV_DELETE, 0, Q},
  {"EV_ENABLE", B_EV_ENABLE, 0, Q}, {"EV_DISABLE", B_EV_DISABLE, 0, Q}, {"EV_ONESHOT", B_EV_ONESHOT, 0, Q},
  {"EV_CLEAR", B_EV_CLEAR, 0, Q}, {"EV_RECEIPT", B_EV_RECEIPT, 0, Q}, {"EV_DISPATCH", B_EV_DISPATCH, 0, Q},
  {"EV_EOF", B_EV_EOF, 0, Q}, {"EV_ERROR", B_EV_ERROR, 0, Q}, {"NOTE_TRIGGER", B_NOTE_TRIGGER, 0, Q},
  {"NOTE_FFNOP", B_NOTE_FFNOP, 0, Q}, {"NOTE_FFAND", B_NOTE_FFAND, 0, Q}, {"NOTE_FFOR", (long)B_NOTE_FFOR, 0, Q},
  {"NOTE_FFCOPY", (long)B_NOTE_FFCOPY, 0, Q}, {"NOTE_FFCTRLMASK", (long)B_NOTE_FFCTRLMASK, 0, Q},
  {"NOTE_FFLAGSMASK", B_NOTE_FFLAGSMASK, 0, Q}, {"sizeof(struct kevent)", B_KEVENT_SIZE, 0, Q},
};

/* <sys/socket.h>: XNU bsd/sys/socket.h; FreeBSD sys/sys/socket.h. */
#define B_SOL_SOCKET 0xffff
#ifdef SIM_OS_DARWIN
#define B_AF_INET6 30
#define B_SO_NOSIGPIPE 0x1022
#define B_MSG_NOSIGNAL 0x80000
#else
#define B_AF_INET6 28
#define B_SO_NOSIGPIPE 0x0800
#define B_MSG_NOSIGNAL 0x20000
#define B_SOCK_CLOEXEC 0x10000000
#define B_SOCK_NONBLOCK 0x20000000
#endif

static const struct sim_entry SOCKET_TABLE[] = {
  {"AF_UNSPEC", 0, AF_UNSPEC, Q}, {"AF_UNIX", 1, AF_UNIX, Q}, {"AF_INET", 2, AF_INET, Q},
  {"AF_INET6", B_AF_INET6, AF_INET6, Q},
  {"SOCK_STREAM", 1, SOCK_STREAM, Q}, {"SOCK_DGRAM", 2, SOCK_DGRAM, Q}, {"SOCK_RAW", 3, SOCK_RAW, Q},
  {"SOCK_SEQPACKET", 5, SOCK_SEQPACKET, Q},
#ifndef SIM_OS_DARWIN
  {"SOCK_CLOEXEC", B_SOCK_CLOEXEC, SOCK_CLOEXEC, Q}, {"SOCK_NONBLOCK", B_SOCK_NONBLOCK, SOCK_NONBLOCK, Q},
#endif
  {"SOL_SOCKET", B_SOL_SOCKET, SOL_SOCKET, Q},
  {"SO_DEBUG", 0x0001, SO_DEBUG, Q}, {"SO_ACCEPTCONN", 0x0002, SO_ACCEPTCONN, Q},
  {"SO_REUSEADDR", 0x0004, SO_REUSEADDR, Q}, {"SO_KEEPALIVE", 0x0008, SO_KEEPALIVE, Q},
  {"SO_DONTROUTE", 0x0010, SO_DONTROUTE, Q}, {"SO_BROADCAST", 0x0020, SO_BROADCAST, Q},
#ifdef SIM_OS_DARWIN
  /* XNU: SO_LINGER (0x0080) counts ticks; SO_LINGER_SEC counts seconds as Linux's SO_LINGER does. */
  {"SO_LINGER_SEC", 0x1080, SO_LINGER, Q},
#else
  {"SO_LINGER", 0x0080, SO_LINGER, Q},
#endif
  {"SO_OOBINLINE", 0x0100, SO_OOBINLINE, Q}, {"SO_REUSEPORT", 0x0200, SO_REUSEPORT, Q},
  {"SO_SNDBUF", 0x1001, SO_SNDBUF, Q}, {"SO_RCVBUF", 0x1002, SO_RCVBUF, Q},
  {"SO_SNDLOWAT", 0x1003, SO_SNDLOWAT, Q}, {"SO_RCVLOWAT", 0x1004, SO_RCVLOWAT, Q},
  {"SO_ERROR", 0x1007, SO_ERROR, Q}, {"SO_TYPE", 0x1008, SO_TYPE, Q},
  /* Emulated: Linux has no SO_NOSIGPIPE (the simulation remembers it and sends with MSG_NOSIGNAL). */
  {"SO_NOSIGPIPE", B_SO_NOSIGPIPE, -1, Q},
  {"MSG_OOB", 0x1, MSG_OOB, Q}, {"MSG_PEEK", 0x2, MSG_PEEK, Q}, {"MSG_DONTROUTE", 0x4, MSG_DONTROUTE, Q},
  {"MSG_EOR", 0x8, MSG_EOR, Q}, {"MSG_TRUNC", 0x10, MSG_TRUNC, Q}, {"MSG_CTRUNC", 0x20, MSG_CTRUNC, Q},
  {"MSG_WAITALL", 0x40, MSG_WAITALL, Q}, {"MSG_DONTWAIT", 0x80, MSG_DONTWAIT, Q},
  {"MSG_NOSIGNAL", B_MSG_NOSIGNAL, MSG_NOSIGNAL, Q},
  {"SHUT_RD", 0, SHUT_RD, Q}, {"SHUT_WR", 1, SHUT_WR, Q}, {"SHUT_RDWR", 2, SHUT_RDWR, Q},
};

/* <netinet/in.h> (IPPROTO_*, IP_*) and <netinet6/in6.h> (IPV6_*), <netinet/tcp.h> (TCP_NODELAY). */
static const struct sim_entry INET_TABLE[] = {
  {"IPPROTO_IP", 0, IPPROTO_IP, Q}, {"IPPROTO_TCP", 6, IPPROTO_TCP, Q}, {"IPPROTO_UDP", 17, IPPROTO_UDP, Q},
  {"IPPROTO_IPV6", 41, IPPROTO_IPV6, Q},
  {"IP_TOS", 3, IP_TOS, Q}, {"IP_TTL", 4, IP_TTL, Q}, {"IP_MULTICAST_IF", 9, IP_MULTICAST_IF, Q},
  {"IP_MULTICAST_TTL", 10, IP_MULTICAST_TTL, Q}, {"IP_MULTICAST_LOOP", 11, IP_MULTICAST_LOOP, Q},
  {"IP_ADD_MEMBERSHIP", 12, IP_ADD_MEMBERSHIP, Q}, {"IP_DROP_MEMBERSHIP", 13, IP_DROP_MEMBERSHIP, Q},
  {"IPV6_UNICAST_HOPS", 4, IPV6_UNICAST_HOPS, Q}, {"IPV6_MULTICAST_IF", 9, IPV6_MULTICAST_IF, Q},
  {"IPV6_MULTICAST_HOPS", 10, IPV6_MULTICAST_HOPS, Q},
  {"IPV6_MULTICAST_LOOP", 11, IPV6_MULTICAST_LOOP, Q}, {"IPV6_JOIN_GROUP", 12, IPV6_JOIN_GROUP, Q},
  {"IPV6_LEAVE_GROUP", 13, IPV6_LEAVE_GROUP, Q}, {"IPV6_V6ONLY", 27, IPV6_V6ONLY, Q},
  {"TCP_NODELAY", 1, TCP_NODELAY, Q},
};

/*
 * <sys/fcntl.h>, <sys/resource.h> (both OSes); <sys/un.h> and <sys/poll.h>
 * (FreeBSD's: SUNPATHLEN, POLL*; XNU's are not in the index read here, so
 * the darwin values of those two rest on the FreeBSD quotes and on both
 * OSes sharing them).
 */
#ifdef SIM_OS_DARWIN
#define B_O_CLOEXEC 0x01000000
#define B_F_DUPFD_CLOEXEC 67
#else
#define B_O_CLOEXEC 0x00100000
#define B_F_DUPFD_CLOEXEC 17
#endif
#define B_O_NONBLOCK 0x0004
#define B_O_APPEND 0x0008
#define B_SUN_PATH 104
#define B_RLIM_INFINITY 0x7fffffffffffffffL

static const struct sim_entry FILE_TABLE[] = {
  {"O_NONBLOCK", B_O_NONBLOCK, O_NONBLOCK, Q}, {"O_APPEND", B_O_APPEND, O_APPEND, Q},
  {"O_CLOEXEC", B_O_CLOEXEC, O_CLOEXEC, Q}, {"F_DUPFD", 0, F_DUPFD, Q},
  {"F_GETFD", 1, F_GETFD, Q}, {"F_SETFD", 2, F_SETFD, Q}, {"F_GETFL", 3, F_GETFL, Q},
  {"F_SETFL", 4, F_SETFL, Q}, {"F_DUPFD_CLOEXEC", B_F_DUPFD_CLOEXEC, F_DUPFD_CLOEXEC, Q},
  {"FD_CLOEXEC", 1, FD_CLOEXEC, Q}, {"SUNPATHLEN", B_SUN_PATH, 108, UNQUOTED},
  {"RLIMIT_NOFILE", 8, RLIMIT_NOFILE, Q}, {"RLIM_INFINITY", B_RLIM_INFINITY, -1, Q},
  {"POLLIN", 0x1, POLLIN, UNQUOTED}, {"POLLPRI", 0x2, POLLPRI, UNQUOTED}, {"POLLOUT", 0x4, POLLOUT, UNQUOTED},
  {"POLLERR", 0x8, POLLERR, UNQUOTED}, {"POLLHUP", 0x10, POLLHUP, UNQUOTED}, {"POLLNVAL", 0x20, POLLNVAL, UNQUOTED},
};

#define COUNT(t) ((int)(sizeof(t) / sizeof((t)[0])))

#endif
