/**
 * The FFI backend for Node: `koffi`.
 *
 * @module
 */
import { createRequire } from "node:module";
import { processArch, processEnv, processLinuxLibc, processOs } from "./process_platform.ts";
import type { Bound, Ffi, NativeType, OffThreadBound, OffThreadFunction, SymbolTable } from "./ffi.ts";
import { checkOffThreadArgs, nativeView } from "./off_thread_args.ts";
import { libuvWatches } from "./node_event_loop.ts";

/** A function koffi bound: callable, and `async` to run it on a libuv pool thread. */
export interface KoffiFunction {
  (...args: unknown[]): number;
  /** Calls on a thread of libuv's pool; `callback` gets the error or the result. */
  async(...args: unknown[]): void;
}

/** The part of koffi the Node backend uses (local, so the graph needs no koffi types). */
export interface KoffiApi {
  /** Opens a library; `null`: the running program and the libraries it loaded. */
  load(path: string | null): { func(name: string, result: string, args: unknown[]): KoffiFunction };
  errno(): number;
  view(address: number, length: number): ArrayBuffer;
  /** Declares a C function type, for callbacks. */
  proto(declaration: string): unknown;
  /** The pointer type to `type`. */
  pointer(type: unknown): unknown;
  /** A C function pointer of type `type` that calls `fn` (on this thread). */
  register(fn: (...args: never[]) => unknown, type: unknown): unknown;
}

const koffi = createRequire(import.meta.url)("koffi") as KoffiApi;

const KOFFI_TYPES: Record<NativeType, string> = {
  i32: "int32_t",
  u32: "uint32_t",
  usize: "size_t",
  isize: "intptr_t",
  buffer: "void *",
  void: "void",
};

function open<S extends SymbolTable>(library: string, table: S): Bound<S> {
  const lib = koffi.load(library);
  const bound: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(table)) {
    bound[name] = lib.func(name, KOFFI_TYPES[s.result], s.args.map((t) => KOFFI_TYPES[t]));
  }
  return bound as Bound<S>;
}

/**
 * Binds `table` for koffi's `fn.async`: each call runs on a thread of
 * libuv's pool (4 by default, `UV_THREADPOOL_SIZE`, shared with `fs`, `dns`
 * and `crypto`; a call waits for a free one) and a pending call keeps the
 * process alive.
 */
function openOffThread<S extends SymbolTable>(library: string, table: S): OffThreadBound<S> {
  const lib = koffi.load(library);
  const bound: Record<string, OffThreadFunction> = {};
  for (const [name, s] of Object.entries(table)) {
    const fn = lib.func(name, KOFFI_TYPES[s.result], s.args.map((t) => KOFFI_TYPES[t]));
    bound[name] = (...args) => {
      checkOffThreadArgs(name, s, args);
      return new Promise((resolve, reject) => {
        fn.async(...args, (error: unknown, result: number) => error ? reject(error) : resolve(result));
      });
    };
  }
  return bound as OffThreadBound<S>;
}

/** koffi saves errno itself after every call; the location symbol is not needed. */
function errnoReader(): () => number {
  return () => koffi.errno();
}

/**
 * How long one off-thread call may block on Node (`Ffi.offThreadSliceMs`):
 * the longest a `process.exit()`, an uncaught exception or a Worker's
 * `terminate()` waits for a pending `pollAsync()`; a wait that long costs
 * one extra return to the event loop and one new call.
 */
const OFF_THREAD_SLICE_MS = 100;

/** The Node FFI backend. */
export const ffi: Ffi = {
  runtime: "node",
  os: processOs,
  arch: processArch,
  open,
  openOffThread,
  offThreadSliceMs: OFF_THREAD_SLICE_MS,
  watchReadable: libuvWatches(koffi, processOs),
  errnoReader,
  view: (address, length) => nativeView(koffi.view(address, length)),
  env: processEnv,
  linuxLibc: processLinuxLibc,
  bindsAtImport: true,
  simulatedLibrary: null,
};
