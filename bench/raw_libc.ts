/**
 * The libc calls `ffi_micro.ts` times, bound straight through the running
 * runtime's own FFI (`Deno.dlopen`, `bun:ffi`, koffi) with no mio-ts code
 * around them: the baseline the mio-ts layer is measured against. Each is
 * declared the cheapest way the runtime allows (32-bit integers, buffers
 * passed as such); `readUsize` keeps the `size_t` count declared as the C
 * prototype says, to show what that declaration costs.
 *
 * @module
 */
import process from "node:process";
import { createRequire } from "node:module";

/** One C function as the benchmark declares it: parameter kinds and an `int` result. */
interface Decl {
  /** The C symbol. */
  readonly symbol: string;
  /** `i` a 32-bit int, `u` a 64-bit `size_t`, `b` a buffer. */
  readonly params: readonly ("i" | "u" | "b")[];
}

const DECLS = {
  epoll_create1: { symbol: "epoll_create1", params: ["i"] },
  close: { symbol: "close", params: ["i"] },
  socketpair: { symbol: "socketpair", params: ["i", "i", "i", "b"] },
  epoll_wait: { symbol: "epoll_wait", params: ["i", "b", "i", "i"] },
  read: { symbol: "read", params: ["i", "b", "i"] },
  readUsize: { symbol: "read", params: ["i", "b", "u"] },
  recv: { symbol: "recv", params: ["i", "b", "i", "i"] },
  send: { symbol: "send", params: ["i", "b", "i", "i"] },
  // syscall(2) declared with as many parameters as each call needs, as sys/unix/libc.ts does.
  syscall4: { symbol: "syscall", params: ["i", "i", "b", "i"] },
  syscall5: { symbol: "syscall", params: ["i", "i", "b", "i", "i"] },
  syscall6: { symbol: "syscall", params: ["i", "i", "b", "i", "i", "i"] },
  syscall7: { symbol: "syscall", params: ["i", "i", "b", "i", "i", "i", "i"] },
} as const satisfies Record<string, Decl>;

/** A bound function: numbers and typed arrays in, the C `int` result out. */
// deno-lint-ignore no-explicit-any
type Fn = (...args: any[]) => number;

/** The raw bindings, and which runtime made them. */
export interface RawLibc {
  /** `"deno"`, `"bun"` or `"node"`. */
  readonly runtime: string;
  /** The runtime and its version, e.g. `"Deno 2.9.6"`. */
  readonly version: string;
  /** The FFI used, for the report. */
  readonly ffi: string;
  /** The bound functions, keyed as `DECLS`. */
  readonly fn: { readonly [K in keyof typeof DECLS]: Fn };
  /** The calling thread's errno, read the cheapest way the runtime allows. */
  readonly errno: () => number;
}

type DenoType = "i32" | "usize" | "buffer";
interface DenoApi {
  dlopen(
    path: string,
    symbols: Record<string, { name: string; parameters: DenoType[]; result: "i32" | "pointer" }>,
  ): { symbols: Record<string, Fn> };
  UnsafePointerView: { getArrayBuffer(pointer: unknown, length: number): ArrayBuffer };
  version: { deno: string };
}

interface BunApi {
  dlopen(path: string, symbols: Record<string, { args: string[]; returns: "i32" | "ptr" }>): {
    symbols: Record<string, Fn>;
  };
  toArrayBuffer(pointer: number, offset: number, length: number): ArrayBuffer;
}

interface KoffiApi {
  load(path: string): { func(name: string, result: string, params: string[]): Fn };
  errno(): number;
}

const LIBC = "libc.so.6";
const g = globalThis as { Deno?: DenoApi; Bun?: { version: string } };

function bindDeno(deno: DenoApi): RawLibc {
  const types = { i: "i32", u: "usize", b: "buffer" } as const;
  const spec: Record<string, { name: string; parameters: DenoType[]; result: "i32" }> = {};
  for (const [key, d] of Object.entries(DECLS)) {
    spec[key] = { name: d.symbol, parameters: d.params.map((p) => types[p]), result: "i32" };
  }
  const fn = deno.dlopen(LIBC, spec).symbols as RawLibc["fn"];
  const location = deno.dlopen(LIBC, {
    errnoLocation: { name: "__errno_location", parameters: [], result: "pointer" },
  }).symbols.errnoLocation();
  // errno lives at a fixed address per thread: view it in place.
  const cell = new Int32Array(deno.UnsafePointerView.getArrayBuffer(location, 4));
  return {
    runtime: "deno",
    version: `Deno ${deno.version.deno}`,
    ffi: "Deno.dlopen",
    fn,
    errno: () => cell[0],
  };
}

async function bindBun(version: string): Promise<RawLibc> {
  // A computed specifier keeps Deno's and tsc's module graphs away from `bun:`.
  const bun = (await import(["bun", "ffi"].join(":"))) as BunApi;
  const types = { i: "i32", u: "usize", b: "ptr" } as const;
  const fn: Record<string, Fn> = {};
  // bun:ffi names each binding after its symbol: one dlopen per declaration.
  for (const [key, d] of Object.entries(DECLS)) {
    const lib = bun.dlopen(LIBC, { [d.symbol]: { args: d.params.map((p) => types[p]), returns: "i32" } });
    fn[key] = lib.symbols[d.symbol];
  }
  const location = bun.dlopen(LIBC, { __errno_location: { args: [], returns: "ptr" } }).symbols
    .__errno_location();
  const cell = new Int32Array(bun.toArrayBuffer(location, 0, 4));
  return {
    runtime: "bun",
    version: `Bun ${version}`,
    ffi: "bun:ffi",
    fn: fn as RawLibc["fn"],
    errno: () => cell[0],
  };
}

function bindNode(): RawLibc {
  const koffi = createRequire(import.meta.url)("koffi") as KoffiApi;
  const lib = koffi.load(LIBC);
  const types = { i: "int", u: "size_t", b: "void *" } as const;
  const fn: Record<string, Fn> = {};
  for (const [key, d] of Object.entries(DECLS)) {
    fn[key] = lib.func(d.symbol, "int", d.params.map((p) => types[p]));
  }
  // koffi saves errno after every call.
  const errno = () => koffi.errno();
  return {
    runtime: "node",
    version: `Node ${process.version}`,
    ffi: "koffi",
    fn: fn as RawLibc["fn"],
    errno,
  };
}

/** Binds the raw libc calls with this runtime's FFI. */
export async function rawLibc(): Promise<RawLibc> {
  if (g.Deno !== undefined) return bindDeno(g.Deno);
  if (g.Bun !== undefined) return await bindBun(g.Bun.version);
  return bindNode();
}
