/**
 * Readiness events, after mio's `tests/util`: `expectEvents`,
 * `expectNoEvents` and the waits that poll until something is ready.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Event, Events, Interest, IoError, Poll, type Source, Token } from "../../mod.ts";
import { hangGuardMs } from "./timing.ts";

/**
 * How long a wait for something that must happen goes on before it fails:
 * a hang guard, never a measurement. Every wait ends as soon as what it
 * waits for happens; on a busy machine the kernel may deliver loopback
 * packets (from its softirq thread) and the runtime may run much later than
 * on an idle one, so this is generous.
 */
export const WAIT_BOUND_MS = hangGuardMs(30_000);

/** Milliseconds left until `deadline` (a `performance.now()` value), at least 0. */
function left(deadline: number): number {
  return Math.max(0, Math.ceil(deadline - performance.now()));
}

/** Readiness an expected event must show (mio's `Readiness`). */
export const Readiness = {
  READABLE: 1,
  WRITABLE: 2,
  AIO: 4,
  LIO: 8,
  ERROR: 16,
  READ_CLOSED: 32,
  WRITE_CLOSED: 64,
  PRIORITY: 128,
  /** The readiness an `Interest` asks for. */
  of(interest: Interest): number {
    return (Interest.isReadable(interest) ? 1 : 0) | (Interest.isWritable(interest) ? 2 : 0) |
      (Interest.isAio(interest) ? 4 : 0) | (Interest.isLio(interest) ? 8 : 0);
  },
} as const;

/** An event `expectEvents` waits for: a token and the readiness it must show. */
export interface ExpectEvent {
  /** The token. */
  token: Token;
  /** `Readiness` bits that must all be set. */
  readiness: number;
}

/** Builds an `ExpectEvent`; `readiness` may be `Readiness` bits or an `Interest`. */
export function expect(token: number, readiness: number): ExpectEvent {
  return { token: Token(token), readiness };
}

function matches(e: ExpectEvent, event: Event): boolean {
  const r = e.readiness;
  return event.token() === e.token &&
    (!(r & Readiness.READABLE) || event.isReadable()) &&
    (!(r & Readiness.WRITABLE) || event.isWritable()) &&
    (!(r & Readiness.AIO) || event.isAio()) &&
    (!(r & Readiness.LIO) || event.isLio()) &&
    (!(r & Readiness.ERROR) || event.isError()) &&
    (!(r & Readiness.READ_CLOSED) || event.isReadClosed()) &&
    (!(r & Readiness.WRITE_CLOSED) || event.isWriteClosed()) &&
    (!(r & Readiness.PRIORITY) || event.isPriority());
}

/** A fresh `Poll` and `Events(16)` (mio's `init_with_poll`). */
export function initWithPoll(): [Poll, Events] {
  return [new Poll(), new Events(16)];
}

/**
 * Polls until every expected event has been seen; other events are allowed
 * (mio's `expect_events`, which polls 3 × 500 ms). Fails after
 * `WAIT_BOUND_MS`.
 */
export function expectEvents(poll: Poll, events: Events, expected: ExpectEvent[]): void {
  awaitExpected(poll, events, expected, Infinity, () => {});
}

/**
 * Polls in slices of at most `sliceMs`, calling `pump()` before each, until
 * every expected event was seen; fails after `WAIT_BOUND_MS`.
 */
function awaitExpected(
  poll: Poll,
  events: Events,
  expected: ExpectEvent[],
  sliceMs: number,
  pump: () => void,
): void {
  const missing = [...expected];
  const seen: string[] = [];
  const deadline = performance.now() + WAIT_BOUND_MS;
  for (let first = true; missing.length > 0 && (first || left(deadline) > 0); first = false) {
    pump();
    poll.poll(events, Math.min(sliceMs, left(deadline)));
    for (const event of events) {
      if (seen.length < 100) seen.push(String(event));
      const i = missing.findIndex((e) => matches(e, event));
      if (i >= 0) missing.splice(i, 1);
    }
  }
  assert.equal(
    missing.length,
    0,
    `expected events not seen in ${WAIT_BOUND_MS} ms: ${JSON.stringify(missing)}; seen: ${
      seen.join("; ") || "none"
    }`,
  );
}

/** Polls for 50 ms and fails if any event arrives (mio's `expect_no_events`). */
export function expectNoEvents(poll: Poll, events: Events): void {
  poll.poll(events, 50);
  const seen = [...events].map(String);
  assert.equal(seen.length, 0, `unexpected events: ${seen.join("; ")}`);
}

/**
 * `expectEvents` for a test whose peer is driven by `pump`: polls in 10 ms
 * slices and calls `pump()` before each (failing after `WAIT_BOUND_MS`).
 */
export function expectEventsWhile(
  poll: Poll,
  events: Events,
  expected: ExpectEvent[],
  pump: () => void,
): void {
  awaitExpected(poll, events, expected, 10, pump);
}

/** `expectNoEvents` while `pump()` drives the peer: about 50 ms of short polls, failing on any event. */
export function expectNoEventsWhile(poll: Poll, events: Events, pump: () => void): void {
  for (let round = 0; round < 5; round++) {
    pump();
    poll.poll(events, 10);
    const seen = [...events].map(String);
    assert.equal(seen.length, 0, `unexpected events: ${seen.join("; ")}`);
  }
}

/** The tokens of the events of the last `poll()`, in order. */
export function tokensOf(events: Events): number[] {
  const tokens: number[] = [];
  for (const event of events) tokens.push(event.token());
  return tokens;
}

/**
 * mio 0.6's `wait_for`: polls until `token` is reported (failing after
 * `WAIT_BOUND_MS`); fails if one poll reports it twice. Returns the
 * readiness of its event.
 */
export function waitFor(poll: Poll, events: Events, token: Token): { readable: boolean; writable: boolean } {
  const deadline = performance.now() + WAIT_BOUND_MS;
  do {
    poll.poll(events, left(deadline));
    let found: { readable: boolean; writable: boolean } | null = null;
    for (const event of events) {
      if (event.token() !== token) continue;
      assert.equal(found, null, `token ${token} appeared twice in one poll`);
      found = { readable: event.isReadable(), writable: event.isWritable() };
    }
    if (found !== null) return found;
  } while (left(deadline) > 0);
  assert.fail(`token ${token} was never reported in ${WAIT_BOUND_MS} ms`);
}

/** The events of one poll of `timeoutMs` with `token`. */
export function eventsFor(poll: Poll, events: Events, token: Token, timeoutMs: number): number {
  poll.poll(events, timeoutMs);
  return tokensOf(events).filter((t) => t === token).length;
}

/**
 * Blocks (with polls of at most 50 ms) until `fn` returns something other
 * than `null`; fails after `WAIT_BOUND_MS`.
 */
export function retryUntilReady<T>(poll: Poll, events: Events, fn: () => T | null): T {
  const deadline = performance.now() + WAIT_BOUND_MS;
  for (;;) {
    const r = fn();
    if (r !== null) return r;
    if (left(deadline) === 0) throw new Error(`operation stayed WouldBlock for ${WAIT_BOUND_MS} ms`);
    poll.poll(events, Math.min(50, left(deadline)));
  }
}

/**
 * Calls `fn` until it returns something other than `null`, sleeping in a
 * Poll with nothing registered in between (so no test Poll's edge-triggered
 * events are consumed). Fails after `WAIT_BOUND_MS`.
 */
export function waitUntil<T>(fn: () => T | null): T {
  const idle = new Poll();
  try {
    return retryUntilReady(idle, new Events(1), fn);
  } finally {
    idle.close();
  }
}

/**
 * A `Source` that only records the calls the `Registry` forwards to it (the
 * `TestEventSource` of mio's tests/poll.rs); with `fail`, each call throws
 * an `IoError` `"Other"` whose message is the method name instead.
 */
export class RecordingSource implements Source {
  /** `[token, interest]` of each `register` call. */
  readonly registrations: [Token, Interest][] = [];
  /** `[token, interest]` of each `reregister` call. */
  readonly reregistrations: [Token, Interest][] = [];
  /** How many times `deregister` was called. */
  deregisterCount = 0;
  /** The registry each call received, in order. */
  readonly registries: unknown[] = [];

  /** Records calls; throws from each when `fail` is true. */
  constructor(readonly fail = false) {}

  /** Records (or fails) a registration. */
  register(registry: unknown, token: Token, interest: Interest): void {
    this.registries.push(registry);
    if (this.fail) throw new IoError("Other", "register");
    this.registrations.push([token, interest]);
  }

  /** Records (or fails) a reregistration. */
  reregister(registry: unknown, token: Token, interest: Interest): void {
    this.registries.push(registry);
    if (this.fail) throw new IoError("Other", "reregister");
    this.reregistrations.push([token, interest]);
  }

  /** Records (or fails) a deregistration. */
  deregister(registry: unknown): void {
    this.registries.push(registry);
    if (this.fail) throw new IoError("Other", "deregister");
    this.deregisterCount++;
  }
}
