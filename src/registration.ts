/**
 * `Registration`: a source with no descriptor whose readiness is set in
 * user space, from any Worker (mio 0.6's `Registration` and
 * `SetReadiness`).
 *
 * @module
 */
import { hasType, INTEREST_ALL, MODE_LEVEL, MODE_ONESHOT } from "../sys/contract.ts";
import { badResource, IoError } from "./io_error.ts";
import type { Interest } from "./interest.ts";
import type { RegisterOptions } from "./register_options.ts";
import { checkRegisterOptions } from "./register_options.ts";
import { type PollState, pollState, type Registry } from "./registry.ts";
import type { Source } from "./source.ts";
import type { Token } from "./token.ts";
import { type Entry, LOCATION_OFFSET, REG, REGISTRATION_BYTES, wakeBound } from "./user_events.ts";
import { WAKER_LOCATION_SLOTS } from "../sys/contract.ts";

/** What `Registration.share()` returns; `Registration.fromShared` takes it in another Worker. */
export interface SharedRegistration {
  /** Always `"mio-ts/registration"`. */
  readonly type: "mio-ts/registration";
  /** The registration's state. */
  readonly state: SharedArrayBuffer;
}

/** Set only while `Registration.fromShared` runs the constructor: the state it adopts. */
let adopting: SharedArrayBuffer | null = null;

/** Whether `value` is a registration's state: a `SharedArrayBuffer` (of any realm) of the right size. */
function isState(value: unknown): value is SharedArrayBuffer {
  return Object.prototype.toString.call(value) === "[object SharedArrayBuffer]" &&
    (value as SharedArrayBuffer).byteLength === REGISTRATION_BYTES;
}

/** Checks a readiness for `setReadiness`: `Interest` bits, or 0. */
function checkReadiness(r: unknown): number {
  if (typeof r !== "number") throw new TypeError(`readiness must be Interest bits or 0, got ${String(r)}`);
  if (!Number.isInteger(r) || r < 0 || (r & ~INTEREST_ALL) !== 0 || r > INTEREST_ALL) {
    throw new RangeError(`readiness must be a combination of Interest flags, or 0, got ${String(r)}`);
  }
  return r;
}

/**
 * A source with no descriptor: its readiness is whatever `setReadiness`
 * says, from this Worker or any other (mio 0.6's `Registration` and
 * `SetReadiness` in one object). Register it like a socket; while the
 * readiness meets the registered interest, `poll()` reports an event with
 * its token and those bits (readiness ∩ interest).
 *
 * Edge-triggered (the default): one event per `setReadiness` (several
 * before one `poll()` coalesce; `setReadiness(0)` before it cancels).
 * Level-triggered (`{ trigger: "level" }`): an event on every `poll()`
 * while the readiness lasts. Oneshot: one event, then none until
 * `reregister`. Readiness set before `register` is reported once
 * registered. A `setReadiness` from another Worker wakes a `poll()` blocked
 * there, or a pending `pollAsync()`, as a `Waker` does.
 *
 * Hand `registration.share()` to another Worker and call
 * `Registration.fromShared(value)` there: that copy sets and reads the
 * readiness; only the original registers and closes. Register it in the
 * Worker that owns the `Poll` (a `Registry.fromShared` refuses it).
 *
 * @example
 * ```ts
 * import { Events, Interest, Poll, Registration, Token } from "mio-ts";
 *
 * const poll = new Poll();
 * const events = new Events(8);
 * const registration = new Registration();
 * poll.registry().register(registration, Token(7), Interest.READABLE);
 * registration.setReadiness(Interest.READABLE); // from here, or a Worker's copy
 * poll.poll(events, 0);
 * for (const event of events) console.log(event.token(), event.isReadable()); // 7 true
 * registration.close();
 * poll.close();
 * ```
 */
export class Registration implements Source {
  readonly #cells: Int32Array;
  readonly #location: Float64Array;
  /** `false` for a copy from `fromShared`. */
  readonly #original: boolean;
  /** The copy was closed (detached). */
  #detached = false;
  /** The `Poll` this registration is registered with, and how. */
  #state: PollState | null = null;
  #entry: Entry | null = null;

  /** A registration with no readiness, not registered. */
  constructor() {
    const buffer = adopting ?? new SharedArrayBuffer(REGISTRATION_BYTES);
    this.#original = adopting === null;
    adopting = null;
    this.#cells = new Int32Array(buffer, 0, LOCATION_OFFSET >> 2);
    this.#location = new Float64Array(buffer, LOCATION_OFFSET, WAKER_LOCATION_SLOTS);
    if (this.#original) Atomics.store(this.#cells, REG.UNBOUND, 1);
  }

  /**
   * A registration whose `setReadiness` and `readiness` act on the one
   * whose `share()` gave `value`, usually in another Worker. It cannot
   * register or close that registration: its `close()` only detaches it.
   *
   * @throws {TypeError} unless `value` is what `Registration.share()` returned.
   */
  static fromShared(value: unknown): Registration {
    if (!hasType(value, "mio-ts/registration") || !isState(value.state)) {
      throw new TypeError("value must be what Registration.share() returned");
    }
    adopting = value.state;
    return new Registration();
  }

  #usable(): void {
    if (this.#detached || Atomics.load(this.#cells, REG.CLOSED) !== 0) throw badResource("Registration");
  }

  /**
   * Sets the readiness (`Interest` bits, or `0` to clear it) from any
   * Worker. While registered, a readiness that meets the interest is
   * reported by the next `poll()`, which it wakes.
   *
   * @throws {TypeError} unless `readiness` is a number; {RangeError} unless
   * it is `Interest` bits or 0; `IoError` `BadResource` once the
   * registration (or this copy) was closed.
   */
  setReadiness(readiness: Interest | 0): void {
    const r = checkReadiness(readiness);
    this.#usable();
    const cells = this.#cells;
    Atomics.store(cells, REG.READINESS, r);
    Atomics.add(cells, REG.SEQ, 1);
    if (r !== 0 && Atomics.exchange(cells, REG.NOTIFIED, 1) === 0) wakeBound(cells, this.#location);
  }

  /**
   * The readiness last set (`Interest` bits, or 0).
   *
   * @throws `IoError` `BadResource` once the registration (or this copy) was closed.
   */
  readiness(): Interest | 0 {
    this.#usable();
    return Atomics.load(this.#cells, REG.READINESS);
  }

  /**
   * A plain, structured-cloneable value for `Registration.fromShared` in
   * another Worker.
   *
   * @throws `IoError` `BadResource` once closed.
   */
  share(): SharedRegistration {
    this.#usable();
    return { type: "mio-ts/registration", state: this.#cells.buffer as SharedArrayBuffer };
  }

  #owned(what: string): void {
    this.#usable();
    if (!this.#original) {
      throw new IoError(
        "Unsupported",
        `a Registration from fromShared() cannot ${what}: only the original (in the Worker that made it) can`,
      );
    }
  }

  /** The `Poll` state this registration is registered with, if that `Poll` is still open. */
  #live(): PollState | null {
    if (this.#state !== null && this.#state.owner!.closed) {
      this.#state = null;
      this.#entry = null;
    }
    return this.#state;
  }

  /** Use `registry.register(registration, token, interest, options)`. */
  register(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    const state = pollState(registry);
    const mode = checkRegisterOptions(options);
    this.#owned("register");
    if (state.user === null) {
      throw new IoError(
        "Unsupported",
        "register a Registration in the Worker that owns the Poll (its events are merged there); " +
          "hand the Worker registration.share() instead",
      );
    }
    if (this.#live() !== null) {
      throw new IoError("AlreadyExists", "Registration is already registered with a Poll", {
        code: "EEXIST",
      });
    }
    const entry: Entry = {
      cells: this.#cells,
      location: this.#location,
      token,
      interest,
      level: (mode & MODE_LEVEL) !== 0,
      oneshot: (mode & MODE_ONESHOT) !== 0,
      disabled: false,
      seen: Atomics.load(this.#cells, REG.SEQ),
      forced: true,
      guard: null,
    };
    state.user.add(entry);
    this.#state = state;
    this.#entry = entry;
  }

  #registeredWith(registry: Registry): Entry {
    const state = pollState(registry);
    // Any registry of the Poll (its own or a tryClone) reaches the same user events.
    if (this.#live()?.user !== state.user || this.#entry === null) {
      throw new IoError("NotFound", "Registration is not registered with this Poll", { code: "ENOENT" });
    }
    return this.#entry;
  }

  /** Use `registry.reregister(registration, token, interest, options)`. */
  reregister(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    const mode = checkRegisterOptions(options);
    this.#owned("reregister");
    const entry = this.#registeredWith(registry);
    entry.token = token;
    entry.interest = interest;
    entry.level = (mode & MODE_LEVEL) !== 0;
    entry.oneshot = (mode & MODE_ONESHOT) !== 0;
    this.#state!.user!.changed(entry);
  }

  /** Use `registry.deregister(registration)`. */
  deregister(registry: Registry): void {
    this.#owned("deregister");
    const entry = this.#registeredWith(registry);
    this.#state!.user!.remove(entry);
    this.#state = null;
    this.#entry = null;
  }

  /**
   * Deregisters and closes the registration; every copy's `setReadiness`
   * and `readiness` then throw `BadResource`. On a copy from `fromShared`,
   * only detaches that copy. Idempotent.
   */
  close(): void {
    if (!this.#original) {
      this.#detached = true;
      return;
    }
    if (Atomics.load(this.#cells, REG.CLOSED) !== 0) return;
    if (this.#live() !== null) this.#state!.user!.remove(this.#entry!);
    this.#state = null;
    this.#entry = null;
    Atomics.store(this.#cells, REG.CLOSED, 1);
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
