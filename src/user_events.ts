/**
 * `UserEvents`: the events a `Poll` makes in user space, merged into what
 * its selector returns — its `Waker`'s, and its `Registration`s'
 * (mio 0.6's readiness queue).
 *
 * Both wake the selector through one waker of the selector's own (the
 * channel), created while a `Waker` or a registered `Registration` needs
 * it, and reporting a token no `Token` can be (2^53). After each `select`,
 * the channel's events are removed, the `Waker`'s event is added if it was
 * woken, and each registration whose readiness meets its interest is
 * reported, within the buffer's capacity: what does not fit waits for the
 * next `poll()`, which then does not block, and starts where this one
 * stopped.
 *
 * Registration state lives in a `SharedArrayBuffer` per `Registration`
 * (`RegistrationCells`), so `setReadiness` works from any Worker: it wakes
 * the channel through the numbers `Platform.locateWaker` wrote into the
 * registration's cells, under a `SharedGuard` over the channel's descriptor
 * whose state is in those cells: unbinding closes it without waiting (a
 * Worker terminated in the middle of a wake never ends it), and the
 * channel's number is freed only once no wake through it is in progress.
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import { SharedGuard } from "../sys/shared_guard.ts";
import {
  type EventBuffer,
  INTEREST_AIO,
  INTEREST_LIO,
  INTEREST_PRIORITY,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  READY_AIO,
  READY_LIO,
  READY_PRIORITY,
  READY_READABLE,
  READY_WRITABLE,
  type Selector,
  type SharedWaker,
  type SysWaker,
  WAKER_LOCATION_SLOTS,
} from "../sys/contract.ts";

/** The token the channel reports: above every `Token` (a safe integer), so never a user's. */
const CHANNEL_TOKEN = 2 ** 53;

/** Int32 cells of a registration's state. */
export const REG = {
  /** Its readiness (`Interest` bits). */
  READINESS: 0,
  /** Incremented by every `setReadiness`: an edge registration reports when it moved. */
  SEQ: 1,
  /** 1 once a `setReadiness` woke the channel, until the `Poll` looked at the registration. */
  NOTIFIED: 2,
  /** 1 once the original `Registration` was closed. */
  CLOSED: 3,
  /** The binding's `SharedGuard` closed flag: 0 while registered (the location cells name a live channel). */
  UNBOUND: 4,
  /** The binding's `SharedGuard` count: wakes in progress through the location. */
  BUSY: 5,
} as const;
/** Byte offset of the binding's `SharedGuard` state (`REG.UNBOUND`, `REG.BUSY`). */
const GUARD_OFFSET = REG.UNBOUND * 4;
/** Byte offset of the channel's location (Float64 numbers) in a registration's state. */
export const LOCATION_OFFSET = 32;
/** Bytes of a registration's state. */
export const REGISTRATION_BYTES = LOCATION_OFFSET + 8 * WAKER_LOCATION_SLOTS;

/** Int32 cells of a `Waker`'s state: woken since the last poll, and closed. */
export const WAKER_CELLS = { WOKEN: 0, CLOSED: 1, BYTES: 8 } as const;

/** A registered `Registration`, as its `Poll` sees it. */
export interface Entry {
  /** The registration's state cells. */
  readonly cells: Int32Array;
  /** The channel's location inside the same buffer. */
  readonly location: Float64Array;
  /** The token its events report. */
  token: number;
  /** Its interest (`Interest` bits). */
  interest: number;
  /** Level-triggered: reported on every poll while ready. */
  level: boolean;
  /** Disabled after one event until `reregister`. */
  oneshot: boolean;
  /** A oneshot registration that fired. */
  disabled: boolean;
  /** The `SEQ` last looked at (edge). */
  seen: number;
  /** Report the readiness at the next poll whatever `SEQ` says (after register, reregister). */
  forced: boolean;
  /** The binding's guard while registered (`REG.UNBOUND`, `REG.BUSY`). */
  guard: SharedGuard | null;
}

/** Portable readiness bits of `Interest` bits. */
function readyOf(bits: number): number {
  let r = 0;
  if (bits & INTEREST_READABLE) r |= READY_READABLE;
  if (bits & INTEREST_WRITABLE) r |= READY_WRITABLE;
  if (bits & INTEREST_PRIORITY) r |= READY_PRIORITY;
  if (bits & INTEREST_AIO) r |= READY_AIO;
  if (bits & INTEREST_LIO) r |= READY_LIO;
  return r;
}

/**
 * Wakes the channel a registration is bound to, from any Worker; nothing
 * while it is not registered (its `Poll` then finds the readiness when it
 * registers).
 */
export function wakeBound(cells: Int32Array, location: Float64Array): void {
  // `SharedGuard.enter()` and `leave()` on the binding's guard, without an object.
  Atomics.add(cells, REG.BUSY, 1);
  try {
    if (Atomics.load(cells, REG.UNBOUND) === 0) platform.wakeAt(location);
    else Atomics.store(cells, REG.NOTIFIED, 0);
  } finally {
    Atomics.sub(cells, REG.BUSY, 1);
  }
}

/** Marks `entry` unbound, waiting for nothing: its `setReadiness` no longer reaches the channel. */
function unbind(entry: Entry): void {
  entry.guard?.retire();
  entry.guard = null;
}

/** The user-space events of one `Poll`. */
export class UserEvents {
  readonly #owner: Selector;
  #channel: SysWaker | null = null;
  #holders = 0;
  readonly #location = new Float64Array(WAKER_LOCATION_SLOTS);
  #wakerToken = 0;
  #wakerCells: Int32Array | null = null;
  readonly #entries: Entry[] = [];
  /** Where the next merge starts. */
  #next = 0;
  /** The last merge stopped at a full buffer. */
  #leftover = false;

  /** The user events of the `Poll` whose selector is `owner`. */
  constructor(owner: Selector) {
    this.#owner = owner;
  }

  /** Whether `select`'s results need `collect` (a `Waker` or a registration exists). */
  get active(): boolean {
    return this.#channel !== null;
  }

  /** Whether the `Poll` has a live `Waker`. */
  get hasWaker(): boolean {
    return this.#wakerCells !== null;
  }

  #acquire(): SysWaker {
    let channel = this.#channel;
    if (channel === null) {
      channel = this.#owner.createWaker(CHANNEL_TOKEN);
      try {
        platform.locateWaker(channel, this.#location);
      } catch (e) {
        channel.close();
        throw e;
      }
      this.#channel = channel;
    }
    this.#holders++;
    return channel;
  }

  #release(): void {
    if (--this.#holders > 0 || this.#channel === null) return;
    this.#channel.close();
    this.#channel = null;
  }

  /** Wakes the `Poll` (nothing when no channel is open). */
  wake(): void {
    this.#channel?.wake();
  }

  /** The `Waker` with `token` and state `cells` now reports through the channel. */
  attachWaker(token: number, cells: Int32Array): void {
    this.#acquire();
    this.#wakerToken = token;
    this.#wakerCells = cells;
  }

  /** A value through which another Worker wakes the channel (inside the `Waker`'s shared value). */
  shareChannel(): SharedWaker {
    return this.#channel!.share();
  }

  /** The `Waker` was closed: its pending wake is dropped. */
  detachWaker(): void {
    this.#wakerCells = null;
    this.#release();
  }

  /** Starts reporting `entry`; reports readiness it has already (mio: set before register). */
  add(entry: Entry): void {
    const channel = this.#acquire();
    entry.location.set(this.#location);
    const cells = new Int32Array(entry.cells.buffer, entry.cells.byteOffset + GUARD_OFFSET, 2);
    entry.guard = SharedGuard.within(channel.share().fd, cells);
    Atomics.store(entry.cells, REG.NOTIFIED, 0);
    this.#entries.push(entry);
    this.changed(entry);
  }

  /** `entry` was (re)registered: reported at the next poll if ready; a pending wait is woken for it. */
  changed(entry: Entry): void {
    entry.forced = true;
    entry.disabled = false;
    if ((Atomics.load(entry.cells, REG.READINESS) & entry.interest) !== 0) this.wake();
  }

  /** Stops reporting `entry`: no event carries its token afterwards. */
  remove(entry: Entry): void {
    const entries = this.#entries;
    const i = entries.indexOf(entry);
    if (i < 0) return;
    entries[i] = entries[entries.length - 1]!;
    entries.pop();
    unbind(entry);
    this.#release();
  }

  /** The `Poll` closed: every registration is unbound (its `setReadiness` no longer wakes anything). */
  close(): void {
    for (const entry of this.#entries.splice(0)) {
      unbind(entry);
      this.#release();
    }
  }

  /** Whether the next poll has something to report now (then it must not block). */
  pending(): boolean {
    if (this.#leftover) return true;
    const waker = this.#wakerCells;
    if (waker !== null && Atomics.load(waker, WAKER_CELLS.WOKEN) !== 0) return true;
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.disabled || (Atomics.load(e.cells, REG.READINESS) & e.interest) === 0) continue;
      if (e.level || e.forced || Atomics.load(e.cells, REG.SEQ) !== e.seen) return true;
    }
    return false;
  }

  /**
   * Turns what `select` wrote into `buffer` into the `Poll`'s events: drops
   * the channel's, adds the `Waker`'s and the registrations'. Returns
   * whether the channel had an event (a wake that may have added nothing).
   */
  collect(buffer: EventBuffer): boolean {
    const tokens = buffer.tokens;
    const readiness = buffer.readiness;
    const length = buffer.length;
    let channel = false;
    let n = 0;
    for (let i = 0; i < length; i++) {
      if (tokens[i] === CHANNEL_TOKEN) {
        channel = true;
        continue;
      }
      if (n !== i) {
        tokens[n] = tokens[i]!;
        readiness[n] = readiness[i]!;
      }
      n++;
    }
    const waker = this.#wakerCells;
    if (
      waker !== null && n < buffer.capacity && Atomics.load(waker, WAKER_CELLS.WOKEN) !== 0 &&
      Atomics.exchange(waker, WAKER_CELLS.WOKEN, 0) !== 0
    ) {
      tokens[n] = this.#wakerToken;
      readiness[n] = READY_READABLE;
      n++;
    }
    buffer.length = this.#merge(buffer, n);
    return channel;
  }

  /** Adds the registrations' events after the first `n`, starting where the last merge stopped. */
  #merge(buffer: EventBuffer, n: number): number {
    const entries = this.#entries;
    const count = entries.length;
    this.#leftover = false;
    if (count === 0) return n;
    const start = this.#next < count ? this.#next : 0;
    for (let k = 0; k < count; k++) {
      const i = start + k < count ? start + k : start + k - count;
      if (n === buffer.capacity) {
        this.#next = i;
        this.#leftover = true;
        return n;
      }
      const e = entries[i]!;
      const cells = e.cells;
      Atomics.store(cells, REG.NOTIFIED, 0);
      const seq = Atomics.load(cells, REG.SEQ);
      const bits = Atomics.load(cells, REG.READINESS) & e.interest;
      if (e.disabled) continue;
      if (!e.level) {
        if (!e.forced && seq === e.seen) continue;
        e.seen = seq;
        e.forced = false;
      }
      if (bits === 0) continue;
      buffer.tokens[n] = e.token;
      buffer.readiness[n] = readyOf(bits);
      n++;
      if (e.oneshot) e.disabled = true;
    }
    this.#next = start + 1 < count ? start + 1 : 0;
    return n;
  }
}
