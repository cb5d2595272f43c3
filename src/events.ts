/**
 * `Events` and `Event`: a preallocated buffer of readiness events, filled
 * by `Poll.poll()` and iterated without allocating.
 *
 * @module
 */
import {
  EventBuffer,
  READY_AIO,
  READY_ERROR,
  READY_LIO,
  READY_PRIORITY,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
} from "../sys/contract.ts";
import { platform } from "../sys/current.ts";
import type { Token } from "./token.ts";

/**
 * One readiness event. Valid until the next `poll()` on its `Events`; the
 * closed and error flags are hints, as in mio: always try the operation.
 */
export class Event {
  readonly #buffer: EventBuffer;
  readonly #index: number;

  /** @internal Events creates these; users never do. */
  constructor(buffer: EventBuffer, index: number) {
    this.#buffer = buffer;
    this.#index = index;
  }

  /** The token the source was registered with. */
  token(): Token {
    return this.#buffer.tokens[this.#index] as Token;
  }

  #has(bit: number): boolean {
    return (this.#buffer.readiness[this.#index]! & bit) !== 0;
  }

  /** The source is readable (or a read would not block). */
  isReadable(): boolean {
    return this.#has(READY_READABLE);
  }

  /** The source is writable (for a connecting `TcpStream`: the connect finished). */
  isWritable(): boolean {
    return this.#has(READY_WRITABLE);
  }

  /** An error is pending; `takeError()` returns it. */
  isError(): boolean {
    return this.#has(READY_ERROR);
  }

  /** The read half is closed (the peer shut down its writes, or hung up). */
  isReadClosed(): boolean {
    return this.#has(READY_READ_CLOSED);
  }

  /** The write half is closed. */
  isWriteClosed(): boolean {
    return this.#has(READY_WRITE_CLOSED);
  }

  /** Priority (out-of-band) data is readable. */
  isPriority(): boolean {
    return this.#has(READY_PRIORITY);
  }

  /** An AIO operation completed (kqueue only). */
  isAio(): boolean {
    return this.#has(READY_AIO);
  }

  /** An LIO operation completed (kqueue only). */
  isLio(): boolean {
    return this.#has(READY_LIO);
  }

  /**
   * A copy that stays valid after its `Events` is filled again (mio's
   * `Event: Clone`); iterating an `Events` reuses its `Event` objects, so
   * keep an event past the next `poll()` with this.
   */
  clone(): Event {
    const copy = new EventBuffer(1, 0);
    copy.tokens[0] = this.#buffer.tokens[this.#index]!;
    copy.readiness[0] = this.#buffer.readiness[this.#index]!;
    copy.length = 1;
    return new Event(copy, 0);
  }

  /** A description for debugging, e.g. `Event { token: 0, readable, writable }`. */
  toString(): string {
    const flags = (
      [
        ["readable", READY_READABLE],
        ["writable", READY_WRITABLE],
        ["error", READY_ERROR],
        ["read_closed", READY_READ_CLOSED],
        ["write_closed", READY_WRITE_CLOSED],
        ["priority", READY_PRIORITY],
        ["aio", READY_AIO],
        ["lio", READY_LIO],
      ] as const
    ).filter(([, bit]) => this.#has(bit)).map(([name]) => name);
    return `Event { token: ${this.token()}, ${flags.join(", ")} }`;
  }
}

/** The iterator `Events` hands out; reused so a poll loop allocates nothing. */
class EventsIterator implements IterableIterator<Event> {
  #index = 0;
  #done = true;
  readonly #events: Events;
  readonly #result: IteratorResult<Event> = { value: undefined, done: false } as unknown as IteratorResult<
    Event
  >;

  constructor(events: Events) {
    this.#events = events;
  }

  get active(): boolean {
    return !this.#done;
  }

  reset(): this {
    this.#index = 0;
    this.#done = false;
    return this;
  }

  next(): IteratorResult<Event> {
    const result = this.#result as { value: Event | undefined; done: boolean };
    if (this.#index < this.#events.length) {
      result.value = eventAt(this.#events, this.#index++);
      result.done = false;
    } else {
      this.#done = true;
      result.value = undefined;
      result.done = true;
    }
    return this.#result;
  }

  return(): IteratorResult<Event> {
    this.#done = true;
    const result = this.#result as { value: Event | undefined; done: boolean };
    result.value = undefined;
    result.done = true;
    return this.#result;
  }

  [Symbol.iterator](): this {
    return this;
  }
}

let eventAt: (events: Events, index: number) => Event;
let bufferOf: (events: Events) => EventBuffer;
let fillingOf: (events: Events, filling: boolean | null) => boolean;

/**
 * The most events an `Events` holds, whatever the selector allows: every
 * slot costs its OS record, a token, a readiness byte and an `Event`
 * object (about 80 bytes in all), so this bounds one buffer near 80 MiB.
 */
const MEMORY_LIMIT = 1 << 20;

/** The largest capacity: what one wait of this selector can return, within `MEMORY_LIMIT`. */
const MAX_CAPACITY = Math.min(platform.maxEvents, MEMORY_LIMIT);

/**
 * A buffer for the events of one `poll()` (mio's `Events`).
 *
 * @example
 * ```ts
 * import { Events, Poll } from "mio-ts";
 *
 * const poll = new Poll();
 * // Allocate once and reuse: each poll() replaces what it held.
 * const events = new Events(128);
 * poll.poll(events, 100);
 * for (const event of events) {
 *   console.log(event.token(), event.isReadable(), event.isWritable());
 * }
 * poll.close();
 * ```
 */
export class Events implements Iterable<Event> {
  readonly #buffer: EventBuffer;
  readonly #events: Event[];
  readonly #iterator: EventsIterator;
  /** Whether a pending `pollAsync()` is filling this buffer. */
  #filling = false;

  static {
    eventAt = (events, index) => events.#events[index]!;
    bufferOf = (events) => events.#buffer;
    fillingOf = (events, filling) => {
      if (filling !== null) events.#filling = filling;
      return events.#filling;
    };
  }

  /**
   * Room for `capacity` events per `poll()`: at most what one wait of the
   * selector can return (`epoll_wait`'s `EP_MAX_EVENTS`, a C `int` count
   * elsewhere), and at most 1,048,576 (2^20) so a buffer fits memory.
   *
   * @throws {RangeError} unless `capacity` is a positive integer within
   * that limit (the message names it).
   */
  constructor(capacity: number) {
    if (typeof capacity !== "number" || !Number.isInteger(capacity) || capacity <= 0) {
      throw new RangeError(`Events capacity must be a positive integer, got ${String(capacity)}`);
    }
    if (capacity > MAX_CAPACITY) {
      throw new RangeError(
        `Events capacity must be at most ${MAX_CAPACITY} (what one wait of the ${platform.backend} selector ` +
          `returns, within memory), got ${capacity}`,
      );
    }
    this.#buffer = new EventBuffer(capacity, platform.rawEventSize);
    this.#events = Array.from({ length: capacity }, (_, i) => new Event(this.#buffer, i));
    this.#iterator = new EventsIterator(this);
  }

  /** How many events fit. */
  get capacity(): number {
    return this.#buffer.capacity;
  }

  /** How many events the last `poll()` delivered. */
  get length(): number {
    return this.#buffer.length;
  }

  /** Whether the last `poll()` delivered no events. */
  isEmpty(): boolean {
    return this.#buffer.length === 0;
  }

  /** Forgets the events of the last `poll()`. */
  clear(): void {
    this.#buffer.length = 0;
  }

  /** Iterates the events of the last `poll()` (allocating only for nested loops). */
  [Symbol.iterator](): IterableIterator<Event> {
    return this.#iterator.active ? new EventsIterator(this).reset() : this.#iterator.reset();
  }
}

/** @internal The raw buffer `Poll.poll()` fills. */
export function eventBuffer(events: Events): EventBuffer {
  return bufferOf(events);
}

/**
 * @internal Throws `Error` if a pending wait is filling `events`: one
 * `Events` serves one wait at a time.
 */
export function checkFree(events: Events): void {
  if (fillingOf(events, null)) {
    throw new Error("this Events is being filled by a pending pollAsync(): one wait per Events at a time");
  }
}

/** @internal Marks `events` as filled by a pending wait (`true`), or free again. */
export function setFilling(events: Events, filling: boolean): void {
  fillingOf(events, filling);
}
