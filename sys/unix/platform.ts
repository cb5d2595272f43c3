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
import type { Platform } from "../contract.ts";
import { EpollSelector, SharedEpollRegistrar } from "./epoll.ts";
import { EventfdWaker, type FdWakerFactory, PipeWaker, SharedFdWaker } from "./wakers.ts";
import { PollSelector } from "./poll.ts";
import { ipSocketOps, ipUdpOps, SockaddrCodec } from "./sockets.ts";
import { cLibrary, osError, UNIX } from "./unix_os.ts";
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
} from "./kqueue.ts";

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
    newSelector: () => new KqueueSelector(system, newPipe, wakeWithPipe),
    sharedWaker: (value: unknown) =>
      SharedUserWaker.isValue(value) ? SharedUserWaker.from(shared, value) : SharedFdWaker.from(value),
    sharedRegistrar: (value: unknown) => SharedKqueueRegistrar.from(shared, value),
  };
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
      rawEventSize: 0,
      newSelector: () => new PollSelector(layouts.pollfd, newPipe),
      sharedWaker: (value: unknown) => SharedFdWaker.from(value),
      sharedRegistrar: () => {
        throw new TypeError("value must be what Registry.share() returned");
      },
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
  };
  const selector = forcePoll
    ? {
      backend: "poll" as const,
      rawEventSize: 0, // the poll(2) selector decodes straight into tokens and readiness
      newSelector: () => new PollSelector(layouts.pollfd, newWaker),
      ...shared,
    }
    : kqueueLibrary !== ""
    ? kqueueSelector(libkqueueTarget(kqueueLibrary), () => new PipeWaker())
    : {
      backend: "epoll" as const,
      rawEventSize: layouts.epoll_event.size,
      newSelector: () => new EpollSelector(layouts.epoll_event, layouts.pollfd, newWaker),
      ...shared,
    };
  return { runtime: ffi.runtime, ...selector, ...sockets() };
}

/**
 * The Unix platform this process runs on: Linux and Android (epoll, or
 * poll(2) / kqueue over libkqueue when asked), or a kqueue OS.
 */
export function unixPlatform(): Platform {
  return UNIX.kqueueOs === null ? linux() : bsd(UNIX.kqueueOs);
}
