/**
 * The argument rule of `Ffi.openOffThread`, checked the same way by every
 * backend: a call that runs on another thread gets its buffers from a
 * `SharedArrayBuffer`, whose memory the engine never moves and other
 * threads may see, or from native memory viewed with `Ffi.view`.
 *
 * @module
 */
import type { SymbolSpec } from "./ffi.ts";

/** The buffers `Ffi.view` made, over memory outside the JavaScript heap. */
const nativeViews = new WeakSet<ArrayBuffer>();

/** Records `buffer`, made by `Ffi.view`, as native memory (an off-thread call may use it); returns it. */
export function nativeView(buffer: ArrayBuffer): ArrayBuffer {
  nativeViews.add(buffer);
  return buffer;
}

/**
 * Throws a `TypeError` unless `args` has one argument per parameter of
 * `spec` and every `buffer` argument is a view of a `SharedArrayBuffer` or
 * of native memory (`nativeView`).
 */
export function checkOffThreadArgs(name: string, spec: SymbolSpec, args: readonly unknown[]): void {
  if (args.length !== spec.args.length) {
    throw new TypeError(`${name} takes ${spec.args.length} arguments, got ${args.length}`);
  }
  for (let i = 0; i < args.length; i++) {
    if (spec.args[i] !== "buffer") continue;
    const arg = args[i];
    if (
      !ArrayBuffer.isView(arg) ||
      !(arg.buffer instanceof SharedArrayBuffer || nativeViews.has(arg.buffer as ArrayBuffer))
    ) {
      throw new TypeError(
        `${name}: argument ${i} must be a typed array over a SharedArrayBuffer or native memory (the call runs off ` +
          `the JavaScript thread)`,
      );
    }
  }
}
