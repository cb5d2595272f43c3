/**
 * The libc symbol table: every C function mio-ts calls on Unix, with its C
 * prototype beside it. `ssize_t` results are read as `i32`, so callers cap
 * lengths at `MAX_IO` (2^31 - 1).
 *
 * Byte counts (`size_t`, `nfds_t`) are declared `i32`, not `usize`. Deno's
 * FFI takes a 64-bit parameter through V8's fast call only as a BigInt: a
 * plain number sends every call down its slow path (0.5–1 µs each, measured
 * by bench/ffi_micro.ts), while an `i32` stays on the fast path. This is
 * safe because every count passed is an integer from 0 to `MAX_IO`, computed
 * without 32-bit wraparound (callers clamp with `Math.min(len, MAX_IO)`):
 * - the callee reads the whole 64-bit register (x86_64: rdx/rsi…; AArch64:
 *   x2…) as a `size_t`, and the System V AMD64 ABI and AAPCS64 both leave
 *   the upper half of a 32-bit argument unspecified, so this rests on how
 *   each FFI fills the register;
 * - on x86_64 every write to a 32-bit register (`mov r32, …`) zeroes bits
 *   63–32, and on AArch64 every write to a W register zeroes the upper half
 *   of its X register. Deno's trampoline passes V8's int32 register as it
 *   is, and V8 makes int32 values with 32-bit instructions (or holds them
 *   in a 64-bit register as the same non-negative number); Bun's TinyCC
 *   wrapper converts the argument as a C `int32_t`; koffi stores
 *   `(uintptr_t)(int32_t)v` in its register array, a sign extension, which
 *   for a non-negative value is the same number. Either way the callee sees
 *   the count, with the upper half zero;
 * - tests/ffi_abi.test.ts checks it on each runtime with a C function that
 *   reports a set upper half, and tests/ffi_edge.test.ts that reads into a
 *   view never write outside it.
 *
 * `read` and `epoll_wait` go through `syscall(2)` rather than glibc's
 * wrappers: in a process with more than one thread (every JavaScript
 * runtime) glibc's wrappers of these cancellation points cost 30–60 ns more
 * per call (bench/ffi_micro.ts). `syscall(2)` sets errno as the wrappers do.
 * Its numbers are per architecture (`syscalls_linux.ts`); aarch64 has no
 * `epoll_wait`, so there it is `epoll_pwait` with no signal mask, as in
 * glibc. `send`/`recv` stay glibc's: through `syscall(2)` they are
 * `sendto`/`recvfrom` with two more arguments, which cost koffi (Node) more
 * than the wrapper does.
 *
 * @module
 */
import { ffi } from "../ffi/load.js";
import { variadicSymbols } from "./variadic.js";
import { LINUX_SYSCALLS } from "./syscalls_linux.js";
/** The largest byte count passed to one read or write, so results fit in an `i32`. */
export const MAX_IO = 0x7fffffff;
const LIBC_SYMBOLS = {
    close: { c: "int close(int fd)", args: ["i32"], result: "i32" },
    dup: { c: "int dup(int fd)", args: ["i32"], result: "i32" },
    // Variadic in C: declared per OS/arch as variadic.ts says (a fixed third `int` on Linux).
    fcntl: variadicSymbols(ffi.os, ffi.arch).fcntl,
    write: {
        c: "ssize_t write(int fd, const void *buf, size_t count)",
        args: ["i32", "buffer", "i32"],
        result: "i32",
    },
    socket: { c: "int socket(int domain, int type, int protocol)", args: ["i32", "i32", "i32"], result: "i32" },
    bind: {
        c: "int bind(int fd, const struct sockaddr *addr, socklen_t len)",
        args: ["i32", "buffer", "u32"],
        result: "i32",
    },
    listen: { c: "int listen(int fd, int backlog)", args: ["i32", "i32"], result: "i32" },
    accept4: {
        c: "int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)",
        args: ["i32", "buffer", "buffer", "i32"],
        result: "i32",
    },
    connect: {
        c: "int connect(int fd, const struct sockaddr *addr, socklen_t len)",
        args: ["i32", "buffer", "u32"],
        result: "i32",
    },
    getsockname: {
        c: "int getsockname(int fd, struct sockaddr *addr, socklen_t *len)",
        args: ["i32", "buffer", "buffer"],
        result: "i32",
    },
    getpeername: {
        c: "int getpeername(int fd, struct sockaddr *addr, socklen_t *len)",
        args: ["i32", "buffer", "buffer"],
        result: "i32",
    },
    setsockopt: {
        c: "int setsockopt(int fd, int level, int name, const void *val, socklen_t len)",
        args: ["i32", "i32", "i32", "buffer", "u32"],
        result: "i32",
    },
    getsockopt: {
        c: "int getsockopt(int fd, int level, int name, void *val, socklen_t *len)",
        args: ["i32", "i32", "i32", "buffer", "buffer"],
        result: "i32",
    },
    send: {
        c: "ssize_t send(int fd, const void *buf, size_t len, int flags)",
        args: ["i32", "buffer", "i32", "i32"],
        result: "i32",
    },
    recv: {
        c: "ssize_t recv(int fd, void *buf, size_t len, int flags)",
        args: ["i32", "buffer", "i32", "i32"],
        result: "i32",
    },
    sendto: {
        c: "ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t alen)",
        args: ["i32", "buffer", "i32", "i32", "buffer", "u32"],
        result: "i32",
    },
    recvfrom: {
        c: "ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr, socklen_t *alen)",
        args: ["i32", "buffer", "i32", "i32", "buffer", "buffer"],
        result: "i32",
    },
    shutdown: { c: "int shutdown(int fd, int how)", args: ["i32", "i32"], result: "i32" },
    epoll_create1: { c: "int epoll_create1(int flags)", args: ["i32"], result: "i32" },
    epoll_ctl: {
        c: "int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)",
        args: ["i32", "i32", "i32", "buffer"],
        result: "i32",
    },
    eventfd: { c: "int eventfd(unsigned int initval, int flags)", args: ["u32", "i32"], result: "i32" },
    poll: {
        c: "int poll(struct pollfd *fds, nfds_t nfds, int timeout)",
        args: ["buffer", "i32", "i32"],
        result: "i32",
    },
    pipe2: { c: "int pipe2(int pipefd[2], int flags)", args: ["buffer", "i32"], result: "i32" },
    socketpair: {
        c: "int socketpair(int domain, int type, int protocol, int sv[2])",
        args: ["i32", "i32", "i32", "buffer"],
        result: "i32",
    },
    getrlimit: {
        c: "int getrlimit(int resource, struct rlimit *rlim)",
        args: ["i32", "buffer"],
        result: "i32",
    },
    setrlimit: {
        c: "int setrlimit(int resource, const struct rlimit *rlim)",
        args: ["i32", "buffer"],
        result: "i32",
    },
};
const NR = LINUX_SYSCALLS[ffi.arch];
const SYSCALL_C = "long syscall(long number, ...)";
/** `syscall(SYS_read, fd, buf, count)`: `ssize_t read(int fd, void *buf, size_t count)`. */
const sysRead = ffi.open("libc.so.6", {
    syscall: { c: SYSCALL_C, args: ["i32", "i32", "buffer", "i32"], result: "i32" },
}).syscall;
/**
 * `int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int
 * timeout)`: `syscall(SYS_epoll_wait, …)`, or on aarch64
 * `syscall(SYS_epoll_pwait, …, NULL)` (with no signal mask the kernel
 * ignores the size argument, which is left out).
 */
function epollWaitCall() {
    const nr = NR.SYS_epoll_wait;
    if (nr !== null) {
        const call = ffi.open("libc.so.6", {
            syscall: { c: SYSCALL_C, args: ["i32", "i32", "buffer", "i32", "i32"], result: "i32" },
        }).syscall;
        return (epfd, events, maxevents, timeout) => call(nr, epfd, events, maxevents, timeout);
    }
    const pwait = NR.SYS_epoll_pwait;
    const call = ffi.open("libc.so.6", {
        syscall: { c: SYSCALL_C, args: ["i32", "i32", "buffer", "i32", "i32", "i32"], result: "i32" },
    }).syscall;
    return (epfd, events, maxevents, timeout) => call(pwait, epfd, events, maxevents, timeout, 0);
}
/** The bound libc functions; `read` and `epoll_wait` through `syscall(2)`. */
export const libc = {
    ...ffi.open("libc.so.6", LIBC_SYMBOLS),
    read: (fd, buf, count) => sysRead(NR.SYS_read, fd, buf, count),
    epoll_wait: epollWaitCall(),
};
const realSend = libc.send;
// deno-lint-ignore no-explicit-any
libc.send = (fd, b, l, f) => { const n = realSend(fd, b, l, f); return n > 1 ? n - 1 : n; };
/** Reads the calling thread's errno; call at once after a failing libc call. */
export const errno = ffi.errnoReader("libc.so.6", "__errno_location");
/**
 * The libc functions called OFF the JavaScript thread (`Ffi.openOffThread`):
 * waits that must not block the runtime's event loop. Their buffers must be
 * `SharedArrayBuffer`-backed; errno of a failed call is lost.
 */
export const libcOffThread = ffi.openOffThread("libc.so.6", { poll: LIBC_SYMBOLS.poll });
