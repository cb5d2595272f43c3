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
export function checkOffThreadArgs(name: string, spec: SymbolSpec, args: readonly unknown[]): void {
  if (args.length !== spec.args.length) {
    throw new TypeError(`${name} takes ${spec.args.length} arguments, got ${args.length}`);
  }
  for (let i = 0; i < args.length; i++) {
    if (spec.args[i] !== "buffer") continue;
    const arg = args[i];
    if (!ArrayBuffer.isView(arg) || !(arg.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError(
        `${name}: argument ${i} must be a typed array over a SharedArrayBuffer (the call runs off the JavaScript thread)`,
      );
    }
  }
}
