/**
 * The wait behind `Selector.waitAsync` for selectors made of descriptors
 * (epoll, poll(2)): one poll(2), run off the JavaScript thread by
 * `libcOffThread`, over a `SharedArrayBuffer` copy of the `pollfd`s the
 * selector hands in, plus a private cancel descriptor in slot 0 that
 * `interrupt()` signals. The selector then reads its events on the
 * JavaScript thread with a zero-timeout `select`.
 *
 * Where the runtime bounds how long one off-thread call may block
 * (`Ffi.offThreadSliceMs`: Node), a longer wait is a series of poll(2)s of
 * at most that long each, until one finds something ready, the timeout
 * passed or `interrupt()` was called.
 *
 * The cancel descriptor (an eventfd, or a pipe with
 * `MIO_FORCE_WAKER_PIPE=1`: the selector's waker kind) is made at the first
 * wait, so a `Poll` that never waits asynchronously opens nothing more.
 *
 * @module
 */
import { errno, libc, libcOffThread } from "./libc.ts";
import { C, osError } from "./unix_os.ts";
import { ffi } from "../ffi/load.ts";
import type { LinuxLayouts } from "../layout.ts";
import { moreSlices, nextSliceMs } from "../wait_slices.ts";
import type { FdWaker, FdWakerFactory } from "./wakers.ts";

/** The longest one off-thread poll(2) blocks, or `null` for as long as the wait's timeout. */
const SLICE_MS = ffi.offThreadSliceMs;

/** One off-thread poll(2) at a time, interruptible, over a copy of a selector's `pollfd`s. */
export class OffThreadWait {
  readonly #layout: LinuxLayouts["pollfd"];
  readonly #newCancel: FdWakerFactory;
  #cancel: FdWaker | null = null;
  /** `[cancel, ...copied pollfds]`, in memory the other thread may use: never moved. */
  #pollfds = new Uint8Array(new SharedArrayBuffer(0));
  #view = new DataView(this.#pollfds.buffer);
  #pending = false;
  /** The number of records the pending poll(2) watches. */
  #count = 0;
  #interrupted = false;
  /** What `close()` left to do once the pending wait returned. */
  #afterWait: (() => void) | null = null;

  /**
   * Uses the `pollfd` layout given; `newCancel` makes the cancel descriptor
   * (the kind of descriptor the selector's wakers use).
   */
  constructor(pollfd: LinuxLayouts["pollfd"], newCancel: FdWakerFactory) {
    this.#layout = pollfd;
    this.#newCancel = newCancel;
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
    const cancel = this.#cancel ??= this.#newCancel();
    const size = this.#layout.size;
    const bytes = (count + 1) * size;
    if (this.#pollfds.byteLength < bytes) {
      this.#pollfds = new Uint8Array(new SharedArrayBuffer(bytes * 2));
      this.#view = new DataView(this.#pollfds.buffer);
    }
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
   * Closes the cancel descriptor, then calls `release` (which closes the
   * selector's descriptors): at once when no wait is pending; otherwise
   * after interrupting the wait, once its poll(2) returned — a descriptor
   * closed under a blocked poll(2) does not wake it, and its number could
   * be reused meanwhile.
   */
  close(release: () => void): void {
    const finish = () => {
      this.#cancel?.close();
      this.#cancel = null;
      release();
    };
    if (!this.#pending) return finish();
    this.#afterWait = finish;
    this.interrupt();
  }
}
