/**
 * Struct layouts, declared once as data per OS and architecture. Code reads
 * offsets and sizes from here and never hard-codes them; a test compiles a C
 * program that prints `sizeof`/`offsetof` of each and compares.
 *
 * @module
 */
import type { Arch, Os } from "./ffi/ffi.ts";

/** One field of a C struct: its C name, byte offset and byte size. */
export interface Field {
  /** The field's name in C. */
  readonly c: string;
  /** Byte offset from the start of the struct. */
  readonly offset: number;
  /** Size in bytes. */
  readonly size: number;
}

/**
 * One C struct: its C type name, its size, and the fields we use, by our
 * names: `Names` those every layout of it has, `Optional` those only some
 * have (the BSDs' length byte).
 */
export interface Struct<Names extends string = string, Optional extends string = never> {
  /** The C type, e.g. `struct sockaddr_in`. */
  readonly c: string;
  /** `sizeof` the struct. */
  readonly size: number;
  /** The fields we read or write, by our name. */
  readonly fields: Readonly<Record<Names, Field>> & Readonly<Partial<Record<Optional, Field>>>;
}

/** The structs used on Linux. */
export interface LinuxLayouts {
  /** `struct epoll_event`: packed (12 bytes) on x86_64 only, 16 elsewhere. */
  readonly epoll_event: Struct<"events" | "data">;
  /** `struct sockaddr_in` */
  readonly sockaddr_in: Struct<"family" | "port" | "addr", "len">;
  /** `struct sockaddr_in6` */
  readonly sockaddr_in6: Struct<"family" | "port" | "flowinfo" | "addr" | "scopeId", "len">;
  /** `struct sockaddr_storage` */
  readonly sockaddr_storage: Struct<"family", "len">;
  /** `struct iovec` */
  readonly iovec: Struct<"base" | "len">;
  /** `struct msghdr` */
  readonly msghdr: Struct<"name" | "namelen" | "iov" | "iovlen" | "control" | "controllen" | "flags">;
  /** `struct ip_mreq` (IPv4 multicast membership) */
  readonly ip_mreq: Struct<"multiaddr" | "iface">;
  /** `struct ipv6_mreq` (IPv6 multicast membership) */
  readonly ipv6_mreq: Struct<"multiaddr" | "ifindex">;
  /** `struct pollfd` */
  readonly pollfd: Struct<"fd" | "events" | "revents">;
  /** `struct sockaddr_un` (Unix-domain socket address; `sun_path` holds 108 bytes) */
  readonly sockaddr_un: Struct<"family" | "path", "len">;
  /** `struct rlimit` (`getrlimit`/`setrlimit`: the tests lower `RLIMIT_NOFILE` with it) */
  readonly rlimit: Struct<"cur" | "max">;
}

const f = (c: string, offset: number, size: number): Field => ({ c, offset, size });

/** Linux on a 64-bit architecture; only `epoll_event` differs between them. */
function linux64(arch: Arch): LinuxLayouts {
  const packedEpoll = arch === "x86_64";
  return {
    epoll_event: {
      c: "struct epoll_event",
      size: packedEpoll ? 12 : 16,
      fields: { events: f("events", 0, 4), data: f("data", packedEpoll ? 4 : 8, 8) },
    },
    sockaddr_in: {
      c: "struct sockaddr_in",
      size: 16,
      fields: {
        family: f("sin_family", 0, 2),
        port: f("sin_port", 2, 2),
        addr: f("sin_addr", 4, 4),
      },
    },
    sockaddr_in6: {
      c: "struct sockaddr_in6",
      size: 28,
      fields: {
        family: f("sin6_family", 0, 2),
        port: f("sin6_port", 2, 2),
        flowinfo: f("sin6_flowinfo", 4, 4),
        addr: f("sin6_addr", 8, 16),
        scopeId: f("sin6_scope_id", 24, 4),
      },
    },
    sockaddr_storage: {
      c: "struct sockaddr_storage",
      size: 128,
      fields: { family: f("ss_family", 0, 2) },
    },
    iovec: {
      c: "struct iovec",
      size: 16,
      fields: { base: f("iov_base", 0, 8), len: f("iov_len", 8, 8) },
    },
    msghdr: {
      c: "struct msghdr",
      size: 56,
      fields: {
        name: f("msg_name", 0, 8),
        namelen: f("msg_namelen", 8, 4),
        iov: f("msg_iov", 16, 8),
        iovlen: f("msg_iovlen", 24, 8),
        control: f("msg_control", 32, 8),
        controllen: f("msg_controllen", 40, 8),
        flags: f("msg_flags", 48, 4),
      },
    },
    ip_mreq: {
      c: "struct ip_mreq",
      size: 8,
      fields: { multiaddr: f("imr_multiaddr", 0, 4), iface: f("imr_interface", 4, 4) },
    },
    ipv6_mreq: {
      c: "struct ipv6_mreq",
      size: 20,
      fields: { multiaddr: f("ipv6mr_multiaddr", 0, 16), ifindex: f("ipv6mr_interface", 16, 4) },
    },
    pollfd: {
      c: "struct pollfd",
      size: 8,
      fields: { fd: f("fd", 0, 4), events: f("events", 4, 2), revents: f("revents", 6, 2) },
    },
    sockaddr_un: {
      c: "struct sockaddr_un",
      size: 110,
      fields: { family: f("sun_family", 0, 2), path: f("sun_path", 2, 108) },
    },
    rlimit: {
      c: "struct rlimit",
      size: 16,
      fields: { cur: f("rlim_cur", 0, 8), max: f("rlim_max", 8, 8) },
    },
  };
}

/** The Linux layouts for an architecture. */
export function linuxLayouts(arch: Arch): LinuxLayouts {
  return linux64(arch);
}

/** Whether layouts are declared for this OS and architecture. */
export function hasLayouts(os: Os, arch: Arch): boolean {
  return os === "linux" && (arch === "x86_64" || arch === "aarch64");
}

/** The operating systems whose selector is kqueue. */
export type KqueueOs = "darwin" | "freebsd" | "netbsd" | "openbsd" | "dragonfly";

/** `struct kevent`'s fields (FreeBSD's `ext` only on FreeBSD 12 and later). */
export type KeventStruct = Struct<"ident" | "filter" | "flags" | "fflags" | "data" | "udata", "ext">;

/**
 * The structs of a kqueue OS (LP64: the same on x86_64 and aarch64). BSD
 * socket addresses start with a length byte and a one-byte family, where
 * Linux has a two-byte family.
 */
export interface KqueueLayouts {
  /** `struct kevent` */
  readonly kevent: KeventStruct;
  /** `struct sockaddr_in` */
  readonly sockaddr_in: Struct<"family" | "port" | "addr", "len">;
  /** `struct sockaddr_in6` */
  readonly sockaddr_in6: Struct<"family" | "port" | "flowinfo" | "addr" | "scopeId", "len">;
  /** `struct sockaddr_storage` */
  readonly sockaddr_storage: Struct<"family", "len">;
  /** `struct sockaddr_un` (`sun_path` holds 104 bytes) */
  readonly sockaddr_un: Struct<"family" | "path", "len">;
}

/**
 * `struct kevent` with `ident`, `filter`, `flags`, `fflags`, `data` (an
 * `intptr_t` or `int64_t`) and `udata`: 32 bytes on macOS/iOS (packed to
 * 4, which moves nothing on LP64), OpenBSD, DragonFly and FreeBSD before
 * 12; libkqueue declares the same.
 */
const KEVENT_32: KeventStruct = {
  c: "struct kevent",
  size: 32,
  fields: {
    ident: f("ident", 0, 8),
    filter: f("filter", 8, 2),
    flags: f("flags", 10, 2),
    fflags: f("fflags", 12, 4),
    data: f("data", 16, 8),
    udata: f("udata", 24, 8),
  },
};

/** FreeBSD 12 and later: the same, then `uint64_t ext[4]` (64 bytes). */
const KEVENT_FREEBSD: KeventStruct = {
  c: "struct kevent",
  size: 64,
  fields: { ...KEVENT_32.fields, ext: f("ext", 32, 32) },
};

/**
 * NetBSD: `uint32_t filter`, `uint32_t flags`, `uint32_t fflags`, 4 bytes of
 * padding, `int64_t data`, then `udata` (`intptr_t` before NetBSD 10, `void *`
 * since; 8 bytes either way): 40 bytes.
 */
const KEVENT_NETBSD: KeventStruct = {
  c: "struct kevent",
  size: 40,
  fields: {
    ident: f("ident", 0, 8),
    filter: f("filter", 8, 4),
    flags: f("flags", 12, 4),
    fflags: f("fflags", 16, 4),
    data: f("data", 24, 8),
    udata: f("udata", 32, 8),
  },
};

/** The BSD socket addresses, identical on every kqueue OS. */
const BSD_SOCKADDRS: Omit<KqueueLayouts, "kevent"> = {
  sockaddr_in: {
    c: "struct sockaddr_in",
    size: 16,
    fields: {
      len: f("sin_len", 0, 1),
      family: f("sin_family", 1, 1),
      port: f("sin_port", 2, 2),
      addr: f("sin_addr", 4, 4),
    },
  },
  sockaddr_in6: {
    c: "struct sockaddr_in6",
    size: 28,
    fields: {
      len: f("sin6_len", 0, 1),
      family: f("sin6_family", 1, 1),
      port: f("sin6_port", 2, 2),
      flowinfo: f("sin6_flowinfo", 4, 4),
      addr: f("sin6_addr", 8, 16),
      scopeId: f("sin6_scope_id", 24, 4),
    },
  },
  sockaddr_storage: {
    c: "struct sockaddr_storage",
    size: 128,
    fields: { len: f("ss_len", 0, 1), family: f("ss_family", 1, 1) },
  },
  sockaddr_un: {
    c: "struct sockaddr_un",
    size: 106,
    fields: { len: f("sun_len", 0, 1), family: f("sun_family", 1, 1), path: f("sun_path", 2, 104) },
  },
};

/** The kevent layout of each kqueue OS. */
const KEVENTS: Readonly<Record<KqueueOs, KeventStruct>> = {
  darwin: KEVENT_32,
  freebsd: KEVENT_FREEBSD,
  netbsd: KEVENT_NETBSD,
  openbsd: KEVENT_32,
  dragonfly: KEVENT_32,
};

/** The layouts of a kqueue OS (64-bit: x86_64 or aarch64). */
export function kqueueLayouts(os: KqueueOs): KqueueLayouts {
  return { kevent: KEVENTS[os], ...BSD_SOCKADDRS };
}

/**
 * The structs of the socket layer, `poll(2)` and `getrlimit`, as every Unix
 * socket file takes them: Linux's (and Android's) or a BSD's.
 */
export type SocketLayouts = Pick<
  LinuxLayouts,
  | "sockaddr_in"
  | "sockaddr_in6"
  | "sockaddr_storage"
  | "sockaddr_un"
  | "ip_mreq"
  | "ipv6_mreq"
  | "pollfd"
  | "rlimit"
>;

/**
 * The socket layouts of `os` on a 64-bit `arch`: Linux's (Android's are the
 * same kernel structs), or for a kqueue OS its sockaddrs with the length
 * byte, and `ip_mreq`, `ipv6_mreq`, `pollfd` and `rlimit`, which have
 * Linux's layout there too (two `in_addr`; an `in6_addr` and an
 * `unsigned int`; `int`, `short`, `short`; two 64-bit `rlim_t`).
 */
export function socketLayouts(os: KqueueOs | "linux" | "android", arch: Arch): SocketLayouts {
  const linux = linux64(arch);
  if (os === "linux" || os === "android") return linux;
  const { ip_mreq, ipv6_mreq, pollfd, rlimit } = linux;
  return { ...BSD_SOCKADDRS, ip_mreq, ipv6_mreq, pollfd, rlimit };
}
