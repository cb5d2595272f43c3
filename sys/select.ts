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
import { unixSocketOps } from "./unix/net.ts";
import { osError } from "./unix/os_error.ts";
import { SockaddrCodec } from "./unix/sockaddr.ts";

function linux(): Platform {
  const layouts = linuxLayouts(ffi.arch);
  return {
    runtime: ffi.runtime,
    backend: "epoll",
    rawEventSize: layouts.epoll_event.size,
    newSelector: () => new EpollSelector(layouts.epoll_event),
    net: unixSocketOps(new SockaddrCodec(layouts)),
    osError,
  };
}

function choose(): Platform {
  if (ffi.os === "linux" && hasLayouts(ffi.os, ffi.arch)) return linux();
  throw new Error(`mio-ts: ${ffi.os}/${ffi.arch} is not supported yet (Linux x86_64 and aarch64 are)`);
}

/** The platform this process runs on. */
export const platform: Platform = choose();
