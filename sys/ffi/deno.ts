/**
 * The FFI backend for Deno: `Deno.dlopen`.
 *
 * @module
 */
import type { Arch, Bound, Ffi, OffThreadBound, OffThreadFunction, Os, SymbolTable } from "./ffi.ts";
import { checkOffThreadArgs, nativeView } from "./off_thread_args.ts";
import { pointerCache, withPointerArgs } from "./deno_pointer_args.ts";

type DenoSymbols = Record<string, { parameters: string[]; result: string; nonblocking?: boolean }>;

/** The part of Deno's API this file uses (local, so `tsc` needs no Deno types). */
interface DenoFfiApi {
  dlopen(path: string, symbols: DenoSymbols): {
    symbols: Record<string, (...args: unknown[]) => unknown>;
  };
  build: { os: Os; arch: Arch; env?: string };
  UnsafePointerView: { getArrayBuffer(pointer: unknown, length: number): ArrayBuffer };
  UnsafePointer: { create(value: bigint): unknown };
  permissions: { querySync(descriptor: { name: "env"; variable: string }): { state: string } };
  env: { get(name: string): string | undefined };
}

const deno = (globalThis as unknown as { Deno: DenoFfiApi }).Deno;

/**
 * Deno returns every 64-bit result as a `bigint`: the symbols whose result
 * is `isize` are wrapped to return a number instead.
 */
function numberResults(
  table: SymbolTable,
  symbols: Record<string, (...args: unknown[]) => unknown>,
): Record<string, (...args: unknown[]) => unknown> {
  const bound: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, s] of Object.entries(table)) {
    // Every name of `table` was bound.
    const call = symbols[name]!;
    bound[name] = s.result !== "isize" ? call : (...args) => {
      const r = call(...args);
      return r instanceof Promise ? r.then(Number) : Number(r);
    };
  }
  return bound;
}

/** Numbers given for `isize` parameters, as Deno pointer objects (see deno_pointer_args.ts). */
const toPointer = pointerCache((value) => deno.UnsafePointer.create(value));

function open<S extends SymbolTable>(library: string, table: S): Bound<S> {
  const spec: DenoSymbols = {};
  for (const [name, s] of Object.entries(table)) {
    // An `isize` parameter is declared as a pointer: numbers are passed as cached pointer objects.
    spec[name] = { parameters: s.args.map((t) => t === "isize" ? "pointer" : t), result: s.result };
  }
  const symbols = numberResults(table, deno.dlopen(library, spec).symbols);
  for (const [name, s] of Object.entries(table)) {
    const isPointer = s.args.map((t) => t === "isize");
    if (isPointer.includes(true)) symbols[name] = withPointerArgs(symbols[name]!, isPointer, toPointer);
  }
  return symbols as unknown as Bound<S>;
}

/**
 * Binds `table` with `nonblocking: true`: Deno runs each call on a thread of
 * its blocking pool and resolves the promise on the event loop; a pending
 * call keeps the process alive.
 */
function openOffThread<S extends SymbolTable>(library: string, table: S): OffThreadBound<S> {
  const spec: DenoSymbols = {};
  for (const [name, s] of Object.entries(table)) {
    spec[name] = { parameters: [...s.args], result: s.result, nonblocking: true };
  }
  const symbols = numberResults(table, deno.dlopen(library, spec).symbols) as Record<
    string,
    OffThreadFunction
  >;
  const bound: Record<string, OffThreadFunction> = {};
  for (const [name, s] of Object.entries(table)) {
    const call = symbols[name]!;
    bound[name] = (...args) => {
      checkOffThreadArgs(name, s, args);
      return call(...args);
    };
  }
  return bound as OffThreadBound<S>;
}

function errnoReader(library: string, locationSymbol: string): () => number {
  const lib = deno.dlopen(library, { [locationSymbol]: { parameters: [], result: "pointer" } });
  // errno lives at a fixed address per thread: view it in place.
  const cell = new Int32Array(
    deno.UnsafePointerView.getArrayBuffer(lib.symbols[locationSymbol]!(), 4),
  );
  return () => cell[0]!;
}

function view(address: number, length: number): ArrayBuffer {
  return nativeView(
    deno.UnsafePointerView.getArrayBuffer(deno.UnsafePointer.create(BigInt(address)), length),
  );
}

/** Reads `name` only where `--allow-env` grants it, so Deno never prompts. */
function env(name: string): string | undefined {
  if (deno.permissions.querySync({ name: "env", variable: name }).state !== "granted") return undefined;
  return deno.env.get(name);
}

/** The Deno FFI backend. */
export const ffi: Ffi = {
  runtime: "deno",
  os: deno.build.os,
  arch: deno.build.arch,
  open,
  openOffThread,
  offThreadSliceMs: null,
  watchReadable: () => null,
  errnoReader,
  view,
  env,
  linuxLibc: () => deno.build.os !== "linux" ? null : deno.build.env === "musl" ? "musl" : "glibc",
  bindsAtImport: false,
  simulatedLibrary: null,
};
