/**
 * The platform this process runs on, chosen once at import: the FFI and the
 * selector for this OS and architecture. The only place that branches on
 * the OS: an OS or architecture mio-ts does not support fails here, before
 * any library is opened; Windows loads `windows/platform.ts`, every other
 * OS `unix/platform.ts`.
 *
 * @module
 */
import { ffi } from "./ffi/load.ts";
import type { Platform } from "./contract.ts";
import { unsupportedPlatform } from "./support.ts";

const unsupported = unsupportedPlatform(ffi.os, ffi.arch);
if (unsupported !== null) throw unsupported;

/** The platform this process runs on. */
export const platform: Platform = ffi.os === "windows"
  ? (await import("./windows/platform.ts")).windowsPlatform()
  : (await import("./unix/platform.ts")).unixPlatform();
