/**
 * The IOCP selector's `Waker` (mio's `waker.rs`): a wake is a packet posted
 * to the selector's completion port with the waker's key and id. Wakes
 * coalesce through a shared flag: a wake posts only when no wake packet is
 * queued already, and the selector clears the flag when it dequeues the
 * packet, so several wakes before a poll give one event.
 *
 * The live waker keeps the port open after its `Poll` is closed (mio's
 * holds an `Arc` of it): its wakes then wake nothing, and the port closes
 * with the waker.
 *
 * A shared waker (another Worker) holds the port handle, the flag and the
 * owner's `SharedGuard`: it posts under the guard, so once the `Waker` is
 * closed it refuses (`BadResource`) instead of posting to a handle number
 * that may name something else by then.
 *
 * @module
 */
import { badResource } from "../error.ts";
import { hasType, type SharedWaker, type SysWaker } from "../contract.ts";
import { SharedGuard } from "../shared_guard.ts";
import { postPacket, WAKER_KEY } from "./completion_port.ts";
import { threadExit } from "./thread_exit_fls.ts";

/** What a selector offers its waker. */
export interface WakerHost {
  /** The completion port, open while the waker is. */
  readonly port: number;
  /** The waker was closed: its queued wake must not be reported, and the port may close. */
  forgetWaker(waker: IocpWaker): void;
}

/** The shared value of an IOCP waker. */
export interface SharedIocpWakerValue extends SharedWaker {
  /** Always `"iocp"`. */
  readonly kind: "iocp";
  /** The completion port's HANDLE (in the `fd` slot, as Unix wakers' descriptors). */
  readonly fd: number;
  /** The waker's id, carried by its packets. */
  readonly id: number;
  /** The coalescing flag (one `Int32`: 1 while a wake packet is queued). */
  readonly queued: SharedArrayBuffer;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/** Posts one wake unless one is queued already; clears the flag again if the post fails. */
function postWake(port: number, id: number, queued: Int32Array): void {
  if (Atomics.compareExchange(queued, 0, 0, 1) !== 0) return;
  try {
    postPacket(port, 0, WAKER_KEY, id);
  } catch (e) {
    Atomics.store(queued, 0, 0);
    throw e;
  }
}

let nextId = 1;

/** The waker of one IOCP selector, in the selector's Worker. */
export class IocpWaker implements SysWaker {
  /** The token its wakes report. */
  readonly token: number;
  /** Told apart from earlier wakers' packets still queued. */
  readonly id = nextId++;
  /** 1 while a wake packet is queued (the selector clears it). */
  readonly queued = new Int32Array(new SharedArrayBuffer(4));
  #host: WakerHost | null;
  #guard: SharedGuard | null = null;

  /** The waker of `host`'s port, reporting `token`. */
  constructor(host: WakerHost, token: number) {
    this.#host = host;
    this.token = token;
  }

  /** Posts a wake (which wakes nothing once the `Poll` is closed); nothing once the waker is closed. */
  wake(): void {
    const host = this.#host;
    if (host === null) return;
    postWake(host.port, this.id, this.queued);
  }

  /** A plain value through which another Worker posts this waker's wakes. */
  share(): SharedIocpWakerValue {
    const host = this.#host;
    if (host === null) throw badResource("Waker");
    this.#guard ??= SharedGuard.create(host.port);
    threadExit.release(host.port);
    return {
      type: "mio-ts/waker",
      kind: "iocp",
      fd: host.port,
      id: this.id,
      queued: this.queued.buffer as SharedArrayBuffer,
      state: this.#guard.buffer,
    };
  }

  /**
   * Makes every shared copy refuse to wake, then detaches from the selector,
   * which closes the port if its `Poll` was closed (through `closeGuarded`,
   * once no copy's post is in progress); idempotent.
   */
  close(): void {
    this.#guard?.close();
    const host = this.#host;
    this.#host = null;
    host?.forgetWaker(this);
  }
}

/** A waker built from a shared value, in any Worker: its wakes reach the owner's port. */
export class SharedIocpWaker implements SysWaker {
  readonly #value: SharedIocpWakerValue;
  readonly #guard: SharedGuard;
  readonly #queued: Int32Array;

  private constructor(value: SharedIocpWakerValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#queued = new Int32Array(value.queued);
  }

  /**
   * Checks `value` and wraps it.
   *
   * @throws {TypeError} unless `value` came from an IOCP `Waker.share()`.
   */
  static from(value: unknown): SharedIocpWaker {
    if (
      !hasType(value, "mio-ts/waker") || value.kind !== "iocp" || !isHandle(value.fd) ||
      !Number.isSafeInteger(value.id) || !isFlag(value.queued) || !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Waker.share() returned");
    }
    const { fd, id, queued, state } = value as unknown as SharedIocpWakerValue;
    return new SharedIocpWaker({ type: "mio-ts/waker", kind: "iocp", fd, id, queued, state });
  }

  /** Posts a wake, unless the owner closed its waker: then `BadResource`. */
  wake(): void {
    if (!this.#guard.enter()) throw badResource("Waker");
    try {
      postWake(this.#value.fd, this.#value.id, this.#queued);
    } finally {
      this.#guard.leave();
    }
  }

  /** The value this waker was built from, to hand on to another Worker. */
  share(): SharedIocpWakerValue {
    if (this.#guard.closed) throw badResource("Waker");
    return { ...this.#value };
  }

  /** Nothing to release: the port is the owner's, and other copies go on working. */
  close(): void {}
}

function isHandle(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function isFlag(value: unknown): value is SharedArrayBuffer {
  return Object.prototype.toString.call(value) === "[object SharedArrayBuffer]" &&
    (value as SharedArrayBuffer).byteLength === 4;
}
