/**
 * The FFI backend for Deno: `Deno.dlopen`.
 *
 * @module
 */
import type { Ffi } from "./ffi.ts";
/** The Deno FFI backend. */
export declare const ffi: Ffi;
