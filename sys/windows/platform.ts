/**
 * The Windows platform: the IOCP selector (AFD polls), Winsock socket
 * operations, and unsupported Unix-domain socket and pipe operations.
 * `sys/current.ts` imports this file only on Windows.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { Platform } from "../contract.ts";
import { OVERLAPPED_ENTRY } from "./layout.ts";
import { IocpSelector } from "./iocp_selector.ts";
import { SharedIocpWaker } from "./iocp_waker.ts";
import { windowsSocketOps } from "./net.ts";
import { windowsUdpOps } from "./udp.ts";
import { osError } from "./errno_windows.ts";
import { unsupportedPipeOps, unsupportedUdsOps } from "./unsupported.ts";
import { windowsNamedPipeOps } from "./named_pipe.ts";

/**
 * Refuses a shared registry: the IOCP selector cannot be shared (see
 * `IocpSelector.share`), so no value can come from one.
 */
function sharedRegistrar(_value: unknown): never {
  throw new TypeError("value must be what Registry.share() returned (the IOCP selector does not share)");
}

/** The Windows platform (x86_64 and aarch64: same layouts). */
export function windowsPlatform(): Platform {
  return {
    runtime: ffi.runtime,
    backend: "iocp",
    rawEventSize: OVERLAPPED_ENTRY.size,
    maxEvents: 0xffffffff, // GetQueuedCompletionStatusEx's count is a ULONG
    newSelector: () => new IocpSelector(),
    sharedWaker: (value: unknown) => SharedIocpWaker.from(value),
    sharedRegistrar,
    net: windowsSocketOps(),
    udp: windowsUdpOps(),
    uds: unsupportedUdsOps,
    pipe: unsupportedPipeOps,
    namedPipe: windowsNamedPipeOps(),
    osError,
  };
}
