/**
 * The wait behind the kqueue selector's `waitAsync`: one kevent(2), run off
 * the JavaScript thread (`KqueueSystem.keventOffThread`), that collects the
 * kqueue's events into a stash of `SharedArrayBuffer` memory; the
 * selector's next `select` hands the stashed events out before it asks the
 * kqueue again.
 *
 * Why not poll(2) on the kqueue descriptor, as epoll's wait does: a BSD
 * kqueue descriptor is readable when events are pending, but libkqueue's is
 * the write end of a pipe that never is; kevent(2) itself waits on every
 * kqueue.
 *
 * `interrupt()` ends the wait through a private event of the kqueue: an
 * `EVFILT_USER` event (`WAIT_IDENT`) where the target has the filter, else
 * the read end of a pipe (the kind the target's wakers use). The selector
 * drops that event from what it reports (`isCancel`). Both are made at the
 * first wait, so a `Poll` that never waits asynchronously makes nothing.
 *
 * @module
 */
import { type EventBuffer, INTEREST_READABLE } from "../contract.ts";
import type { FdWaker, FdWakerFactory } from "./fd_waker.ts";
import { type KqueueChanges, WAIT_IDENT } from "./kqueue_changes.ts";

/** How many events one off-thread kevent(2) collects at most; more stay in the kqueue. */
const STASH_EVENTS = 256;
/** The longest wait libkqueue converts correctly (it computes `1000 * tv_sec` as an `int`). */
const MAX_WAIT_MS = 0x7fffffff;

/** One off-thread kevent(2) at a time on one kqueue, interruptible, into a stash. */
export class KqueueWait {
  readonly #kq: number;
  readonly #changes: KqueueChanges;
  readonly #newPipe: FdWakerFactory;
  /** `null` until the first wait; then `"user"` (an `EVFILT_USER` event) or the pipe. */
  #cancel: "user" | FdWaker | null = null;
  /** The cancel event's `filter` as `KeventCodec.rawFilterAt` reads it (-1 before the first wait) and `ident`. */
  #cancelFilter = -1;
  #cancelIdent = -1;
  readonly #stash: Uint8Array;
  readonly #stashWords: Uint32Array;
  /** The stashed events not handed out yet: records `#first` to `#first + #count - 1`. */
  #first = 0;
  #count = 0;
  /** The change list argument: never read (`nchanges` is 0), but the FFI wants shared memory. */
  readonly #noChanges: Uint8Array;
  readonly #timeout = new Uint8Array(new SharedArrayBuffer(16));
  readonly #timeoutWords = new Int32Array(this.#timeout.buffer);
  #pending = false;
  #interrupted = false;
  /** What `close()` left to do once the pending wait returned. */
  #afterWait: (() => void) | null = null;

  /**
   * For the kqueue `kq`, changed through `changes`; `newPipe` makes the
   * cancel pipe where the target has no `EVFILT_USER`.
   */
  constructor(kq: number, changes: KqueueChanges, newPipe: FdWakerFactory) {
    const size = changes.sys.target.kevent.size;
    this.#kq = kq;
    this.#changes = changes;
    this.#newPipe = newPipe;
    this.#stash = new Uint8Array(new SharedArrayBuffer(STASH_EVENTS * size));
    this.#stashWords = new Uint32Array(this.#stash.buffer);
    this.#noChanges = new Uint8Array(new SharedArrayBuffer(size));
  }

  /** Whether a wait is in progress. */
  get pending(): boolean {
    return this.#pending;
  }

  /** How many stashed events `take` has still to hand out. */
  get stashed(): number {
    return this.#count;
  }

  /** Whether record `i` of `words` is the cancel event, which is not the user's. */
  isCancel(words: Uint32Array, i: number): boolean {
    const codec = this.#changes.codec;
    return codec.rawFilterAt(words, i) === this.#cancelFilter &&
      codec.identAt(words, i) === this.#cancelIdent;
  }

  /** Adds the cancel event to the kqueue. */
  #setUpCancel(): void {
    const changes = this.#changes;
    const k = changes.sys.target.constants;
    if (changes.hasUser && k.EVFILT_USER !== null) {
      changes.addUser(this.#kq, WAIT_IDENT, 0);
      this.#cancel = "user";
      this.#cancelFilter = changes.codec.rawFilter(k.EVFILT_USER);
      this.#cancelIdent = WAIT_IDENT;
      return;
    }
    const pipe = this.#newPipe();
    try {
      changes.register(this.#kq, pipe.fd, 0, INTEREST_READABLE);
    } catch (e) {
      pipe.close();
      throw e;
    }
    this.#cancel = pipe;
    this.#cancelFilter = changes.codec.rawFilter(k.EVFILT_READ);
    this.#cancelIdent = pipe.fd;
  }

  /**
   * Waits off the JavaScript thread until the kqueue has events (they are
   * stashed), `timeoutMs` passed (-1: no limit, which is waited in steps of
   * 2^31 - 1 ms), or `interrupt()` was called; at once while events are
   * stashed. May return with nothing (a signal, or a failure whose errno is
   * lost with its thread: the next `select` meets the failure again and
   * reports it). One wait at a time.
   */
  async wait(timeoutMs: number): Promise<void> {
    if (this.#pending) throw new Error("KqueueWait: one wait at a time");
    if (this.#count > 0) return;
    if (this.#cancel === null) this.#setUpCancel();
    const ms = timeoutMs < 0 ? MAX_WAIT_MS : Math.min(timeoutMs, MAX_WAIT_MS);
    this.#timeoutWords[0] = Math.floor(ms / 1000);
    this.#timeoutWords[2] = (ms % 1000) * 1_000_000;
    this.#pending = true;
    try {
      const n = await this.#changes.sys.keventOffThread()(
        this.#kq,
        this.#noChanges,
        0,
        this.#stash,
        STASH_EVENTS,
        this.#timeout,
      );
      this.#first = 0;
      this.#count = Math.max(n, 0);
    } finally {
      this.#pending = false;
      const interrupted = this.#interrupted;
      this.#interrupted = false;
      const after = this.#afterWait;
      this.#afterWait = null;
      if (after !== null) after();
      else if (interrupted) this.#resetCancel();
    }
  }

  /** Clears a cancel that fired, so no later `select` meets it. */
  #resetCancel(): void {
    if (this.#cancel === "user") {
      this.#changes.deleteUser(this.#kq, WAIT_IDENT);
      this.#changes.addUser(this.#kq, WAIT_IDENT, 0);
    } else {
      this.#cancel?.reset();
    }
  }

  /** Makes the pending wait return soon; nothing when none is pending. */
  interrupt(): void {
    if (!this.#pending || this.#interrupted || this.#cancel === null) return;
    this.#interrupted = true;
    if (this.#cancel === "user") this.#changes.triggerUser(this.#kq, WAIT_IDENT, 0);
    else this.#cancel.wake();
  }

  /**
   * Moves up to `events.capacity` stashed events into `events.raw` (the
   * cancel event among them too: `isCancel` tells it); returns how many.
   */
  take(events: EventBuffer): number {
    const n = Math.min(this.#count, events.capacity);
    const stride = this.#changes.sys.target.kevent.size >> 2;
    const from = this.#first * stride;
    const words = events.words;
    for (let w = 0; w < n * stride; w++) words[w] = this.#stashWords[from + w];
    this.#first += n;
    this.#count -= n;
    return n;
  }

  /**
   * Closes the cancel pipe, if any, then calls `release` (which closes the
   * kqueue): at once when no wait is pending; otherwise after interrupting
   * the wait, once its kevent(2) returned, so that the descriptor number is
   * not reused under it.
   */
  close(release: () => void): void {
    const finish = () => {
      if (this.#cancel !== null && this.#cancel !== "user") this.#cancel.close();
      this.#cancel = null;
      this.#count = 0;
      release();
    };
    if (!this.#pending) return finish();
    this.#afterWait = finish;
    this.interrupt();
  }
}
