import type { Ffi } from "./ffi.ts";
/** The Node FFI backend. */
export declare const ffi: Ffi;
