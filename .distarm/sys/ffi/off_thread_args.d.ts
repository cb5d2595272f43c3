/**
 * The argument rule of `Ffi.openOffThread`, checked the same way by every
 * backend: a call that runs on another thread gets its buffers from a
 * `SharedArrayBuffer`, whose memory the engine never moves and other
 * threads may see.
 *
 * @module
 */
import type { SymbolSpec } from "./ffi.ts";
/**
 * Throws a `TypeError` unless `args` has one argument per parameter of
 * `spec` and every `buffer` argument is a view of a `SharedArrayBuffer`.
 */
export declare function checkOffThreadArgs(name: string, spec: SymbolSpec, args: readonly unknown[]): void;
