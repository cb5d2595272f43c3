/**
 * The Windows platform: the IOCP selector (AFD polls), Winsock socket
 * operations, and unsupported Unix-domain socket and pipe operations.
 * `sys/select.ts` imports this file only on Windows.
 *
 * @module
 */
import { ffi } from "../ffi/load.js";
import { OVERLAPPED_ENTRY } from "./layout.js";
import { IocpSelector } from "./iocp_selector.js";
import { SharedIocpWaker } from "./iocp_waker.js";
import { windowsSocketOps } from "./net.js";
import { windowsUdpOps } from "./udp.js";
import { osError } from "./os_error.js";
import { unsupportedPipeOps, unsupportedUdsOps } from "./unsupported.js";
import { windowsNamedPipeOps } from "./named_pipe.js";
/**
 * Refuses a shared registry: the IOCP selector cannot be shared (see
 * `IocpSelector.share`), so no value can come from one.
 */
function sharedSelector(_value) {
    throw new TypeError("value must be what Registry.share() returned (the IOCP selector does not share)");
}
/** The Windows platform (x86_64 and aarch64: same layouts). */
export function windowsPlatform() {
    return {
        runtime: ffi.runtime,
        backend: "iocp",
        rawEventSize: OVERLAPPED_ENTRY.size,
        newSelector: () => new IocpSelector(),
        sharedWaker: (value) => SharedIocpWaker.from(value),
        sharedSelector,
        net: windowsSocketOps(),
        udp: windowsUdpOps(),
        uds: unsupportedUdsOps,
        pipe: unsupportedPipeOps,
        namedPipe: windowsNamedPipeOps(),
        osError,
    };
}
