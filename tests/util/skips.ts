/**
 * Skipping a test where it does not apply, with the reason printed: `test`
 * (node:test's, printing `SKIP name: reason` for each skipped test, since not
 * every runtime's reporter shows the reason), the conditions `onWindows`,
 * `underWine` and `onLibkqueue`, and the reasons shared between files.
 *
 * @module
 */
import { test as nodeTest, type TestContext } from "node:test";
import {
  currentRuntime,
  ON_LIBKQUEUE,
  ON_SIMULATED_ABI,
  ON_WINDOWS,
  SIMULATED_OS,
  UNDER_QEMU,
  UNDER_WINE,
} from "./platform.ts";

/** Why a test is skipped, or `false` when it runs: the `skip` option of `test`. */
export type Skip = string | false;

/** A test body, as `test` takes it. */
type TestBody = (t: TestContext) => void | Promise<void>;

/** The options of `test`: node:test's, with `skip` a printed reason. */
export interface TestOptions {
  /** Why the test is skipped (printed), or `false` (or absent) when it runs. */
  skip?: Skip;
  /** node:test's time limit, in milliseconds. */
  timeout?: number;
}

/**
 * node:test's `test(name, [options,] fn)`; when `options.skip` is a reason,
 * prints `SKIP name: reason` and skips the test with it, so each test's name
 * is written once.
 */
export function test(name: string, optionsOrFn: TestOptions | TestBody, fn?: TestBody): void {
  const body = typeof optionsOrFn === "function" ? optionsOrFn : fn!;
  const options = typeof optionsOrFn === "function" ? {} : optionsOrFn;
  if (typeof options.skip === "string") console.log(`SKIP ${name}: ${options.skip}`);
  nodeTest(name, options, body);
}

/**
 * For a part of a test that is left out where `skip` is a reason (the rest
 * runs): then prints `SKIP what: reason`. Returns `skip`.
 */
export function skipPart(what: string, skip: Skip): Skip {
  if (typeof skip === "string") console.log(`SKIP ${what}: ${skip}`);
  return skip;
}

/** `reason` when the suite does not run on Windows, else `false`: for a Windows-only test. */
export function offWindows(reason: string): Skip {
  return ON_WINDOWS ? false : reason;
}

/** `reason` when the suite runs on Windows, else `false`: for a test that does not apply there. */
export function onWindows(reason: string): Skip {
  return ON_WINDOWS ? reason : false;
}

/**
 * Under Wine, `Wine limitation: ` and `limitation` (what Wine does
 * differently from Windows), else `false`: for a test that Wine cannot pass
 * though Windows would.
 */
export function underWine(limitation: string): Skip {
  return UNDER_WINE ? `Wine limitation: ${limitation}` : false;
}

/**
 * Over libkqueue, `libkqueue limitation: ` and `limitation` (what libkqueue
 * does differently from a BSD kernel, and where), else `false`.
 */
export function onLibkqueue(limitation: string): Skip {
  return ON_LIBKQUEUE ? `libkqueue limitation: ${limitation}` : false;
}

/**
 * Under the simulated ABI of macOS or FreeBSD (`MIO_TS_SIMULATE_OS`),
 * `simulated <os> ABI: ` and `reason` — a Linux-only behaviour the test
 * pins (the BSDs and macOS have none), or a gap of the simulation listed in
 * tests/simulated_abi/sim_abi.c's header — else `false`.
 */
export function onSimulatedAbi(reason: string): Skip {
  return ON_SIMULATED_ABI ? `simulated ${SIMULATED_OS} ABI: ${reason}` : false;
}

/** Why a test pinning Linux behaviour does not apply under the simulated ABI of macOS or FreeBSD. */
export const LINUX_ONLY = {
  /** Abstract Unix socket names. */
  abstract:
    "abstract Unix socket names exist only on Linux and Android (mio's SocketAddr::as_abstract_name " +
    "is cfg(linux, android)); on macOS and FreeBSD they are Unsupported",
  /** Autobind of an unnamed Unix socket. */
  autobind:
    "binding a Unix socket to an unnamed address autobinds an abstract name on Linux only; the BSDs " +
    "and macOS refuse it",
  /** /proc. */
  proc: "reads Linux's /proc (macOS and FreeBSD have none; under the simulation the descriptors are Linux's)",
  /** epoll and eventfd. */
  epoll: "tests epoll or eventfd, which only Linux and Android have (macOS and FreeBSD use kqueue)",
  /** Linux's errno and constant numbers. */
  numbers: "pins Linux's own numbers (errno, fcntl, socket constants); macOS's and FreeBSD's are pinned by " +
    "tests/kqueue_layout.test.ts and tests/simulated_abi.test.ts",
  /** The simulated kqueue's descriptors. */
  kqueueDescriptors:
    "the simulated kqueue is four Linux descriptors (an epoll instance holding two inner ones and " +
    "an eventfd: tests/simulated_abi/sim_abi.c's header) where a kernel's kqueue is one",
  /** sun_path's size. */
  sunPath: "pins Linux's 108-byte sun_path; macOS's and FreeBSD's holds 104 bytes",
} as const;

/**
 * `test` for a file none of whose tests apply to Windows: there each is
 * skipped with `reason` printed, so that it still counts; elsewhere it is
 * `test(name, [options,] fn)` unchanged.
 */
export function testUnlessWindows(
  reason: string,
): (name: string, optionsOrFn: TestOptions | TestBody, fn?: TestBody) => void {
  return (name, optionsOrFn, fn) => {
    const body = typeof optionsOrFn === "function" ? optionsOrFn : fn!;
    const options = typeof optionsOrFn === "function" ? {} : optionsOrFn;
    test(name, { ...options, skip: onWindows(reason) || options.skip }, body);
  };
}

/** Why a test does not apply to Windows, by what it needs. */
export const NOT_ON_WINDOWS = {
  /** Unix-domain sockets. */
  uds: "Unix-domain sockets are Unix-only (mio's UnixListener, UnixStream and UnixDatagram are " +
    "cfg(unix)); on Windows they throw IoError Unsupported",
  /** pipe(2) and its `Sender`/`Receiver`. */
  pipe: "pipe(2) and mio::unix::pipe are Unix-only; Windows has NamedPipe " +
    "(tests/windows_named_pipe.test.ts)",
  /** `SourceFd`. */
  sourceFd: "SourceFd registers a raw Unix file descriptor (mio::unix::SourceFd is cfg(unix)); " +
    "Windows registers sockets and named pipes only",
  /** The selectors and wakers of Unix. */
  unixSelector: "tests the Unix selectors and wakers themselves (epoll, poll(2), kqueue, eventfd, pipes " +
    "through libc); Windows has one selector, IOCP with AFD polls",
  /** Signals. */
  sigpipe: "SIGPIPE is a Unix signal; Windows has none (a write to a reset connection fails with " +
    "WSAECONNRESET or WSAECONNABORTED)",
  /** /proc. */
  proc: "reads Linux's /proc",
  /** SO_REUSEPORT. */
  reusePort: "SO_REUSEPORT is Unix-only; Windows has no option that lets two sockets share a port and " +
    "balances connections between them (TcpListener.bind's reusePort throws Unsupported there)",
} as const;

/** The descriptors of a libkqueue kqueue are libkqueue's own. */
export const LIBKQUEUE_OWN_DESCRIPTORS = "a libkqueue kqueue is seven descriptors of its own making " +
  "(src/linux/platform.c): the kqueue descriptor is the write end of a close-detection pipe, beside its " +
  "read end, an epoll instance created without O_NONBLOCK, an eventfd, a socketpair and a signalfd, and " +
  "the first kqueue opens two process-wide ones; a BSD kernel's kqueue is one descriptor";

/** libkqueue does not re-evaluate readiness when `EV_ADD` modifies an existing filter. */
export const LIBKQUEUE_NO_REARM = "EV_ADD on a descriptor's existing read or write filter only updates " +
  "udata/fflags (evfilt_read_knote_modify in src/linux/read.c, likewise write.c): it does not re-check " +
  "readiness, so reregister() does not report a source that is still ready; a BSD kernel re-evaluates the " +
  "filter on EV_ADD (FreeBSD kqueue_register calls f_event) and reports it";

/** libkqueue reads, and so clears, a socket's pending error when epoll reports EPOLLERR. */
export const LIBKQUEUE_TAKES_SO_ERROR = "on EPOLLERR libkqueue calls getsockopt(SO_ERROR) to fill the " +
  "event's fflags (src/linux/read.c, write.c), which clears the socket's pending error, so takeError(), " +
  "read() and write() no longer see it; a BSD kernel copies so_error into fflags without clearing it";

/** libkqueue drops a descriptor's write readiness when its read filter took the last slot of the event list. */
export const LIBKQUEUE_FULL_EVENT_LIST = "a descriptor's write readiness is dropped when its read " +
  "filter took the last free slot of kevent's event list (linux_kevent_copyout in src/linux/platform.c, " +
  "its 'no more available kevent slots' path), and the edge-triggered epoll registration does not report " +
  "it again; a BSD kernel keeps the unreported filter queued for the next kevent";

/** libkqueue's read and write filters of one descriptor share one edge-triggered epoll registration. */
export const LIBKQUEUE_SHARED_EDGE = "a descriptor's read and write filters share one edge-triggered epoll " +
  "registration (struct fd_state, src/linux/platform.c), and epoll reports every ready bit on each edge, " +
  "so a read edge also reports the still-writable write filter again; a BSD kernel activates only the " +
  "filter whose state changed";

/** Why Bun cannot make a resizable or growable ArrayBuffer under qemu-user, or null where it can. */
export const QEMU_BUN_RESIZABLE_SKIP = UNDER_QEMU && currentRuntime() === "bun"
  ? "qemu-user 7.2 fails mprotect(addr, 0, prot) with ENOMEM for any page-aligned non-null addr " +
    "(Linux returns 0), and Bun's JSC, creating a resizable ArrayBuffer or growable SharedArrayBuffer, " +
    'calls mprotect(addr, 0, PROT_NONE) and aborts ("mprotect failed: Cannot allocate memory") when it fails'
  : null;
