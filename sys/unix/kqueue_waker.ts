/**
 * The `EVFILT_USER` waker of the kqueue selector (mio's kqueue `Waker` on
 * Apple and FreeBSD; libkqueue has the filter too): an `EVFILT_USER` event
 * with the waker's token, added with `EV_CLEAR`, that `wake()` triggers
 * with `NOTE_TRIGGER`. Wakes before a `select` coalesce into one event;
 * `close()` deletes the event, and a wake still pending with it.
 *
 * Another Worker wakes through `SharedUserWaker`: kevent(2) on one kqueue
 * is safe from several threads. The owner's `SharedGuard` keeps those
 * wakes away from the kqueue descriptor once the `Waker` or its `Poll` is
 * closed (`BadResource`).
 *
 * @module
 */
import { hasType, isDescriptor, type SharedWaker, type SysWaker } from "../contract.ts";
import { SharedGuard } from "../shared_guard.ts";
import { type KqueueChanges, WAKER_IDENT } from "./kqueue_changes.ts";
import { badResource } from "../error.ts";

/** The shared value of an `EVFILT_USER` waker. */
export interface SharedUserWakerValue extends SharedWaker {
  /** Always `"kqueue-user"`. */
  readonly kind: "kqueue-user";
  /** The kqueue descriptor. */
  readonly fd: number;
  /** The waker's token (the event's `udata`). */
  readonly token: number;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/** The owner's `EVFILT_USER` waker. */
export class UserWaker implements SysWaker {
  /** The kqueue; -1 once the waker is closed or its kqueue is. */
  #kq: number;
  readonly #changes: KqueueChanges;
  readonly #token: number;
  readonly #onClose: () => void;
  #guard: SharedGuard | null = null;

  /**
   * Adds the `EVFILT_USER` event reporting `token` to `kq`, through
   * `changes`; `onClose` runs when the waker is closed.
   */
  constructor(kq: number, changes: KqueueChanges, token: number, onClose: () => void) {
    changes.addUser(kq, WAKER_IDENT, token);
    this.#kq = kq;
    this.#changes = changes;
    this.#token = token;
    this.#onClose = onClose;
  }

  /** Triggers the event; nothing once the kqueue is closed (its `Poll` can no longer be woken). */
  wake(): void {
    if (this.#kq >= 0) this.#changes.triggerUser(this.#kq, WAKER_IDENT, this.#token);
  }

  /** A plain value another Worker wakes this waker with (`Waker.fromShared`). */
  share(): SharedUserWakerValue {
    if (this.#kq < 0) throw badResource("Waker");
    this.#guard ??= SharedGuard.create();
    return {
      type: "mio-ts/waker",
      kind: "kqueue-user",
      fd: this.#kq,
      token: this.#token,
      state: this.#guard.buffer,
    };
  }

  /** The kqueue is about to close: refuses shared copies' wakes, and makes `wake()` do nothing. */
  detach(): void {
    this.#guard?.close();
    this.#guard = null;
    this.#kq = -1;
  }

  /** Deletes the event (and a pending wake), after refusing shared copies' wakes; idempotent. */
  close(): void {
    const kq = this.#kq;
    this.detach();
    if (kq < 0) return;
    this.#onClose();
    try {
      this.#changes.deleteUser(kq, WAKER_IDENT);
    } catch {
      // The event is the kqueue's; closing the waker must not fail over it.
    }
  }
}

/** A waker built from a shared value, in any Worker: its wakes reach the owner's kqueue. */
export class SharedUserWaker implements SysWaker {
  readonly #value: SharedUserWakerValue;
  readonly #guard: SharedGuard;
  readonly #changes: KqueueChanges;

  private constructor(changes: KqueueChanges, value: SharedUserWakerValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#changes = changes;
  }

  /** Whether `value` is an `EVFILT_USER` waker's shared value. */
  static isValue(value: unknown): boolean {
    return hasType(value, "mio-ts/waker") && value.kind === "kqueue-user";
  }

  /**
   * Checks `value` and wraps it; wakes go through `changes` (this Worker's).
   *
   * @throws {TypeError} unless `value` came from `Waker.share()` of an `EVFILT_USER` waker.
   */
  static from(changes: KqueueChanges, value: unknown): SharedUserWaker {
    if (
      !hasType(value, "mio-ts/waker") || value.kind !== "kqueue-user" || !isDescriptor(value.fd) ||
      typeof value.token !== "number" || !Number.isSafeInteger(value.token) || value.token < 0 ||
      !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Waker.share() returned");
    }
    const { fd, token, state } = value;
    return new SharedUserWaker(changes, { type: "mio-ts/waker", kind: "kqueue-user", fd, token, state });
  }

  /** Triggers the event, unless the owner closed its waker or `Poll`: then `BadResource`. */
  wake(): void {
    if (!this.#guard.enter()) throw badResource("Waker");
    try {
      this.#changes.triggerUser(this.#value.fd, WAKER_IDENT, this.#value.token);
    } finally {
      this.#guard.leave();
    }
  }

  /** The value this waker was built from, to hand on to another Worker. */
  share(): SharedUserWakerValue {
    if (this.#guard.closed) throw badResource("Waker");
    return { ...this.#value };
  }

  /** Nothing to release: the event is the owner's, and other copies go on working. */
  close(): void {}
}
