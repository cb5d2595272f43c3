/**
 * `Ffi.openOffThread` for Bun, whose FFI has no non-blocking calls: native
 * caller threads (C in bun_off_thread_source.ts, POSIX or Windows threads,
 * compiled at first use by `bun:ffi`'s `cc`, i.e. TinyCC, which Bun
 * carries: nothing is downloaded) run the C functions and report back
 * through an N-API thread-safe function, which this realm's end finalizes:
 * a Worker ended by `process.exit()`, `terminate()` or `self.close()` while
 * a call is pending is never called into (a thread-safe `JSCallback` was,
 * and crashed Bun). The caller threads of an ended realm end too. A call
 * writes only its thread's own memory: its buffer arguments are copied into
 * the thread's scratch memory before it and back when its result arrives,
 * since a call may return after its realm ended and freed its buffers (a
 * completion port closed at a Worker's exit, a timeout).
 *
 * Why not a Worker that runs the calls through its own `dlopen`: measured
 * on a 2-core x86_64 VM (Bun 1.4.5), a Worker parked in poll(2) costs
 * 26–37 µs per wake-up and 4–10 ms to start, a native caller 10–15 µs and
 * one compile of 6–70 ms; and a Worker terminated inside a blocking call
 * can hang the runtime, which a parked native thread never risks.
 *
 * Costs: one native thread per call pending at the same time (threads are
 * kept, parked, for later calls); the compile at the first call. A native
 * thread does not keep Bun's event loop alive, so a ref'd interval timer
 * does while a call is pending.
 *
 * @module
 */
import { mkdtempSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OffThreadBound, OffThreadFunction, Os, SymbolSpec, SymbolTable } from "./ffi.ts";
import { checkOffThreadArgs } from "./off_thread_args.ts";
import { POSIX_SOURCE, WINDOWS_SOURCE } from "./bun_off_thread_source.ts";

/** `bun:ffi` symbol declarations, by name. */
type BunSymbols<Name extends string = string> = Record<Name, { args: string[]; returns: string }>;

/** The part of `bun:ffi` the native callers use. */
export interface BunOffThreadApi {
  /** Compiles the C file `source` with TinyCC (given command-line `flags`) and binds `symbols`. */
  cc<Name extends string>(options: { source: string; flags: string[]; symbols: BunSymbols<Name> }): {
    symbols: Record<Name, (...args: unknown[]) => unknown>;
  };
  /** The address of a typed array's first byte. */
  ptr(view: ArrayBufferView): number;
  /** An `ArrayBuffer` over `length` bytes of native memory at `pointer` + `offset`. */
  toArrayBuffer(pointer: number, offset: number, length: number): ArrayBuffer;
}

/** Arguments each call hands its thread (bun_off_thread_source.ts). */
const ARGS = 6;
/** The longest timer delay; the keep-alive timer never needs to fire. */
const MAX_DELAY_MS = 0x7fffffff;
/** Each buffer's place in a caller's scratch memory is aligned to this many bytes. */
const SCRATCH_ALIGN = 16;
/** The first scratch memory of a caller, in bytes. */
const SCRATCH_MIN = 4096;

/** One native caller thread and the call it runs, if any. */
interface Caller {
  readonly id: number;
  /** The C caller (`struct offthread_caller *`). */
  readonly handle: unknown;
  /** Settles the pending call, or `null` when idle. */
  resolve: ((result: number) => void) | null;
  /** The pending call's arguments, whose buffers get the scratch copies back when it returns. */
  args: readonly unknown[] | null;
  /** The six integer-class words handed to the thread, reused. */
  readonly words: unknown[];
  /**
   * The thread's scratch memory, which its calls' buffer arguments point into
   * (the thread frees it when it ends): a call returning after this realm
   * ended writes there, not into the realm's freed memory.
   */
  scratch: Uint8Array;
  scratchAddress: number;
  /** Per argument, the buffer last passed there, its bytes and their place in `scratch`; reused while the same. */
  readonly buffers: (ArrayBufferView | null)[];
  readonly bytes: Uint8Array[];
  readonly places: Uint8Array[];
}

const NO_BYTES = new Uint8Array(0);

/** The compiled helper and the pool of caller threads. */
class NativeCallers {
  readonly #bun: BunOffThreadApi;
  readonly #symbols: HelperSymbols;
  /** This realm's hub (`struct offthread_hub *`), which calls `#finish`. */
  readonly #hub: unknown;
  readonly #callers: Caller[] = [];
  readonly #idle: Caller[] = [];
  #busy = 0;
  /** A timer that never fires, ref'd while a call is pending: it keeps the event loop alive. */
  readonly #keepAlive: ReturnType<typeof setInterval>;

  constructor(bun: BunOffThreadApi, os: Os) {
    this.#bun = bun;
    this.#symbols = compile(bun, os === "windows");
    // A napi_env parameter takes a placeholder argument; bun:ffi passes the realm's environment.
    this.#hub = this.#symbols.offthread_hub_new(0, (id: number, result: number) => this.#finish(id, result));
    if (!this.#hub) throw new Error("mio-ts: could not set up the native caller threads");
    this.#keepAlive = setInterval(() => {}, MAX_DELAY_MS);
    this.#keepAlive.unref();
  }

  /** The address of `name` in `library`. */
  symbol(library: string, name: string): unknown {
    const encoder = new TextEncoder();
    const address = this.#symbols.offthread_symbol(
      encoder.encode(`${library}\0`),
      encoder.encode(`${name}\0`),
    );
    if (!address) throw new Error(`mio-ts: ${name} not found in ${library}`);
    return address;
  }

  /**
   * Runs `fn` with `args` (numbers, or buffers passed by address: copies in
   * the caller's scratch memory, copied back when it returns) on an idle
   * caller thread.
   */
  call(fn: unknown, args: readonly unknown[], resolve: (result: number) => void): void {
    const caller = this.#idle.pop() ?? this.#newCaller();
    if (!this.#placeBuffers(caller, args)) this.#layOut(caller, args);
    const words = caller.words;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (typeof arg === "number") {
        words[i] = arg;
        continue;
      }
      const place = caller.places[i]!;
      place.set(caller.bytes[i]!);
      words[i] = caller.scratchAddress + place.byteOffset;
    }
    caller.resolve = resolve;
    caller.args = args;
    if (this.#busy++ === 0) this.#keepAlive.ref();
    this.#symbols.offthread_call(caller.handle, fn, ...words);
  }

  /** Whether `args` has the buffers of `caller`'s last call at the same places (their scratch places are kept). */
  #placeBuffers(caller: Caller, args: readonly unknown[]): boolean {
    for (let i = 0; i < ARGS; i++) {
      const arg = i < args.length && typeof args[i] !== "number" ? args[i] : null;
      if (arg !== caller.buffers[i]) return false;
    }
    return true;
  }

  /** Gives each buffer of `args` a place in `caller`'s scratch memory, growing it when they do not fit. */
  #layOut(caller: Caller, args: readonly unknown[]): void {
    let size = 0;
    for (const arg of args) {
      if (typeof arg !== "number") size += align((arg as ArrayBufferView).byteLength);
    }
    if (size > caller.scratch.byteLength) {
      const bytes = Math.max(size, caller.scratch.byteLength * 2, SCRATCH_MIN);
      const address = Number(this.#symbols.offthread_scratch(caller.handle, bytes));
      if (!address) throw new Error("mio-ts: no memory for a native caller thread's scratch");
      caller.scratchAddress = address;
      caller.scratch = new Uint8Array(this.#bun.toArrayBuffer(address, 0, bytes));
    }
    let at = 0;
    for (let i = 0; i < ARGS; i++) {
      const arg = i < args.length && typeof args[i] !== "number" ? args[i] as ArrayBufferView : null;
      caller.buffers[i] = arg;
      if (arg === null) {
        caller.bytes[i] = caller.places[i] = NO_BYTES;
        continue;
      }
      caller.bytes[i] = new Uint8Array(arg.buffer, arg.byteOffset, arg.byteLength);
      caller.places[i] = caller.scratch.subarray(at, at + arg.byteLength);
      at += align(arg.byteLength);
    }
  }

  #newCaller(): Caller {
    const id = this.#callers.length;
    const handle = this.#symbols.offthread_new(this.#hub, id);
    if (!handle) throw new Error("mio-ts: could not start a native caller thread");
    const caller: Caller = {
      id,
      handle,
      resolve: null,
      args: null,
      words: new Array<unknown>(ARGS).fill(0),
      scratch: NO_BYTES,
      scratchAddress: 0,
      buffers: new Array<ArrayBufferView | null>(ARGS).fill(null),
      bytes: new Array<Uint8Array>(ARGS).fill(NO_BYTES),
      places: new Array<Uint8Array>(ARGS).fill(NO_BYTES),
    };
    this.#callers.push(caller);
    return caller;
  }

  /** The thread-safe callback: caller `id` returned `result`. */
  #finish(id: number, result: number): void {
    const caller = this.#callers[id]!;
    const args = caller.args!;
    for (let i = 0; i < args.length; i++) {
      if (typeof args[i] !== "number") caller.bytes[i]!.set(caller.places[i]!);
    }
    const resolve = caller.resolve;
    caller.resolve = null;
    caller.args = null;
    this.#idle.push(caller);
    if (--this.#busy === 0) this.#keepAlive.unref();
    resolve?.(result);
  }
}

/** `bytes` rounded up to a multiple of `SCRATCH_ALIGN`. */
function align(bytes: number): number {
  return Math.ceil(bytes / SCRATCH_ALIGN) * SCRATCH_ALIGN;
}

/**
 * Compiles the caller threads' C source with `cc`, from a temporary file
 * (`cc` reads a path; the source travels inside this module, so a bundle or
 * a `bun build --compile` executable has it too), removed afterwards.
 */
/** The helper's functions, bound by `bun:ffi`. */
type HelperSymbols = Record<
  "offthread_symbol" | "offthread_hub_new" | "offthread_new" | "offthread_scratch" | "offthread_call",
  (...args: unknown[]) => unknown
>;

function compile(bun: BunOffThreadApi, windows: boolean): HelperSymbols {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-"));
  const source = join(dir, "off_thread.c");
  try {
    writeFileSync(source, windows ? WINDOWS_SOURCE : POSIX_SOURCE);
    return bun.cc({
      source,
      // Unix: no libc to link (a machine without libc's development files has no libc.so for
      // TinyCC). Windows: TinyCC links kernel32.dll, where the thread functions are.
      flags: windows ? [] : ["-nostdlib"],
      symbols: {
        offthread_symbol: { args: ["ptr", "ptr"], returns: "ptr" },
        offthread_hub_new: { args: ["napi_env", "napi_value"], returns: "ptr" },
        offthread_new: { args: ["ptr", "i32"], returns: "ptr" },
        offthread_scratch: { args: ["ptr", "u64"], returns: "ptr" },
        offthread_call: { args: ["ptr", "ptr", "i64", "i64", "i64", "i64", "i64", "i64"], returns: "void" },
      },
    }).symbols;
  } finally {
    // One entry at a time: Bun under Wine fails a recursive rm with EFAULT.
    rmSync(source, { force: true });
    rmdirSync(dir);
  }
}

/** Returns `Ffi.openOffThread` for Bun on `os`, over the `bun:ffi` module given. */
export function bunOpenOffThread(
  bun: BunOffThreadApi,
  os: Os,
): <S extends SymbolTable>(library: string, table: S) => OffThreadBound<S> {
  let callers: NativeCallers | null = null;
  return <S extends SymbolTable>(library: string, table: S): OffThreadBound<S> => {
    const bound: Record<string, OffThreadFunction> = {};
    for (const [name, spec] of Object.entries(table) as [string, SymbolSpec][]) {
      if (spec.args.length > ARGS) throw new TypeError(`${name}: at most ${ARGS} arguments off the thread`);
      let fn: unknown = null;
      bound[name] = (...args) => {
        checkOffThreadArgs(name, spec, args);
        // Errors of the first call (the compile, the symbol) reject its promise.
        return new Promise((resolve) => {
          callers ??= new NativeCallers(bun, os);
          fn ??= callers.symbol(library, name);
          callers.call(fn, args, resolve);
        });
      };
    }
    return bound as OffThreadBound<S>;
  };
}
