/**
 * The libc symbol table: every C function mio-ts calls on Unix, with its C
 * prototype beside it. Sizes are `usize`; `ssize_t` results are read as
 * `i32`, so callers cap lengths at `MAX_IO` (2^31 - 1).
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { SymbolTable } from "../ffi/ffi.ts";
import { variadicSymbols } from "./variadic.ts";

/** The largest byte count passed to one read or write, so results fit in an `i32`. */
export const MAX_IO = 0x7fffffff;

const LIBC_SYMBOLS = {
  close: { c: "int close(int fd)", args: ["i32"], result: "i32" },
  dup: { c: "int dup(int fd)", args: ["i32"], result: "i32" },
  // Variadic in C: declared per OS/arch as variadic.ts says (a fixed third `int` on Linux).
  fcntl: variadicSymbols(ffi.os, ffi.arch).fcntl,
  read: {
    c: "ssize_t read(int fd, void *buf, size_t count)",
    args: ["i32", "buffer", "usize"],
    result: "i32",
  },
  write: {
    c: "ssize_t write(int fd, const void *buf, size_t count)",
    args: ["i32", "buffer", "usize"],
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
    args: ["i32", "buffer", "usize", "i32"],
    result: "i32",
  },
  recv: {
    c: "ssize_t recv(int fd, void *buf, size_t len, int flags)",
    args: ["i32", "buffer", "usize", "i32"],
    result: "i32",
  },
  sendto: {
    c: "ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t alen)",
    args: ["i32", "buffer", "usize", "i32", "buffer", "u32"],
    result: "i32",
  },
  recvfrom: {
    c: "ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr, socklen_t *alen)",
    args: ["i32", "buffer", "usize", "i32", "buffer", "buffer"],
    result: "i32",
  },
  shutdown: { c: "int shutdown(int fd, int how)", args: ["i32", "i32"], result: "i32" },
  epoll_create1: { c: "int epoll_create1(int flags)", args: ["i32"], result: "i32" },
  epoll_ctl: {
    c: "int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)",
    args: ["i32", "i32", "i32", "buffer"],
    result: "i32",
  },
  epoll_wait: {
    c: "int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)",
    args: ["i32", "buffer", "i32", "i32"],
    result: "i32",
  },
  eventfd: { c: "int eventfd(unsigned int initval, int flags)", args: ["u32", "i32"], result: "i32" },
  poll: {
    c: "int poll(struct pollfd *fds, nfds_t nfds, int timeout)",
    args: ["buffer", "usize", "i32"],
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
} as const satisfies SymbolTable;

/** The bound libc functions. */
export const libc = ffi.open("libc.so.6", LIBC_SYMBOLS);

/** Reads the calling thread's errno; call at once after a failing libc call. */
export const errno: () => number = ffi.errnoReader("libc.so.6", "__errno_location");

/**
 * The libc functions called OFF the JavaScript thread (`Ffi.openOffThread`):
 * waits that must not block the runtime's event loop. Their buffers must be
 * `SharedArrayBuffer`-backed; errno of a failed call is lost.
 */
export const libcOffThread = ffi.openOffThread("libc.so.6", { poll: LIBC_SYMBOLS.poll });
