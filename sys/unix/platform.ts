/**
 * The Unix platforms: their selectors (epoll, poll(2), kqueue), wakers,
 * socket, Unix-domain socket and pipe operations. `sys/current.ts` imports
 * this file only on a supported Unix: Linux and Android (epoll), macOS/iOS,
 * FreeBSD, NetBSD, OpenBSD and DragonFly (kqueue), each with its numbers
 * from `unix_os.ts`.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import { type KqueueOs, linuxLayouts } from "../layout.ts";
import type { Platform, SysWaker } from "../contract.ts";
import { EpollSelector, SharedEpollRegistrar } from "./epoll.ts";
import { EventfdWaker, type FdWakerFactory, PipeWaker, SharedFdWaker, wakeFd } from "./wakers.ts";
import { PollSelector } from "./poll.ts";
import { isSharedQueueValue, SharedQueueRegistrar } from "../shared_changes.ts";
import { ipSocketOps, ipUdpOps, SockaddrCodec } from "./sockets.ts";
import { cLibrary, osError, UNIX } from "./unix_os.ts";
import { bindThreadExit, threadExit } from "./thread_exit_keys.ts";
import { keepingHeld } from "../thread_exit.ts";
import { bindLibc } from "./libc.ts";
import { SockaddrUnCodec, unixDomainSocketOps } from "./unix_sockets.ts";
import { unixPipeOps, unsupportedNamedPipeOps } from "./pipe.ts";
import {
  KQUEUE_TARGETS,
  KqueueChanges,
  KqueueSelector,
  type KqueueTarget,
  libkqueueTarget,
  openKqueue,
  SharedKqueueRegistrar,
  SharedUserWaker,
  WAKER_IDENT,
} from "./kqueue.ts";

/** A C `int`'s largest value: the count argument of `kevent` and `poll`, and their results. */
const INT_MAX = 0x7fffffff;

/** `locateWaker`'s first number: how `wakeAt` wakes. */
const AT_EVENTFD = 1;
const AT_PIPE = 2;
const AT_KQUEUE_USER = 3;

/**
 * A selector's waker located by its shared value: kind, descriptor, and the
 * `EVFILT_USER` token. Locating is not sharing: the waker's descriptors stay
 * held (`keepingHeld`); they reach another Worker only inside a `Waker`'s or
 * `Registration`'s shared value, whose making calls the waker's `share()`
 * again.
 */
function locateWaker(waker: SysWaker, into: Float64Array): void {
  const value = keepingHeld(() => waker.share()) as unknown as { kind: string; fd: number; token?: number };
  into[0] = value.kind === "eventfd" ? AT_EVENTFD : value.kind === "pipe" ? AT_PIPE : AT_KQUEUE_USER;
  into[1] = value.fd;
  into[2] = value.token ?? 0;
}

/**
 * Wakes what `locateWaker` located, through `kqueueChanges` for an
 * `EVFILT_USER` waker (only while its event is there: a wake that arrives
 * after the event was deleted adds nothing).
 */
function wakeAt(location: Float64Array, kqueueChanges: KqueueChanges | null): void {
  const at = location[0];
  if (at === AT_KQUEUE_USER && kqueueChanges !== null) {
    kqueueChanges.triggerAddedUserFrom(location[1]!, WAKER_IDENT, location, 2);
  } else {
    wakeFd(at === AT_EVENTFD ? "eventfd" : "pipe", location[1]!);
  }
}

/** mio's `mio_unsupported_force_poll_poll`: use the poll(2) selector. */
const forcePoll = ffi.env("MIO_FORCE_POLL_POLL") === "1";
/** mio's `mio_unsupported_force_waker_pipe`: wake through a pipe, not an eventfd or `EVFILT_USER`. */
const forcePipe = ffi.env("MIO_FORCE_WAKER_PIPE") === "1";
/**
 * The path of libkqueue (a user-space kqueue): when set, Linux runs the
 * kqueue selector over it instead of epoll (`MIO_FORCE_POLL_POLL=1` still
 * wins). Sockets stay Linux's.
 */
const kqueueLibrary = ffi.env("MIO_KQUEUE_LIB") ?? "";

/**
 * The kqueue selector of `target`. Its `Waker` is an `EVFILT_USER` event, or
 * a pipe from `newPipe` where the target has none or with
 * `MIO_FORCE_WAKER_PIPE=1`.
 */
function kqueueSelector(target: KqueueTarget, newPipe: FdWakerFactory) {
  const system = openKqueue(target);
  const wakeWithPipe = forcePipe || target.waker === "pipe";
  // This Worker's changes to other Workers' kqueues (shared registries and wakers).
  const shared = new KqueueChanges(system);
  return {
    backend: "kqueue" as const,
    rawEventSize: target.kevent.size,
    maxEvents: INT_MAX, // kevent's nevents is an int
    newSelector: () => new KqueueSelector(system, newPipe, wakeWithPipe),
    sharedWaker: (value: unknown) =>
      SharedUserWaker.isValue(value) ? SharedUserWaker.from(shared, value) : SharedFdWaker.from(value),
    sharedRegistrar: (value: unknown) => SharedKqueueRegistrar.from(shared, value),
    locateWaker,
    wakeAt: (location: Float64Array) => wakeAt(location, shared),
  };
}

/**
 * Registers with another Worker's poll(2) selector through its change
 * queue, waking it through its wake descriptor.
 *
 * @throws {TypeError} unless `value` is what a poll(2) `Registry.share()` returned.
 */
function sharedPollRegistrar(value: unknown): SharedQueueRegistrar {
  if (!isSharedQueueValue(value, "poll") || (value.wakeKind !== "eventfd" && value.wakeKind !== "pipe")) {
    throw new TypeError("value must be what Registry.share() returned");
  }
  const waker = SharedFdWaker.from({
    type: "mio-ts/waker",
    kind: value.wakeKind,
    fd: value.wakeFd,
    state: value.state,
  });
  return new SharedQueueRegistrar(value, () => waker.wake());
}

/** The socket, Unix-domain socket and pipe operations of this Unix (`unix_os.ts`). */
function sockets() {
  const layouts = UNIX.layouts;
  return {
    net: ipSocketOps(new SockaddrCodec(layouts)),
    udp: ipUdpOps(layouts, new SockaddrCodec(layouts)),
    uds: unixDomainSocketOps(new SockaddrUnCodec(layouts.sockaddr_un, UNIX.kqueueOs === null)),
    pipe: unixPipeOps(),
    namedPipe: unsupportedNamedPipeOps,
    osError,
    threadExit,
  };
}

/**
 * A kqueue OS: the kqueue selector over its C library (the simulated-ABI
 * library under `MIO_TS_SIMULATE_OS`), or the poll(2) selector with
 * `MIO_FORCE_POLL_POLL=1`; wakers wake through `EVFILT_USER` where mio
 * uses it, else (and with `MIO_FORCE_WAKER_PIPE=1`) a pipe.
 */
function bsd(os: KqueueOs): Platform {
  const layouts = UNIX.layouts;
  const { library, errnoSymbol } = cLibrary();
  const target: KqueueTarget = { ...KQUEUE_TARGETS[os], library, libc: library, errnoSymbol };
  const newPipe: FdWakerFactory = () => new PipeWaker();
  const selector = forcePoll
    ? {
      backend: "poll" as const,
      rawEventSize: 0, // the poll(2) selector decodes straight into tokens and readiness
      maxEvents: INT_MAX, // poll returns an int count
      newSelector: () => new PollSelector(layouts.pollfd, newPipe),
      sharedWaker: (value: unknown) => SharedFdWaker.from(value),
      sharedRegistrar: sharedPollRegistrar,
      locateWaker,
      wakeAt: (location: Float64Array) => wakeAt(location, null),
    }
    : kqueueSelector(target, newPipe);
  return { runtime: ffi.runtime, ...selector, ...sockets() };
}

function linux(): Platform {
  const layouts = linuxLayouts(ffi.arch);
  const newWaker: FdWakerFactory = forcePipe ? () => new PipeWaker() : () => new EventfdWaker();
  const shared = {
    sharedWaker: (value: unknown) => SharedFdWaker.from(value),
    sharedRegistrar: (value: unknown) => SharedEpollRegistrar.from(layouts.epoll_event, value),
    locateWaker,
    wakeAt: (location: Float64Array) => wakeAt(location, null),
  };
  const selector = forcePoll
    ? {
      backend: "poll" as const,
      rawEventSize: 0, // the poll(2) selector decodes straight into tokens and readiness
      maxEvents: INT_MAX, // poll returns an int count
      newSelector: () => new PollSelector(layouts.pollfd, newWaker),
      sharedWaker: shared.sharedWaker,
      sharedRegistrar: sharedPollRegistrar,
      locateWaker: shared.locateWaker,
      wakeAt: shared.wakeAt,
    }
    : kqueueLibrary !== ""
    ? kqueueSelector(libkqueueTarget(kqueueLibrary), () => new PipeWaker())
    : {
      backend: "epoll" as const,
      rawEventSize: layouts.epoll_event.size,
      // Linux's EP_MAX_EVENTS (fs/eventpoll.c): epoll_wait refuses more with EINVAL.
      maxEvents: Math.floor(INT_MAX / layouts.epoll_event.size),
      newSelector: () => new EpollSelector(layouts.epoll_event, layouts.pollfd, newWaker),
      ...shared,
    };
  return { runtime: ffi.runtime, ...selector, ...sockets() };
}

/**
 * The Unix platform this process runs on: Linux and Android (epoll, or
 * poll(2) / kqueue over libkqueue when asked), or a kqueue OS. Where the
 * FFI binds everything at import (`Ffi.bindsAtImport`), libc and the
 * thread-exit keys are opened here.
 */
export function unixPlatform(): Platform {
  if (ffi.bindsAtImport) {
    bindLibc();
    bindThreadExit();
  }
  return UNIX.kqueueOs === null ? linux() : bsd(UNIX.kqueueOs);
}
