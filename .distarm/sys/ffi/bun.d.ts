import type { Ffi } from "./ffi.ts";
/** The Bun FFI backend. */
export declare const ffi: Ffi;
