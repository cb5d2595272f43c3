/**
 * The descriptor wakers of Unix: eventfd, pipe, and their shared form.
 *
 * What the eventfd and pipe wakers share: a descriptor that turns readable
 * when woken. epoll registers it like any source; the poll(2) selector keeps
 * it in its slot 0 and drains it after each wake-up.
 *
 * The eventfd waker (Linux): an eventfd that turns readable when woken; a
 * wake adds 1 to its counter, which makes epoll report it (edge-triggered).
 *
 * The pipe waker (mio's `waker::pipe`): a non-blocking, close-on-exec pipe
 * whose read end turns readable when a wake writes one byte to the other.
 * Used where there is no eventfd, and everywhere with
 * `MIO_FORCE_WAKER_PIPE=1`.
 *
 * Wakers shared between Workers on Unix. A shared waker is the descriptor a
 * wake writes to (an eventfd, or a pipe's write end) plus the owner's
 * `SharedGuard`: `wake()` from any Worker is one non-blocking write, and
 * once the owner closed the descriptor every wake is refused
 * (`BadResource`) instead of writing to whatever now has that number
 * (`closeGuarded` frees the number only once no wake is in progress).
 *
 * The owner side is `WakerShares` (held by the eventfd and pipe wakers);
 * the other side is `SharedFdWaker`, built from the plain value.
 *
 * @module
 */
import {
  hasType,
  INTEREST_READABLE,
  isDescriptor,
  MODE_EDGE,
  type Selector,
  type SharedWaker,
  type SysWaker,
} from "../contract.ts";
import { closeGuarded, SharedGuard } from "../shared_guard.ts";
import { errno, libc, makeInert, openPipe } from "./libc.ts";
import { closeHeld, held, threadExit } from "./thread_exit_keys.ts";
import { C, osError } from "./unix_os.ts";
import { badResource } from "../error.ts";

/** A waker made of descriptors: an eventfd, or a pipe. */
export interface FdWaker extends SysWaker {
  /** The descriptor that turns readable on `wake()`. */
  readonly fd: number;
  /** Drains every pending wake, so the descriptor is no longer readable. */
  reset(): void;
  /** A plain value another Worker wakes this waker with (`Waker.fromShared`). */
  share(): SharedFdWakerValue;
  /**
   * Makes every copy shared so far refuse to wake (`BadResource`); `close()`
   * does it too, before closing the descriptor.
   */
  revokeShares(): void;
}

/** Creates an unregistered `FdWaker` (the kind `platform.ts` chose). */
export type FdWakerFactory = () => FdWaker;

/** Registers `waker.fd` with `selector` for readability with `token`; closes the waker if that fails. */
export function registerWaker(selector: Selector, token: number, waker: FdWaker): FdWaker {
  try {
    selector.register(waker.fd, token, INTEREST_READABLE, MODE_EDGE);
  } catch (e) {
    waker.close();
    throw e;
  }
  return waker;
}

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
 * Writes one wake to `fd`, retrying on `EINTR`: the one wake loop of every
 * Unix descriptor waker. A full eventfd counter or pipe (`EAGAIN`) means a
 * wake is pending already: the owner (`full`, its waker) drains it and
 * writes again, as mio does; a shared copy (`full` is `null`), which must
 * not read the owner's descriptor, leaves it so, as wakes coalesce.
 */
function writeWake(fd: number, bytes: Uint8Array, full: FdWaker | null): void {
  for (;;) {
    if (libc.write(fd, bytes, bytes.byteLength) >= 0) return;
    const e = errno();
    if (e === C.EINTR) continue;
    if (e !== C.EAGAIN) throw osError(e, "write");
    if (full === null) return;
    full.reset();
  }
}

const EVENTFD_WAKE = wakeBytes("eventfd");
const PIPE_WAKE = wakeBytes("pipe");

/**
 * Writes one wake of `kind` to `fd`, which the caller knows is still the
 * waker's; a full counter or pipe is left so, as for a shared copy.
 */
export function wakeFd(kind: WakerKind, fd: number): void {
  writeWake(fd, kind === "eventfd" ? EVENTFD_WAKE : PIPE_WAKE, null);
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

  /**
   * A plain value another Worker turns into a waker with `SharedFdWaker.from`.
   * The descriptor is no longer closed at this thread's exit
   * (`threadExit`): a copy in another Worker may be writing to it then.
   */
  share(): SharedFdWakerValue {
    threadExit.release(this.#fd);
    this.#guard ??= SharedGuard.create(this.#fd);
    return { type: "mio-ts/waker", kind: this.#kind, fd: this.#fd, state: this.#guard.buffer };
  }

  /** Makes every copy shared so far refuse to wake; later `share()` calls start afresh. */
  revoke(): void {
    this.#guard?.close();
    this.#guard = null;
  }

  /** Revokes every copy, then closes the descriptor once no wake is in progress (`closeGuarded`). */
  closeDescriptor(): void {
    this.revoke();
    const fd = this.#fd;
    closeGuarded(fd, () => closeHeld(fd), () => makeInert(fd));
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
   * and the descriptor number is not touched (or, closed during the write,
   * is inert).
   */
  wake(): void {
    if (!this.#guard.enter()) throw badResource("Waker");
    try {
      writeWake(this.#value.fd, this.#bytes, null);
    } catch (e) {
      throw this.#guard.closed ? badResource("Waker") : e;
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

/** A one-eventfd waker, as mio's `waker::eventfd`. */
export class EventfdWaker implements FdWaker {
  #fd: number;
  readonly #one = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]);
  readonly #sink = new Uint8Array(8);
  readonly #shares: WakerShares;

  /** Creates a non-blocking, close-on-exec eventfd (not registered anywhere yet). */
  constructor() {
    const fd = libc.eventfd(0, C.EFD_NONBLOCK | C.EFD_CLOEXEC);
    if (fd < 0) throw osError(errno(), "eventfd");
    this.#fd = held(fd);
    this.#shares = new WakerShares("eventfd", fd);
  }

  /** The eventfd. */
  get fd(): number {
    return this.#fd;
  }

  /** Adds 1 to the counter; if it would overflow, drains it and tries again. */
  wake(): void {
    writeWake(this.#fd, this.#one, this);
  }

  /** Reads the counter back to 0 (nothing to read is fine). */
  reset(): void {
    libc.read(this.#fd, this.#sink, 8);
  }

  /** Another Worker's way to add 1 to the counter. */
  share(): SharedFdWakerValue {
    if (this.#fd < 0) throw badResource("Waker");
    return this.#shares.share();
  }

  /** Makes the copies shared so far refuse to wake. */
  revokeShares(): void {
    this.#shares.revoke();
  }

  /** Revokes the shared copies, then closes the eventfd (once no shared wake is in progress); idempotent. */
  close(): void {
    if (this.#fd < 0) return;
    this.#shares.closeDescriptor();
    this.#fd = -1;
  }
}

/** A pipe pair: `wake()` writes to one end, the selector watches the other. */
export class PipeWaker implements FdWaker {
  #reader: number;
  #writer: number;
  readonly #one = new Uint8Array([1]);
  readonly #sink = new Uint8Array(4096);
  readonly #shares: WakerShares;

  /** Creates the pipe (`pipe2` with `O_NONBLOCK | O_CLOEXEC`; not registered anywhere yet). */
  constructor() {
    const ends = new Int32Array(2);
    openPipe(ends);
    this.#reader = held(ends[0]!);
    this.#writer = held(ends[1]!);
    this.#shares = new WakerShares("pipe", this.#writer);
  }

  /** The read end, which the selector watches. */
  get fd(): number {
    return this.#reader;
  }

  /** Writes one byte; if the pipe is full, empties it and tries again. */
  wake(): void {
    writeWake(this.#writer, this.#one, this);
  }

  /** Reads until the pipe is empty (errors ignored, as mio's `empty`). */
  reset(): void {
    while (libc.read(this.#reader, this.#sink, this.#sink.byteLength) > 0) {
      // Keep draining.
    }
  }

  /**
   * Another Worker's way to write a byte to the write end. Neither end is
   * closed at this thread's exit any more (`threadExit`): a write to a pipe
   * whose read end is closed raises `SIGPIPE`.
   */
  share(): SharedFdWakerValue {
    if (this.#reader < 0) throw badResource("Waker");
    threadExit.release(this.#reader);
    return this.#shares.share();
  }

  /** Makes the copies shared so far refuse to wake. */
  revokeShares(): void {
    this.#shares.revoke();
  }

  /** Revokes the shared copies, then closes both ends (the write end once no shared wake is in progress); idempotent. */
  close(): void {
    if (this.#reader < 0) return;
    this.#shares.closeDescriptor();
    closeHeld(this.#reader);
    this.#reader = -1;
    this.#writer = -1;
  }
}
