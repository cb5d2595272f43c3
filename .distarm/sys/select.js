/**
 * Chooses, once at import, the FFI and the selector for this OS and
 * architecture. The only place that branches on the platform: Windows
 * loads `windows/platform.ts`, every other OS `unix/platform.ts` (which
 * loads libc, so it must never be imported on Windows).
 *
 * @module
 */
import { ffi } from "./ffi/load.js";
/** The platform this process runs on. */
export const platform = ffi.os === "windows"
    ? (await import("./windows/platform.js")).windowsPlatform()
    : (await import("./unix/platform.js")).unixPlatform();
