/**
 * Detects the JavaScript runtime once and loads its FFI backend.
 *
 * @module
 */
import type { Ffi } from "./ffi.ts";

const g = globalThis as { Deno?: unknown; Bun?: unknown };

/** The FFI backend of the runtime this code runs on, chosen once at import. */
export const ffi: Ffi = g.Deno !== undefined
  ? (await import("./deno.ts")).ffi
  : g.Bun !== undefined
  ? (await import("./bun.ts")).ffi
  : (await import("./node.ts")).ffi;
