/**
 * The Windows platform: the IOCP selector (AFD polls), Winsock socket
 * operations, and unsupported Unix-domain socket and pipe operations.
 * `sys/current.ts` imports this file only on Windows.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { Platform, SysWaker } from "../contract.ts";
import { OVERLAPPED_ENTRY } from "./layout.ts";
import { IocpSelector } from "./iocp_selector.ts";
import { SharedIocpWaker, type SharedIocpWakerValue } from "./iocp_waker.ts";
import { postPacket, WAKER_KEY } from "./completion_port.ts";
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

/** A waker located by its port and id (a wake is a packet carrying them). */
function locateWaker(waker: SysWaker, into: Float64Array): void {
  const value = waker.share() as SharedIocpWakerValue;
  into[0] = value.fd;
  into[1] = value.id;
}

/** Posts a wake packet to the port `locateWaker` wrote (not coalesced: each packet reports). */
function wakeAt(location: Float64Array): void {
  postPacket(location[0], 0, WAKER_KEY, location[1]);
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
    locateWaker,
    wakeAt,
    net: windowsSocketOps(),
    udp: windowsUdpOps(),
    uds: unsupportedUdsOps,
    pipe: unsupportedPipeOps,
    namedPipe: windowsNamedPipeOps(),
    osError,
  };
}
