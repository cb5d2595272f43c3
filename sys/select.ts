/**
 * Chooses, once at import, the FFI and the selector for this OS and
 * architecture. The only place that branches on the platform.
 *
 * @module
 */
import { ffi } from "./ffi/load.ts";
import { hasLayouts, linuxLayouts } from "./layout.ts";
import type { Platform } from "./platform.ts";
import { EpollSelector } from "./unix/epoll.ts";
import { EventfdWaker } from "./unix/eventfd_waker.ts";
import type { FdWakerFactory } from "./unix/fd_waker.ts";
import { PipeWaker } from "./unix/pipe_waker.ts";
import { PollSelector } from "./unix/poll.ts";
import { unixSocketOps } from "./unix/net.ts";
import { osError } from "./unix/os_error.ts";
import { SockaddrCodec } from "./unix/sockaddr.ts";
import { unixUdpOps } from "./unix/udp.ts";
import { unixDomainSocketOps } from "./unix/uds.ts";
import { SockaddrUnCodec } from "./unix/sockaddr_un.ts";
import { unixPipeOps } from "./unix/pipe.ts";
import { SharedFdWaker } from "./unix/shared_waker.ts";
import { SharedEpollSelector } from "./unix/shared_epoll.ts";
import { KqueueSelector } from "./unix/kqueue.ts";
import { KqueueChanges } from "./unix/kqueue_changes.ts";
import { SharedKqueueSelector } from "./unix/shared_kqueue.ts";
import { SharedUserWaker } from "./unix/kqueue_waker.ts";
import { type KqueueTarget, libkqueueTarget, openKqueue } from "./unix/kqueue_targets.ts";

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
    sharedSelector: (value: unknown) => SharedKqueueSelector.from(shared, value),
  };
}

function linux(): Platform {
  const layouts = linuxLayouts(ffi.arch);
  const newWaker: FdWakerFactory = forcePipe ? () => new PipeWaker() : () => new EventfdWaker();
  const shared = {
    sharedWaker: (value: unknown) => SharedFdWaker.from(value),
    sharedSelector: (value: unknown) => SharedEpollSelector.from(layouts.epoll_event, value),
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
  return {
    runtime: ffi.runtime,
    ...selector,
    net: unixSocketOps(new SockaddrCodec(layouts)),
    udp: unixUdpOps(layouts, new SockaddrCodec(layouts)),
    uds: unixDomainSocketOps(new SockaddrUnCodec(layouts.sockaddr_un)),
    pipe: unixPipeOps(),
    osError,
  };
}

function choose(): Platform {
  if (ffi.os === "linux" && hasLayouts(ffi.os, ffi.arch)) return linux();
  throw new Error(`mio-ts: ${ffi.os}/${ffi.arch} is not supported yet (Linux x86_64 and aarch64 are)`);
}

/** The platform this process runs on. */
export const platform: Platform = choose();
