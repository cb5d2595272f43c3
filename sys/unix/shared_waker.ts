/**
 * Wakers shared between Workers on Unix. A shared waker is the descriptor a
 * wake writes to (an eventfd, or a pipe's write end) plus the owner's
 * `SharedGuard`: `wake()` from any Worker is one non-blocking write, and
 * once the owner closed the descriptor every wake is refused
 * (`BadResource`) instead of writing to whatever now has that number.
 *
 * The owner side is `WakerShares` (held by the eventfd and pipe wakers);
 * the other side is `SharedFdWaker`, built from the plain value.
 *
 * @module
 */
import { errno, libc } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./errno_linux.ts";
import { SharedGuard } from "../shared_guard.ts";
import { hasType, isDescriptor, type SharedWaker, type SysWaker } from "../contract.ts";
import { badResource } from "../error.ts";

/** How a wake is written: 8 bytes (a `u64` of 1) to an eventfd, or one byte to a pipe. */
export type WakerKind = "eventfd" | "pipe";

/** The shared value of a Unix waker. */
export interface SharedFdWakerValue extends SharedWaker {
  /** How to write a wake. */
  readonly kind: WakerKind;
  /** The descriptor a wake writes to. */
  readonly fd: number;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/** The bytes of one wake, per kind (the eventfd's `u64` 1 is little-endian on every Linux arch mio-ts runs on). */
function wakeBytes(kind: WakerKind): Uint8Array {
  return kind === "eventfd" ? new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]) : new Uint8Array([1]);
}

/**
 * Writes one wake to `fd`. A full eventfd counter or pipe (`EAGAIN`) means
 * a wake is pending already: that is success, as wakes coalesce.
 */
function writeWake(fd: number, bytes: Uint8Array): void {
  for (;;) {
    if (libc.write(fd, bytes, bytes.byteLength) >= 0) return;
    const e = errno();
    if (e === C.EAGAIN) return;
    if (e !== C.EINTR) throw osError(e, "write");
  }
}

const EVENTFD_WAKE = wakeBytes("eventfd");
const PIPE_WAKE = wakeBytes("pipe");

/** Writes one wake of `kind` to `fd`, which the caller knows is still the waker's. */
export function wakeFd(kind: WakerKind, fd: number): void {
  writeWake(fd, kind === "eventfd" ? EVENTFD_WAKE : PIPE_WAKE);
}

/** The owner's side: hands out shared values for one wake descriptor, and revokes them before it is closed. */
export class WakerShares {
  readonly #kind: WakerKind;
  readonly #fd: number;
  #guard: SharedGuard | null = null;

  /** For the descriptor `fd` that wakes are written to as `kind` says. */
  constructor(kind: WakerKind, fd: number) {
    this.#kind = kind;
    this.#fd = fd;
  }

  /** A plain value another Worker turns into a waker with `SharedFdWaker.from`. */
  share(): SharedFdWakerValue {
    this.#guard ??= SharedGuard.create();
    return { type: "mio-ts/waker", kind: this.#kind, fd: this.#fd, state: this.#guard.buffer };
  }

  /**
   * Makes every copy shared so far refuse to wake, waiting for wakes in
   * progress to end; later `share()` calls start afresh. Call before closing
   * the descriptor.
   */
  revoke(): void {
    this.#guard?.close();
    this.#guard = null;
  }
}

/** A waker built from a shared value, in any Worker: its wakes reach the owner's `Poll`. */
export class SharedFdWaker implements SysWaker {
  readonly #value: SharedFdWakerValue;
  readonly #guard: SharedGuard;
  readonly #bytes: Uint8Array;

  private constructor(value: SharedFdWakerValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#bytes = wakeBytes(value.kind);
  }

  /**
   * Checks `value` and wraps it.
   *
   * @throws {TypeError} unless `value` came from `Waker.share()`.
   */
  static from(value: unknown): SharedFdWaker {
    if (
      !hasType(value, "mio-ts/waker") || (value.kind !== "eventfd" && value.kind !== "pipe") ||
      !isDescriptor(value.fd) || !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Waker.share() returned");
    }
    const { kind, fd, state } = value;
    return new SharedFdWaker({ type: "mio-ts/waker", kind, fd, state });
  }

  /**
   * Writes one wake, unless the owner closed its waker: then `BadResource`,
   * and the descriptor number is not touched.
   */
  wake(): void {
    if (!this.#guard.enter()) throw badResource("Waker");
    try {
      writeWake(this.#value.fd, this.#bytes);
    } finally {
      this.#guard.leave();
    }
  }

  /** The value this waker was built from, to hand on to another Worker. */
  share(): SharedFdWakerValue {
    if (this.#guard.closed) throw badResource("Waker");
    return { ...this.#value };
  }

  /** Nothing to release: the descriptor is the owner's, and other copies go on working. */
  close(): void {}
}
