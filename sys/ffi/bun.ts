/**
 * The FFI backend for Bun: `bun:ffi`.
 *
 * @module
 */
import { processArch, processEnv, processLinuxLibc, processOs } from "./process_platform.ts";
import type { Bound, Ffi, NativeType, SymbolTable } from "./ffi.ts";
import { type BunOffThreadApi, bunOpenOffThread } from "./bun_off_thread.ts";
import { nativeView } from "./off_thread_args.ts";

type BunSymbols<Name extends string = string> = Record<Name, { args: string[]; returns: string }>;

/** The part of `bun:ffi` this file uses (local, so `tsc` needs no Bun types). */
interface BunFfiApi extends BunOffThreadApi {
  dlopen<Name extends string>(path: string, symbols: BunSymbols<Name>): {
    symbols: Record<Name, (...args: unknown[]) => unknown>;
  };
  toArrayBuffer(pointer: number, offset: number, length: number): ArrayBuffer;
}

// A computed specifier keeps Deno's and tsc's module graphs away from `bun:`.
const bunFfiSpecifier = ["bun", "ffi"].join(":");
const bun = (await import(bunFfiSpecifier)) as BunFfiApi;

/** `bun:ffi`'s name for `t`; `i64_fast` gives a number where it fits (a HANDLE or address always does). */
function bunType(t: NativeType): string {
  return t === "buffer" ? "ptr" : t === "isize" ? "i64_fast" : t;
}

function open<S extends SymbolTable>(library: string, table: S): Bound<S> {
  const spec: BunSymbols = {};
  for (const [name, s] of Object.entries(table)) {
    spec[name] = { args: s.args.map(bunType), returns: bunType(s.result) };
  }
  return bun.dlopen(library, spec).symbols as unknown as Bound<S>;
}

function errnoReader(library: string, locationSymbol: string): () => number {
  const lib = bun.dlopen(library, { [locationSymbol]: { args: [], returns: "ptr" } });
  // errno lives at a fixed address per thread: view it in place.
  const cell = new Int32Array(bun.toArrayBuffer(lib.symbols[locationSymbol]!() as number, 0, 4));
  return () => cell[0]!;
}

function view(address: number, length: number): ArrayBuffer {
  return nativeView(bun.toArrayBuffer(address, 0, length));
}

/** The Bun FFI backend. */
export const ffi: Ffi = {
  runtime: "bun",
  os: processOs,
  arch: processArch,
  open,
  openOffThread: bunOpenOffThread(bun, processOs),
  offThreadSliceMs: null,
  watchReadable: () => null,
  errnoReader,
  view,
  env: processEnv,
  linuxLibc: processLinuxLibc,
  bindsAtImport: false,
  simulatedLibrary: null,
};
