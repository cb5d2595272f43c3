/**
 * Excerpts of the headers the kqueue tables were read from, quoted (tabs
 * turned to spaces) so that `tests/kqueue_layout.test.ts` checks every table
 * entry against them: `#define` lines, struct declarations and prototypes
 * from each OS's own headers, and the values golang.org/x/sys generated
 * from those headers (`NAME = value` lines and its error tables) where the
 * header itself could not be read here.
 *
 * @module
 */

/** xnu-11417.101.15 bsd/sys/event.h (apple-oss-distributions/xnu, tag xnu-11417.101.15, macOS 15.4). */
export const DARWIN_EVENT_H = `
#define EVFILT_READ             (-1)
#define EVFILT_WRITE            (-2)
#define EVFILT_AIO              (-3)    /* attached to aio requests */
#define EVFILT_USER             (-10)   /* User events */
#define EV_ADD              0x0001      /* add event to kq (implies enable) */
#define EV_DELETE           0x0002      /* delete event from kq */
#define EV_CLEAR            0x0020      /* clear event state after reporting */
#define EV_DISPATCH         0x0080      /* disable event after reporting */
#define EV_RECEIPT          0x0040      /* force immediate event output */
#define EV_EOF              0x8000      /* EOF detected */
#define EV_ERROR            0x4000      /* error, data contains errno */
#define NOTE_TRIGGER    0x01000000
`;

/** xnu-11417.101.15 bsd/sys/event.h: `struct kevent`, packed to 4. */
export const DARWIN_STRUCTS_H = `
#pragma pack(4)

struct kevent {
  uintptr_t       ident;  /* identifier for this event */
  int16_t         filter; /* filter for event */
  uint16_t        flags;  /* general flags */
  uint32_t        fflags; /* filter-specific flags */
  intptr_t        data;   /* filter-specific data */
  void            *udata; /* opaque user data identifier */
};

#pragma pack()
`;

/** xnu-11417.101.15 bsd/sys/socket.h, bsd/netinet/in.h, bsd/netinet6/in6.h, bsd/netinet/tcp.h, bsd/sys/fcntl.h. */
export const DARWIN_SOCKET_H = `
#define SOCK_STREAM     1               /* stream socket */
#define SOCK_DGRAM      2               /* datagram socket */
#define SO_REUSEADDR    0x0004          /* allow local address reuse */
#define SO_BROADCAST    0x0020          /* permit sending of broadcast msgs */
#define SO_REUSEPORT    0x0200          /* allow local address & port reuse */
#define SO_ERROR        0x1007          /* get error status and clear */
#define SO_NOSIGPIPE    0x1022          /* APPLE: No SIGPIPE on EPIPE */
#define SOL_SOCKET      0xffff          /* options for socket level */
#define AF_UNIX         1               /* local to host (pipes) */
#define AF_INET         2               /* internetwork: UDP, TCP, etc. */
#define AF_INET6        30              /* IPv6 */
#define MSG_PEEK        0x2             /* peek at incoming message */
#define MSG_NOSIGNAL    0x80000         /* do not generate SIGPIPE on EOF */
#define SHUT_RD         0               /* shut down the reading side */
#define SHUT_WR         1               /* shut down the writing side */
#define SHUT_RDWR       2               /* shut down both sides */
#define IPPROTO_IP              0               /* dummy for IP */
#define IPPROTO_TCP             6               /* tcp */
#define IP_TTL                  4    /* int; IP time to live */
#define IP_MULTICAST_TTL        10   /* u_char; set/get IP multicast ttl */
#define IP_MULTICAST_LOOP       11   /* u_char; set/get IP multicast loopback */
#define IP_ADD_MEMBERSHIP       12   /* ip_mreq; add an IP group membership */
#define IP_DROP_MEMBERSHIP      13   /* ip_mreq; drop an IP group membership */
#define         IPPROTO_IPV6            41              /* IP6 header */
#define IPV6_MULTICAST_LOOP     11 /* u_int; set/get IP6 mcast loopback */
#define IPV6_JOIN_GROUP         12 /* ip6_mreq; join a group membership */
#define IPV6_LEAVE_GROUP        13 /* ip6_mreq; leave a group membership */
#define IPV6_V6ONLY             27 /* bool; only bind INET6 at wildcard bind */
#define TCP_NODELAY             0x01    /* don't delay send to coalesce packets */
#define O_NONBLOCK      0x00000004      /* no delay */
#define O_CLOEXEC       0x01000000      /* implicitly set FD_CLOEXEC */
#define F_SETFD         2               /* set file descriptor flags */
#define F_GETFL         3               /* get file status flags */
#define F_SETFL         4               /* set file status flags */
#define FD_CLOEXEC      1               /* close-on-exec flag */
#define F_DUPFD_CLOEXEC         67      /* mark the dup with FD_CLOEXEC */
`;

/** xnu-11417.101.15 bsd/sys/errno.h (`EOPNOTSUPP` is `ENOTSUP` only for pre-UNIX03 builds, 102 otherwise). */
export const DARWIN_ERRNO_H = `
#define EPERM           1               /* Operation not permitted */
#define ENOENT          2               /* No such file or directory */
#define EINTR           4               /* Interrupted system call */
#define EIO             5               /* Input/output error */
#define EBADF           9               /* Bad file descriptor */
#define ENOMEM          12              /* Cannot allocate memory */
#define EACCES          13              /* Permission denied */
#define EFAULT          14              /* Bad address */
#define EBUSY           16              /* Device / Resource busy */
#define EEXIST          17              /* File exists */
#define ENODEV          19              /* Operation not supported by device */
#define ENOTDIR         20              /* Not a directory */
#define EINVAL          22              /* Invalid argument */
#define ENFILE          23              /* Too many open files in system */
#define EMFILE          24              /* Too many open files */
#define ENOSPC          28              /* No space left on device */
#define EPIPE           32              /* Broken pipe */
#define EAGAIN          35              /* Resource temporarily unavailable */
#define EINPROGRESS     36              /* Operation now in progress */
#define EALREADY        37              /* Operation already in progress */
#define ENOTSOCK        38              /* Socket operation on non-socket */
#define EDESTADDRREQ    39              /* Destination address required */
#define EMSGSIZE        40              /* Message too long */
#define EPROTOTYPE      41              /* Protocol wrong type for socket */
#define ENOPROTOOPT     42              /* Protocol not available */
#define EPROTONOSUPPORT 43              /* Protocol not supported */
#define ENOTSUP         45              /* Operation not supported */
#define EOPNOTSUPP       ENOTSUP        /* Operation not supported on socket */
#define EAFNOSUPPORT    47              /* Address family not supported by protocol family */
#define EADDRINUSE      48              /* Address already in use */
#define EADDRNOTAVAIL   49              /* Can't assign requested address */
#define ENETDOWN        50              /* Network is down */
#define ENETUNREACH     51              /* Network is unreachable */
#define ECONNABORTED    53              /* Software caused connection abort */
#define ECONNRESET      54              /* Connection reset by peer */
#define ENOBUFS         55              /* No buffer space available */
#define EISCONN         56              /* Socket is already connected */
#define ENOTCONN        57              /* Socket is not connected */
#define ETIMEDOUT       60              /* Operation timed out */
#define ECONNREFUSED    61              /* Connection refused */
#define EHOSTUNREACH    65              /* No route to host */
#define ENOSYS          78              /* Function not implemented */
#define EOPNOTSUPP      102             /* Operation not supported on socket */
`;

/** xnu-11417.101.15 bsd/netinet/in.h, bsd/netinet6/in6.h, bsd/sys/socket.h and bsd/sys/un.h: the 4.4BSD socket addresses, which FreeBSD, NetBSD, OpenBSD and DragonFly declare alike (their sizes below, from x/sys, agree). */
export const BSD_SOCKADDRS_H = `
struct sockaddr_in {
  __uint8_t       sin_len;
  sa_family_t     sin_family;
  in_port_t       sin_port;
  struct  in_addr sin_addr;
  char            sin_zero[8];
};
struct sockaddr_in6 {
  __uint8_t       sin6_len;       /* length of this struct(sa_family_t) */
  sa_family_t     sin6_family;    /* AF_INET6 (sa_family_t) */
  in_port_t       sin6_port;      /* Transport layer port # (in_port_t) */
  __uint32_t      sin6_flowinfo;  /* IP6 flow information */
  struct in6_addr sin6_addr;      /* IP6 address */
  __uint32_t      sin6_scope_id;  /* scope zone index */
};
struct sockaddr_storage {
  __uint8_t       ss_len;         /* address length */
  sa_family_t     ss_family;      /* [XSI] address family */
  char                    __ss_pad1[_SS_PAD1SIZE];
  __int64_t       __ss_align;     /* force structure storage alignment */
  char                    __ss_pad2[_SS_PAD2SIZE];
};
struct  sockaddr_un {
  unsigned char   sun_len;        /* sockaddr len including null */
  sa_family_t     sun_family;     /* [XSI] AF_UNIX */
  char            sun_path[104];  /* [XSI] path name (gag) */
};
`;

/** FreeBSD 14 sys/sys/event.h ($FreeBSD: b3106e6fa8749aa52a4c3f1f4f94a3551dca84ea $; read from sobomax/freebsd14_vendor@0f7ff3427c99). */
export const FREEBSD_EVENT_H = `
#define EVFILT_READ    (-1)
#define EVFILT_WRITE    (-2)
#define EVFILT_AIO    (-3)  /* attached to aio requests */
#define EVFILT_LIO    (-10)  /* attached to lio requests */
#define EVFILT_USER    (-11)  /* User events */
#define EV_ADD    0x0001    /* add event to kq (implies enable) */
#define EV_DELETE  0x0002    /* delete event from kq */
#define EV_CLEAR  0x0020    /* clear event state after reporting */
#define EV_DISPATCH  0x0080    /* disable event after reporting */
#define EV_RECEIPT  0x0040    /* force EV_ERROR on success, data=0 */
#define EV_EOF    0x8000    /* EOF detected */
#define EV_ERROR  0x4000    /* error, data contains errno */
#define NOTE_TRIGGER  0x01000000    /* Cause the event to be triggered for output. */
struct kevent {
  __uintptr_t  ident;    /* identifier for this event */
  short    filter;    /* filter for event */
  unsigned short  flags;    /* action flags for kqueue */
  unsigned int  fflags;    /* filter flag value */
  __int64_t  data;    /* filter data value */
  void    *udata;    /* opaque user data identifier */
  __uint64_t  ext[4];    /* extensions */
};
int     kevent(int kq, const struct kevent *changelist, int nchanges,
      struct kevent *eventlist, int nevents,
      const struct timespec *timeout);
`;

/** NetBSD sys/sys/event.h ($NetBSD: event.h,v 1.45 2021/10/10 $, NetBSD 10; read from NetBSD/src@002a03071eb0). */
export const NETBSD_EVENT_H = `
#define  EVFILT_READ    0U
#define  EVFILT_WRITE    1U
#define  EVFILT_AIO    2U  /* attached to aio requests */
#define  EVFILT_USER    8U  /* user events */
#define  EV_ADD    0x0001U    /* add event to kq (implies ENABLE) */
#define  EV_DELETE  0x0002U    /* delete event from kq */
#define  EV_CLEAR  0x0020U    /* clear event state after reporting */
#define  EV_DISPATCH  0x0080U    /* disable event after reporting */
#define EV_RECEIPT  0x0040U    /* force EV_ERROR on success, data=0 */
#define  EV_EOF    0x8000U    /* EOF detected */
#define  EV_ERROR  0x4000U    /* error, data contains errno */
#define  NOTE_TRIGGER  0x01000000U    /* Cause the event to be triggered for output. */
struct kevent {
  uintptr_t  ident;    /* identifier for this event */
  uint32_t  filter;    /* filter for event */
  uint32_t  flags;    /* action flags for kqueue */
  uint32_t  fflags;    /* filter flag value */
  int64_t    data;    /* filter data value */
  void    *udata;    /* opaque user data identifier */
};
int  kevent(int, const struct kevent *, size_t, struct kevent *, size_t,
        const struct timespec *) __RENAME(__kevent50);
`;

/** OpenBSD sys/sys/event.h ($OpenBSD: event.h,v 1.56 2021/06/16 $, OpenBSD 7.0; read from semarie/openbsd-src@72019f22a6bf). */
export const OPENBSD_EVENT_H = `
#define EVFILT_READ    (-1)
#define EVFILT_WRITE    (-2)
#define EVFILT_AIO    (-3)  /* attached to aio requests */
#define EVFILT_USER    (-10)  /* user events */
#define EV_ADD    0x0001    /* add event to kq (implies enable) */
#define EV_DELETE  0x0002    /* delete event from kq */
#define EV_CLEAR  0x0020    /* clear event state after reporting */
#define EV_DISPATCH  0x0080    /* disable event after reporting */
#define EV_RECEIPT  0x0040          /* force EV_ERROR on success, data=0 */
#define EV_EOF    0x8000    /* EOF detected */
#define EV_ERROR  0x4000    /* error, data contains errno */
#define NOTE_TRIGGER  0x01000000    /* trigger for output */
struct kevent {
  __uintptr_t  ident;    /* identifier for this event */
  short    filter;    /* filter for event */
  unsigned short  flags;    /* action flags for kqueue */
  unsigned int  fflags;    /* filter flag value */
  __int64_t  data;    /* filter data value */
  void    *udata;    /* opaque user data identifier */
};
int  kevent(int kq, const struct kevent *changelist, int nchanges,
        struct kevent *eventlist, int nevents,
        const struct timespec *timeout);
`;

/** DragonFly sys/sys/event.h (DragonFlyBSD/DragonFlyBSD@13d2f99beae0; EV_RECEIPT came later: see its x/sys lines). */
export const DRAGONFLY_EVENT_H = `
#define EVFILT_READ    (-1)
#define EVFILT_WRITE    (-2)
#define EVFILT_AIO    (-3)  /* attached to aio requests */
#define EVFILT_USER    (-9)  /* user events */
#define EV_ADD    0x0001    /* add event to kq (implies enable) */
#define EV_DELETE  0x0002    /* delete event from kq */
#define EV_CLEAR  0x0020    /* clear event state after reporting */
#define EV_DISPATCH  0x0080    /* disable event after reporting */
#define EV_EOF    0x8000    /* EOF detected */
#define EV_ERROR  0x4000    /* error, data contains errno */
#define NOTE_TRIGGER    0x01000000  /* trigger for output */
struct kevent {
  uintptr_t  ident;    /* identifier for this event */
  short    filter;    /* filter for event */
  u_short    flags;
  u_int    fflags;
  intptr_t  data;
  void    *udata;    /* opaque user data identifier */
};
int     kevent (int, const struct kevent *, int, struct kevent *,
    int, const struct timespec *);
`;

/** libkqueue include/sys/event.h.in (mheily/libkqueue@f966089); EVFILT_AIO and EVFILT_LIO are not defined by its Linux build (LIBKQUEUE_PUBLIC_FILT_AIO/LIO are 0). */
export const LIBKQUEUE_EVENT_H = `
#define EVFILT_READ          (-1)      //!< Read I/O event.
#define EVFILT_WRITE         (-2)      //!< Write I/O event.
#define EVFILT_USER          (-11)     //!< User events.
#define EV_ADD          0x0001         //!< Add event to kq (implies enable).
#define EV_DELETE       0x0002         //!< Delete event from kq.
#define EV_CLEAR        0x0020         //!< Clear event state after reporting.
#define EV_DISPATCH     0x0080         //!< Disable event after reporting.
#define EV_RECEIPT      0x0040         //!< Force EV_ERROR on success, data=0.
#define EV_EOF          0x8000         //!< EOF detected.
#define EV_ERROR        0x4000         //!< Error, data contains errno.
#define NOTE_TRIGGER    0x01000000     //!< Cause the event to be triggered for output.
struct kevent {
    uintptr_t           ident;         //!< The unique identifier (within a given filter)
    short               filter;        //!< Filter for this event.
    unsigned short      flags;         //!< One or more of the EV_* macros or'd together.
    unsigned int        fflags;        //!< Filter specific flags.
    intptr_t            data;          //!< Additional data for the filter.
    void                *udata;        //!< Opaque user data identifier.
};
`;

/** golang.org/x/sys unix/zerrors_darwin_amd64.go@59665e5b: the values its mkerrors.sh read from the darwin headers. */
export const DARWIN_XSYS_CONSTANTS = `
AF_INET = 0x2
AF_INET6 = 0x1e
AF_UNIX = 0x1
EAFNOSUPPORT = syscall.Errno(0x2f)
EAGAIN = syscall.Errno(0x23)
EINPROGRESS = syscall.Errno(0x24)
EV_RECEIPT = 0x40
FD_CLOEXEC = 0x1
F_GETFL = 0x3
F_SETFD = 0x2
F_SETFL = 0x4
IPPROTO_IP = 0x0
IPPROTO_IPV6 = 0x29
IPPROTO_TCP = 0x6
IPV6_JOIN_GROUP = 0xc
IPV6_LEAVE_GROUP = 0xd
IPV6_MULTICAST_LOOP = 0xb
IPV6_V6ONLY = 0x1b
IP_ADD_MEMBERSHIP = 0xc
IP_DROP_MEMBERSHIP = 0xd
IP_MULTICAST_LOOP = 0xb
IP_MULTICAST_TTL = 0xa
IP_TTL = 0x4
MSG_NOSIGNAL = 0x80000
MSG_PEEK = 0x2
O_CLOEXEC = 0x1000000
O_NONBLOCK = 0x4
SHUT_RD = 0x0
SHUT_RDWR = 0x2
SHUT_WR = 0x1
SOCK_DGRAM = 0x2
SOCK_STREAM = 0x1
SOL_SOCKET = 0xffff
SO_BROADCAST = 0x20
SO_ERROR = 0x1007
SO_NOSIGPIPE = 0x1022
SO_REUSEADDR = 0x4
SO_REUSEPORT = 0x200
TCP_NODELAY = 0x1
`;

/** golang.org/x/sys unix/zerrors_darwin_amd64.go@59665e5b: its error table (number, name, libc strerror text). */
export const DARWIN_XSYS_ERRORS = `
{1, "EPERM", "operation not permitted"},
{2, "ENOENT", "no such file or directory"},
{4, "EINTR", "interrupted system call"},
{5, "EIO", "input/output error"},
{9, "EBADF", "bad file descriptor"},
{12, "ENOMEM", "cannot allocate memory"},
{13, "EACCES", "permission denied"},
{14, "EFAULT", "bad address"},
{16, "EBUSY", "resource busy"},
{17, "EEXIST", "file exists"},
{19, "ENODEV", "operation not supported by device"},
{20, "ENOTDIR", "not a directory"},
{22, "EINVAL", "invalid argument"},
{23, "ENFILE", "too many open files in system"},
{24, "EMFILE", "too many open files"},
{28, "ENOSPC", "no space left on device"},
{32, "EPIPE", "broken pipe"},
{35, "EAGAIN", "resource temporarily unavailable"},
{36, "EINPROGRESS", "operation now in progress"},
{37, "EALREADY", "operation already in progress"},
{38, "ENOTSOCK", "socket operation on non-socket"},
{39, "EDESTADDRREQ", "destination address required"},
{40, "EMSGSIZE", "message too long"},
{41, "EPROTOTYPE", "protocol wrong type for socket"},
{42, "ENOPROTOOPT", "protocol not available"},
{43, "EPROTONOSUPPORT", "protocol not supported"},
{45, "ENOTSUP", "operation not supported"},
{47, "EAFNOSUPPORT", "address family not supported by protocol family"},
{48, "EADDRINUSE", "address already in use"},
{49, "EADDRNOTAVAIL", "can't assign requested address"},
{50, "ENETDOWN", "network is down"},
{51, "ENETUNREACH", "network is unreachable"},
{53, "ECONNABORTED", "software caused connection abort"},
{54, "ECONNRESET", "connection reset by peer"},
{55, "ENOBUFS", "no buffer space available"},
{56, "EISCONN", "socket is already connected"},
{57, "ENOTCONN", "socket is not connected"},
{60, "ETIMEDOUT", "operation timed out"},
{61, "ECONNREFUSED", "connection refused"},
{65, "EHOSTUNREACH", "no route to host"},
{78, "ENOSYS", "function not implemented"},
{102, "EOPNOTSUPP", "operation not supported on socket"},
`;

/** golang.org/x/sys unix/ztypes_darwin_amd64.go@fe16172d: socket address sizes from cgo -godefs. */
export const DARWIN_XSYS_SIZES = `
SizeofSockaddrInet4 = 0x10
SizeofSockaddrInet6 = 0x1c
SizeofSockaddrUnix = 0x6a
`;

/** golang.org/x/sys unix/zerrors_freebsd_amd64.go@1bfbee0e: the values its mkerrors.sh read from the freebsd headers. */
export const FREEBSD_XSYS_CONSTANTS = `
AF_INET = 0x2
AF_INET6 = 0x1c
AF_UNIX = 0x1
EAFNOSUPPORT = syscall.Errno(0x2f)
EAGAIN = syscall.Errno(0x23)
EINPROGRESS = syscall.Errno(0x24)
EV_RECEIPT = 0x40
FD_CLOEXEC = 0x1
F_DUPFD_CLOEXEC = 0x11
F_GETFL = 0x3
F_SETFD = 0x2
F_SETFL = 0x4
IPPROTO_IP = 0x0
IPPROTO_IPV6 = 0x29
IPPROTO_TCP = 0x6
IPV6_JOIN_GROUP = 0xc
IPV6_LEAVE_GROUP = 0xd
IPV6_MULTICAST_LOOP = 0xb
IPV6_V6ONLY = 0x1b
IP_ADD_MEMBERSHIP = 0xc
IP_DROP_MEMBERSHIP = 0xd
IP_MULTICAST_LOOP = 0xb
IP_MULTICAST_TTL = 0xa
IP_TTL = 0x4
MSG_NOSIGNAL = 0x20000
MSG_PEEK = 0x2
O_CLOEXEC = 0x100000
O_NONBLOCK = 0x4
SHUT_RD = 0x0
SHUT_RDWR = 0x2
SHUT_WR = 0x1
SOCK_CLOEXEC = 0x10000000
SOCK_DGRAM = 0x2
SOCK_NONBLOCK = 0x20000000
SOCK_STREAM = 0x1
SOL_SOCKET = 0xffff
SO_BROADCAST = 0x20
SO_ERROR = 0x1007
SO_NOSIGPIPE = 0x800
SO_REUSEADDR = 0x4
SO_REUSEPORT = 0x200
TCP_NODELAY = 0x1
`;

/** golang.org/x/sys unix/zerrors_freebsd_amd64.go@1bfbee0e: its error table (number, name, libc strerror text). */
export const FREEBSD_XSYS_ERRORS = `
{1, "EPERM", "operation not permitted"},
{2, "ENOENT", "no such file or directory"},
{4, "EINTR", "interrupted system call"},
{5, "EIO", "input/output error"},
{9, "EBADF", "bad file descriptor"},
{12, "ENOMEM", "cannot allocate memory"},
{13, "EACCES", "permission denied"},
{14, "EFAULT", "bad address"},
{16, "EBUSY", "device busy"},
{17, "EEXIST", "file exists"},
{19, "ENODEV", "operation not supported by device"},
{20, "ENOTDIR", "not a directory"},
{22, "EINVAL", "invalid argument"},
{23, "ENFILE", "too many open files in system"},
{24, "EMFILE", "too many open files"},
{28, "ENOSPC", "no space left on device"},
{32, "EPIPE", "broken pipe"},
{35, "EWOULDBLOCK", "resource temporarily unavailable"},
{36, "EINPROGRESS", "operation now in progress"},
{37, "EALREADY", "operation already in progress"},
{38, "ENOTSOCK", "socket operation on non-socket"},
{39, "EDESTADDRREQ", "destination address required"},
{40, "EMSGSIZE", "message too long"},
{41, "EPROTOTYPE", "protocol wrong type for socket"},
{42, "ENOPROTOOPT", "protocol not available"},
{43, "EPROTONOSUPPORT", "protocol not supported"},
{45, "EOPNOTSUPP", "operation not supported"},
{47, "EAFNOSUPPORT", "address family not supported by protocol family"},
{48, "EADDRINUSE", "address already in use"},
{49, "EADDRNOTAVAIL", "can't assign requested address"},
{50, "ENETDOWN", "network is down"},
{51, "ENETUNREACH", "network is unreachable"},
{53, "ECONNABORTED", "software caused connection abort"},
{54, "ECONNRESET", "connection reset by peer"},
{55, "ENOBUFS", "no buffer space available"},
{56, "EISCONN", "socket is already connected"},
{57, "ENOTCONN", "socket is not connected"},
{60, "ETIMEDOUT", "operation timed out"},
{61, "ECONNREFUSED", "connection refused"},
{65, "EHOSTUNREACH", "no route to host"},
{78, "ENOSYS", "function not implemented"},
`;

/** golang.org/x/sys unix/ztypes_freebsd_amd64.go@71132f5f: socket address sizes from cgo -godefs. */
export const FREEBSD_XSYS_SIZES = `
SizeofSockaddrInet4 = 0x10
SizeofSockaddrInet6 = 0x1c
SizeofSockaddrUnix = 0x6a
`;

/** golang.org/x/sys unix/zerrors_netbsd_amd64.go@1bfbee0e: the values its mkerrors.sh read from the netbsd headers. */
export const NETBSD_XSYS_CONSTANTS = `
AF_INET = 0x2
AF_INET6 = 0x18
AF_UNIX = 0x1
EAFNOSUPPORT = syscall.Errno(0x2f)
EAGAIN = syscall.Errno(0x23)
EINPROGRESS = syscall.Errno(0x24)
FD_CLOEXEC = 0x1
F_DUPFD_CLOEXEC = 0xc
F_GETFL = 0x3
F_SETFD = 0x2
F_SETFL = 0x4
IPPROTO_IP = 0x0
IPPROTO_IPV6 = 0x29
IPPROTO_TCP = 0x6
IPV6_JOIN_GROUP = 0xc
IPV6_LEAVE_GROUP = 0xd
IPV6_MULTICAST_LOOP = 0xb
IPV6_V6ONLY = 0x1b
IP_ADD_MEMBERSHIP = 0xc
IP_DROP_MEMBERSHIP = 0xd
IP_MULTICAST_LOOP = 0xb
IP_MULTICAST_TTL = 0xa
IP_TTL = 0x4
MSG_NOSIGNAL = 0x400
MSG_PEEK = 0x2
O_CLOEXEC = 0x400000
O_NONBLOCK = 0x4
SHUT_RD = 0x0
SHUT_RDWR = 0x2
SHUT_WR = 0x1
SOCK_CLOEXEC = 0x10000000
SOCK_DGRAM = 0x2
SOCK_NONBLOCK = 0x20000000
SOCK_STREAM = 0x1
SOL_SOCKET = 0xffff
SO_BROADCAST = 0x20
SO_ERROR = 0x1007
SO_NOSIGPIPE = 0x800
SO_REUSEADDR = 0x4
SO_REUSEPORT = 0x200
TCP_NODELAY = 0x1
`;

/** golang.org/x/sys unix/zerrors_netbsd_amd64.go@1bfbee0e: its error table (number, name, libc strerror text). */
export const NETBSD_XSYS_ERRORS = `
{1, "EPERM", "operation not permitted"},
{2, "ENOENT", "no such file or directory"},
{4, "EINTR", "interrupted system call"},
{5, "EIO", "input/output error"},
{9, "EBADF", "bad file descriptor"},
{12, "ENOMEM", "cannot allocate memory"},
{13, "EACCES", "permission denied"},
{14, "EFAULT", "bad address"},
{16, "EBUSY", "device busy"},
{17, "EEXIST", "file exists"},
{19, "ENODEV", "operation not supported by device"},
{20, "ENOTDIR", "not a directory"},
{22, "EINVAL", "invalid argument"},
{23, "ENFILE", "too many open files in system"},
{24, "EMFILE", "too many open files"},
{28, "ENOSPC", "no space left on device"},
{32, "EPIPE", "broken pipe"},
{35, "EAGAIN", "resource temporarily unavailable"},
{36, "EINPROGRESS", "operation now in progress"},
{37, "EALREADY", "operation already in progress"},
{38, "ENOTSOCK", "socket operation on non-socket"},
{39, "EDESTADDRREQ", "destination address required"},
{40, "EMSGSIZE", "message too long"},
{41, "EPROTOTYPE", "protocol wrong type for socket"},
{42, "ENOPROTOOPT", "protocol option not available"},
{43, "EPROTONOSUPPORT", "protocol not supported"},
{45, "EOPNOTSUPP", "operation not supported"},
{47, "EAFNOSUPPORT", "address family not supported by protocol family"},
{48, "EADDRINUSE", "address already in use"},
{49, "EADDRNOTAVAIL", "can't assign requested address"},
{50, "ENETDOWN", "network is down"},
{51, "ENETUNREACH", "network is unreachable"},
{53, "ECONNABORTED", "software caused connection abort"},
{54, "ECONNRESET", "connection reset by peer"},
{55, "ENOBUFS", "no buffer space available"},
{56, "EISCONN", "socket is already connected"},
{57, "ENOTCONN", "socket is not connected"},
{60, "ETIMEDOUT", "connection timed out"},
{61, "ECONNREFUSED", "connection refused"},
{65, "EHOSTUNREACH", "no route to host"},
{78, "ENOSYS", "function not implemented"},
{86, "ENOTSUP", "not supported"},
`;

/** golang.org/x/sys unix/ztypes_netbsd_amd64.go@1bfbee0e: socket address sizes from cgo -godefs. */
export const NETBSD_XSYS_SIZES = `
SizeofSockaddrInet4 = 0x10
SizeofSockaddrInet6 = 0x1c
SizeofSockaddrUnix = 0x6a
`;

/** golang.org/x/sys unix/zerrors_openbsd_amd64.go@1bfbee0e: the values its mkerrors.sh read from the openbsd headers. */
export const OPENBSD_XSYS_CONSTANTS = `
AF_INET = 0x2
AF_INET6 = 0x18
AF_UNIX = 0x1
EAFNOSUPPORT = syscall.Errno(0x2f)
EAGAIN = syscall.Errno(0x23)
EINPROGRESS = syscall.Errno(0x24)
EV_RECEIPT = 0x40
FD_CLOEXEC = 0x1
F_DUPFD_CLOEXEC = 0xa
F_GETFL = 0x3
F_SETFD = 0x2
F_SETFL = 0x4
IPPROTO_IP = 0x0
IPPROTO_IPV6 = 0x29
IPPROTO_TCP = 0x6
IPV6_JOIN_GROUP = 0xc
IPV6_LEAVE_GROUP = 0xd
IPV6_MULTICAST_LOOP = 0xb
IPV6_V6ONLY = 0x1b
IP_ADD_MEMBERSHIP = 0xc
IP_DROP_MEMBERSHIP = 0xd
IP_MULTICAST_LOOP = 0xb
IP_MULTICAST_TTL = 0xa
IP_TTL = 0x4
MSG_NOSIGNAL = 0x400
MSG_PEEK = 0x2
O_CLOEXEC = 0x10000
O_NONBLOCK = 0x4
SHUT_RD = 0x0
SHUT_RDWR = 0x2
SHUT_WR = 0x1
SOCK_CLOEXEC = 0x8000
SOCK_DGRAM = 0x2
SOCK_NONBLOCK = 0x4000
SOCK_STREAM = 0x1
SOL_SOCKET = 0xffff
SO_BROADCAST = 0x20
SO_ERROR = 0x1007
SO_REUSEADDR = 0x4
SO_REUSEPORT = 0x200
TCP_NODELAY = 0x1
`;

/** golang.org/x/sys unix/zerrors_openbsd_amd64.go@1bfbee0e: its error table (number, name, libc strerror text). */
export const OPENBSD_XSYS_ERRORS = `
{1, "EPERM", "operation not permitted"},
{2, "ENOENT", "no such file or directory"},
{4, "EINTR", "interrupted system call"},
{5, "EIO", "input/output error"},
{9, "EBADF", "bad file descriptor"},
{12, "ENOMEM", "cannot allocate memory"},
{13, "EACCES", "permission denied"},
{14, "EFAULT", "bad address"},
{16, "EBUSY", "device busy"},
{17, "EEXIST", "file exists"},
{19, "ENODEV", "operation not supported by device"},
{20, "ENOTDIR", "not a directory"},
{22, "EINVAL", "invalid argument"},
{23, "ENFILE", "too many open files in system"},
{24, "EMFILE", "too many open files"},
{28, "ENOSPC", "no space left on device"},
{32, "EPIPE", "broken pipe"},
{35, "EAGAIN", "resource temporarily unavailable"},
{36, "EINPROGRESS", "operation now in progress"},
{37, "EALREADY", "operation already in progress"},
{38, "ENOTSOCK", "socket operation on non-socket"},
{39, "EDESTADDRREQ", "destination address required"},
{40, "EMSGSIZE", "message too long"},
{41, "EPROTOTYPE", "protocol wrong type for socket"},
{42, "ENOPROTOOPT", "protocol not available"},
{43, "EPROTONOSUPPORT", "protocol not supported"},
{45, "EOPNOTSUPP", "operation not supported"},
{47, "EAFNOSUPPORT", "address family not supported by protocol family"},
{48, "EADDRINUSE", "address already in use"},
{49, "EADDRNOTAVAIL", "can't assign requested address"},
{50, "ENETDOWN", "network is down"},
{51, "ENETUNREACH", "network is unreachable"},
{53, "ECONNABORTED", "software caused connection abort"},
{54, "ECONNRESET", "connection reset by peer"},
{55, "ENOBUFS", "no buffer space available"},
{56, "EISCONN", "socket is already connected"},
{57, "ENOTCONN", "socket is not connected"},
{60, "ETIMEDOUT", "operation timed out"},
{61, "ECONNREFUSED", "connection refused"},
{65, "EHOSTUNREACH", "no route to host"},
{78, "ENOSYS", "function not implemented"},
{91, "ENOTSUP", "not supported"},
`;

/** golang.org/x/sys unix/ztypes_openbsd_amd64.go@1bfbee0e: socket address sizes from cgo -godefs. */
export const OPENBSD_XSYS_SIZES = `
SizeofSockaddrInet4 = 0x10
SizeofSockaddrInet6 = 0x1c
SizeofSockaddrUnix = 0x6a
`;

/** golang.org/x/sys unix/zerrors_dragonfly_amd64.go@1bfbee0e: the values its mkerrors.sh read from the dragonfly headers. */
export const DRAGONFLY_XSYS_CONSTANTS = `
AF_INET = 0x2
AF_INET6 = 0x1c
AF_UNIX = 0x1
EAFNOSUPPORT = syscall.Errno(0x2f)
EAGAIN = syscall.Errno(0x23)
EINPROGRESS = syscall.Errno(0x24)
EV_RECEIPT = 0x40
FD_CLOEXEC = 0x1
F_DUPFD_CLOEXEC = 0x11
F_GETFL = 0x3
F_SETFD = 0x2
F_SETFL = 0x4
IPPROTO_IP = 0x0
IPPROTO_IPV6 = 0x29
IPPROTO_TCP = 0x6
IPV6_JOIN_GROUP = 0xc
IPV6_LEAVE_GROUP = 0xd
IPV6_MULTICAST_LOOP = 0xb
IPV6_V6ONLY = 0x1b
IP_ADD_MEMBERSHIP = 0xc
IP_DROP_MEMBERSHIP = 0xd
IP_MULTICAST_LOOP = 0xb
IP_MULTICAST_TTL = 0xa
IP_TTL = 0x4
MSG_NOSIGNAL = 0x400
MSG_PEEK = 0x2
O_CLOEXEC = 0x20000
O_NONBLOCK = 0x4
SHUT_RD = 0x0
SHUT_RDWR = 0x2
SHUT_WR = 0x1
SOCK_CLOEXEC = 0x10000000
SOCK_DGRAM = 0x2
SOCK_NONBLOCK = 0x20000000
SOCK_STREAM = 0x1
SOL_SOCKET = 0xffff
SO_BROADCAST = 0x20
SO_ERROR = 0x1007
SO_NOSIGPIPE = 0x800
SO_REUSEADDR = 0x4
SO_REUSEPORT = 0x200
TCP_NODELAY = 0x1
`;

/** golang.org/x/sys unix/zerrors_dragonfly_amd64.go@1bfbee0e: its error table (number, name, libc strerror text). */
export const DRAGONFLY_XSYS_ERRORS = `
{1, "EPERM", "operation not permitted"},
{2, "ENOENT", "no such file or directory"},
{4, "EINTR", "interrupted system call"},
{5, "EIO", "input/output error"},
{9, "EBADF", "bad file descriptor"},
{12, "ENOMEM", "cannot allocate memory"},
{13, "EACCES", "permission denied"},
{14, "EFAULT", "bad address"},
{16, "EBUSY", "device busy"},
{17, "EEXIST", "file exists"},
{19, "ENODEV", "operation not supported by device"},
{20, "ENOTDIR", "not a directory"},
{22, "EINVAL", "invalid argument"},
{23, "ENFILE", "too many open files in system"},
{24, "EMFILE", "too many open files"},
{28, "ENOSPC", "no space left on device"},
{32, "EPIPE", "broken pipe"},
{35, "EWOULDBLOCK", "resource temporarily unavailable"},
{36, "EINPROGRESS", "operation now in progress"},
{37, "EALREADY", "operation already in progress"},
{38, "ENOTSOCK", "socket operation on non-socket"},
{39, "EDESTADDRREQ", "destination address required"},
{40, "EMSGSIZE", "message too long"},
{41, "EPROTOTYPE", "protocol wrong type for socket"},
{42, "ENOPROTOOPT", "protocol not available"},
{43, "EPROTONOSUPPORT", "protocol not supported"},
{45, "EOPNOTSUPP", "operation not supported"},
{47, "EAFNOSUPPORT", "address family not supported by protocol family"},
{48, "EADDRINUSE", "address already in use"},
{49, "EADDRNOTAVAIL", "can't assign requested address"},
{50, "ENETDOWN", "network is down"},
{51, "ENETUNREACH", "network is unreachable"},
{53, "ECONNABORTED", "software caused connection abort"},
{54, "ECONNRESET", "connection reset by peer"},
{55, "ENOBUFS", "no buffer space available"},
{56, "EISCONN", "socket is already connected"},
{57, "ENOTCONN", "socket is not connected"},
{60, "ETIMEDOUT", "operation timed out"},
{61, "ECONNREFUSED", "connection refused"},
{65, "EHOSTUNREACH", "no route to host"},
{78, "ENOSYS", "function not implemented"},
`;

/** golang.org/x/sys unix/ztypes_dragonfly_amd64.go@1bfbee0e: socket address sizes from cgo -godefs. */
export const DRAGONFLY_XSYS_SIZES = `
SizeofSockaddrInet4 = 0x10
SizeofSockaddrInet6 = 0x1c
SizeofSockaddrUnix = 0x6a
`;
