/*
 * A simulated BSD C ABI for testing mio-ts without a Mac or a FreeBSD box.
 *
 * Built per target (-DSIM_OS_DARWIN or -DSIM_OS_FREEBSD) on x86_64 or
 * aarch64 Linux into a shared library that mio-ts opens instead of the C
 * library under MIO_TS_SIMULATE_OS=darwin|freebsd (build.ts builds it). It:
 *
 * - exports, under their C names, only functions the target's libc has
 *   among those mio-ts declares (darwin: no accept4, pipe2, eventfd,
 *   epoll_*, __errno_location; FreeBSD 13+: accept4, pipe2 and eventfd, no
 *   epoll_*), plus sim_table_dump() for the tests. `syscall` is exported by
 *   both real libcs but not here: its numbers are per OS, and a mio-ts
 *   layer calling it with Linux's numbers must fail to bind, not run the
 *   wrong call;
 * - does the work with raw Linux system calls (no libc function of the same
 *   name is ever called, so nothing clashes), compiled -fvisibility=hidden
 *   with each export marked, linked -Bsymbolic;
 * - translates the target's numbers (sim_tables.h) both ways: address
 *   families, socket types and their flags (darwin has none: socket()
 *   refuses a type with flag bits as XNU's socreate_internal does, with
 *   EPROTONOSUPPORT), socket options (SO_NOSIGPIPE emulated: remembered per
 *   descriptor, sends use MSG_NOSIGNAL), MSG_*, O_*, F_*, poll bits, rlimit
 *   resources, errno (set in the thread's errno, which __error() returns);
 *   sockaddrs with the length byte and one-byte family, sockaddr_un with a
 *   104-byte sun_path; struct kevent per OS;
 * - implements kqueue()/kevent() on epoll for EVFILT_READ, EVFILT_WRITE
 *   and EVFILT_USER, with EV_ADD/DELETE/ENABLE/DISABLE/CLEAR/ONESHOT/
 *   DISPATCH/RECEIPT, filling data/flags/fflags as the kernels' socket and
 *   pipe filters do (see filter_eval), thread-safe, with no lock held
 *   across a wait.
 *
 * How the kqueue works: the kqueue descriptor is an epoll instance `ep`
 * holding three things: `epr` and `epw`, two inner epoll instances where
 * each watched descriptor is registered edge-triggered for reading
 * (EPOLLIN|EPOLLRDHUP) and for writing (EPOLLOUT) respectively, so that a
 * wake-up of one direction is not taken for the other (the kernels keep one
 * knote list per socket buffer); and `efd`, an eventfd that is readable
 * while the queue of active knotes is not empty. An edge from epr/epw is a
 * hint: the knote's filter is evaluated and, if true, the knote is queued.
 * At delivery every knote but an EV_ONESHOT one is evaluated again (as
 * kqueue_scan does), so a knote whose condition went away is dropped; a
 * level-triggered knote is queued again after delivery. An edge does not
 * queue an EV_CLEAR write knote whose state is what it last delivered
 * (see write_unchanged); an EV_ADD always evaluates and queues. `ep` is readable
 * when events may be pending, so the kqueue descriptor can be polled.
 *
 * A socket error that Linux would clear when read (SO_ERROR) is kept by the
 * simulation once a filter has read it (BSD filters look at so_error
 * without clearing it): getsockopt(SO_ERROR) and the next failing
 * read/recv/send/write return it, once.
 *
 * The library has no DT_NEEDED entry (built -nostdlib): the few C library
 * functions it uses itself (malloc, pthread mutexes, __errno_location,
 * snprintf) come from the process, so a lookup in its handle finds only its
 * own exports.
 *
 * A duplicate of a kqueue descriptor (dup, F_DUPFD, F_DUPFD_CLOEXEC) is the
 * same kqueue, as a dup'd file is on both kernels; the kqueue goes with the
 * last of its descriptors.
 *
 * Where it differs from the kernels (known, not hidden):
 * - NOTE_LOWAT is stored and ignored (the low-water mark is 1 byte);
 * - EVFILT_READ/WRITE on a regular file fails (epoll refuses it), where the
 *   BSDs report it always ready;
 * - the write filter of a TCP socket that was never connected follows
 *   Linux's poll (writable), where filt_sowrite says not ready;
 * - a Unix-domain listener's data is 1 while it is readable, not its
 *   queue length (Linux has no count for it); a UDP socket's read data is
 *   the next datagram's size (Linux FIONREAD), not all bytes queued;
 * - a new EVFILT_USER knote is triggered by NOTE_TRIGGER in its first
 *   change, as XNU's filt_userattach does (FreeBSD's was not checked);
 * - kevent timeouts are rounded up to whole milliseconds (epoll_wait);
 * - an EV_CLEAR socket write knote is activated only when Linux wakes its
 *   EPOLLOUT waiters (after the buffer was full, on errors and state
 *   changes) and its state changed; filt_sowrite runs on every sowwakeup,
 *   so a BSD kernel also reports space freed by an ACK when the buffer was
 *   never full;
 * - readv/writev/sendmsg/recvmsg are not exported (mio-ts declares none);
 * - pthread keys, calloc and free are the host's (see pthread_key_create
 *   below), and dlopen and dlsym are not exported.
 */
#if !defined(SIM_OS_DARWIN) && !defined(SIM_OS_FREEBSD)
#error "build with -DSIM_OS_DARWIN or -DSIM_OS_FREEBSD"
#endif
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/sockios.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

#include "sim_tables.h"

#define EXPORT __attribute__((visibility("default")))
/*
 * Exports whose glibc prototype differs (a transparent sockaddr union, an
 * enum resource): defined under sim_<name> with the C symbol <name>.
 */
#define AS(name) __asm__(#name)

/* ---------------------------------------------------------------- raw system calls */

static long raw6(long n, long a, long b, long c, long d, long e, long f) {
#if defined(__x86_64__)
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  long ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
#elif defined(__aarch64__)
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
  return x0;
#else
#error "x86_64 or aarch64 Linux only"
#endif
}
#define RAW(n, a, b, c, d, e, f) raw6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define R1(n, a) RAW(n, a, 0, 0, 0, 0, 0)
#define R2(n, a, b) RAW(n, a, b, 0, 0, 0, 0)
#define R3(n, a, b, c) RAW(n, a, b, c, 0, 0, 0)
#define R4(n, a, b, c, d) RAW(n, a, b, c, d, 0, 0)
#define R5(n, a, b, c, d, e) RAW(n, a, b, c, d, e, 0)

static long k_poll(struct pollfd *p, long n, int ms) {
#ifdef SYS_poll
  return R3(SYS_poll, p, n, ms);
#else
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  return R5(SYS_ppoll, p, n, ms < 0 ? NULL : &ts, 0, 0);
#endif
}
static long k_epoll_wait(int ep, struct epoll_event *ev, int n, int ms) {
  return RAW(SYS_epoll_pwait, ep, ev, n, ms, 0, 8);
}
static long k_fstat(int fd, struct stat *st) {
#ifdef SYS_fstat
  return R2(SYS_fstat, fd, st);
#else
  return R4(SYS_newfstatat, fd, "", st, AT_EMPTY_PATH);
#endif
}

/* ---------------------------------------------------------------- errno */

/* The thread's errno: glibc's thread-local cell, the one koffi saves too. */
EXPORT int *__error(void) { return __errno_location(); }

static int bsd_errno(int linux_errno) {
  for (int i = 0; i < COUNT(ERRNO_TABLE); i++)
    if (ERRNO_TABLE[i].linux_value == linux_errno) return (int)ERRNO_TABLE[i].bsd;
  return EINVAL == linux_errno ? 22 : 5 /* EIO: a Linux errno with no BSD twin */;
}

/* A raw result: >= 0 is returned, -e sets errno to e's BSD number and returns -1. */
static long ret(long r) {
  if (r < 0 && r > -4096) {
    *__errno_location() = bsd_errno((int)-r);
    return -1;
  }
  return r;
}
static long fail(int bsd) {
  *__errno_location() = bsd;
  return -1;
}
#define B_EBADF 9
#define B_EINVAL 22
#define B_ENOENT 2
#define B_EAFNOSUPPORT 47
#define B_EPROTONOSUPPORT 43
#define B_ENOPROTOOPT 42
#define B_EPROTOTYPE 41

/* ---------------------------------------------------------------- per-descriptor state */

struct kq;
enum { FD_NOSIGPIPE = 1, FD_SHUT_WR = 2 };
struct fdstate {
  _Atomic int flags;
  _Atomic int so_error; /* Linux errno read by a filter and not yet returned */
  _Atomic unsigned sends; /* send/write calls made, for write_unchanged */
  struct kq *_Atomic kq;  /* the kqueue this descriptor is one of (kqs_mu) */
  _Atomic int waiters;    /* kevent() calls in progress through this descriptor */
};
#define CHUNK 4096
#define CHUNKS 1024
static struct fdstate *_Atomic fdtab[CHUNKS];

static struct fdstate *fdst(int fd) {
  if (fd < 0 || fd >= CHUNK * CHUNKS) return NULL;
  struct fdstate *c = atomic_load(&fdtab[fd / CHUNK]);
  if (c == NULL) {
    struct fdstate *n = calloc(CHUNK, sizeof *n);
    if (n == NULL) return NULL;
    struct fdstate *expected = NULL;
    if (atomic_compare_exchange_strong(&fdtab[fd / CHUNK], &expected, n)) c = n;
    else {
      free(n);
      c = expected;
    }
  }
  return &c[fd % CHUNK];
}
/* A new descriptor starts with no remembered state. */
static long fresh(long fd) {
  if (fd >= 0) {
    struct fdstate *s = fdst((int)fd);
    if (s) {
      atomic_store(&s->flags, 0);
      atomic_store(&s->so_error, 0);
    }
  }
  return fd;
}
/* Takes the socket error a filter kept, if any (Linux errno; 0 for none). */
static int take_kept_error(int fd) {
  struct fdstate *s = fdst(fd);
  return s ? atomic_exchange(&s->so_error, 0) : 0;
}
/*
 * The socket error as the BSDs record it. A reset in CLOSE_WAIT (after the
 * peer's FIN) is EPIPE in Linux's tcp_reset but ECONNRESET in the BSDs'
 * tcp_input (FreeBSD sys/netinet/tcp_input.c, tcp_do_segment, TH_RST:
 * ESTABLISHED..LAST_ACK set so_error = ECONNRESET; XNU bsd/netinet/
 * tcp_input.c likewise for CLOSE_WAIT), and their soreceive returns a
 * pending so_error before the end of stream. Linux sets no other socket
 * error to EPIPE.
 */
static int so_error_in(int e) { return e == EPIPE ? ECONNRESET : e; }
/* Reads the pending socket error from Linux (clearing it there) and keeps it. */
static int keep_socket_error(int fd) {
  int e = 0;
  socklen_t len = sizeof e;
  struct fdstate *s = fdst(fd);
  if (R5(SYS_getsockopt, fd, SOL_SOCKET, SO_ERROR, &e, &len) == 0 && e != 0 && s) atomic_store(&s->so_error, so_error_in(e));
  return s ? atomic_load(&s->so_error) : so_error_in(e);
}

/* ---------------------------------------------------------------- translation */

static int family_in(int f) {
  if (f == 0 || f == 1 || f == 2) return f;
  if (f == B_AF_INET6) return AF_INET6;
  return -1;
}
static int family_out(int f) { return f == AF_INET6 ? B_AF_INET6 : f; }

/* BSD socket type (with FreeBSD's creation flags) to Linux's; -1 for a type the OS refuses. */
static int socktype_in(int type) {
  int flags = 0;
#ifndef SIM_OS_DARWIN
  if (type & B_SOCK_CLOEXEC) flags |= SOCK_CLOEXEC;
  if (type & B_SOCK_NONBLOCK) flags |= SOCK_NONBLOCK;
  type &= ~(B_SOCK_CLOEXEC | B_SOCK_NONBLOCK);
#endif
  if (type < 1 || type > 5 || type == 4) return -1;
  return type | flags;
}

struct flagmap {
  long bsd, lin;
};
static long map_bits(long v, const struct flagmap *m, int n, int to_linux) {
  long out = 0;
  for (int i = 0; i < n; i++)
    if (v & (to_linux ? m[i].bsd : m[i].lin)) out |= to_linux ? m[i].lin : m[i].bsd;
  return out;
}
static const struct flagmap MSG_MAP[] = {
  {0x1, MSG_OOB}, {0x2, MSG_PEEK}, {0x4, MSG_DONTROUTE}, {0x8, MSG_EOR}, {0x10, MSG_TRUNC},
  {0x20, MSG_CTRUNC}, {0x40, MSG_WAITALL}, {0x80, MSG_DONTWAIT}, {B_MSG_NOSIGNAL, MSG_NOSIGNAL},
};
static const struct flagmap OFLAG_MAP[] = {
  {B_O_NONBLOCK, O_NONBLOCK}, {B_O_APPEND, O_APPEND}, {B_O_CLOEXEC, O_CLOEXEC},
};
/* BSD poll bits: POLLWRNORM is POLLOUT (4), POLLRDNORM 0x40, POLLRDBAND 0x80, POLLWRBAND 0x100. */
static const struct flagmap POLL_MAP[] = {
  {0x1, POLLIN}, {0x2, POLLPRI}, {0x4, POLLOUT | POLLWRNORM}, {0x8, POLLERR}, {0x10, POLLHUP},
  {0x20, POLLNVAL}, {0x40, POLLRDNORM}, {0x80, POLLRDBAND}, {0x100, POLLWRBAND},
};
#define NMAP(m) ((int)(sizeof(m) / sizeof((m)[0])))

/* Linux sockaddr of a BSD one: family byte, length checks as the BSD stacks do. */
static int sockaddr_in_(const unsigned char *b, unsigned len, struct sockaddr_storage *l, socklen_t *llen) {
  if (b == NULL || len < 2 || len > sizeof(struct sockaddr_storage)) return B_EINVAL;
  int fam = family_in(b[1]);
  if (fam < 0) return B_EAFNOSUPPORT;
  if ((fam == AF_INET && len != 16) || (fam == AF_INET6 && len != 28)) return B_EINVAL;
  if (fam == AF_UNIX && (len <= 2 || len > 2 + B_SUN_PATH)) return B_EINVAL;
  memset(l, 0, sizeof *l);
  memcpy((char *)l + 2, b + 2, len - 2);
  l->ss_family = (sa_family_t)fam;
  *llen = len;
  if (fam == AF_UNIX) {
    /* BSD reads sun_path up to its NUL or the length; Linux likewise, from a 108-byte field. */
    size_t n = strnlen((char *)l + 2, len - 2);
    *llen = (socklen_t)(2 + n);
  }
  return 0;
}
/* BSD sockaddr of a Linux one into (out, *outlen) with truncation as accept/getsockname do. */
static void sockaddr_out(const struct sockaddr_storage *l, socklen_t llen, void *out, socklen_t *outlen) {
  if (out == NULL || outlen == NULL) return;
  unsigned char b[sizeof(struct sockaddr_storage)];
  unsigned blen;
  memset(b, 0, sizeof b);
  if (l->ss_family == AF_UNIX) {
    size_t n = llen > 2 ? strnlen((const char *)l + 2, llen - 2) : 0;
    if (n == 0) blen = 16; /* BSD's unnamed address: a zeroed struct sockaddr with sa_len 16 */
    else {
      if (n > B_SUN_PATH - 1) n = B_SUN_PATH - 1;
      memcpy(b + 2, (const char *)l + 2, n);
      blen = (unsigned)(2 + n + 1);
    }
  } else {
    blen = l->ss_family == AF_INET ? 16 : l->ss_family == AF_INET6 ? 28 : llen;
    memcpy(b + 2, (const char *)l + 2, blen > 2 ? blen - 2 : 0);
  }
  b[0] = (unsigned char)blen;
  b[1] = (unsigned char)family_out(l->ss_family);
  socklen_t room = *outlen;
  memcpy(out, b, room < blen ? room : blen);
  *outlen = blen;
}

/* ---------------------------------------------------------------- sockets */

/*
 * socreate() with no protocol switch for the type: XNU's socreate_internal
 * answers EPROTONOSUPPORT (EPROTOTYPE when a protocol was named that exists
 * for another type); FreeBSD's socreate answers EPROTOTYPE when no protocol
 * was named, EPROTONOSUPPORT otherwise.
 */
static int unknown_type_errno(int protocol) {
#ifdef SIM_OS_DARWIN
  return protocol != 0 ? B_EPROTOTYPE : B_EPROTONOSUPPORT;
#else
  return protocol == 0 ? B_EPROTOTYPE : B_EPROTONOSUPPORT;
#endif
}

EXPORT int socket(int domain, int type, int protocol) {
  int fam = family_in(domain);
  if (fam < 0) return (int)fail(B_EAFNOSUPPORT);
  int t = socktype_in(type);
  if (t < 0) return (int)fail(unknown_type_errno(protocol));
  return (int)fresh(ret(R3(SYS_socket, fam, t, protocol)));
}

EXPORT int socketpair(int domain, int type, int protocol, int sv[2]) {
  int fam = family_in(domain);
  if (fam < 0) return (int)fail(B_EAFNOSUPPORT);
  int t = socktype_in(type);
  if (t < 0) return (int)fail(unknown_type_errno(protocol));
  long r = ret(R4(SYS_socketpair, fam, t, protocol, sv));
  if (r == 0) {
    fresh(sv[0]);
    fresh(sv[1]);
  }
  return (int)r;
}

EXPORT int sim_bind(int fd, const void *addr, socklen_t len) AS(bind);
EXPORT int sim_bind(int fd, const void *addr, socklen_t len) {
  struct sockaddr_storage l;
  socklen_t ll;
  int e = sockaddr_in_(addr, len, &l, &ll);
  if (e) return (int)fail(e);
  return (int)ret(R3(SYS_bind, fd, &l, ll));
}

EXPORT int sim_connect(int fd, const void *addr, socklen_t len) AS(connect);
EXPORT int sim_connect(int fd, const void *addr, socklen_t len) {
  struct sockaddr_storage l;
  socklen_t ll;
  int e = sockaddr_in_(addr, len, &l, &ll);
  if (e) return (int)fail(e);
  return (int)ret(R3(SYS_connect, fd, &l, ll));
}

EXPORT int listen(int fd, int backlog) { return (int)ret(R2(SYS_listen, fd, backlog)); }

static int do_accept(int fd, void *addr, socklen_t *len, int lflags) {
  struct sockaddr_storage l;
  socklen_t ll = sizeof l;
  long r = ret(R4(SYS_accept4, fd, &l, &ll, lflags));
  if (r >= 0) {
    fresh(r);
    sockaddr_out(&l, ll, addr, len);
  }
  return (int)r;
}

/* BSD accept(): the new socket inherits the listener's O_NONBLOCK (Linux's does not). */
EXPORT int sim_accept(int fd, void *addr, socklen_t *len) AS(accept);
EXPORT int sim_accept(int fd, void *addr, socklen_t *len) {
  long fl = R2(SYS_fcntl, fd, F_GETFL);
  return do_accept(fd, addr, len, fl >= 0 && (fl & O_NONBLOCK) ? SOCK_NONBLOCK : 0);
}

#ifdef SIM_OS_FREEBSD
EXPORT int sim_accept4(int fd, void *addr, socklen_t *len, int flags) AS(accept4);
EXPORT int sim_accept4(int fd, void *addr, socklen_t *len, int flags) {
  if (flags & ~(B_SOCK_CLOEXEC | B_SOCK_NONBLOCK)) return (int)fail(B_EINVAL);
  return do_accept(fd, addr, len,
                   ((flags & B_SOCK_CLOEXEC) ? SOCK_CLOEXEC : 0) | ((flags & B_SOCK_NONBLOCK) ? SOCK_NONBLOCK : 0));
}
#endif

EXPORT int sim_getsockname(int fd, void *addr, socklen_t *len) AS(getsockname);
EXPORT int sim_getsockname(int fd, void *addr, socklen_t *len) {
  struct sockaddr_storage l;
  socklen_t ll = sizeof l;
  long r = ret(R3(SYS_getsockname, fd, &l, &ll));
  if (r == 0) sockaddr_out(&l, ll, addr, len);
  return (int)r;
}

EXPORT int sim_getpeername(int fd, void *addr, socklen_t *len) AS(getpeername);
EXPORT int sim_getpeername(int fd, void *addr, socklen_t *len) {
  struct sockaddr_storage l;
  socklen_t ll = sizeof l;
  long r = ret(R3(SYS_getpeername, fd, &l, &ll));
  if (r == 0) sockaddr_out(&l, ll, addr, len);
  return (int)r;
}

/* Linux (level, name) of a BSD pair; returns 0, or a BSD errno. *emulated set for SO_NOSIGPIPE. */
static int sockopt_in(int level, int name, int *llevel, int *lname, int *emulated) {
  *emulated = 0;
  const struct sim_entry *t;
  int n;
  if (level == B_SOL_SOCKET) {
    *llevel = SOL_SOCKET;
    if (name == B_SO_NOSIGPIPE) {
      *emulated = 1;
      return 0;
    }
    t = SOCKET_TABLE;
    n = COUNT(SOCKET_TABLE);
  } else if (level == IPPROTO_IP || level == IPPROTO_IPV6 || level == IPPROTO_TCP) {
    *llevel = level;
    t = INET_TABLE;
    n = COUNT(INET_TABLE);
  } else return B_ENOPROTOOPT;
  const char *prefix = level == B_SOL_SOCKET ? "SO_" : level == IPPROTO_IP ? "IP_" : level == IPPROTO_IPV6 ? "IPV6_" : "TCP_";
  for (int i = 0; i < n; i++)
    if (t[i].bsd == name && strncmp(t[i].name, prefix, strlen(prefix)) == 0 &&
        (level != IPPROTO_IP || strncmp(t[i].name, "IPV6_", 5) != 0)) {
      *lname = (int)t[i].linux_value;
      return 0;
    }
  return B_ENOPROTOOPT;
}

EXPORT int setsockopt(int fd, int level, int name, const void *val, socklen_t len) {
  int ll, ln, emu;
  int e = sockopt_in(level, name, &ll, &ln, &emu);
  if (e) return (int)fail(e);
  if (emu) {
    int type;
    socklen_t tl = sizeof type;
    long r = ret(R5(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, &type, &tl));
    if (r < 0) return (int)r;
    if (val == NULL || len < sizeof(int)) return (int)fail(B_EINVAL);
    struct fdstate *s = fdst(fd);
    if (*(const int *)val) atomic_fetch_or(&s->flags, FD_NOSIGPIPE);
    else atomic_fetch_and(&s->flags, ~FD_NOSIGPIPE);
    return 0;
  }
  return (int)ret(R5(SYS_setsockopt, fd, ll, ln, val, len));
}

EXPORT int getsockopt(int fd, int level, int name, void *val, socklen_t *len) {
  int ll, ln, emu;
  int e = sockopt_in(level, name, &ll, &ln, &emu);
  if (e) return (int)fail(e);
  if (emu) {
    struct fdstate *s = fdst(fd);
    if (val == NULL || len == NULL || *len < sizeof(int)) return (int)fail(B_EINVAL);
    *(int *)val = s && (atomic_load(&s->flags) & FD_NOSIGPIPE) ? 1 : 0;
    *len = sizeof(int);
    return 0;
  }
  long r = ret(R5(SYS_getsockopt, fd, ll, ln, val, len));
  if (r == 0 && ll == SOL_SOCKET && ln == SO_ERROR && val != NULL) {
    int kept = take_kept_error(fd);
    int *v = (int *)val;
    if (*v == 0) *v = kept;
    if (*v) *v = bsd_errno(so_error_in(*v));
  }
  return (int)r;
}

EXPORT int shutdown(int fd, int how) {
  long r = ret(R2(SYS_shutdown, fd, how));
  if (r == 0 && (how == SHUT_WR || how == SHUT_RDWR)) {
    struct fdstate *s = fdst(fd);
    if (s) atomic_fetch_or(&s->flags, FD_SHUT_WR);
  }
  return (int)r;
}

/* A send changes the send buffer: the next freed space is news to an EV_CLEAR write knote. */
static void count_send(int fd) {
  struct fdstate *s = fdst(fd);
  if (s) atomic_fetch_add(&s->sends, 1);
}

static int nosigpipe(int fd) {
  struct fdstate *s = fdst(fd);
  return s && (atomic_load(&s->flags) & FD_NOSIGPIPE);
}

/* A receive: data first; then a kept socket error; then what Linux said. */
static long recv_result(int fd, long r) {
  if (r <= 0) {
    int kept = take_kept_error(fd);
    if (kept && (r == 0 || r == -EAGAIN)) return fail(bsd_errno(kept));
  }
  return ret(r);
}

EXPORT ssize_t sim_recvfrom(int fd, void *buf, size_t n, int flags, void *addr, socklen_t *alen) AS(recvfrom);
EXPORT ssize_t sim_recvfrom(int fd, void *buf, size_t n, int flags, void *addr, socklen_t *alen) {
  struct sockaddr_storage l;
  socklen_t ll = sizeof l;
  long r = RAW(SYS_recvfrom, fd, buf, n, map_bits(flags, MSG_MAP, NMAP(MSG_MAP), 1), addr ? &l : NULL, addr ? &ll : NULL);
  if (r >= 0 && addr) sockaddr_out(&l, ll, addr, alen);
  return recv_result(fd, r);
}

EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags) { return sim_recvfrom(fd, buf, n, flags, NULL, NULL); }

EXPORT ssize_t sim_sendto(int fd, const void *buf, size_t n, int flags, const void *addr, socklen_t alen) AS(sendto);
EXPORT ssize_t sim_sendto(int fd, const void *buf, size_t n, int flags, const void *addr, socklen_t alen) {
  struct sockaddr_storage l;
  socklen_t ll = 0;
  if (addr) {
    int e = sockaddr_in_(addr, alen, &l, &ll);
    if (e) return fail(e);
  }
  /* sosend checks so_error before sending. */
  int kept = take_kept_error(fd);
  if (kept) return fail(bsd_errno(kept));
  long lf = map_bits(flags, MSG_MAP, NMAP(MSG_MAP), 1) | (nosigpipe(fd) ? MSG_NOSIGNAL : 0);
  long r = RAW(SYS_sendto, fd, buf, n, lf, addr ? &l : NULL, ll);
  count_send(fd);
  return ret(r);
}

EXPORT ssize_t send(int fd, const void *buf, size_t n, int flags) { return sim_sendto(fd, buf, n, flags, NULL, 0); }

EXPORT ssize_t read(int fd, void *buf, size_t n) {
  long r = R3(SYS_read, fd, buf, n);
  struct fdstate *s = fdst(fd);
  if (r <= 0 && s && atomic_load(&s->so_error)) return recv_result(fd, r);
  return ret(r);
}

EXPORT ssize_t write(int fd, const void *buf, size_t n) {
  struct fdstate *s = fdst(fd);
  if (s && atomic_load(&s->so_error)) return fail(bsd_errno(take_kept_error(fd)));
  long r = nosigpipe(fd) ? RAW(SYS_sendto, fd, buf, n, MSG_NOSIGNAL, 0, 0) : R3(SYS_write, fd, buf, n);
  count_send(fd);
  return ret(r);
}

/* ---------------------------------------------------------------- descriptors */

static void kq_dup(int from, int to);

/* Descriptor `to` (if >= 0) duplicates `from`: SO_NOSIGPIPE and a kqueue carry over. */
static long dup_of(int from, long to) {
  if (to >= 0) {
    fresh(to);
    struct fdstate *a = fdst(from), *b = fdst((int)to);
    if (a && b) atomic_store(&b->flags, atomic_load(&a->flags) & FD_NOSIGPIPE);
    kq_dup(from, (int)to);
  }
  return to;
}

EXPORT int dup(int fd) { return (int)dup_of(fd, ret(R1(SYS_dup, fd))); }

EXPORT int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  long arg = va_arg(ap, long);
  va_end(ap);
  switch (cmd) {
  case 0: /* F_DUPFD */
    return (int)dup_of(fd, ret(R3(SYS_fcntl, fd, F_DUPFD, (int)arg)));
  case B_F_DUPFD_CLOEXEC:
    return (int)dup_of(fd, ret(R3(SYS_fcntl, fd, F_DUPFD_CLOEXEC, (int)arg)));
  case 1: /* F_GETFD */
  case 2: /* F_SETFD: FD_CLOEXEC is 1 on all three */
    return (int)ret(R3(SYS_fcntl, fd, cmd, (int)arg));
  case 3: { /* F_GETFL */
    long r = ret(R2(SYS_fcntl, fd, F_GETFL));
    if (r < 0) return (int)r;
    return (int)((r & O_ACCMODE) | map_bits(r, OFLAG_MAP, NMAP(OFLAG_MAP), 0));
  }
  case 4: /* F_SETFL */
    return (int)ret(R3(SYS_fcntl, fd, F_SETFL, map_bits((int)arg, OFLAG_MAP, NMAP(OFLAG_MAP), 1)));
  default:
    return (int)fail(B_EINVAL);
  }
}

EXPORT int pipe(int fds[2]) {
  long r = ret(R2(SYS_pipe2, fds, 0));
  if (r == 0) {
    fresh(fds[0]);
    fresh(fds[1]);
  }
  return (int)r;
}

#ifdef SIM_OS_FREEBSD
EXPORT int pipe2(int fds[2], int flags) {
  if (flags & ~(B_O_NONBLOCK | B_O_CLOEXEC)) return (int)fail(B_EINVAL);
  long r = ret(R2(SYS_pipe2, fds, map_bits(flags, OFLAG_MAP, NMAP(OFLAG_MAP), 1)));
  if (r == 0) {
    fresh(fds[0]);
    fresh(fds[1]);
  }
  return (int)r;
}

/* FreeBSD 13+ <sys/eventfd.h>: EFD_SEMAPHORE 1, EFD_NONBLOCK = O_NONBLOCK, EFD_CLOEXEC = O_CLOEXEC. */
EXPORT int eventfd(unsigned int initval, int flags) {
  if (flags & ~(1 | B_O_NONBLOCK | B_O_CLOEXEC)) return (int)fail(B_EINVAL);
  long lf = ((flags & 1) ? 1 : 0) | map_bits(flags, OFLAG_MAP, NMAP(OFLAG_MAP), 1);
  return (int)fresh(ret(R2(SYS_eventfd2, initval, lf)));
}
#endif

/* nfds_t is unsigned int on both BSDs (Linux: unsigned long). */
EXPORT int sim_poll(struct pollfd *fds, unsigned int n, int timeout) AS(poll);
EXPORT int sim_poll(struct pollfd *fds, unsigned int n, int timeout) {
  struct pollfd stack[64];
  struct pollfd *l = n <= 64 ? stack : malloc(n * sizeof *l);
  if (l == NULL) return (int)fail(35);
  for (unsigned int i = 0; i < n; i++) {
    l[i].fd = fds[i].fd;
    l[i].events = (short)map_bits(fds[i].events, POLL_MAP, NMAP(POLL_MAP), 1);
    l[i].revents = 0;
  }
  long r = k_poll(l, (long)n, timeout);
  if (r >= 0)
    for (unsigned int i = 0; i < n; i++) fds[i].revents = (short)map_bits(l[i].revents, POLL_MAP, NMAP(POLL_MAP), 0);
  if (l != stack) free(l);
  return (int)ret(r);
}

static int resource_in(int r) {
#ifdef SIM_OS_DARWIN
  /* XNU: CPU 0 FSIZE 1 DATA 2 STACK 3 CORE 4 AS 5 (RLIMIT_RSS is its alias) MEMLOCK 6 NPROC 7 NOFILE 8 */
  static const int map[] = {RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE,
                            RLIMIT_AS, RLIMIT_MEMLOCK, RLIMIT_NPROC, RLIMIT_NOFILE};
#else
  /* FreeBSD: CPU 0 FSIZE 1 DATA 2 STACK 3 CORE 4 RSS 5 MEMLOCK 6 NPROC 7 NOFILE 8 SBSIZE 9 VMEM (AS) 10 */
  static const int map[] = {RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS,
                            RLIMIT_MEMLOCK, RLIMIT_NPROC, RLIMIT_NOFILE, -1, RLIMIT_AS};
#endif
  return r >= 0 && r < (int)(sizeof map / sizeof map[0]) ? map[r] : -1;
}

EXPORT int sim_getrlimit(int resource, struct rlimit *rl) AS(getrlimit);
EXPORT int sim_getrlimit(int resource, struct rlimit *rl) {
  int r = resource_in(resource);
  if (r < 0) return (int)fail(B_EINVAL);
  long x = ret(R4(SYS_prlimit64, 0, r, NULL, rl));
  if (x == 0) {
    if (rl->rlim_cur == RLIM_INFINITY) rl->rlim_cur = B_RLIM_INFINITY;
    if (rl->rlim_max == RLIM_INFINITY) rl->rlim_max = B_RLIM_INFINITY;
  }
  return (int)x;
}

EXPORT int sim_setrlimit(int resource, const struct rlimit *rl) AS(setrlimit);
EXPORT int sim_setrlimit(int resource, const struct rlimit *rl) {
  int r = resource_in(resource);
  if (r < 0) return (int)fail(B_EINVAL);
  struct rlimit l = *rl;
  if (l.rlim_cur == (rlim_t)B_RLIM_INFINITY) l.rlim_cur = RLIM_INFINITY;
  if (l.rlim_max == (rlim_t)B_RLIM_INFINITY) l.rlim_max = RLIM_INFINITY;
  return (int)ret(R4(SYS_prlimit64, 0, r, &l, NULL));
}

/* ---------------------------------------------------------------- kqueue */

struct knote {
  struct knote *next;  /* in its hash bucket */
  struct knote *qnext; /* in the active queue */
  uint64_t ident;
  int16_t filter;
  uint16_t flags;   /* EV_CLEAR/ONESHOT/DISPATCH/RECEIPT as registered, plus EV_EOF when the filter says so */
  uint32_t sfflags; /* registered fflags (EVFILT_USER: the stored fflags) */
  int64_t sdata;
  uint64_t udata;
  uint64_t ext[4];
  int queued, disabled, triggered; /* triggered: EVFILT_USER's NOTE_TRIGGER state */
  uint32_t fflags;                 /* output fflags */
  int64_t data;                    /* output data */
  int fired;                       /* EVFILT_WRITE with EV_CLEAR: delivered at least once, with: */
  unsigned fired_sends;
  int64_t fired_data;
  uint16_t fired_eof;
  uint32_t fired_fflags;
};

#define BUCKETS 256
struct kq {
  int epr, epw, efd; /* the kqueue's descriptors are the epoll instance holding these */
  pthread_mutex_t mu;
  int refs; /* its descriptors, plus one per kevent() in progress (kqs_mu) */
  int fds;  /* its descriptors (kqs_mu) */
  struct knote *bucket[BUCKETS];
  struct knote *qhead, *qtail;
  int qlen, efd_set;
  int closed;      /* darwin: its descriptor was closed, waiters return EBADF */
  struct kq *next; /* all kqueues, for close() */
};
static pthread_mutex_t kqs_mu = PTHREAD_MUTEX_INITIALIZER;
static struct kq *kqs;

static unsigned bucket_of(uint64_t ident, int16_t filter) { return (unsigned)(ident * 31u + (uint16_t)filter) % BUCKETS; }

static struct knote *kn_find(struct kq *kq, uint64_t ident, int16_t filter) {
  for (struct knote *k = kq->bucket[bucket_of(ident, filter)]; k; k = k->next)
    if (k->ident == ident && k->filter == filter) return k;
  return NULL;
}

static void enqueue(struct kq *kq, struct knote *kn) {
  if (kn->queued) return;
  kn->queued = 1;
  kn->qnext = NULL;
  if (kq->qtail) kq->qtail->qnext = kn;
  else kq->qhead = kn;
  kq->qtail = kn;
  kq->qlen++;
}
static struct knote *dequeue(struct kq *kq) {
  struct knote *kn = kq->qhead;
  if (!kn) return NULL;
  kq->qhead = kn->qnext;
  if (!kq->qhead) kq->qtail = NULL;
  kn->queued = 0;
  kq->qlen--;
  return kn;
}
static void unqueue(struct kq *kq, struct knote *kn) {
  if (!kn->queued) return;
  struct knote **p = &kq->qhead, *prev = NULL;
  while (*p && *p != kn) {
    prev = *p;
    p = &(*p)->qnext;
  }
  if (*p) {
    *p = kn->qnext;
    if (kq->qtail == kn) kq->qtail = prev;
    kq->qlen--;
  }
  kn->queued = 0;
}

/* The kqueue descriptor is readable while the queue is not empty (efd) or an edge waits in epr/epw. */
static void sync_efd(struct kq *kq) {
  uint64_t one = 1;
  if (kq->qlen > 0 && !kq->efd_set) {
    R3(SYS_write, kq->efd, &one, 8);
    kq->efd_set = 1;
  } else if (kq->qlen == 0 && kq->efd_set && !kq->closed) {
    R3(SYS_read, kq->efd, &one, 8);
    kq->efd_set = 0;
  }
}

static void kn_drop(struct kq *kq, struct knote *kn) {
  unqueue(kq, kn);
  struct knote **p = &kq->bucket[bucket_of(kn->ident, kn->filter)];
  while (*p != kn) p = &(*p)->next;
  *p = kn->next;
  if (kn->filter != B_EVFILT_USER)
    R4(SYS_epoll_ctl, kn->filter == B_EVFILT_READ ? kq->epr : kq->epw, EPOLL_CTL_DEL, (int)kn->ident, NULL);
  free(kn);
}

/*
 * The filters, as FreeBSD's (sys/kern/uipc_socket.c filt_soread/filt_sowrite,
 * sys/kern/sys_pipe.c filt_piperead/filt_pipewrite) and XNU's
 * (bsd/kern/uipc_socket.c filt_soread_common/filt_sowrite_common) fill a
 * knote: returns whether the event is active, with data/flags/fflags set.
 *  - socket, read: a listener's data is its completed-connection queue
 *    length (Linux: TCP_INFO's tcpi_unacked for TCP; 1 while a Unix
 *    listener is readable); otherwise the bytes readable. EV_EOF when the
 *    socket cannot receive more (peer shut down or reset), with fflags =
 *    so_error; active on EOF, on a pending so_error, or with data >= 1.
 *  - socket, write: data is the free send-buffer space (SO_SNDBUF minus
 *    SIOCOUTQ). EV_EOF when it cannot send more (our SHUT_WR, or the
 *    connection is gone: Linux POLLHUP), fflags = so_error; active on EOF,
 *    so_error, or writable.
 *  - pipe: read data = bytes in the pipe, EV_EOF once the writer is gone
 *    (fflags 0); write data = free space, EV_EOF with data 0 once the
 *    reader is gone.
 *  - anything else (a kqueue, an eventfd, a tty): active while poll(2)
 *    says so, data 1 then (a BSD kqueue reports its number of pending
 *    events; reading another kqueue's count here would need its lock).
 */
static int filter_eval(struct knote *kn) {
  int fd = (int)kn->ident;
  int rd = kn->filter == B_EVFILT_READ;
  struct pollfd p = {fd, (short)(rd ? POLLIN | POLLRDHUP : POLLOUT), 0};
  kn->flags &= (uint16_t)~B_EV_EOF;
  kn->fflags = 0;
  kn->data = 0;
  if (k_poll(&p, 1, 0) < 0 || (p.revents & POLLNVAL)) return 0;
  struct stat st;
  if (k_fstat(fd, &st) < 0) return 0;
  int avail = 0;
  if (S_ISSOCK(st.st_mode)) {
    int err = (p.revents & POLLERR) ? keep_socket_error(fd) : atomic_load(&fdst(fd)->so_error);
    if (rd) {
      int listening = 0;
      socklen_t len = sizeof listening;
      R5(SYS_getsockopt, fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len);
      if (listening) {
        struct tcp_info ti;
        socklen_t tl = sizeof ti;
        if (R5(SYS_getsockopt, fd, IPPROTO_TCP, TCP_INFO, &ti, &tl) == 0) kn->data = ti.tcpi_unacked;
        else kn->data = (p.revents & POLLIN) ? 1 : 0;
        if (err) {
          kn->flags |= B_EV_EOF;
          kn->fflags = (uint32_t)bsd_errno(err);
          return 1;
        }
        return (p.revents & POLLIN) != 0;
      }
      if (R3(SYS_ioctl, fd, FIONREAD, &avail) == 0) kn->data = avail;
      if (p.revents & (POLLRDHUP | POLLHUP)) {
        kn->flags |= B_EV_EOF;
        kn->fflags = err ? (uint32_t)bsd_errno(err) : 0;
        return 1;
      }
      if (err) return 1;
      return (p.revents & POLLIN) != 0;
    }
    int sndbuf = 0, outq = 0;
    socklen_t len = sizeof sndbuf;
    R5(SYS_getsockopt, fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &len);
    R3(SYS_ioctl, fd, SIOCOUTQ, &outq);
    kn->data = sndbuf > outq ? sndbuf - outq : 0;
    if ((atomic_load(&fdst(fd)->flags) & FD_SHUT_WR) || (p.revents & POLLHUP)) {
      kn->flags |= B_EV_EOF;
      kn->fflags = err ? (uint32_t)bsd_errno(err) : 0;
      return 1;
    }
    if (err) return 1;
    return (p.revents & POLLOUT) != 0;
  }
  if (S_ISFIFO(st.st_mode)) {
    if (rd) {
      if (R3(SYS_ioctl, fd, FIONREAD, &avail) == 0) kn->data = avail;
      if (p.revents & POLLHUP) {
        kn->flags |= B_EV_EOF;
        return 1;
      }
      return kn->data > 0;
    }
    if (p.revents & POLLERR) {
      kn->flags |= B_EV_EOF;
      return 1;
    }
    long size = R2(SYS_fcntl, fd, F_GETPIPE_SZ);
    if (R3(SYS_ioctl, fd, FIONREAD, &avail) == 0 && size > avail) kn->data = size - avail;
    return (p.revents & POLLOUT) != 0;
  }
  int active = (p.revents & (rd ? POLLIN : POLLOUT)) != 0;
  kn->data = active;
  return active;
}

/*
 * EVFILT_USER on registration. An existing knote is touched as FreeBSD's
 * kern_event.c filt_usertouch(EVENT_REGISTER) and XNU's filt_usertouch do:
 * NOTE_TRIGGER activates it, the NOTE_FF* control applies the low 24 bits
 * to the stored fflags, data is stored; FreeBSD alone resets the trigger
 * when the change carries EV_CLEAR. A new knote is triggered by
 * NOTE_TRIGGER in its first change (XNU filt_userattach) and stores its
 * low 24 fflags bits.
 */
static void user_touch(struct knote *kn, uint32_t fflags, int64_t data, uint16_t flags, int creating) {
  if (fflags & B_NOTE_TRIGGER) kn->triggered = 1;
  uint32_t ctrl = fflags & B_NOTE_FFCTRLMASK, v = fflags & B_NOTE_FFLAGSMASK;
  if (creating || ctrl == B_NOTE_FFCOPY) kn->sfflags = v;
  else if (ctrl == B_NOTE_FFAND) kn->sfflags &= v;
  else if (ctrl == B_NOTE_FFOR) kn->sfflags |= v;
  kn->sdata = data;
#ifdef SIM_OS_FREEBSD
  if (!creating && (flags & B_EV_CLEAR)) kn->triggered = 0;
#else
  (void)flags;
#endif
}

static int kn_event(struct knote *kn) {
  if (kn->filter == B_EVFILT_USER) {
    kn->fflags = kn->sfflags;
    kn->data = kn->sdata;
    return kn->triggered;
  }
  return filter_eval(kn);
}

struct bsd_kevent {
  uint64_t ident;
  int16_t filter;
  uint16_t flags;
  uint32_t fflags;
  int64_t data;
  uint64_t udata;
#ifdef SIM_OS_FREEBSD
  uint64_t ext[4];
#endif
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct bsd_kevent) == B_KEVENT_SIZE, "struct kevent size");

/* One change (kqueue_register): 0 or the BSD errno. */
static int kq_register(struct kq *kq, const struct bsd_kevent *kev) {
  int16_t f = kev->filter;
  if (f != B_EVFILT_READ && f != B_EVFILT_WRITE && f != B_EVFILT_USER) return B_EINVAL;
  if (f != B_EVFILT_USER) {
    /* The descriptor is looked up first: EBADF even for EV_DELETE. */
    if (kev->ident > INT_MAX || R2(SYS_fcntl, (int)kev->ident, F_GETFD) < 0) return B_EBADF;
  }
  struct knote *kn = kn_find(kq, kev->ident, f);
  if (kn == NULL) {
    if (!(kev->flags & B_EV_ADD)) return B_ENOENT;
    kn = calloc(1, sizeof *kn);
    if (kn == NULL) return 12;
    kn->ident = kev->ident;
    kn->filter = f;
    kn->flags = kev->flags & (B_EV_ONESHOT | B_EV_CLEAR | B_EV_RECEIPT | B_EV_DISPATCH);
    kn->udata = kev->udata;
#ifdef SIM_OS_FREEBSD
    memcpy(kn->ext, kev->ext, sizeof kn->ext);
#endif
    if (f != B_EVFILT_USER) {
      struct epoll_event e = {.events = f == B_EVFILT_READ ? EPOLLIN | EPOLLRDHUP | EPOLLET : EPOLLOUT | EPOLLET,
                              .data.u64 = kev->ident};
      long r = R4(SYS_epoll_ctl, f == B_EVFILT_READ ? kq->epr : kq->epw, EPOLL_CTL_ADD, (int)kev->ident, &e);
      if (r < 0 && r != -EEXIST) {
        free(kn);
        return bsd_errno((int)-r);
      }
      kn->sfflags = kev->fflags;
      kn->sdata = kev->data;
    } else user_touch(kn, kev->fflags, kev->data, kev->flags, 1);
    unsigned b = bucket_of(kn->ident, f);
    kn->next = kq->bucket[b];
    kq->bucket[b] = kn;
  } else if (kev->flags & B_EV_DELETE) {
    kn_drop(kq, kn);
    return 0;
  } else {
    kn->udata = kev->udata;
    if (f == B_EVFILT_USER) user_touch(kn, kev->fflags, kev->data, kev->flags, 0);
    else {
      kn->sfflags = kev->fflags;
      kn->sdata = kev->data;
    }
  }
  if (kev->flags & B_EV_DISABLE) {
    kn->disabled = 1;
    unqueue(kq, kn);
  }
  if (kev->flags & B_EV_ENABLE) kn->disabled = 0;
  /* Every EV_ADD (new or existing) evaluates the filter, as the kernels do. */
  if (!kn->disabled && kn_event(kn)) enqueue(kq, kn);
  return 0;
}

static void kev_out(struct bsd_kevent *out, const struct knote *kn) {
  struct bsd_kevent e;
  memset(&e, 0, sizeof e);
  e.ident = kn->ident;
  e.filter = kn->filter;
  e.flags = kn->flags;
  e.fflags = kn->fflags;
  e.data = kn->data;
  e.udata = kn->udata;
#ifdef SIM_OS_FREEBSD
  memcpy(e.ext, kn->ext, sizeof e.ext);
#endif
  memcpy(out, &e, sizeof e);
}

/*
 * An EV_CLEAR write knote whose state (free space, EV_EOF, so_error) is what
 * it was when last delivered, with nothing sent since: the kernels activate
 * a socket's write knote from sowwakeup (send space freed) or on an error or
 * shutdown, where Linux also wakes EPOLLOUT waiters on other state changes
 * (the peer's FIN, via sk_state_change) that leave the write side as it was.
 * A send since the delivery makes any later wake-up count (the space it
 * took may have been freed again by the time the edge is evaluated).
 */
static int write_unchanged(const struct knote *kn) {
  return kn->filter == B_EVFILT_WRITE && (kn->flags & B_EV_CLEAR) && kn->fired &&
         kn->fired_sends == atomic_load(&fdst((int)kn->ident)->sends) && kn->fired_data == kn->data &&
         kn->fired_eof == (kn->flags & B_EV_EOF) && kn->fired_fflags == kn->fflags;
}

/* Edges from epr/epw: evaluate the knote of each, queue it when active and changed. */
static void kq_harvest(struct kq *kq) {
  struct epoll_event ev[64];
  for (int w = 0; w < 2; w++) {
    long n;
    do {
      n = k_epoll_wait(w ? kq->epw : kq->epr, ev, 64, 0);
      for (long i = 0; i < n; i++) {
        struct knote *kn = kn_find(kq, ev[i].data.u64, w ? B_EVFILT_WRITE : B_EVFILT_READ);
        if (kn && !kn->disabled && !kn->queued && kn_event(kn) && !write_unchanged(kn)) enqueue(kq, kn);
      }
    } while (n == 64);
  }
}

/* kqueue_scan: deliver up to `max` active knotes. */
static int kq_scan(struct kq *kq, struct bsd_kevent *out, int max) {
  int n = 0, todo = kq->qlen;
  while (todo-- > 0 && n < max) {
    struct knote *kn = dequeue(kq);
    if (kn->disabled) continue;
    if (kn->flags & B_EV_ONESHOT) {
      kev_out(&out[n++], kn);
      kn_drop(kq, kn);
      continue;
    }
    if (!kn_event(kn)) continue;
    kev_out(&out[n++], kn);
    if (kn->flags & (B_EV_CLEAR | B_EV_DISPATCH)) {
      if (kn->flags & B_EV_CLEAR) {
        if (kn->filter == B_EVFILT_USER) kn->triggered = 0;
        kn->fired = 1;
        if (kn->filter == B_EVFILT_WRITE) kn->fired_sends = atomic_load(&fdst((int)kn->ident)->sends);
        kn->fired_data = kn->data;
        kn->fired_eof = kn->flags & B_EV_EOF;
        kn->fired_fflags = kn->fflags;
        kn->data = 0;
        kn->fflags = 0;
      }
      if (kn->flags & B_EV_DISPATCH) kn->disabled = 1;
    } else enqueue(kq, kn);
  }
  return n;
}

/* The kqueue of descriptor `fd`, held for a kevent() through it (kq_put and a `waiters` decrement end it). */
static struct kq *kq_get(int fd) {
  struct fdstate *s = fdst(fd);
  pthread_mutex_lock(&kqs_mu);
  struct kq *kq = s ? atomic_load(&s->kq) : NULL;
  if (kq) {
    kq->refs++;
    atomic_fetch_add(&s->waiters, 1);
  }
  pthread_mutex_unlock(&kqs_mu);
  return kq;
}
static void kq_put(struct kq *kq) {
  pthread_mutex_lock(&kqs_mu);
  int last = --kq->refs == 0;
  pthread_mutex_unlock(&kqs_mu);
  if (!last) return;
  for (int b = 0; b < BUCKETS; b++)
    while (kq->bucket[b]) {
      struct knote *k = kq->bucket[b];
      kq->bucket[b] = k->next;
      free(k);
    }
  R1(SYS_close, kq->epr);
  R1(SYS_close, kq->epw);
  R1(SYS_close, kq->efd);
  pthread_mutex_destroy(&kq->mu);
  free(kq);
}

EXPORT int kqueue(void) {
  struct kq *kq = calloc(1, sizeof *kq);
  if (kq == NULL) return (int)fail(12);
  long ep = R1(SYS_epoll_create1, 0), epr = R1(SYS_epoll_create1, EPOLL_CLOEXEC),
       epw = R1(SYS_epoll_create1, EPOLL_CLOEXEC), efd = R2(SYS_eventfd2, 0, O_CLOEXEC | O_NONBLOCK);
  long bad = ep < 0 ? ep : epr < 0 ? epr : epw < 0 ? epw : efd < 0 ? efd : 0;
  if (bad) {
    if (ep >= 0) R1(SYS_close, ep);
    if (epr >= 0) R1(SYS_close, epr);
    if (epw >= 0) R1(SYS_close, epw);
    if (efd >= 0) R1(SYS_close, efd);
    free(kq);
    return (int)ret(bad);
  }
  kq->epr = (int)epr;
  kq->epw = (int)epw;
  kq->efd = (int)efd;
  kq->refs = 1;
  kq->fds = 1;
  pthread_mutex_init(&kq->mu, NULL);
  int inner[3] = {kq->epr, kq->epw, kq->efd};
  for (int i = 0; i < 3; i++) {
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = (uint64_t)i};
    R4(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, inner[i], &e);
  }
  fresh(ep);
  pthread_mutex_lock(&kqs_mu);
  kq->next = kqs;
  kqs = kq;
  atomic_store(&fdst((int)ep)->kq, kq);
  pthread_mutex_unlock(&kqs_mu);
  return (int)ep;
}

/* Descriptor `to` duplicates `from`: the same kqueue when `from` is one. */
static void kq_dup(int from, int to) {
  struct fdstate *a = fdst(from), *b = fdst(to);
  if (a == NULL || b == NULL) return;
  pthread_mutex_lock(&kqs_mu);
  struct kq *kq = atomic_load(&a->kq);
  if (kq) {
    kq->refs++;
    kq->fds++;
  }
  atomic_store(&b->kq, kq);
  pthread_mutex_unlock(&kqs_mu);
}

/* kevent() on `kq`, through its descriptor `kqfd`. */
static int kq_kevent(struct kq *kq, int kqfd, const void *changelist, int nchanges, void *eventlist, int nevents,
                     const struct timespec *timeout) {
  const struct bsd_kevent *ch = changelist;
  struct bsd_kevent *out = eventlist;
  int outputs = 0;
  pthread_mutex_lock(&kq->mu);
  for (int i = 0; i < nchanges; i++) {
    struct bsd_kevent kev;
    memcpy(&kev, &ch[i], sizeof kev);
#ifdef SIM_OS_FREEBSD
    if (kev.filter == 0) continue; /* kqueue_kevent skips a change with no filter */
#endif
    kev.flags &= 0x0fff; /* EV_SYSFLAGS are the system's */
    int error = kq_register(kq, &kev);
    if (error || (kev.flags & B_EV_RECEIPT)) {
      /*
       * No room for the receipt: FreeBSD's kqueue_kevent returns at once
       * (the error, or 0 for a successful EV_RECEIPT: later changes are not
       * applied); XNU's kevent_internal goes on unless it was an error.
       */
#ifdef SIM_OS_FREEBSD
      if (nevents == 0) {
#else
      if (nevents == 0 && error) {
#endif
        sync_efd(kq);
        pthread_mutex_unlock(&kq->mu);
        return error ? (int)fail(error) : outputs;
      }
      if (nevents == 0) continue;
#ifdef SIM_OS_FREEBSD
      kev.flags = B_EV_ERROR; /* kqueue_kevent: flags = EV_ERROR, data = error */
#else
      kev.flags |= B_EV_ERROR; /* kevent_internal: EV_ERROR added to the change's flags, data = error or 0 */
#endif
      kev.data = error;
      memcpy(&out[outputs++], &kev, sizeof kev);
      nevents--;
    }
  }
  if (outputs > 0 || nevents == 0) {
    sync_efd(kq);
    pthread_mutex_unlock(&kq->mu);
    return outputs;
  }
  struct timespec deadline;
  if (timeout) {
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout->tv_sec;
    deadline.tv_nsec += timeout->tv_nsec;
    if (deadline.tv_nsec >= 1000000000L) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000L;
    }
  }
  int n;
  for (;;) {
    if (kq->closed) {
      pthread_mutex_unlock(&kq->mu);
      return (int)fail(B_EBADF);
    }
    kq_harvest(kq);
    n = kq_scan(kq, out, nevents);
    sync_efd(kq);
    pthread_mutex_unlock(&kq->mu);
    if (n > 0) break;
    int ms = -1;
    if (timeout) {
      struct timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      long long left = (long long)(deadline.tv_sec - now.tv_sec) * 1000000000LL + (deadline.tv_nsec - now.tv_nsec);
      if (left <= 0) break;
      long long m = (left + 999999) / 1000000; /* round up: never return before the timeout */
      ms = m > INT_MAX ? INT_MAX : (int)m;
    }
    struct epoll_event e;
    long r = k_epoll_wait(kqfd, &e, 1, ms);
    if (r < 0) return (int)ret(r);
    pthread_mutex_lock(&kq->mu);
  }
  return n;
}

EXPORT int kevent(int kqfd, const void *changelist, int nchanges, void *eventlist, int nevents,
                  const struct timespec *timeout) {
  if (nchanges < 0 || nevents < 0) return (int)fail(B_EINVAL);
  if (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L))
    return (int)fail(B_EINVAL);
  struct kq *kq = kq_get(kqfd);
  if (kq == NULL) return (int)fail(B_EBADF);
  struct fdstate *s = fdst(kqfd);
  int n = kq_kevent(kq, kqfd, changelist, nchanges, eventlist, nevents, timeout);
  int e = *__errno_location();
  atomic_fetch_sub(&s->waiters, 1);
  kq_put(kq);
  *__errno_location() = e;
  return n;
}

/*
 * close(): any descriptor leaves every kqueue (knote_fdclose); a kqueue
 * goes, with its knotes, when its last descriptor is closed.
 */
EXPORT int close(int fd) {
  struct fdstate *s = fdst(fd);
  struct kq *own = NULL;
  int busy = 0; /* kevent() calls in progress through fd */
  pthread_mutex_lock(&kqs_mu);
  if (s) own = atomic_exchange(&s->kq, NULL);
  if (own) busy = atomic_load(&s->waiters) > 0;
  if (own && --own->fds == 0) {
    struct kq **p = &kqs;
    while (*p != own) p = &(*p)->next;
    *p = own->next;
  }
  for (struct kq *kq = kqs; kq; kq = kq->next) {
    pthread_mutex_lock(&kq->mu);
    struct knote *kn;
    if ((kn = kn_find(kq, (uint64_t)fd, B_EVFILT_READ))) kn_drop(kq, kn);
    if ((kn = kn_find(kq, (uint64_t)fd, B_EVFILT_WRITE))) kn_drop(kq, kn);
    sync_efd(kq);
    pthread_mutex_unlock(&kq->mu);
  }
  pthread_mutex_unlock(&kqs_mu);
#ifdef SIM_OS_DARWIN
  if (own && busy) {
    /*
     * XNU drains a descriptor closed while calls are in progress through it
     * (bsd/kern/kern_descrip.c fileproc_drain, when fp_iocount > 1, calls
     * fo_drain), and a kqueue's drain (bsd/kern/kern_event.c kqueue_drain,
     * xnu-11417.101.15) sets KQ_DRAIN on the kqueue itself and wakes its
     * waiters with THREAD_RESTART: every kevent() on it returns EBADF,
     * through any of its descriptors. Its efd stays readable and the
     * waiters see `closed`. FreeBSD does not: a waiter holds the file, so
     * kqueue_close runs after it returns (at its timeout or next event),
     * and only at the file's last close.
     */
    uint64_t one = 1;
    pthread_mutex_lock(&own->mu);
    own->closed = 1;
    R3(SYS_write, own->efd, &one, 8);
    own->efd_set = 1;
    pthread_mutex_unlock(&own->mu);
  }
#else
  (void)busy;
#endif
  if (s) {
    atomic_store(&s->flags, 0);
    atomic_store(&s->so_error, 0);
  }
  long r = ret(R1(SYS_close, fd));
  if (own) kq_put(own);
  return (int)r;
}

/* ---------------------------------------------------------------- thread-specific data keys */

/*
 * pthread_key_create, pthread_key_delete and pthread_setspecific, which both
 * targets' libcs export (Apple's pthread_key_t is an unsigned long,
 * FreeBSD's an int): the host's own keys do the work, so that a key's
 * destructor runs when a thread exits, as mio-ts relies on. The host's
 * functions are found through the handle of the program (dlopen(NULL)),
 * whose lookups search the program and its libraries, the C library among
 * them, before anything loaded later: never these exports (an RTLD_DEFAULT
 * lookup would search this -Bsymbolic library first). dlopen and dlsym
 * themselves are not exported: the host's are used (sys/unix/unix_os.ts
 * loaderLibrary).
 */
#ifdef SIM_OS_DARWIN
typedef unsigned long sim_key_t;
#else
typedef int sim_key_t;
#endif

extern void *dlopen(const char *path, int mode);
extern void *dlsym(void *handle, const char *symbol);
#define SIM_RTLD_LAZY 1 /* glibc's and musl's RTLD_LAZY */

/* The host C library's function `name`. */
static void *host(const char *name) { return dlsym(dlopen(NULL, SIM_RTLD_LAZY), name); }

EXPORT int sim_pthread_key_create(sim_key_t *key, void (*destructor)(void *)) AS(pthread_key_create);
EXPORT int sim_pthread_key_create(sim_key_t *key, void (*destructor)(void *)) {
  int (*create)(pthread_key_t *, void (*)(void *)) = host("pthread_key_create");
  pthread_key_t k;
  int r = create(&k, destructor);
  if (r == 0) *key = (sim_key_t)k;
  return r == 0 ? 0 : bsd_errno(r); /* an error number, as pthread functions return them */
}

EXPORT int sim_pthread_key_delete(sim_key_t key) AS(pthread_key_delete);
EXPORT int sim_pthread_key_delete(sim_key_t key) {
  int (*delete)(pthread_key_t) = host("pthread_key_delete");
  int r = delete((pthread_key_t)key);
  return r == 0 ? 0 : bsd_errno(r);
}

EXPORT int sim_pthread_setspecific(sim_key_t key, const void *value) AS(pthread_setspecific);
EXPORT int sim_pthread_setspecific(sim_key_t key, const void *value) {
  int (*set)(pthread_key_t, const void *) = host("pthread_setspecific");
  int r = set((pthread_key_t)key, value);
  return r == 0 ? 0 : bsd_errno(r);
}

/* Memory outside the JavaScript heap (the off-thread waits' records): the host's allocator. */
EXPORT void *sim_calloc(size_t count, size_t size) AS(calloc);
EXPORT void *sim_calloc(size_t count, size_t size) {
  void *(*allocate)(size_t, size_t) = host("calloc");
  return allocate(count, size);
}

EXPORT void sim_free(void *block) AS(free);
EXPORT void sim_free(void *block) {
  void (*release)(void *) = host("free");
  release(block);
}

/* ---------------------------------------------------------------- introspection for the tests */

/*
 * Writes the tables as lines "table name bsd linux quoted\n" into buf
 * (NUL-terminated, truncated to len); returns the length the whole dump needs.
 */
EXPORT int sim_table_dump(char *buf, int len) {
  static const struct {
    const char *name;
    const struct sim_entry *t;
    int n;
  } tables[] = {
    {"errno", ERRNO_TABLE, COUNT(ERRNO_TABLE)}, {"event", EVENT_TABLE, COUNT(EVENT_TABLE)},
    {"socket", SOCKET_TABLE, COUNT(SOCKET_TABLE)}, {"inet", INET_TABLE, COUNT(INET_TABLE)},
    {"file", FILE_TABLE, COUNT(FILE_TABLE)},
  };
  int used = 0;
  for (int i = 0; i < (int)(sizeof tables / sizeof tables[0]); i++)
    for (int j = 0; j < tables[i].n; j++) {
      const struct sim_entry *e = &tables[i].t[j];
      char line[160];
      int k = snprintf(line, sizeof line, "%s %s %ld %ld %d\n", tables[i].name, e->name, e->bsd, e->linux_value, e->quoted);
      if (buf && used + k < len) memcpy(buf + used, line, (size_t)k);
      used += k;
    }
  if (buf && len > 0) buf[used < len ? used : len - 1] = 0;
  return used;
}
