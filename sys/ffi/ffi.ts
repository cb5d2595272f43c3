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
  | "isize" // intptr_t: a HANDLE, SOCKET or address, as a number (-1 stays -1)
  | "buffer" // a Uint8Array/Int32Array passed as a pointer to its first byte
  | "void";

/** One C function: its parameter and result types, and its C prototype. */
export interface SymbolSpec {
  /** The C prototype, for readers and for the layout of the table. */
  readonly c: string;
  /** Parameter types, in order. */
  readonly args: readonly NativeType[];
  /** Result type; results are numbers (an `isize` result too). */
  readonly result: NativeType;
}

/** A table of C functions to bind, keyed by symbol name. */
export type SymbolTable = Record<string, SymbolSpec>;

/** A bound C function: typed arrays and numbers in, a number out. */
// deno-lint-ignore no-explicit-any
export type NativeFunction = (...args: any[]) => number;

/** The bound functions of a symbol table. */
export type Bound<S extends SymbolTable> = { readonly [K in keyof S]: NativeFunction };

/**
 * A C function bound by `Ffi.openOffThread`: it runs on another thread and
 * its promise resolves with the C result once it returned there.
 */
// deno-lint-ignore no-explicit-any
export type OffThreadFunction = (...args: any[]) => Promise<number>;

/** The functions of a symbol table bound by `Ffi.openOffThread`. */
export type OffThreadBound<S extends SymbolTable> = { readonly [K in keyof S]: OffThreadFunction };

/** Which runtime's FFI is in use. */
export type Runtime = "deno" | "bun" | "node";

/** Operating systems, named as `Deno.build.os` names them. */
export type Os =
  | "linux"
  | "darwin"
  | "windows"
  | "freebsd"
  | "netbsd"
  | "openbsd"
  | "dragonfly"
  | "android";

/** The C libraries of Linux that mio-ts tells apart (Android's bionic is the `android` OS). */
export type LinuxLibc = "glibc" | "musl";

/** CPU architectures, named as `Deno.build.arch` names them. */
export type Arch = "x86_64" | "aarch64";

/**
 * A descriptor watched by the calling thread's own event loop
 * (`Ffi.watchReadable`): no thread of its own waits for it.
 */
export interface ReadableWatch {
  /**
   * Calls the watch's `onReadable` once, from the event loop, when the
   * descriptor is readable (soon after, if it is already), and keeps the
   * process alive until then or until `disarm()`.
   *
   * @throws `Error` with the event loop's error name if it refuses the descriptor.
   */
  arm(): void;
  /** No call until the next `arm()`; the process may exit meanwhile. */
  disarm(): void;
  /** Stops watching for good; call it before the descriptor is closed. Idempotent. */
  close(): void;
}

/** What each runtime's FFI file provides. */
export interface Ffi {
  /** The runtime whose FFI this is. */
  readonly runtime: Runtime;
  /** The operating system this process runs on. */
  readonly os: Os;
  /** The CPU architecture this process runs on. */
  readonly arch: Arch;
  /**
   * On Linux, which C library the runtime runs on: `"glibc"` or `"musl"`,
   * as the runtime reports it (Deno: `Deno.build.env`; Node and Bun: whether
   * `process.report`'s header has a `glibcVersionRuntime`); `null` on every
   * other OS. Asked once, when the C library is first opened (Node's report
   * costs ~25 ms).
   */
  linuxLibc(): LinuxLibc | null;
  /**
   * The simulated-ABI library to open instead of the C library, or `null`:
   * set only by the test-only `MIO_TS_SIMULATE_OS` (see `load.ts`).
   */
  readonly simulatedLibrary: string | null;
  /**
   * Whether the platform opens every library it may call and binds all of
   * their functions at import, not at first use. Node: koffi aborts the whole
   * process (`FATAL ERROR: Error::ThrowAsJavaScriptException napi_throw`)
   * when a Worker is terminated while koffi loads itself, a library or a
   * declaration (once the Worker is stopping, a Node-API call in koffi
   * fails, koffi throws, the throw cannot be delivered, and koffi's build
   * makes that fatal: it lacks `NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS`,
   * koffi 3.3.4), so every binding is made while a Worker imports mio-ts:
   * after the import, no terminate() lands in one. What stays open: a
   * terminate() during the import itself, and on Windows each `view` (a
   * native memory block), which koffi makes the same way. Deno and Bun:
   * `false`, each library is opened at its first use.
   */
  readonly bindsAtImport: boolean;
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
   * Opens a shared library and binds the symbols of `table` to run OFF the
   * JavaScript thread, for calls that wait (poll(2)) and must not block the
   * runtime's event loop. Each call returns a promise of the C result.
   *
   * - Every `buffer` argument must be a typed array over a
   *   `SharedArrayBuffer` or over native memory from `view` (a `TypeError`
   *   otherwise): such memory is never moved by the engine and is visible
   *   to other threads. The caller keeps it referenced, and does not reuse
   *   it, until the promise settles. A call may return after its realm
   *   ended (a Worker terminated while it waits), and Deno's then writes
   *   into its buffers all the same, which the realm's end freed if they
   *   were a `SharedArrayBuffer`'s: memory the call may write after that
   *   belongs in native memory the realm's end does not free.
   * - `errno` after a failed call belongs to the other thread and is lost:
   *   a caller that needs the reason repeats the call on the JavaScript
   *   thread in a form that does not wait.
   * - A pending call keeps the process alive; with none pending, nothing is
   *   held (an idle process exits).
   * - Calls run concurrently, each on its own thread. The mechanism, per
   *   runtime: Deno, symbols declared `nonblocking: true` (a thread of
   *   Deno's blocking pool per pending call: 32 at once, shared with file
   *   system work); Node, koffi's `fn.async` (a thread of libuv's pool per
   *   pending call: 4 by default, `UV_THREADPOOL_SIZE`, shared with `fs`,
   *   `dns` and `crypto`); Bun, a native thread per concurrently pending
   *   call, built at first use by `bun:ffi`'s `cc` (TinyCC, part of Bun)
   *   and reporting through an N-API thread-safe function (see
   *   `bun_off_thread.ts`).
   */
  openOffThread<S extends SymbolTable>(library: string, table: S): OffThreadBound<S>;
  /**
   * The longest one `openOffThread` call should block, in milliseconds, or
   * `null` for no limit: a wait longer than this is made of several calls.
   * Node: a libuv pool thread blocked in a call keeps the process from
   * exiting and a terminated Worker from ending until the call returns, and
   * nothing can make it return from outside (a Worker's `terminate()` runs
   * none of its JavaScript), so each call returns within this slice. Deno
   * and Bun end a realm with calls pending: no limit.
   */
  readonly offThreadSliceMs: number | null;
  /**
   * A watch of descriptor `fd` on the calling thread's own event loop, which
   * calls `onReadable` when it is readable, or `null` where the runtime
   * offers none. Node's main thread: a libuv `uv_poll_t` on the default
   * loop, bound from the Node binary itself, so a wait costs no thread and
   * no hand-over from one. Deno, Bun, a Node Worker (whose loop koffi cannot
   * reach) and Windows: `null`; their waits use `openOffThread`.
   */
  watchReadable(fd: number, onReadable: () => void): ReadableWatch | null;
  /**
   * An `ArrayBuffer` over `length` bytes of native memory at `address`
   * (memory the caller allocated outside the JavaScript heap, e.g. with
   * `HeapAlloc` or `calloc`). The engine never moves it; the caller frees
   * it, and must not touch the buffer afterwards. An off-thread call may
   * take it (`openOffThread`).
   */
  view(address: number, length: number): ArrayBuffer;
  /**
   * The value of environment variable `name`, or `undefined` when it is unset
   * or the runtime may not read it (Deno without `--allow-env`): never
   * prompts, never throws.
   */
  env(name: string): string | undefined;
}
