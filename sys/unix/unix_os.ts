/**
 * The Unix this process runs on, as data: its C library, its constants in
 * one shape (Linux's names), its errno table and `osError`, its socket
 * layouts, and which calls it has. Chosen once, from `ffi.os` and
 * `ffi.arch`; every socket, pipe and waker file reads its numbers from here,
 * so none of them branches on the OS.
 *
 * - Linux and Android: `tables_linux.ts`.
 * - macOS/iOS, FreeBSD, NetBSD, OpenBSD, DragonFly: their section of
 *   `tables_bsd.ts`, with the sockaddr length byte (`socketLayouts`).
 *   `poll(2)`'s bits and `RLIMIT_NOFILE` are the same on all of them
 *   (`<poll.h>`, `<sys/resource.h>`); none has Linux's `POLLRDHUP`
 *   (FreeBSD 14's is not used), so it is 0 there.
 * - Without `SOCK_NONBLOCK` (Apple), there is no `accept4` or `pipe2`
 *   either: descriptors are made non-blocking and close-on-exec with
 *   `fcntl` after the call, as mio does there.
 * - SIGPIPE: Apple sets `SO_NOSIGPIPE` on every socket and sends with no
 *   flag (mio's `sys/unix/net.rs`, Rust std's `MSG_NOSIGNAL` of 0 there);
 *   every other Unix sends with `MSG_NOSIGNAL`.
 *
 * Importing this file opens nothing.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { Arch } from "../ffi/ffi.ts";
import { describeErrno, type ErrnoTable, osErrorFrom } from "../error.ts";
import { type KqueueOs, type SocketLayouts, socketLayouts } from "../layout.ts";
import { type CLibrary, cLibraryFor, pthreadKeysMax } from "./c_library.ts";
import { LINUX, LINUX_ERRNO } from "./tables_linux.ts";
import { BSD_TABLES, type BsdConstants } from "./tables_bsd.ts";

/** The constants only epoll.ts uses, which reads them from `LINUX`: epoll's, and `F_DUPFD_CLOEXEC` (cloning an epoll descriptor). */
type EpollName = Extract<keyof typeof LINUX, `EPOLL${string}`> | "F_DUPFD_CLOEXEC";

/** The constants the socket, pipe, waker and poll(2) files use, under Linux's names. */
export type UnixConstants =
  & { readonly [K in Exclude<keyof typeof LINUX, EpollName>]: number }
  & {
    /** `F_SETFD` */
    readonly F_SETFD: number;
    /** `FD_CLOEXEC` */
    readonly FD_CLOEXEC: number;
    /** `SO_NOSIGPIPE`, 0 where the OS has none. */
    readonly SO_NOSIGPIPE: number;
  };

/** How one Unix is called. */
export interface UnixOs {
  /** The OS. */
  readonly os: "linux" | "android" | KqueueOs;
  /** Its kqueue OS, or `null` on Linux and Android (epoll). */
  readonly kqueueOs: KqueueOs | null;
  /** Its constants. */
  readonly constants: UnixConstants;
  /** Its errno numbers' names and messages. */
  readonly errno: ErrnoTable;
  /** Its socket layouts. */
  readonly layouts: SocketLayouts;
  /**
   * Whether it has `SOCK_NONBLOCK`/`SOCK_CLOEXEC`, `accept4` and `pipe2`
   * (all but Apple); else `fcntl` follows `socket`, `accept` and `pipe`.
   */
  readonly atomicFlags: boolean;
  /** Whether every socket gets `SO_NOSIGPIPE` (Apple). */
  readonly noSigPipeOption: boolean;
  /** The flags every `send`/`sendto` passes: `MSG_NOSIGNAL`, or 0 where `SO_NOSIGPIPE` does its work. */
  readonly sendFlags: number;
}

/** `<poll.h>` on every BSD and Apple. */
const BSD_POLL = { POLLIN: 0x1, POLLPRI: 0x2, POLLOUT: 0x4, POLLERR: 0x8, POLLHUP: 0x10, POLLNVAL: 0x20 };
/** `RLIMIT_NOFILE` in every BSD's and Apple's `<sys/resource.h>`. */
const BSD_RLIMIT_NOFILE = 8;

/** Linux's constants under the shared shape. */
function linuxConstants(): UnixConstants {
  return { ...LINUX, F_SETFD: 2, FD_CLOEXEC: 1, SO_NOSIGPIPE: 0 };
}

/** A BSD's constants under Linux's names. */
function bsdConstants(t: BsdConstants): UnixConstants {
  const s = t.socket;
  return {
    EINTR: t.kqueue.EINTR,
    EAGAIN: s.EAGAIN,
    EINPROGRESS: s.EINPROGRESS,
    EAFNOSUPPORT: s.EAFNOSUPPORT,
    AF_UNIX: s.AF_UNIX,
    AF_INET: s.AF_INET,
    AF_INET6: s.AF_INET6,
    SOCK_STREAM: s.SOCK_STREAM,
    SOCK_DGRAM: s.SOCK_DGRAM,
    SOCK_NONBLOCK: s.SOCK_NONBLOCK ?? 0,
    SOCK_CLOEXEC: s.SOCK_CLOEXEC ?? 0,
    SOL_SOCKET: s.SOL_SOCKET,
    SO_REUSEADDR: s.SO_REUSEADDR,
    SO_ERROR: s.SO_ERROR,
    SO_REUSEPORT: s.SO_REUSEPORT,
    SO_BROADCAST: s.SO_BROADCAST,
    SO_NOSIGPIPE: s.SO_NOSIGPIPE ?? 0,
    IPPROTO_IP: s.IPPROTO_IP,
    IPPROTO_TCP: s.IPPROTO_TCP,
    IPPROTO_IPV6: s.IPPROTO_IPV6,
    IP_TTL: s.IP_TTL,
    IPV6_V6ONLY: s.IPV6_V6ONLY,
    IP_MULTICAST_TTL: s.IP_MULTICAST_TTL,
    IP_MULTICAST_LOOP: s.IP_MULTICAST_LOOP,
    IP_ADD_MEMBERSHIP: s.IP_ADD_MEMBERSHIP,
    IP_DROP_MEMBERSHIP: s.IP_DROP_MEMBERSHIP,
    IPV6_MULTICAST_LOOP: s.IPV6_MULTICAST_LOOP,
    IPV6_ADD_MEMBERSHIP: s.IPV6_JOIN_GROUP,
    IPV6_DROP_MEMBERSHIP: s.IPV6_LEAVE_GROUP,
    TCP_NODELAY: s.TCP_NODELAY,
    MSG_PEEK: s.MSG_PEEK,
    MSG_NOSIGNAL: s.MSG_NOSIGNAL,
    SHUT_RD: s.SHUT_RD,
    SHUT_WR: s.SHUT_WR,
    SHUT_RDWR: s.SHUT_RDWR,
    F_SETFD: s.F_SETFD,
    F_GETFL: s.F_GETFL,
    F_SETFL: s.F_SETFL,
    FD_CLOEXEC: s.FD_CLOEXEC,
    O_NONBLOCK: s.O_NONBLOCK,
    O_CLOEXEC: s.O_CLOEXEC,
    // FreeBSD's <sys/eventfd.h>: EFD_NONBLOCK is O_NONBLOCK, EFD_CLOEXEC is O_CLOEXEC (never used: kqueue wakes).
    EFD_NONBLOCK: s.O_NONBLOCK,
    EFD_CLOEXEC: s.O_CLOEXEC,
    ...BSD_POLL,
    POLLRDHUP: 0,
    RLIMIT_NOFILE: BSD_RLIMIT_NOFILE,
  };
}

/**
 * The description of `os` on `arch`.
 *
 * @throws {Error} for an OS that is not a Unix mio-ts supports.
 */
export function unixOsFor(os: string, arch: Arch): UnixOs {
  if (os === "linux" || os === "android") {
    return {
      os,
      kqueueOs: null,
      constants: linuxConstants(),
      errno: LINUX_ERRNO,
      layouts: socketLayouts(os, arch),
      atomicFlags: true,
      noSigPipeOption: false,
      sendFlags: LINUX.MSG_NOSIGNAL,
    };
  }
  if (!Object.hasOwn(BSD_TABLES, os)) throw new Error(`mio-ts: ${os} is not a Unix mio-ts supports`);
  const kqueueOs = os as KqueueOs;
  const { constants: tables, errno } = BSD_TABLES[kqueueOs];
  const apple = kqueueOs === "darwin";
  return {
    os: kqueueOs,
    kqueueOs,
    constants: bsdConstants(tables),
    errno,
    layouts: socketLayouts(kqueueOs, arch),
    atomicFlags: tables.socket.SOCK_NONBLOCK !== null,
    noSigPipeOption: apple,
    sendFlags: apple ? 0 : tables.socket.MSG_NOSIGNAL,
  };
}

let library: CLibrary | null = null;

/**
 * The C library of this process, decided at the first call: the
 * simulated-ABI library if `ffi` names one (it presents the simulated OS's
 * errno function), else the OS's (`cLibraryFor`).
 */
export function cLibrary(): CLibrary {
  return library ??= ffi.simulatedLibrary !== null
    ? { library: ffi.simulatedLibrary, errnoSymbol: cLibraryFor({ ...ffi, linuxLibc: null }).errnoSymbol }
    : cLibraryFor({ os: ffi.os, arch: ffi.arch, linuxLibc: ffi.linuxLibc() });
}

/**
 * The Unix this process runs on (on Windows, where nothing here is called,
 * Linux's tables, so that importing a Unix file loads there).
 */
export const UNIX: UnixOs = unixOsFor(ffi.os === "windows" ? "linux" : ffi.os, ffi.arch);

/** This Unix's constants. */
export const C: UnixConstants = UNIX.constants;

/** The `IoError` for `errno` returned by `syscall`, from this Unix's errno table. */
export const osError = osErrorFrom(describeErrno(UNIX.errno));

/**
 * The library whose `dlopen` and `dlsym` mio-ts calls: the C library, or,
 * under the simulated ABI (which has no dynamic loader of its own), the
 * host's glibc.
 */
export function loaderLibrary(): string {
  return ffi.simulatedLibrary !== null
    ? cLibraryFor({ os: "linux", arch: ffi.arch, linuxLibc: null }).library
    : cLibrary().library;
}

/** How many thread-specific data keys this process's C library has (`pthreadKeysMax`). */
export function threadKeysMax(): number {
  return pthreadKeysMax({
    os: ffi.os,
    arch: ffi.arch,
    linuxLibc: ffi.os === "linux" ? ffi.linuxLibc() : null,
  });
}
