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
import { ffi } from "../ffi/load.js";
import { kqueueLayouts } from "../layout.js";
import { DARWIN } from "./constants_darwin.js";
import { FREEBSD } from "./constants_freebsd.js";
import { NETBSD } from "./constants_netbsd.js";
import { OPENBSD } from "./constants_openbsd.js";
import { DRAGONFLY } from "./constants_dragonfly.js";
import { LIBKQUEUE } from "./constants_libkqueue.js";
import { DARWIN_ERRNO } from "./errno_darwin.js";
import { FREEBSD_ERRNO } from "./errno_freebsd.js";
import { NETBSD_ERRNO } from "./errno_netbsd.js";
import { OPENBSD_ERRNO } from "./errno_openbsd.js";
import { DRAGONFLY_ERRNO } from "./errno_dragonfly.js";
import { LINUX_ERRNO } from "./errno_linux.js";
import { variadicSymbols } from "./variadic.js";
import { IoError, kindOfCode } from "../../src/io_error.js";
/**
 * Each kqueue OS's target. Library names are the C library's soname (macOS:
 * libSystem, which holds libc); the errno location is `__error` on Apple and
 * FreeBSD, `__errno` on NetBSD and OpenBSD, and `__errno_location` on
 * DragonFly, whose `__error` is a `static inline` in `<sys/errno.h>` (as
 * Rust's libc crate notes in its DragonFly `errno.rs`).
 */
export const KQUEUE_TARGETS = {
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
export function libkqueueTarget(path) {
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
/** Binds `kqueue`, `kevent`, `fcntl` and `close` of `target`, and its errno reader. */
export function openKqueue(target) {
    const count = target.countType;
    const keventSpec = {
        c: "int kevent(int kq, const struct kevent *changelist, int nchanges, " +
            "struct kevent *eventlist, int nevents, const struct timespec *timeout)",
        args: ["i32", "buffer", count, "buffer", count, "buffer"],
        result: "i32",
    };
    const kq = ffi.open(target.library, {
        kqueue: { c: "int kqueue(void)", args: [], result: "i32" },
        [target.keventSymbol]: keventSpec,
    });
    let keventOffThread = null;
    const fcntl = variadicSymbols(target.os, ffi.arch).fcntl;
    const libc = ffi.open(target.libc, {
        fcntl,
        close: { c: "int close(int fd)", args: ["i32"], result: "i32" },
    });
    const padding = Array(fcntl.padding).fill(0);
    const { F_SETFD, FD_CLOEXEC } = target.constants;
    return {
        target,
        kqueue: kq.kqueue,
        kevent: kq[target.keventSymbol],
        keventOffThread: () => keventOffThread ??= ffi.openOffThread(target.library, { [target.keventSymbol]: keventSpec })[target.keventSymbol],
        setCloseOnExec: (fd) => libc.fcntl(fd, F_SETFD, ...padding, FD_CLOEXEC),
        close: libc.close,
        errno: ffi.errnoReader(target.libc, target.errnoSymbol),
        osError: (errno, syscall) => {
            const [code, text] = target.errno[errno] ?? [`E${errno}`, `OS error ${errno}`];
            return new IoError(kindOfCode(code), `${syscall}: ${text} (${code})`, { code, errno, syscall });
        },
    };
}
