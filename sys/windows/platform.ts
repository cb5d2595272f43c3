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
import { windowsSocketOps } from "./net.ts";
import { windowsUdpOps } from "./udp.ts";
import { osError } from "./errno_windows.ts";
import { threadExit } from "./thread_exit_fls.ts";
import { keepingHeld } from "../thread_exit.ts";
import { unsupportedPipeOps, unsupportedUdsOps } from "./unsupported.ts";
import { windowsNamedPipeOps } from "./named_pipe.ts";
import { isSharedQueueValue, SharedQueueRegistrar } from "../shared_changes.ts";
import { INTERRUPT_KEY, postPacket, WAKER_KEY } from "./completion_port.ts";
import { overlappedSources } from "./overlapped_source.ts";
import { IoError } from "../error.ts";

/**
 * Registers with another Worker's IOCP selector through its change queue,
 * waking its wait with a packet that reports nothing. Sockets only: a named
 * pipe's overlapped state lives in the Worker that opened it.
 *
 * @throws {TypeError} unless `value` is what an IOCP `Registry.share()` returned.
 */
function sharedRegistrar(value: unknown): SharedQueueRegistrar {
  if (!isSharedQueueValue(value, "iocp") || value.wakeKind !== "iocp") {
    throw new TypeError("value must be what Registry.share() returned");
  }
  const port = value.wakeFd;
  return new SharedQueueRegistrar(value, () => postPacket(port, 0, INTERRUPT_KEY, 0), (fd) => {
    if (overlappedSources.has(fd)) {
      throw new IoError(
        "Unsupported",
        "a named pipe cannot be registered through a shared Registry: its overlapped operations belong to " +
          "the Worker that opened it; register it in the Poll's Worker",
        { code: "EOPNOTSUPP" },
      );
    }
  });
}

/** A waker located by its port and id (a wake is a packet carrying them). */
function locateWaker(waker: SysWaker, into: Float64Array): void {
  const value = keepingHeld(() => waker.share()) as SharedIocpWakerValue;
  into[0] = value.fd;
  into[1] = value.id;
}

/** Posts a wake packet to the port `locateWaker` wrote (not coalesced: each packet reports). */
function wakeAt(location: Float64Array): void {
  postPacket(location[0]!, 0, WAKER_KEY, location[1]!);
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
    threadExit,
  };
}
