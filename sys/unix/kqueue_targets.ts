/**
 * Where the kqueue selector finds `kqueue(2)` and `kevent(2)`, and what it
 * reads their structs and numbers with, for each system that has kqueue:
 * macOS/iOS, FreeBSD, NetBSD, OpenBSD and DragonFly (their C library and
 * tables), and libkqueue, the user-space kqueue for Linux that
 * `MIO_KQUEUE_LIB` names (macOS's `struct kevent`, its own constants, Linux's
 * errno).
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { NativeType, OffThreadFunction, Os, SymbolSpec, SymbolTable } from "../ffi/ffi.ts";
import { kqueueLayouts, type KqueueOs, type Struct } from "../layout.ts";
import type { KqueueConstants } from "./constants_bsd.ts";
import { DARWIN } from "./constants_darwin.ts";
import { FREEBSD } from "./constants_freebsd.ts";
import { NETBSD } from "./constants_netbsd.ts";
import { OPENBSD } from "./constants_openbsd.ts";
import { DRAGONFLY } from "./constants_dragonfly.ts";
import { LIBKQUEUE } from "./constants_libkqueue.ts";
import { DARWIN_ERRNO } from "./errno_darwin.ts";
import { FREEBSD_ERRNO } from "./errno_freebsd.ts";
import { NETBSD_ERRNO } from "./errno_netbsd.ts";
import { OPENBSD_ERRNO } from "./errno_openbsd.ts";
import { DRAGONFLY_ERRNO } from "./errno_dragonfly.ts";
import { LINUX_ERRNO } from "./errno_linux.ts";
import { variadicSymbols } from "./variadic.ts";
import { describeErrno, type ErrnoTable, type OsError, osErrorFrom } from "../error.ts";

/**
 * How a `Waker` wakes a kqueue: an `EVFILT_USER` event triggered with
 * `NOTE_TRIGGER`, or a pipe whose read end is registered (mio's choice per
 * OS).
 */
export type KqueueWakerKind = "user" | "pipe";

/** One system's kqueue: where its functions are and how to read them. */
export interface KqueueTarget {
  /** Its name, for messages. */
  readonly name: string;
  /** The OS the process runs on (`"linux"` for libkqueue): picks the `fcntl` declaration. */
  readonly os: Os;
  /** The library with `kqueue` and `kevent`. */
  readonly library: string;
  /** The C library: `fcntl` and the errno location. */
  readonly libc: string;
  /** The C library's function returning the address of the thread's `errno`. */
  readonly errnoSymbol: string;
  /** `kevent`'s symbol (NetBSD renamed it when `struct kevent` changed). */
  readonly keventSymbol: string;
  /** The C type of `kevent`'s `nchanges` and `nevents`: `int`, or `size_t` on NetBSD. */
  readonly countType: "i32" | "usize";
  /** `struct kevent` */
  readonly kevent: Struct;
  /** The `<sys/event.h>` and errno numbers the selector uses. */
  readonly constants: KqueueConstants;
  /** Names and messages of the errno numbers. */
  readonly errno: ErrnoTable;
  /** How its `Waker` wakes the kqueue. */
  readonly waker: KqueueWakerKind;
}

/**
 * Each kqueue OS's target. Library names are the C library's soname (macOS:
 * libSystem, which holds libc); the errno location is `__error` on Apple and
 * FreeBSD, `__errno` on NetBSD and OpenBSD, and `__errno_location` on
 * DragonFly, whose `__error` is a `static inline` in `<sys/errno.h>` (as
 * Rust's libc crate notes in its DragonFly `errno.rs`).
 */
export const KQUEUE_TARGETS: Readonly<Record<KqueueOs, KqueueTarget>> = {
  darwin: {
    name: "macOS/iOS",
    os: "darwin",
    library: "/usr/lib/libSystem.B.dylib",
    libc: "/usr/lib/libSystem.B.dylib",
    errnoSymbol: "__error",
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("darwin").kevent,
    constants: DARWIN.kqueue,
    errno: DARWIN_ERRNO,
    waker: "user",
  },
  freebsd: {
    name: "FreeBSD",
    os: "freebsd",
    library: "libc.so.7",
    libc: "libc.so.7",
    errnoSymbol: "__error",
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("freebsd").kevent,
    constants: FREEBSD.kqueue,
    errno: FREEBSD_ERRNO,
    waker: "user",
  },
  netbsd: {
    name: "NetBSD",
    os: "netbsd",
    library: "libc.so.12",
    libc: "libc.so.12",
    errnoSymbol: "__errno",
    // `kevent` is `__RENAME(__kevent50)` in NetBSD's <sys/event.h>.
    keventSymbol: "__kevent50",
    countType: "usize",
    kevent: kqueueLayouts("netbsd").kevent,
    constants: NETBSD.kqueue,
    errno: NETBSD_ERRNO,
    waker: "pipe",
  },
  openbsd: {
    name: "OpenBSD",
    os: "openbsd",
    // OpenBSD bumps libc's major often; ld.so picks the newest for an unversioned name.
    library: "libc.so",
    libc: "libc.so",
    errnoSymbol: "__errno",
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("openbsd").kevent,
    constants: OPENBSD.kqueue,
    errno: OPENBSD_ERRNO,
    waker: "pipe",
  },
  dragonfly: {
    name: "DragonFly BSD",
    os: "dragonfly",
    library: "libc.so.8",
    libc: "libc.so.8",
    errnoSymbol: "__errno_location",
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("dragonfly").kevent,
    constants: DRAGONFLY.kqueue,
    errno: DRAGONFLY_ERRNO,
    waker: "pipe",
  },
};

/**
 * libkqueue at `path` on Linux: its `struct kevent` is macOS's (its
 * <sys/event.h> declares the same fields; `tests/kqueue_layout.test.ts`
 * compiles a probe against it), its constants are its own, and `errno` is
 * glibc's.
 */
export function libkqueueTarget(path: string): KqueueTarget {
  return {
    name: `libkqueue (${path})`,
    os: "linux",
    library: path,
    libc: "libc.so.6",
    errnoSymbol: "__errno_location",
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("darwin").kevent,
    constants: LIBKQUEUE,
    errno: LINUX_ERRNO,
    waker: "user",
  };
}

/** A target's functions, bound. */
export interface KqueueSystem {
  /** The target they come from. */
  readonly target: KqueueTarget;
  /** `int kqueue(void)` */
  kqueue(): number;
  /**
   * `int kevent(int kq, const struct kevent *changelist, int nchanges,
   * struct kevent *eventlist, int nevents, const struct timespec *timeout)`;
   * `null` for an absent list or for no timeout.
   */
  kevent(
    kq: number,
    changes: Uint8Array | null,
    nchanges: number,
    events: Uint8Array | null,
    nevents: number,
    timeout: Uint8Array | null,
  ): number;
  /**
   * `kevent` run off the JavaScript thread (`Ffi.openOffThread`: every
   * buffer over a `SharedArrayBuffer`, none `NULL`), bound at the first call.
   */
  keventOffThread(): OffThreadFunction;
  /** `fcntl(fd, F_SETFD, FD_CLOEXEC)`, declared so the argument arrives (variadic.ts). */
  setCloseOnExec(fd: number): number;
  /** `close(fd)` */
  close(fd: number): number;
  /** The calling thread's `errno`; read it at once after a failed call. */
  errno(): number;
  /** The `IoError` for `errno` from `syscall`, named and described from the target's table. */
  readonly osError: OsError;
}

/** Binds `kqueue`, `kevent`, `fcntl` and `close` of `target`, and its errno reader. */
export function openKqueue(target: KqueueTarget): KqueueSystem {
  const count: NativeType = target.countType;
  const keventSpec: SymbolSpec = {
    c: "int kevent(int kq, const struct kevent *changelist, int nchanges, " +
      "struct kevent *eventlist, int nevents, const struct timespec *timeout)",
    args: ["i32", "buffer", count, "buffer", count, "buffer"],
    result: "i32",
  };
  const kq = ffi.open(
    target.library,
    {
      kqueue: { c: "int kqueue(void)", args: [], result: "i32" },
      [target.keventSymbol]: keventSpec,
    } satisfies SymbolTable,
  );
  let keventOffThread: OffThreadFunction | null = null;
  const fcntl = variadicSymbols(target.os, ffi.arch).fcntl;
  const libc = ffi.open(
    target.libc,
    {
      fcntl,
      close: { c: "int close(int fd)", args: ["i32"], result: "i32" },
    } satisfies SymbolTable,
  );
  const padding = Array<number>(fcntl.padding).fill(0);
  const { F_SETFD, FD_CLOEXEC } = target.constants;
  return {
    target,
    kqueue: kq.kqueue,
    kevent: kq[target.keventSymbol],
    keventOffThread: () =>
      keventOffThread ??= ffi.openOffThread(target.library, { [target.keventSymbol]: keventSpec })[
        target.keventSymbol
      ],
    setCloseOnExec: (fd) => libc.fcntl(fd, F_SETFD, ...padding, FD_CLOEXEC),
    close: libc.close,
    errno: ffi.errnoReader(target.libc, target.errnoSymbol),
    osError: osErrorFrom(describeErrno(target.errno)),
  };
}
