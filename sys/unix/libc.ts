/**
 * The C library as mio-ts calls it on Unix: the symbol table, the variadic
 * declarations per OS and architecture, and how a call's result becomes a
 * count, `WOULD_BLOCK` or an `IoError`.
 *
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
 * Its numbers are per architecture (`LINUX_SYSCALLS` in `tables_linux.ts`); aarch64 has no
 * `epoll_wait`, so there it is `epoll_pwait` with no signal mask, as in
 * glibc. `send`/`recv` stay glibc's: through `syscall(2)` they are
 * `sendto`/`recvfrom` with two more arguments, which cost koffi (Node) more
 * than the wrapper does.
 *
 * How each variadic libc function mio-ts calls is declared to the FFI, per
 * OS and architecture, and why.
 *
 * Deno.dlopen and bun:ffi cannot declare a C function as variadic, so each is
 * declared with fixed parameters, chosen so that every argument lands where
 * the callee's `va_arg` reads it (see shared DESIGN.md, "Facts that bite"):
 *
 * - System V x86_64 (Linux, the BSDs, macOS on Intel): variadic integer and
 *   pointer arguments take the next integer register, as named ones do.
 * - AAPCS64 (Linux and the BSDs on aarch64): likewise, x0–x7 in order.
 * - Apple arm64: every argument after the last named one goes on the stack,
 *   one 8-byte slot each (Apple, "Writing ARM64 code for Apple platforms",
 *   section "Update code that passes arguments to variadic functions"). A
 *   fixed third `int` goes in x2, which the callee never reads: it reads
 *   whatever the stack holds. Either the call is avoided (`SOCK_NONBLOCK |
 *   SOCK_CLOEXEC`, `accept4`, `pipe2` — which Apple lacks) or the declaration
 *   fills x0–x7 with named parameters so that the next one, a whole 8-byte
 *   slot, is the first stack slot, where `va_arg` reads.
 *
 * Today the only one is `fcntl`; `ioctl` and `open` are not called.
 *
 * The result rule of the hot calls (read, write, send, recv, accept): a
 * count, `WOULD_BLOCK` for `EAGAIN`, `INTERRUPTED` (call again) for
 * `EINTR`, else an `IoError`. Callers loop while the answer is
 * `INTERRUPTED`; no closure is made per call.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type {
  Arch,
  NativeFunction,
  NativeType,
  OffThreadFunction,
  Os,
  SymbolSpec,
  SymbolTable,
} from "../ffi/ffi.ts";
import { LINUX_SYSCALLS } from "./tables_linux.ts";
import { C, cLibrary, osError, UNIX } from "./unix_os.ts";
import { WOULD_BLOCK } from "../contract.ts";

/** The variadic libc functions mio-ts calls. */
export type VariadicFunction = "fcntl";

/** How the variadic arguments reach the callee with a fixed declaration. */
export type VariadicStrategy =
  /** Declared as if the variadic arguments were named: they use the same registers. */
  | "fixed"
  /** Unused named parameters fill the argument registers; the variadic ones follow on the stack. */
  | "stack";

/** One variadic function's declaration on one OS and architecture. */
export interface VariadicDeclaration extends SymbolSpec {
  /** How the variadic arguments are passed. */
  readonly strategy: VariadicStrategy;
  /**
   * How many unused arguments (each 0) a caller passes between the named
   * C arguments and the variadic ones: 0 unless `strategy` is `"stack"`.
   */
  readonly padding: number;
  /** Why this declaration puts each argument where the callee reads it. */
  readonly reason: string;
}

/** The OS/architecture pairs supported or planned, as `os-arch`. */
export type OsArch = `${
  | "linux"
  | "android"
  | "darwin"
  | "freebsd"
  | "netbsd"
  | "openbsd"
  | "dragonfly"}-${Arch}`;

const FCNTL_C = "int fcntl(int fd, int cmd, ... /* int or pointer arg */)";

const SYSV_X86_64 = "System V AMD64 ABI: a variadic integer or pointer argument takes the next integer " +
  "register (rdx for fcntl's third), exactly as a named one does. The caller of a variadic function " +
  "also sets %al to the number of vector registers used; a fixed declaration leaves it unset, which " +
  "only decides whether va_start spills xmm registers — fcntl reads no floating-point argument.";

const AAPCS64 = "AAPCS64 (Arm's procedure call standard, used unchanged by Linux and the BSDs): variadic " +
  "arguments are assigned to x0–x7 by the same rules as named ones, so fcntl's third goes in x2 " +
  "either way.";

const APPLE_ARM64 = "Apple arm64 passes every argument after the last named one on the stack, one 8-byte " +
  'slot each (Apple, "Writing ARM64 code for Apple platforms"): a fixed third int would go in x2, ' +
  "which fcntl never reads, and it would read stack garbage instead (DESIGN.md, mio's " +
  "F_DUPFD_CLOEXEC bug class). Six unused ints fill x2–x7, so the argument, a whole 8-byte slot, " +
  "is the first stack slot, where va_arg reads it. Apple has no SOCK_NONBLOCK/SOCK_CLOEXEC, accept4 " +
  "or pipe2, so fcntl(F_SETFL/F_SETFD) cannot be avoided there.";

function fixed(reason: string): VariadicDeclaration {
  return { c: FCNTL_C, args: ["i32", "i32", "i32"], result: "i32", strategy: "fixed", padding: 0, reason };
}

/** Named arguments before fcntl's variadic one: fd and cmd. */
const FCNTL_NAMED: readonly NativeType[] = ["i32", "i32"];
/** Integer argument registers of AAPCS64 (x0–x7). */
const ARM64_ARG_REGISTERS = 8;
const APPLE_PADDING = ARM64_ARG_REGISTERS - FCNTL_NAMED.length;

/** Every variadic function's declaration, per OS/architecture pair. */
export const VARIADIC: {
  readonly [P in OsArch]: { readonly [F in VariadicFunction]: VariadicDeclaration };
} = {
  "linux-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "linux-aarch64": { fcntl: fixed(AAPCS64) },
  "android-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "android-aarch64": { fcntl: fixed(AAPCS64) },
  "darwin-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "darwin-aarch64": {
    fcntl: {
      c: FCNTL_C,
      args: [...FCNTL_NAMED, ...Array<NativeType>(APPLE_PADDING).fill("i32"), "usize"],
      result: "i32",
      strategy: "stack",
      padding: APPLE_PADDING,
      reason: APPLE_ARM64,
    },
  },
  "freebsd-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "freebsd-aarch64": { fcntl: fixed(AAPCS64) },
  "netbsd-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "netbsd-aarch64": { fcntl: fixed(AAPCS64) },
  "openbsd-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "openbsd-aarch64": { fcntl: fixed(AAPCS64) },
  "dragonfly-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "dragonfly-aarch64": { fcntl: fixed(AAPCS64) },
};

/**
 * The declarations of the variadic functions for an OS and architecture;
 * throws an Error for a pair that has none (it is not supported).
 */
export function variadicSymbols(
  os: Os,
  arch: Arch,
): { readonly [F in VariadicFunction]: VariadicDeclaration } {
  const pair = `${os}-${arch}`;
  if (!Object.hasOwn(VARIADIC, pair)) {
    throw new Error(`no declaration of the variadic libc functions for ${os} on ${arch}`);
  }
  return VARIADIC[pair as OsArch];
}

/** `ioResult`'s answer for `EINTR`: the caller makes the call again. */
export const INTERRUPTED = -2;

/**
 * The answer for a hot call that returned `n`: `n` itself when
 * non-negative, `WOULD_BLOCK`, `INTERRUPTED`, or a thrown `IoError` naming
 * `syscall`. Call at once after the call, before errno can change.
 */
export function ioResult(n: number, syscall: string): number {
  if (n >= 0) return n;
  const e = errno();
  if (e === C.EAGAIN) return WOULD_BLOCK;
  if (e === C.EINTR) return INTERRUPTED;
  throw osError(e, syscall);
}

/** The largest byte count passed to one read or write, so results fit in an `i32`. */
export const MAX_IO = 0x7fffffff;

/** The C library's allocator, for memory another thread or the kernel writes (its prototypes, once). */
export const MEMORY_SYMBOLS = {
  calloc: { c: "void *calloc(size_t count, size_t size)", args: ["usize", "usize"], result: "isize" },
  free: { c: "void free(void *ptr)", args: ["isize"], result: "void" },
} as const satisfies SymbolTable;

const LIBC_SYMBOLS = {
  ...MEMORY_SYMBOLS,
  close: { c: "int close(int fd)", args: ["i32"], result: "i32" },
  dup: { c: "int dup(int fd)", args: ["i32"], result: "i32" },
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
  accept: {
    c: "int accept(int fd, struct sockaddr *addr, socklen_t *len)",
    args: ["i32", "buffer", "buffer"],
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
  poll: {
    c: "int poll(struct pollfd *fds, nfds_t nfds, int timeout)",
    args: ["buffer", "i32", "i32"],
    result: "i32",
  },
  pipe: { c: "int pipe(int pipefd[2])", args: ["buffer"], result: "i32" },
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

/**
 * Thread-specific data keys, whose destructors close a terminated Worker's
 * descriptors (`thread_exit_keys.ts`), and the dynamic loader's lookup of
 * the C library's `close` to be that destructor. Bound on their own, where
 * they are used: a C library without them (glibc before 2.34 keeps them in
 * libpthread and libdl) leaves descriptors to JavaScript alone. A
 * `pthread_key_t` is an `unsigned int` (glibc, musl), an `int` (FreeBSD) or
 * an `unsigned long` (Apple): written into 8 bytes, read as its low 32 bits
 * (little-endian), passed as a `usize`.
 */
export const THREAD_KEY_SYMBOLS = {
  pthread_key_create: {
    c: "int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))",
    args: ["buffer", "isize"],
    result: "i32",
  },
  pthread_key_delete: { c: "int pthread_key_delete(pthread_key_t key)", args: ["usize"], result: "i32" },
  pthread_setspecific: {
    c: "int pthread_setspecific(pthread_key_t key, const void *value)",
    args: ["usize", "isize"],
    result: "i32",
  },
} as const satisfies SymbolTable;

/** The dynamic loader's calls, to find the address of a C library function (`THREAD_KEY_SYMBOLS`). */
export const LOADER_SYMBOLS = {
  dlopen: { c: "void *dlopen(const char *path, int mode)", args: ["buffer", "i32"], result: "isize" },
  dlsym: { c: "void *dlsym(void *handle, const char *symbol)", args: ["isize", "buffer"], result: "isize" },
} as const satisfies SymbolTable;

/** The calls that make a descriptor non-blocking and close-on-exec at once: not on Apple (`UNIX.atomicFlags`). */
const ATOMIC_FLAG_SYMBOLS = {
  accept4: {
    c: "int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)",
    args: ["i32", "buffer", "buffer", "i32"],
    result: "i32",
  },
  pipe2: { c: "int pipe2(int pipefd[2], int flags)", args: ["buffer", "i32"], result: "i32" },
} as const satisfies SymbolTable;

/** Linux's and Android's own calls: epoll and eventfd. */
const LINUX_SYMBOLS = {
  epoll_create1: { c: "int epoll_create1(int flags)", args: ["i32"], result: "i32" },
  epoll_ctl: {
    c: "int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)",
    args: ["i32", "i32", "i32", "buffer"],
    result: "i32",
  },
  eventfd: { c: "int eventfd(unsigned int initval, int flags)", args: ["u32", "i32"], result: "i32" },
} as const satisfies SymbolTable;

/** `read(2)` itself, on the OSes where mio-ts does not go through `syscall(2)` (every one but Linux). */
const READ_SYMBOL = {
  read: {
    c: "ssize_t read(int fd, void *buf, size_t count)",
    args: ["i32", "buffer", "i32"],
    result: "i32",
  },
} as const satisfies SymbolTable;

const SYSCALL_C = "long syscall(long number, ...)";

/** What every OS's `Libc` has. */
type Common = { readonly [K in keyof typeof LIBC_SYMBOLS | "fcntl" | "read" | "dup2"]: NativeFunction };

/**
 * `dup2`, bound on its own: where the C library lacks it (the simulated
 * ABI's library), it throws when called, so `makeInert` fails and
 * `closeGuarded` keeps the descriptor itself open instead.
 */
const DUP2_SYMBOL = {
  dup2: { c: "int dup2(int oldfd, int newfd)", args: ["i32", "i32"], result: "i32" },
} as const satisfies SymbolTable;

function bindDup2(library: string): NativeFunction {
  try {
    return ffi.open(library, DUP2_SYMBOL).dup2;
  } catch {
    return absent("dup2");
  }
}

/** The bound libc functions. */
export type Libc =
  & Common
  & {
    readonly [K in keyof typeof ATOMIC_FLAG_SYMBOLS | keyof typeof LINUX_SYMBOLS]: NativeFunction;
  }
  & {
    /** `epoll_wait(epfd, events, maxevents, timeout)` */
    readonly epoll_wait: (epfd: number, events: Uint8Array, maxevents: number, timeout: number) => number;
  };

/** The stand-in of a function this OS's C library lacks: it is never called, and says so if it is. */
function absent(name: string): NativeFunction {
  return () => {
    throw new Error(`mio-ts: ${name} is not in the C library of ${ffi.os}`);
  };
}

/**
 * Binds the libc functions of this OS: the table above, `fcntl` as
 * `VARIADIC` declares it for this OS and architecture, `accept4` and
 * `pipe2` where the OS has them, and on Linux `read` and `epoll_wait`
 * through `syscall(2)` (`syscall(SYS_epoll_wait, …)`, or on aarch64
 * `syscall(SYS_epoll_pwait, …, NULL)`: with no signal mask the kernel
 * ignores the size argument, which is left out). Elsewhere `read` is
 * `read(2)` (`syscall(2)`'s numbers are Linux's) and the epoll functions
 * are absent.
 */
function openLibc(): Libc {
  const { library } = cLibrary();
  const fcntl = variadicSymbols(ffi.os, ffi.arch).fcntl;
  const atomic = UNIX.atomicFlags
    ? ffi.open(library, ATOMIC_FLAG_SYMBOLS)
    : { accept4: absent("accept4"), pipe2: absent("pipe2") };
  const common = { ...ffi.open(library, { ...LIBC_SYMBOLS, fcntl }), dup2: bindDup2(library) };
  if (ffi.os !== "linux") {
    return {
      ...common,
      ...atomic,
      ...ffi.open(library, READ_SYMBOL),
      epoll_create1: absent("epoll_create1"),
      epoll_ctl: absent("epoll_ctl"),
      eventfd: absent("eventfd"),
      epoll_wait: absent("epoll_wait"),
    };
  }
  const nr = LINUX_SYSCALLS[ffi.arch];
  const sysRead = ffi.open(library, {
    syscall: { c: SYSCALL_C, args: ["i32", "i32", "buffer", "i32"], result: "i32" },
  }).syscall;
  const waitNr = nr.SYS_epoll_wait;
  let epollWait: (epfd: number, events: Uint8Array, maxevents: number, timeout: number) => number;
  if (waitNr !== null) {
    const call = ffi.open(library, {
      syscall: { c: SYSCALL_C, args: ["i32", "i32", "buffer", "i32", "i32"], result: "i32" },
    }).syscall;
    epollWait = (epfd, events, maxevents, timeout) => call(waitNr, epfd, events, maxevents, timeout);
  } else {
    const pwait = nr.SYS_epoll_pwait;
    const call = ffi.open(library, {
      syscall: { c: SYSCALL_C, args: ["i32", "i32", "buffer", "i32", "i32", "i32"], result: "i32" },
    }).syscall;
    epollWait = (epfd, events, maxevents, timeout) => call(pwait, epfd, events, maxevents, timeout, 0);
  }
  return {
    ...common,
    ...atomic,
    ...ffi.open(library, LINUX_SYMBOLS),
    read: (fd: number, buf: Uint8Array, count: number): number => sysRead(nr.SYS_read, fd, buf, count),
    epoll_wait: epollWait,
  };
}

/**
 * A stand-in for `libc` until its first use: each member opens libc, makes
 * `libc` the bound table (a live binding, so every importer then calls the
 * functions directly) and answers from it. Importing this file opens
 * nothing, so it loads on any OS.
 */
function lazyTable<T extends object>(names: readonly string[], open: () => T, bind: (table: T) => void): T {
  const standIn = {};
  for (const name of names) {
    Object.defineProperty(standIn, name, {
      enumerable: true,
      get() {
        const table = open();
        bind(table);
        return table[name as keyof T];
      },
    });
  }
  return standIn as T;
}

/**
 * The bound libc functions; `read` and `epoll_wait` through `syscall(2)`.
 * Opened at the first use of any of them, or by `bindLibc`.
 */
export let libc: Libc = lazyTable(
  [
    ...Object.keys(LIBC_SYMBOLS),
    ...Object.keys(ATOMIC_FLAG_SYMBOLS),
    ...Object.keys(LINUX_SYMBOLS),
    ...Object.keys(DUP2_SYMBOL),
    "fcntl",
    "read",
    "epoll_wait",
  ],
  openLibc,
  (table) => libc = table,
);

let errnoReader: (() => number) | null = null;

/** Reads the calling thread's errno; call at once after a failing libc call. */
export function errno(): number {
  if (errnoReader === null) {
    const { library, errnoSymbol } = cLibrary();
    errnoReader = ffi.errnoReader(library, errnoSymbol);
  }
  return errnoReader();
}

/**
 * The libc functions called OFF the JavaScript thread (`Ffi.openOffThread`):
 * waits that must not block the runtime's event loop. Their buffers must be
 * `SharedArrayBuffer`-backed; errno of a failed call is lost. Opened at the
 * first use, or by `bindLibc`.
 */
export let libcOffThread: { readonly poll: OffThreadFunction } = lazyTable(
  ["poll"],
  openLibcOffThread,
  (table) => libcOffThread = table,
);

function openLibcOffThread(): { readonly poll: OffThreadFunction } {
  return ffi.openOffThread(cLibrary().library, { poll: LIBC_SYMBOLS.poll });
}

/**
 * Opens libc and binds `libc`, `libcOffThread` and `errno` now, not at
 * their first use: the Unix platform calls it at import where the FFI binds
 * everything then (`Ffi.bindsAtImport`).
 */
export function bindLibc(): void {
  libc = openLibc();
  libcOffThread = openLibcOffThread();
  const { library, errnoSymbol } = cLibrary();
  errnoReader = ffi.errnoReader(library, errnoSymbol);
}

/** The padding `fcntl`'s declaration on this OS and architecture wants before its third argument. */
let fcntlPadding: readonly number[] | null = null;

/**
 * `fcntl(fd, cmd, arg)` with an `int` third argument, passed where this
 * OS's and architecture's callee reads it (`VARIADIC`). Not for hot paths:
 * it spreads the padding.
 */
export function fcntlInt(fd: number, cmd: number, arg: number): number {
  fcntlPadding ??= Array<number>(variadicSymbols(ffi.os, ffi.arch).fcntl.padding).fill(0);
  return libc.fcntl(fd, cmd, ...fcntlPadding, arg);
}

/**
 * Makes a new descriptor non-blocking and close-on-exec with `fcntl`
 * (`F_SETFL` `O_NONBLOCK`, then `F_SETFD` `FD_CLOEXEC`), as mio does where
 * `SOCK_NONBLOCK`, `accept4` and `pipe2` are missing (Apple). Returns 0, or
 * the errno of the call that failed.
 */
export function setNonblockingCloexec(fd: number): number {
  if (fcntlInt(fd, C.F_SETFL, C.O_NONBLOCK) < 0) return errno();
  if (fcntlInt(fd, C.F_SETFD, C.FD_CLOEXEC) < 0) return errno();
  return 0;
}

/**
 * A non-blocking, close-on-exec pipe into `ends` (read end, write end):
 * `pipe2(O_NONBLOCK | O_CLOEXEC)`, or `pipe` then `fcntl` on both ends
 * where the OS has no `pipe2` (Apple).
 *
 * @throws {IoError} from `pipe2`, `pipe` or `fcntl` (no descriptor is left open).
 */
export function openPipe(ends: Int32Array): void {
  if (UNIX.atomicFlags) {
    if (libc.pipe2(ends, C.O_NONBLOCK | C.O_CLOEXEC) < 0) throw osError(errno(), "pipe2");
    return;
  }
  if (libc.pipe(ends) < 0) throw osError(errno(), "pipe");
  const e = setNonblockingCloexec(ends[0]!) || setNonblockingCloexec(ends[1]!);
  if (e !== 0) {
    libc.close(ends[0]);
    libc.close(ends[1]);
    throw osError(e, "fcntl");
  }
}

/**
 * Makes the descriptor number `fd` inert without freeing it (the
 * `neutralize` of `closeGuarded`): the read end of a fresh pipe whose write
 * end is closed takes its place (`dup2`, then close-on-exec again), so the
 * descriptor `fd` named is released and a late call on the number fails
 * (`write`: `EBADF`; `epoll_ctl`: `EINVAL`) without blocking or raising a
 * signal.
 *
 * @throws {IoError} from `pipe2`/`pipe` or `dup2`.
 */
export function makeInert(fd: number): void {
  const ends = new Int32Array(2);
  openPipe(ends);
  const r = libc.dup2(ends[0], fd);
  const e = r < 0 ? errno() : 0;
  libc.close(ends[0]);
  libc.close(ends[1]);
  if (e !== 0) throw osError(e, "dup2");
  fcntlInt(fd, C.F_SETFD, C.FD_CLOEXEC);
}

/**
 * Prepares a new socket as mio does on this OS: where the OS lacks
 * `SOCK_NONBLOCK`, makes it non-blocking and close-on-exec with `fcntl`;
 * where mio avoids SIGPIPE with `SO_NOSIGPIPE` (Apple), sets it. Closes
 * `fd` and throws on failure.
 *
 * @throws {IoError} from `fcntl` or `setsockopt`.
 */
export function prepareSocket(fd: number): void {
  let e = UNIX.atomicFlags ? 0 : setNonblockingCloexec(fd);
  let call = "fcntl";
  if (e === 0 && UNIX.noSigPipeOption) {
    noSigPipe[0] = 1;
    if (libc.setsockopt(fd, C.SOL_SOCKET, C.SO_NOSIGPIPE, noSigPipeBytes, 4) < 0) {
      e = errno();
      call = "setsockopt";
    }
  }
  if (e === 0) return;
  libc.close(fd);
  throw osError(e, call, call === "setsockopt" ? "SO_NOSIGPIPE" : "");
}

const noSigPipe = new Int32Array(1);
const noSigPipeBytes = new Uint8Array(noSigPipe.buffer);

/** `SOCK_NONBLOCK | SOCK_CLOEXEC` where the OS has them, else 0 (`prepareSocket` sets the flags). */
export const SOCKET_FLAGS: number = C.SOCK_NONBLOCK | C.SOCK_CLOEXEC;
