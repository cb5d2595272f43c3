/**
 * The changes the kqueue selector makes to a kqueue, as mio's
 * `selector/kqueue.rs` makes them: `register`, `reregister` and `deregister`
 * of a descriptor, and adding, triggering and deleting the `EVFILT_USER`
 * event of a `Waker`. Every change carries `EV_RECEIPT`, so `kevent`
 * reports each change's result in its own entry; the errors mio ignores are
 * ignored. Used by the selector and, in other Workers, by its shared
 * registry and waker: kevent(2) on one kqueue is safe from several threads.
 *
 * @module
 */
import { INTEREST_READABLE, INTEREST_WRITABLE } from "../contract.ts";
import { KeventCodec } from "./kevent_codec.ts";
import type { KqueueSystem } from "./kqueue_targets.ts";

/** The `ident` of the `Waker`'s `EVFILT_USER` event (mio's is 0 too). */
export const WAKER_IDENT = 0;
/** The `ident` of the `EVFILT_USER` event that interrupts `waitAsync` (kqueue_wait.ts). */
export const WAIT_IDENT = 1;

/** Builds and applies kevent changes for one kqueue target; one per user (its buffer is reused). */
export class KqueueChanges {
  /** The target's functions and tables. */
  readonly sys: KqueueSystem;
  /** The reader and writer of the target's `struct kevent`. */
  readonly codec: KeventCodec;
  /** Room for the (at most two) changes of one call; their receipts come back here. */
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  readonly #words: Uint32Array;

  /** For kqueues of `sys`'s target. */
  constructor(sys: KqueueSystem) {
    this.sys = sys;
    this.codec = new KeventCodec(sys.target.kevent);
    this.#buf = new Uint8Array(2 * sys.target.kevent.size);
    this.#view = new DataView(this.#buf.buffer);
    this.#words = new Uint32Array(this.#buf.buffer);
  }

  /**
   * Applies the first `n` changes to `kq`, then throws the first error a
   * receipt reports, unless it is `ignoredA` or `ignoredB` (mio's
   * `kevent_register` and `check_errors`).
   */
  #apply(kq: number, n: number, ignoredA: number, ignoredB: number): void {
    const sys = this.sys;
    if (sys.kevent(kq, this.#buf, n, this.#buf, n, null) < 0) {
      const e = sys.errno();
      // kevent(2): "When kevent() call fails with EINTR error, all changes in the changelist have been applied."
      if (e !== sys.target.constants.EINTR) throw sys.osError(e, "kevent");
    }
    const { EV_ERROR } = sys.target.constants;
    for (let i = 0; i < n; i++) {
      if ((this.codec.flagsAt(this.#words, i) & EV_ERROR) === 0) continue;
      const e = this.codec.dataAt(this.#words, i);
      if (e !== 0 && e !== ignoredA && e !== ignoredB) throw sys.osError(e, "kevent");
    }
  }

  /** Adds `EVFILT_WRITE` and/or `EVFILT_READ` with `EV_CLEAR | EV_RECEIPT | EV_ADD`; ignores `EPIPE`. */
  register(kq: number, fd: number, token: number, interest: number): void {
    const k = this.sys.target.constants;
    const flags = k.EV_CLEAR | k.EV_RECEIPT | k.EV_ADD;
    let n = 0;
    if (interest & INTEREST_WRITABLE) this.codec.set(this.#view, n++, fd, k.EVFILT_WRITE, flags, 0, token);
    if (interest & INTEREST_READABLE) this.codec.set(this.#view, n++, fd, k.EVFILT_READ, flags, 0, token);
    if (n > 0) this.#apply(kq, n, k.EPIPE, k.EPIPE);
  }

  /** Adds the filters `interest` asks for and deletes the others; ignores `ENOENT` and `EPIPE`. */
  reregister(kq: number, fd: number, token: number, interest: number): void {
    const k = this.sys.target.constants;
    const flags = k.EV_CLEAR | k.EV_RECEIPT;
    const write = flags | (interest & INTEREST_WRITABLE ? k.EV_ADD : k.EV_DELETE);
    const read = flags | (interest & INTEREST_READABLE ? k.EV_ADD : k.EV_DELETE);
    this.codec.set(this.#view, 0, fd, k.EVFILT_WRITE, write, 0, token);
    this.codec.set(this.#view, 1, fd, k.EVFILT_READ, read, 0, token);
    this.#apply(kq, 2, k.ENOENT, k.EPIPE);
  }

  /** Deletes both filters; ignores `ENOENT` (a filter that was not there). */
  deregister(kq: number, fd: number): void {
    const k = this.sys.target.constants;
    const flags = k.EV_DELETE | k.EV_RECEIPT;
    this.codec.set(this.#view, 0, fd, k.EVFILT_WRITE, flags, 0, 0);
    this.codec.set(this.#view, 1, fd, k.EVFILT_READ, flags, 0, 0);
    this.#apply(kq, 2, k.ENOENT, k.ENOENT);
  }

  /** The target's `EVFILT_USER` and `NOTE_TRIGGER`; throws where it wakes through a pipe. */
  #user(): [filter: number, trigger: number] {
    const { EVFILT_USER, NOTE_TRIGGER } = this.sys.target.constants;
    if (EVFILT_USER === null || NOTE_TRIGGER === null) {
      throw new Error(`${this.sys.target.name} has no EVFILT_USER waker`);
    }
    return [EVFILT_USER, NOTE_TRIGGER];
  }

  /** Adds the `EVFILT_USER` event `ident` reporting `token`, `EV_CLEAR` (mio's `setup_waker`). */
  addUser(kq: number, ident: number, token: number): void {
    const k = this.sys.target.constants;
    const [filter] = this.#user();
    this.codec.set(this.#view, 0, ident, filter, k.EV_ADD | k.EV_CLEAR | k.EV_RECEIPT, 0, token);
    this.#apply(kq, 1, 0, 0);
  }

  /** Triggers the `EVFILT_USER` event `ident` (mio's `wake`: `EV_ADD | EV_RECEIPT`, `NOTE_TRIGGER`). */
  triggerUser(kq: number, ident: number, token: number): void {
    const k = this.sys.target.constants;
    const [filter, trigger] = this.#user();
    this.codec.set(this.#view, 0, ident, filter, k.EV_ADD | k.EV_RECEIPT, trigger, token);
    this.#apply(kq, 1, 0, 0);
  }

  /** Deletes the `EVFILT_USER` event `ident` and a trigger it has pending; ignores `ENOENT`. */
  deleteUser(kq: number, ident: number): void {
    const k = this.sys.target.constants;
    const [filter] = this.#user();
    this.codec.set(this.#view, 0, ident, filter, k.EV_DELETE | k.EV_RECEIPT, 0, 0);
    this.#apply(kq, 1, k.ENOENT, k.ENOENT);
  }

  /** Whether the target has an `EVFILT_USER` waker. */
  get hasUser(): boolean {
    const { EVFILT_USER, NOTE_TRIGGER } = this.sys.target.constants;
    return EVFILT_USER !== null && NOTE_TRIGGER !== null;
  }
}
