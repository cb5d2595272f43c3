/**
 * Detects the JavaScript runtime once and loads its FFI backend.
 *
 * @module
 */
import type { Ffi } from "./ffi.ts";
/** The FFI backend of the runtime this code runs on, chosen once at import. */
export declare const ffi: Ffi;
