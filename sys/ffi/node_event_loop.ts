/**
 * `Ffi.watchReadable` on Node's main thread: a libuv `uv_poll_t` on the
 * default loop, whose functions koffi binds from the Node binary itself
 * (it exports libuv for native addons). The loop watches the descriptor
 * beside Node's own I/O and calls back on the JavaScript thread: no pool
 * thread blocks, and none hands the result over.
 *
 * A Worker's loop is not the default loop and koffi cannot reach it, so a
 * Worker gets no watch (its waits use `openOffThread`), and neither does
 * Windows, where the selectors have no descriptor to watch.
 *
 * The handle stays started between waits while its descriptor is not
 * readable, so a loop of waits adds no `epoll_ctl` each; a call that comes
 * while no wait is armed stops it (libuv's poll is level-triggered, and
 * would call again on every turn of the loop). An armed handle is
 * referenced (it keeps the process alive), a disarmed one is not.
 *
 * @module
 */
import { isMainThread } from "node:worker_threads";
import type { ReadableWatch } from "./ffi.ts";
import type { KoffiApi, KoffiFunction } from "./node.ts";

/** `UV_POLL` of libuv's `uv_handle_type` (stable across libuv 1.x). */
const UV_POLL = 8;
/** `UV_READABLE` of libuv's `uv_poll_event`. */
const UV_READABLE = 1;

/** The libuv (and C library) functions the watches call, with their C prototypes. */
interface Libuv {
  /** `uv_loop_t *uv_default_loop(void)` */
  uv_default_loop: KoffiFunction;
  /** `size_t uv_handle_size(uv_handle_type type)` */
  uv_handle_size: KoffiFunction;
  /** `int uv_poll_init(uv_loop_t *loop, uv_poll_t *handle, int fd)` */
  uv_poll_init: KoffiFunction;
  /** `int uv_poll_start(uv_poll_t *handle, int events, uv_poll_cb cb)` */
  uv_poll_start: KoffiFunction;
  /** `int uv_poll_stop(uv_poll_t *handle)` */
  uv_poll_stop: KoffiFunction;
  /** `void uv_ref(uv_handle_t *handle)` */
  uv_ref: KoffiFunction;
  /** `void uv_unref(uv_handle_t *handle)` */
  uv_unref: KoffiFunction;
  /** `void uv_close(uv_handle_t *handle, uv_close_cb close_cb)` */
  uv_close: KoffiFunction;
  /** `const char *uv_err_name(int err)` */
  uv_err_name: (err: number) => string;
  /** `void *calloc(size_t count, size_t size)` */
  calloc: KoffiFunction;
  /** `void free(void *ptr)` */
  free: KoffiFunction;
  /** The `uv_poll_cb` every handle is started with. */
  pollCallback: unknown;
  /** The `uv_close_cb` that frees a closed handle's memory. */
  closeCallback: unknown;
  /** The size of a `uv_poll_t`. */
  pollSize: number;
}

/** The watches by the address of their handle, for the one poll callback. */
const watches = new Map<number, LibuvWatch>();

/** One `uv_poll_t` over one descriptor. */
class LibuvWatch implements ReadableWatch {
  readonly #uv: Libuv;
  /** The handle's address (`calloc`'d; freed by the close callback). */
  readonly #handle: number;
  readonly #onReadable: () => void;
  #started = false;
  #armed = false;
  #closed = false;

  constructor(uv: Libuv, handle: number, onReadable: () => void) {
    this.#uv = uv;
    this.#handle = handle;
    this.#onReadable = onReadable;
  }

  arm(): void {
    if (this.#closed) throw new Error("ReadableWatch: closed");
    if (!this.#started) {
      const r = this.#uv.uv_poll_start(this.#handle, UV_READABLE, this.#uv.pollCallback);
      if (r < 0) throw new Error(`uv_poll_start: ${this.#uv.uv_err_name(r)}`);
      this.#started = true;
    }
    if (!this.#armed) this.#uv.uv_ref(this.#handle);
    this.#armed = true;
  }

  disarm(): void {
    if (!this.#armed) return;
    this.#armed = false;
    this.#uv.uv_unref(this.#handle);
  }

  /**
   * The loop found the descriptor readable, or failed to poll it (`status`
   * < 0: libuv has stopped the handle then; the wait's select meets the
   * error, if it lasts).
   */
  fired(status: number): void {
    if (status < 0) this.#started = false;
    if (!this.#armed) {
      if (this.#started) this.#uv.uv_poll_stop(this.#handle);
      this.#started = false;
      return;
    }
    this.disarm();
    try {
      this.#onReadable();
    } catch (e) {
      // Thrown back into libuv it would end the process; as an uncaught exception it is reported.
      queueMicrotask(() => {
        throw e;
      });
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.disarm();
    watches.delete(this.#handle);
    this.#uv.uv_close(this.#handle, this.#uv.closeCallback);
  }
}

/** Binds libuv from the running Node binary, or `null` if any symbol is missing. */
function bindLibuv(koffi: KoffiApi): Libuv | null {
  try {
    const self = koffi.load(null);
    const PollCallback = koffi.proto("void mio_ts_uv_poll_cb(intptr_t handle, int status, int events)");
    const CloseCallback = koffi.proto("void mio_ts_uv_close_cb(intptr_t handle)");
    const uv = {
      uv_default_loop: self.func("uv_default_loop", "intptr_t", []),
      uv_handle_size: self.func("uv_handle_size", "size_t", ["int"]),
      uv_poll_init: self.func("uv_poll_init", "int", ["intptr_t", "intptr_t", "int"]),
      uv_poll_start: self.func("uv_poll_start", "int", ["intptr_t", "int", koffi.pointer(PollCallback)]),
      uv_poll_stop: self.func("uv_poll_stop", "int", ["intptr_t"]),
      uv_ref: self.func("uv_ref", "void", ["intptr_t"]),
      uv_unref: self.func("uv_unref", "void", ["intptr_t"]),
      uv_close: self.func("uv_close", "void", ["intptr_t", koffi.pointer(CloseCallback)]),
      uv_err_name: self.func("uv_err_name", "const char *", ["int"]) as unknown as (err: number) => string,
      calloc: self.func("calloc", "intptr_t", ["size_t", "size_t"]),
      free: self.func("free", "void", ["intptr_t"]),
    };
    const pollCallback = koffi.register(
      (handle: number, status: number) => watches.get(handle)?.fired(status),
      koffi.pointer(PollCallback),
    );
    const closeCallback = koffi.register((handle: number) => uv.free(handle), koffi.pointer(CloseCallback));
    const pollSize = uv.uv_handle_size(UV_POLL);
    return { ...uv, pollCallback, closeCallback, pollSize };
  } catch {
    return null;
  }
}

/**
 * `Ffi.watchReadable` for Node: a libuv watch on the main thread of a
 * Unix, `null` elsewhere. Bound at import, as every koffi binding is
 * (`Ffi.bindsAtImport`).
 */
export function libuvWatches(
  koffi: KoffiApi,
  os: string,
): (fd: number, onReadable: () => void) => ReadableWatch | null {
  const uv = isMainThread && os !== "windows" ? bindLibuv(koffi) : null;
  if (uv === null) return () => null;
  return (fd, onReadable) => {
    const handle = uv.calloc(1, uv.pollSize);
    if (handle === 0) return null;
    if (uv.uv_poll_init(uv.uv_default_loop(), handle, fd) < 0) {
      uv.free(handle);
      return null;
    }
    const watch = new LibuvWatch(uv, handle, onReadable);
    watches.set(handle, watch);
    return watch;
  };
}
