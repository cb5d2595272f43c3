/**
 * The wait behind `Selector.waitAsync` for selectors made of descriptors
 * (epoll, poll(2)): one poll(2), run off the JavaScript thread by
 * `libcOffThread`, over a copy of the `pollfd`s the selector hands in, plus
 * a private cancel pipe in slot 0 whose write end `interrupt()` writes to.
 * The selector then reads its events on the JavaScript thread with a
 * zero-timeout `select`.
 *
 * Where the runtime bounds how long one off-thread call may block
 * (`Ffi.offThreadSliceMs`: Node), a longer wait is a series of poll(2)s of
 * at most that long each, until one finds something ready, the timeout
 * passed or `interrupt()` was called.
 *
 * A Worker may end while its wait is pending (`terminate()` runs none of
 * its JavaScript). Its thread's end closes the cancel pipe's ends
 * (`threadExit`), and a pipe whose write end is closed is ready (POLLHUP),
 * so the wait returns instead of blocking its thread for the rest of the
 * process. When it returns, the kernel writes the `revents` of the copy:
 * the copy lives in memory of the C library's (`calloc`), not of the
 * JavaScript heap, which the realm's end frees. It is freed when the
 * selector closes with no wait pending; a Worker that ends during a wait
 * leaves its few bytes to the kernel's write.
 *
 * The cancel pipe is made at the first wait, so a `Poll` that never waits
 * asynchronously opens nothing more.
 *
 * @module
 */
import { errno, libc, libcOffThread } from "./libc.ts";
import { C, osError } from "./unix_os.ts";
import { ffi } from "../ffi/load.ts";
import type { LinuxLayouts } from "../layout.ts";
import { moreSlices, nextSliceMs } from "../wait_slices.ts";
import { PipeWaker } from "./wakers.ts";

/** The longest one off-thread poll(2) blocks, or `null` for as long as the wait's timeout. */
const SLICE_MS = ffi.offThreadSliceMs;

/** One off-thread poll(2) at a time, interruptible, over a copy of a selector's `pollfd`s. */
export class OffThreadWait {
  readonly #layout: LinuxLayouts["pollfd"];
  #cancel: PipeWaker | null = null;
  /** The address of `#pollfds`' native memory (`calloc`), or 0 before the first wait and once closed. */
  #address = 0;
  /** `[cancel, ...copied pollfds]`, in native memory the other thread may use: never moved. */
  #pollfds = new Uint8Array(0);
  #view = new DataView(this.#pollfds.buffer);
  #pending = false;
  /** The number of records the pending poll(2) watches. */
  #count = 0;
  #interrupted = false;
  /** What `close()` left to do once the pending wait returned. */
  #afterWait: (() => void) | null = null;

  /** Uses the `pollfd` layout given. */
  constructor(pollfd: LinuxLayouts["pollfd"]) {
    this.#layout = pollfd;
  }

  /** Whether a wait is in progress. */
  get pending(): boolean {
    return this.#pending;
  }

  /**
   * Waits off the JavaScript thread until one of the first `count` records
   * of `pollfds` (a `struct pollfd` array, copied now; its `revents` are
   * left alone) is ready, `timeoutMs` passed (-1: no limit), or
   * `interrupt()` was called. May return early with nothing ready (a
   * signal on the other thread). One wait at a time.
   *
   * @throws `IoError` if poll(2) fails for a reason other than a signal.
   */
  wait(pollfds: Uint8Array, count: number, timeoutMs: number): Promise<void> {
    if (this.#pending) throw new Error("OffThreadWait: one wait at a time");
    const size = this.#layout.size;
    const bytes = (count + 1) * size;
    if (this.#pollfds.byteLength < bytes) this.#allocate(bytes * 2);
    const cancel = this.#cancel ??= new PipeWaker();
    const view = this.#view;
    const { fd, events, revents } = this.#layout.fields;
    view.setInt32(fd.offset, cancel.fd, true);
    view.setInt16(events.offset, C.POLLIN, true);
    view.setInt16(revents.offset, 0, true);
    this.#pollfds.set(pollfds.subarray(0, count * size), size);
    this.#count = count + 1;
    this.#pending = true;
    let returned: Promise<number>;
    try {
      returned = SLICE_MS === null
        ? libcOffThread.poll(this.#pollfds, count + 1, timeoutMs)
        : this.#sliced(count + 1, timeoutMs, SLICE_MS);
    } catch (e) {
      this.#end();
      return Promise.reject(e);
    }
    return returned.then(this.#returned, this.#failed);
  }

  /**
   * Replaces the native copy with a zeroed one of `bytes` bytes.
   *
   * @throws `IoError` if the C library has no memory for it.
   */
  #allocate(bytes: number): void {
    const address = libc.calloc(bytes, 1);
    if (address === 0) throw osError(errno(), "calloc");
    this.#free();
    this.#address = address;
    this.#pollfds = new Uint8Array(ffi.view(address, bytes));
    this.#view = new DataView(this.#pollfds.buffer);
  }

  /** Frees the native copy, if any; no wait may be pending. */
  #free(): void {
    if (this.#address === 0) return;
    this.#pollfds = new Uint8Array(0);
    this.#view = new DataView(this.#pollfds.buffer);
    libc.free(this.#address);
    this.#address = 0;
  }

  /** The poll(2) returned `ready`: ends the wait (its callbacks are made once, not per wait). */
  readonly #returned = (ready: number): void => {
    try {
      if (ready < 0) this.#checkFailure(this.#count);
    } finally {
      this.#end();
    }
  };

  readonly #failed = (error: unknown): never => {
    this.#end();
    throw error;
  };

  #end(): void {
    this.#pending = false;
    if (this.#interrupted) {
      this.#interrupted = false;
      this.#cancel!.reset();
    }
    const after = this.#afterWait;
    this.#afterWait = null;
    after?.();
  }

  /**
   * The wait as poll(2)s of at most `sliceMs` each; returns the last one's
   * result (0: nothing was ready before the timeout or an interrupt).
   */
  async #sliced(count: number, timeoutMs: number, sliceMs: number): Promise<number> {
    const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
    for (;;) {
      const ms = nextSliceMs(deadline, performance.now(), sliceMs);
      const ready = await libcOffThread.poll(this.#pollfds, count, ms);
      if (ready !== 0 || this.#interrupted || !moreSlices(ms, sliceMs, deadline, performance.now())) {
        return ready;
      }
    }
  }

  /**
   * The off-thread poll(2) failed, and its errno is lost with its thread:
   * the same poll(2) without waiting tells whether that was a signal
   * (nothing to report) or an error to throw.
   */
  #checkFailure(count: number): void {
    if (libc.poll(this.#pollfds, count, 0) >= 0) return;
    const e = errno();
    if (e !== C.EINTR && e !== C.EAGAIN) throw osError(e, "poll");
  }

  /** Makes the pending wait return soon; nothing when none is pending. */
  interrupt(): void {
    if (!this.#pending || this.#interrupted || this.#cancel === null) return;
    this.#interrupted = true;
    this.#cancel.wake();
  }

  /**
   * Closes the cancel pipe and frees the native copy, then calls `release`
   * (which closes the selector's descriptors): at once when no wait is
   * pending; otherwise after interrupting the wait, once its poll(2)
   * returned — a descriptor closed under a blocked poll(2) does not wake
   * it, its number could be reused meanwhile, and the poll(2) writes the
   * copy as it returns.
   */
  close(release: () => void): void {
    const finish = () => {
      this.#cancel?.close();
      this.#cancel = null;
      this.#free();
      release();
    };
    if (!this.#pending) return finish();
    this.#afterWait = finish;
    this.interrupt();
  }
}
