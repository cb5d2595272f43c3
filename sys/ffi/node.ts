/**
 * The FFI backend for Node: `koffi`.
 *
 * @module
 */
import { createRequire } from "node:module";
import { processArch, processEnv, processOs } from "./process_platform.ts";
import type { Bound, Ffi, NativeType, SymbolTable } from "./ffi.ts";

/** The part of koffi this file uses (local, so the graph needs no koffi types). */
interface KoffiApi {
  load(path: string): { func(name: string, result: string, args: string[]): unknown };
  errno(): number;
}

const koffi = createRequire(import.meta.url)("koffi") as KoffiApi;

const KOFFI_TYPES: Record<NativeType, string> = {
  i32: "int32_t",
  u32: "uint32_t",
  usize: "size_t",
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

/** koffi saves errno itself after every call; the location symbol is not needed. */
function errnoReader(): () => number {
  return () => koffi.errno();
}

/** The Node FFI backend. */
export const ffi: Ffi = {
  runtime: "node",
  os: processOs,
  arch: processArch,
  open,
  errnoReader,
  env: processEnv,
};
