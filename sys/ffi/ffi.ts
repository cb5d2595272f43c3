/**
 * The one interface every FFI backend implements. Nothing outside `sys/ffi/`
 * knows which JavaScript runtime is running; it asks this interface.
 *
 * @module
 */

/** The C types a symbol's parameters and result may have. */
export type NativeType =
  | "i32" // int
  | "u32" // unsigned int
  | "usize" // size_t (a number that fits in 53 bits)
  | "buffer" // a Uint8Array/Int32Array passed as a pointer to its first byte
  | "void";

/** One C function: its parameter and result types, and its C prototype. */
export interface SymbolSpec {
  /** The C prototype, for readers and for the layout of the table. */
  readonly c: string;
  /** Parameter types, in order. */
  readonly args: readonly NativeType[];
  /** Result type; 64-bit results are never used, so results are numbers. */
  readonly result: NativeType;
}

/** A table of C functions to bind, keyed by symbol name. */
export type SymbolTable = Record<string, SymbolSpec>;

/** A bound C function: typed arrays and numbers in, a number out. */
// deno-lint-ignore no-explicit-any
export type NativeFunction = (...args: any[]) => number;

/** The bound functions of a symbol table. */
export type Bound<S extends SymbolTable> = { readonly [K in keyof S]: NativeFunction };

/** Which runtime's FFI is in use. */
export type Runtime = "deno" | "bun" | "node";

/** Operating systems, named as `Deno.build.os` names them. */
export type Os = "linux" | "darwin" | "windows" | "freebsd" | "netbsd" | "openbsd" | "android";

/** CPU architectures, named as `Deno.build.arch` names them. */
export type Arch = "x86_64" | "aarch64";

/** What each runtime's FFI file provides. */
export interface Ffi {
  /** The runtime whose FFI this is. */
  readonly runtime: Runtime;
  /** The operating system this process runs on. */
  readonly os: Os;
  /** The CPU architecture this process runs on. */
  readonly arch: Arch;
  /** Opens a shared library and binds the symbols of `table`. */
  open<S extends SymbolTable>(library: string, table: S): Bound<S>;
  /**
   * Returns a reader of the calling thread's `errno`, given the C library and
   * its errno-location function (`__errno_location` on Linux, `__error` on
   * Apple and the BSDs). Read it at once after a call returned its failure
   * value, before any other native call can change it.
   */
  errnoReader(library: string, locationSymbol: string): () => number;
  /**
   * The value of environment variable `name`, or `undefined` when it is unset
   * or the runtime may not read it (Deno without `--allow-env`): never
   * prompts, never throws.
   */
  env(name: string): string | undefined;
}
