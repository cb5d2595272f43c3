/**
 * The platform this process runs on, chosen once at import: the FFI and the
 * selector for this OS and architecture. The only place that branches on
 * the OS: Windows loads `windows/platform.ts`, every other OS
 * `unix/platform.ts` (which loads libc, so it must never be imported on
 * Windows).
 *
 * @module
 */
import { ffi } from "./ffi/load.ts";
import type { Platform } from "./contract.ts";

/** The platform this process runs on. */
export const platform: Platform = ffi.os === "windows"
  ? (await import("./windows/platform.ts")).windowsPlatform()
  : (await import("./unix/platform.ts")).unixPlatform();
