/** The largest byte count passed to one read or write, so results fit in an `i32`. */
export declare const MAX_IO = 2147483647;
/** The bound libc functions; `read` and `epoll_wait` through `syscall(2)`. */
export declare const libc: {
    read: (fd: number, buf: Uint8Array, count: number) => number;
    epoll_wait: (epfd: number, events: Uint8Array, maxevents: number, timeout: number) => number;
    close: import("../ffi/ffi.ts").NativeFunction;
    dup: import("../ffi/ffi.ts").NativeFunction;
    fcntl: import("../ffi/ffi.ts").NativeFunction;
    write: import("../ffi/ffi.ts").NativeFunction;
    socket: import("../ffi/ffi.ts").NativeFunction;
    bind: import("../ffi/ffi.ts").NativeFunction;
    listen: import("../ffi/ffi.ts").NativeFunction;
    accept4: import("../ffi/ffi.ts").NativeFunction;
    connect: import("../ffi/ffi.ts").NativeFunction;
    getsockname: import("../ffi/ffi.ts").NativeFunction;
    getpeername: import("../ffi/ffi.ts").NativeFunction;
    setsockopt: import("../ffi/ffi.ts").NativeFunction;
    getsockopt: import("../ffi/ffi.ts").NativeFunction;
    send: import("../ffi/ffi.ts").NativeFunction;
    recv: import("../ffi/ffi.ts").NativeFunction;
    sendto: import("../ffi/ffi.ts").NativeFunction;
    recvfrom: import("../ffi/ffi.ts").NativeFunction;
    shutdown: import("../ffi/ffi.ts").NativeFunction;
    epoll_create1: import("../ffi/ffi.ts").NativeFunction;
    epoll_ctl: import("../ffi/ffi.ts").NativeFunction;
    eventfd: import("../ffi/ffi.ts").NativeFunction;
    poll: import("../ffi/ffi.ts").NativeFunction;
    pipe2: import("../ffi/ffi.ts").NativeFunction;
    socketpair: import("../ffi/ffi.ts").NativeFunction;
    getrlimit: import("../ffi/ffi.ts").NativeFunction;
    setrlimit: import("../ffi/ffi.ts").NativeFunction;
};
/** Reads the calling thread's errno; call at once after a failing libc call. */
export declare const errno: () => number;
/**
 * The libc functions called OFF the JavaScript thread (`Ffi.openOffThread`):
 * waits that must not block the runtime's event loop. Their buffers must be
 * `SharedArrayBuffer`-backed; errno of a failed call is lost.
 */
export declare const libcOffThread: import("../ffi/ffi.ts").OffThreadBound<{
    poll: {
        readonly c: "int poll(struct pollfd *fds, nfds_t nfds, int timeout)";
        readonly args: readonly ["buffer", "i32", "i32"];
        readonly result: "i32";
    };
}>;
