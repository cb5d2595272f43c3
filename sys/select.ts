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

/** mio's `mio_unsupported_force_poll_poll`: use the poll(2) selector. */
const forcePoll = ffi.env("MIO_FORCE_POLL_POLL") === "1";
/** mio's `mio_unsupported_force_waker_pipe`: wake through a pipe, not an eventfd. */
const forcePipe = ffi.env("MIO_FORCE_WAKER_PIPE") === "1";

function linux(): Platform {
  const layouts = linuxLayouts(ffi.arch);
  const newWaker: FdWakerFactory = forcePipe ? () => new PipeWaker() : () => new EventfdWaker();
  const selector = forcePoll
    ? {
      backend: "poll" as const,
      rawEventSize: 0, // the poll(2) selector decodes straight into tokens and readiness
      newSelector: () => new PollSelector(layouts.pollfd, newWaker),
    }
    : {
      backend: "epoll" as const,
      rawEventSize: layouts.epoll_event.size,
      newSelector: () => new EpollSelector(layouts.epoll_event, newWaker),
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
