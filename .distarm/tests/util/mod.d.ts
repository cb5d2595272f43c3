import { test } from "node:test";
import { Events, Interest, IoError, Poll, type Source, TcpListener, TcpStream, Token, UnixStream } from "../../mod.ts";
/** Readiness an expected event must show (mio's `Readiness`). */
export declare const Readiness: {
    readonly READABLE: 1;
    readonly WRITABLE: 2;
    readonly AIO: 4;
    readonly LIO: 8;
    readonly ERROR: 16;
    readonly READ_CLOSED: 32;
    readonly WRITE_CLOSED: 64;
    readonly PRIORITY: 128;
    /** The readiness an `Interest` asks for. */
    readonly of: (interest: Interest) => number;
};
/** An event `expectEvents` waits for: a token and the readiness it must show. */
export interface ExpectEvent {
    /** The token. */
    token: Token;
    /** `Readiness` bits that must all be set. */
    readiness: number;
}
/** Builds an `ExpectEvent`; `readiness` may be `Readiness` bits or an `Interest`. */
export declare function expect(token: number, readiness: number): ExpectEvent;
/** A fresh `Poll` and `Events(16)` (mio's `init_with_poll`). */
export declare function initWithPoll(): [Poll, Events];
/**
 * Polls (up to 3 × 500 ms) until every expected event has been seen; other
 * events are allowed (mio's `expect_events`).
 */
export declare function expectEvents(poll: Poll, events: Events, expected: ExpectEvent[]): void;
/** Polls for 50 ms and fails if any event arrives (mio's `expect_no_events`). */
export declare function expectNoEvents(poll: Poll, events: Events): void;
/** Asserts a non-blocking call reported WouldBlock, which mio-ts returns as `null`. */
export declare function assertWouldBlock(result: unknown): void;
/** Asserts `fn` throws an `IoError` of `kind`; returns it. */
export declare function assertIoError(fn: () => unknown, kind: string): IoError;
/** The `flags:` of `/proc/self/fdinfo/<fd>`, in octal as the kernel prints it. */
export declare function fdFlags(fd: number): number;
/**
 * Asserts `fd` is non-blocking and close-on-exec, as every mio-ts descriptor
 * is; on Windows, that the socket's handle is not inheritable (its
 * non-blocking mode cannot be read back).
 */
export declare function assertNonBlockingCloexec(fd: number): void;
/** How many descriptors (on Windows, handles) this process has open. */
export declare function openFdCount(): number;
/** Whether `fd` (on Windows, a handle) is open in this process. */
export declare function isFdOpen(fd: number): boolean;
/** Blocks (with short polls) until `fn` returns something other than `null`. */
export declare function retryUntilReady<T>(poll: Poll, events: Events, fn: () => T | null): T;
/** Bytes of `text`. */
export declare function bytes(text: string): Uint8Array;
/** An ASCII string of `buf`. */
export declare function text(buf: Uint8Array): string;
/** Sleeps without blocking the runtime. */
export declare function sleep(ms: number): Promise<void>;
/**
 * Asserts `fn` throws an `IoError` of `kind` raised before any syscall
 * (`errno` 0, `syscall` `""`, as the API promises); returns it.
 */
export declare function assertEarlyIoError(fn: () => unknown, kind: string): IoError;
/** The tokens of the events of the last `poll()`, in order. */
export declare function tokensOf(events: Events): number[];
/**
 * A connected TCP pair over loopback: `[client, server]`, where `client`
 * came from `TcpStream.connect` and `server` from `accept()`. Neither is
 * registered anywhere; the listener used is closed. The caller closes both.
 */
export declare function tcpPair(): [TcpStream, TcpStream];
/** Closes each of `closeables` (nulls skipped), even if one throws; rethrows the first error. */
export declare function closeAll(...closeables: ({
    close(): void;
} | null | undefined)[]): void;
/**
 * A `Source` that only records the calls the `Registry` forwards to it (the
 * `TestEventSource` of mio's tests/poll.rs); with `fail`, each call throws
 * an `IoError` `"Other"` whose message is the method name instead.
 */
export declare class RecordingSource implements Source {
    readonly fail: boolean;
    /** `[token, interest]` of each `register` call. */
    readonly registrations: [Token, Interest][];
    /** `[token, interest]` of each `reregister` call. */
    readonly reregistrations: [Token, Interest][];
    /** How many times `deregister` was called. */
    deregisterCount: number;
    /** The registry each call received, in order. */
    readonly registries: unknown[];
    /** Records calls; throws from each when `fail` is true. */
    constructor(fail?: boolean);
    /** Records (or fails) a registration. */
    register(registry: unknown, token: Token, interest: Interest): void;
    /** Records (or fails) a reregistration. */
    reregister(registry: unknown, token: Token, interest: Interest): void;
    /** Records (or fails) a deregistration. */
    deregister(registry: unknown): void;
}
/** The runtime running this test, as `Poll.runtime` should report it. */
export declare function currentRuntime(): "deno" | "bun" | "node";
export { Interest, Token };
import type { SocketAddr } from "../../mod.ts";
/**
 * Why IPv6 loopback (`[::1]`) cannot be used on this machine, or `null` when
 * it can. Checked once (by binding `[::1]:0`); tests skip IPv6 with this
 * reason printed.
 */
export declare function ipv6LoopbackUnavailable(): string | null;
/**
 * Calls `fn` until it returns something other than `null`, sleeping in a
 * Poll with nothing registered in between (so no test Poll's edge-triggered
 * events are consumed). Fails after about 5 s.
 */
export declare function waitUntil<T>(fn: () => T | null): T;
/** Accepts one connection, waiting for it if it has not arrived yet (mio's blocking `accept`). */
export declare function acceptOne(listener: TcpListener): [TcpStream, SocketAddr];
/** A listener, a client connected to it and the accepted server side. */
export interface TcpConnection {
    /** The listener (still open). */
    listener: TcpListener;
    /** The connecting side. */
    client: TcpStream;
    /** The accepted side. */
    server: TcpStream;
    /** Closes all three. */
    close(): void;
}
/** Binds a listener on `addr`, connects a client and accepts it (nothing registered). */
export declare function tcpConnection(addr?: string): TcpConnection;
/** mio's `checked_write!`: asserts a write returned the full length of `data`. */
export declare function checkedWrite(n: number | null, data: Uint8Array): void;
/** mio's `expect_read!`: asserts a read of `n` bytes into `buf` gave exactly `expected`. */
export declare function expectRead(n: number | null, buf: Uint8Array, expected: Uint8Array): void;
/**
 * Writes all of `data` to `stream`, waiting (in an idle Poll) whenever the
 * write would block (Rust's `write_all`).
 */
export declare function writeAll(stream: TcpStream, data: Uint8Array): void;
/**
 * `expectEvents` for a test whose peer is driven by `pump`: polls in short
 * slices (up to about 3 s) and calls `pump()` before each slice.
 */
export declare function expectEventsWhile(poll: Poll, events: Events, expected: ExpectEvent[], pump: () => void): void;
/** `expectNoEvents` while `pump()` drives the peer: about 50 ms of short polls, failing on any event. */
export declare function expectNoEventsWhile(poll: Poll, events: Events, pump: () => void): void;
/**
 * mio's `echo_listener` without a thread: a listener on its own `Poll` that
 * accepts connections and echoes what it reads, one step per `pump()`.
 * A connection is closed once its peer has shut down (read 0 or reset).
 */
export declare class EchoServer {
    #private;
    /** The address to connect to. */
    readonly address: SocketAddr;
    /** Connections accepted so far. */
    accepted: number;
    /** Connections that reached end of stream and were closed. */
    finished: number;
    /** Binds on `addr` (e.g. `"127.0.0.1:0"`, `"[::1]:0"`). */
    constructor(addr: string);
    /** Handles whatever is ready (waiting up to `timeoutMs`). */
    pump(timeoutMs?: number): void;
    /** Pumps until `n` connections have finished (mio's `handle.join()`); fails after about 5 s. */
    finish(n: number): void;
    /** Closes every connection, the listener and the Poll. */
    close(): void;
}
/**
 * Descriptor number → what it refers to (`readlink /proc/self/fd/N`; on
 * Windows, handle → `"type N"`, its object type), to find the descriptors
 * an operation opened by comparing two snapshots.
 */
export declare function fdLinks(): Map<number, string>;
/** Descriptors open now that were not open (or referred elsewhere) in `before`, with their links. */
export declare function newFds(before: Map<number, string>): Map<number, string>;
/** Port-0 loopback addresses of each family, for `bothFamilies`. */
export declare const V4 = "127.0.0.1:0";
/** IPv6 loopback, port 0. */
export declare const V6 = "[::1]:0";
/**
 * Defines test `name` for IPv4 and, where the machine has it, IPv6 loopback
 * (else a skip with its reason). `skip`, given each test's name, may skip
 * both (e.g. `skipOnLibkqueue`); it prints its own reason.
 */
export declare function bothFamilies(name: string, fn: (any: string) => void, skip?: (name: string) => string | false): void;
/** Whether `addr` is a loopback address of its family. */
export declare function isLoopback(addr: SocketAddr): boolean;
/**
 * Runs `fn` with a fresh temporary directory (short, so socket paths fit
 * `sun_path`), removing it and whatever `fn` left in it afterwards.
 */
export declare function withTempDir<T>(fn: (dir: string) => T): T;
/**
 * Runs `fn` with SIGPIPE blocked on this thread and reports whether it
 * raised one (a blocked signal stays pending even when ignored, as every
 * runtime ignores SIGPIPE). A pending SIGPIPE is consumed and the old mask
 * restored.
 */
export declare function raisesSigpipe(fn: () => void): boolean;
/** Whether this process ignores SIGPIPE (its bit in `SigIgn:` of /proc/self/status). */
export declare function sigpipeIgnored(): boolean;
/** Whether `MIO_FORCE_POLL_POLL=1` is set: every `Poll` then uses the poll(2) selector. */
export declare const FORCE_POLL_POLL: boolean;
/** Whether `MIO_FORCE_WAKER_PIPE=1` is set: wakers then use a pipe, not an eventfd. */
export declare const FORCE_WAKER_PIPE: boolean;
/** What `readlink /proc/self/fd/N` shows for each descriptor of one waker: an eventfd, or two pipe ends. */
export declare const WAKER_FD_LINKS: readonly string[];
/** A descriptor link with the pipe inode number dropped (`pipe:[123]` → `pipe`), to compare with `WAKER_FD_LINKS`. */
export declare function fdKind(link: string): string;
/**
 * The libkqueue that `MIO_KQUEUE_LIB` names (`""` when unset): Linux then
 * runs every `Poll` on the kqueue selector over it, unless
 * `MIO_FORCE_POLL_POLL=1` (tests/run_all.mjs runs the suite a third time so).
 */
export declare const KQUEUE_LIB: string;
/** The selector a `Poll` uses on Linux in this run: `"poll"`, `"kqueue"` (over libkqueue) or `"epoll"`. */
export declare const LINUX_BACKEND: string;
/** Whether this run's `Poll`s use the kqueue selector over libkqueue (a user-space kqueue on Linux). */
export declare const ON_LIBKQUEUE: boolean;
/**
 * The `skip` option of a test that libkqueue cannot pass: when the suite
 * runs over libkqueue, prints `SKIP name: limitation` and returns the
 * reason; otherwise `false`. `limitation` names what libkqueue does
 * differently from a BSD kernel, and where.
 */
export declare function skipOnLibkqueue(name: string, limitation: string): string | false;
/** The descriptors of a libkqueue kqueue are libkqueue's own. */
export declare const LIBKQUEUE_OWN_DESCRIPTORS: string;
/** libkqueue does not re-evaluate readiness when `EV_ADD` modifies an existing filter. */
export declare const LIBKQUEUE_NO_REARM: string;
/** libkqueue reads, and so clears, a socket's pending error when epoll reports EPOLLERR. */
export declare const LIBKQUEUE_TAKES_SO_ERROR: string;
/** libkqueue drops a descriptor's write readiness when its read filter took the last slot of the event list. */
export declare const LIBKQUEUE_FULL_EVENT_LIST: string;
/** libkqueue's read and write filters of one descriptor share one edge-triggered epoll registration. */
export declare const LIBKQUEUE_SHARED_EDGE: string;
/** Why Bun cannot make a resizable or growable ArrayBuffer under qemu-user, or null where it can. */
export declare const QEMU_BUN_RESIZABLE_SKIP: string | null;
/** Whether the suite runs on Windows. */
export declare const ON_WINDOWS: boolean;
/**
 * Whether the suite runs under Wine (tests/run_windows.mjs sets
 * `MIO_TS_WINE=1`): a test skips there only what Wine does differently from
 * Windows, and names it.
 */
export declare const UNDER_WINE: boolean;
/** Why a test does not apply to Windows, by what it needs. */
export declare const NOT_ON_WINDOWS: {
    /** Unix-domain sockets. */
    readonly uds: string;
    /** pipe(2) and its `Sender`/`Receiver`. */
    readonly pipe: string;
    /** `SourceFd`. */
    readonly sourceFd: string;
    /** The selectors and wakers of Unix. */
    readonly unixSelector: string;
    /** Linux's C headers, compiled. */
    readonly linuxHeaders: string;
    /** libc's variadic functions. */
    readonly variadic: string;
    /** Linux errno numbers. */
    readonly linuxErrno: string;
    /** Signals. */
    readonly sigpipe: string;
    /** File descriptor flags. */
    readonly fdFlags: string;
    /** /proc. */
    readonly proc: "reads Linux's /proc";
    /** SO_REUSEPORT. */
    readonly reusePort: string;
    /** Raw descriptors through libc. */
    readonly libc: "calls libc on a raw descriptor (read/write/close/dup through libc.so.6), which Windows does not have";
};
/**
 * The `skip` option of a test that does not apply to Windows: there, prints
 * `SKIP name: reason` and returns the reason; elsewhere `false`.
 */
export declare function skipOnWindows(name: string, reason: string): string | false;
/**
 * The `skip` option of a test that Wine cannot pass though Windows would:
 * under Wine, prints `SKIP name: Wine limitation: ...` and returns it;
 * elsewhere `false`. `limitation` names what Wine does differently.
 */
export declare function skipUnderWine(name: string, limitation: string): string | false;
/** A test body, as `test` takes it. */
type TestBody = () => void | Promise<void>;
/**
 * `test` (node:test's, passed in) for a file none of whose tests apply to
 * Windows: there each is skipped with `reason` printed, so that it still
 * counts; elsewhere it is `test(name, [options,] fn)` unchanged.
 */
export declare function testUnlessWindows(nodeTest: typeof test, reason: string): (name: string, optionsOrFn: {
    skip?: string | boolean;
} | TestBody, fn?: TestBody) => void;
/**
 * Imports a module that loads on Unix only (it opens libc.so.6 at import).
 * On Windows, where the tests that use it skip, each of its exports is a
 * stand-in that throws if a test uses it after all.
 */
export declare function importUnix<T extends object>(load: () => Promise<T>): Promise<T>;
/**
 * The error number this OS gives the error `code` names, as `IoError.errno`
 * carries it: Linux's errno, or on Windows the Winsock error (`WSAE...`)
 * with that code. Throws for a code the table of this OS does not have.
 */
export declare function errnoOf(code: string): number;
/**
 * Asserts `fn` throws an `IoError` from the OS (errno non-zero) that
 * `syscall` reported; returns it. For the cases where Linux and Windows
 * report different errors and a test only claims "the OS's error".
 */
export declare function assertOsError(fn: () => unknown, syscall: string): IoError;
/**
 * A connected stream pair: `UnixStream.pair()`, or on Windows, which has no
 * Unix-domain sockets (as in mio), a TCP pair over loopback (`tcpPair()`).
 */
export declare function streamPair(): [TcpStream, TcpStream] | [UnixStream, UnixStream];
/**
 * Removes directory `dir` and everything in it, one entry at a time: Bun
 * under Wine 8 fails every recursive removal with EFAULT (`rmSync` and
 * `rmdirSync` with `recursive`), while it removes files and empty
 * directories.
 */
export declare function removeDir(dir: string): void;
