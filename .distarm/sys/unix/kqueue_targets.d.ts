import type { OffThreadFunction, Os } from "../ffi/ffi.ts";
import { type KqueueOs, type Struct } from "../layout.ts";
import type { KqueueConstants } from "./constants_bsd.ts";
import { IoError } from "../../src/io_error.ts";
/** errno number → [name, message]. */
export type ErrnoTable = Readonly<Record<number, readonly [string, string]>>;
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
export declare const KQUEUE_TARGETS: Readonly<Record<KqueueOs, KqueueTarget>>;
/**
 * libkqueue at `path` on Linux: its `struct kevent` is macOS's (its
 * <sys/event.h> declares the same fields; `tests/kqueue_layout.test.ts`
 * compiles a probe against it), its constants are its own, and `errno` is
 * glibc's.
 */
export declare function libkqueueTarget(path: string): KqueueTarget;
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
    kevent(kq: number, changes: Uint8Array | null, nchanges: number, events: Uint8Array | null, nevents: number, timeout: Uint8Array | null): number;
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
    osError(errno: number, syscall: string): IoError;
}
/** Binds `kqueue`, `kevent`, `fcntl` and `close` of `target`, and its errno reader. */
export declare function openKqueue(target: KqueueTarget): KqueueSystem;
