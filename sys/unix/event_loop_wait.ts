/**
 * The wait behind `Selector.waitAsync` where the runtime's own event loop
 * can watch the selector's descriptor (`Ffi.watchReadable`: Node's main
 * thread). An epoll descriptor is readable while `epoll_wait` has events to
 * return, so the loop calls back when there is something to collect: no
 * thread blocks in poll(2), and no result is handed over from one. The
 * selector then reads its events on the JavaScript thread with a
 * zero-timeout `select`, as after an off-thread wait (`OffThreadWait`).
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { ReadableWatch } from "../ffi/ffi.ts";

/** One wait at a time on the event loop's watch of one descriptor. */
export class EventLoopWait {
  readonly #watch: ReadableWatch;
  #resolve: (() => void) | null = null;
  /** The pending wait's timeout, if it has one. */
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  readonly #start = (resolve: () => void): void => {
    this.#resolve = resolve;
  };
  /** Ends the pending wait (made once, so a wait allocates only its promise, and its timer). */
  readonly #end = (): void => {
    const resolve = this.#resolve;
    if (resolve === null) return;
    this.#resolve = null;
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#watch.disarm();
    resolve();
  };

  private constructor(watch: ReadableWatch) {
    this.#watch = watch;
  }

  /**
   * A wait on `fd` through the event loop, or `null` where the runtime
   * offers no watch, or its loop refuses `fd`.
   */
  static open(fd: number): EventLoopWait | null {
    let wait: EventLoopWait | null = null;
    const watch = ffi.watchReadable(fd, () => wait!.#end());
    if (watch === null) return null;
    try {
      watch.arm();
      watch.disarm();
    } catch {
      watch.close();
      return null;
    }
    wait = new EventLoopWait(watch);
    return wait;
  }

  /**
   * Resolves once the descriptor is readable, `timeoutMs` passed (-1: no
   * limit), or `interrupt()` was called. One wait at a time.
   *
   * @throws `Error` (as a rejection) if the event loop refuses the descriptor.
   */
  wait(timeoutMs: number): Promise<void> {
    if (this.#resolve !== null) throw new Error("EventLoopWait: one wait at a time");
    const promise = new Promise<void>(this.#start);
    try {
      this.#watch.arm();
    } catch (e) {
      this.#resolve = null;
      return Promise.reject(e);
    }
    if (timeoutMs >= 0) this.#timer = setTimeout(this.#end, timeoutMs);
    return promise;
  }

  /** Ends the pending wait now; nothing when none is pending. */
  interrupt(): void {
    this.#end();
  }

  /** Stops watching (before the descriptor is closed) and ends a pending wait. */
  close(): void {
    this.#watch.close();
    this.#end();
  }
}
