/**
 * `Poll`: waits for readiness events (mio's `Poll`).
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import type { Backend, EventBuffer, Runtime, Selector } from "../sys/contract.ts";
import { checkFree, type Event, eventBuffer, Events, setFilling } from "./events.ts";
import { badResource } from "./io_error.ts";
import { warnLeakOnce } from "./leak_warning.ts";
import { closeAtExit } from "./realm_exit.ts";
import { AsyncWaiter, type PollAsyncOptions, type PollEventsOptions, signalOf } from "./poll_async.ts";
import { type PollState, Registry } from "./registry.ts";
import { UserEvents } from "./user_events.ts";

/** What a `Poll` holds, kept apart from it for the safety net. */
interface Held {
  readonly selector: Selector;
  readonly user: UserEvents;
}

/** Unbinds the `Poll`'s registrations (their `setReadiness` then wakes nothing), then closes its selector. */
function release(held: Held): void {
  if (held.selector.closed) return;
  held.user.close();
  held.selector.close();
}

/** What this realm's open `Poll`s hold, closed when the realm ends. */
const open = new Set<Held>();
closeAtExit(() => {
  for (const held of open) release(held);
  open.clear();
});

/** Closes a `Poll` dropped without `close()`; warns once per realm. */
const safetyNet = new FinalizationRegistry<Held>((held) => {
  open.delete(held);
  if (held.selector.closed) return;
  warnLeakOnce("a Poll");
  release(held);
});

/** The largest timeout the OS takes, in milliseconds (a C `int`). */
const MAX_TIMEOUT_MS = 0x7fffffff;

/** Converts a timeout to the selector's integer milliseconds; -1 waits forever. */
function timeoutMs(timeout: number | null | undefined): number {
  if (timeout === undefined || timeout === null) return -1;
  if (typeof timeout !== "number" || Number.isNaN(timeout) || timeout < 0) {
    throw new RangeError(
      `timeout must be a non-negative number of milliseconds or null, got ${String(timeout)}`,
    );
  }
  // `+ 0` turns -0 into 0: some FFIs (Deno's) refuse -0 for a C int.
  return Math.min(Math.ceil(timeout), MAX_TIMEOUT_MS) + 0;
}

/**
 * The event loop's heart: register sources through `registry()`, then call
 * `poll()` to wait for their readiness.
 *
 * @example An event loop
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { TcpListener } from "mio-ts/net";
 *
 * const SERVER = Token(0);
 * const poll = new Poll();
 * const events = new Events(128);
 * const listener = TcpListener.bind("127.0.0.1:0");
 * poll.registry().register(listener, SERVER, Interest.READABLE);
 * console.log(`${Poll.backend} selector through ${Poll.runtime}'s FFI`);
 *
 * for (let round = 0; round < 10; round++) {
 *   poll.poll(events, 100); // wait at most 100 ms; null waits forever
 *   for (const event of events) {
 *     if (event.token() === SERVER) {
 *       let accepted;
 *       while ((accepted = listener.accept()) !== null) accepted[0].close();
 *     }
 *   }
 * }
 * listener.close();
 * poll.close();
 * ```
 */
export class Poll {
  /** The selector in use: `"epoll"`, `"kqueue"`, `"iocp"` or `"poll"`. */
  static readonly backend: Backend = platform.backend;
  /** The FFI in use: `"deno"`, `"bun"` or `"node"`. */
  static readonly runtime: Runtime = platform.runtime;

  readonly #selector: Selector;
  readonly #state: PollState;
  readonly #registry: Registry;
  readonly #user: UserEvents;
  /** What the safety net and the realm's end close. */
  readonly #held: Held;
  /** `pollAsync`'s off-thread waits. */
  readonly #asyncWaiter: AsyncWaiter;
  #waiting = false;
  /** The `Events` of the pending off-thread wait. */
  #asyncEvents: Events | null = null;
  /** The resolve function of the `pollAsync()` whose events were ready at once, until its macrotask runs. */
  #resolveReady: (() => void) | null = null;
  /** The `Events` of that wait, free again once it resolves. */
  #readyEvents: Events | null = null;
  /** Ends that wait: made once per `Poll`, so a ready `pollAsync()` allocates no closure. */
  readonly #endReady = (): void => {
    const resolve = this.#resolveReady!;
    this.#resolveReady = null;
    this.#waiting = false;
    setFilling(this.#readyEvents!, false);
    this.#readyEvents = null;
    resolve();
  };
  /** The executor of that wait's promise: resolves it from a macrotask (`setImmediate`). */
  readonly #awaitMacrotask = (resolve: () => void): void => {
    this.#resolveReady = resolve;
    setImmediate(this.#endReady);
  };

  /**
   * Creates a selector (an epoll instance on Linux). A `Poll` dropped
   * without `close()` is closed once garbage-collected, with a one-time
   * warning, and one still open when its realm (a Worker) ends is closed
   * then.
   */
  constructor() {
    this.#selector = platform.newSelector();
    this.#user = new UserEvents(this.#selector);
    this.#state = { selector: this.#selector, owner: this.#selector, user: this.#user };
    this.#registry = new Registry(this.#state);
    this.#asyncWaiter = new AsyncWaiter(this.#selector, (buffer) => this.#select(buffer, 0), () => {
      this.#waiting = false;
      setFilling(this.#asyncEvents!, false);
      this.#asyncEvents = null;
    });
    this.#held = { selector: this.#selector, user: this.#user };
    safetyNet.register(this, this.#held, this);
    open.add(this.#held);
  }

  /**
   * The selector's `select`, plus the `Waker`'s and `Registration`s' events
   * once either exists. It does not block while one of those has an event
   * to report, and goes on waiting (for what is left of `ms`) after a wake
   * of theirs that reported nothing.
   */
  #select(buffer: EventBuffer, ms: number): void {
    const user = this.#user;
    if (!user.active) return this.#selector.select(buffer, ms);
    const deadline = ms > 0 ? performance.now() + ms : 0;
    for (;;) {
      const now = user.pending();
      const wait = now || ms <= 0 ? (now ? 0 : ms) : Math.max(0, Math.ceil(deadline - performance.now()));
      this.#selector.select(buffer, wait);
      const woken = user.collect(buffer);
      if (buffer.length > 0 || ms === 0 || (!now && !woken)) return;
      if (ms > 0 && performance.now() >= deadline) return;
    }
  }

  /**
   * The selector's own descriptor (the epoll or kqueue descriptor), to
   * nest this `Poll` in another event loop: it is readable while events
   * are ready (mio's `AsRawFd for Poll`). `null` where the backend has
   * none (poll(2), IOCP). It stays this `Poll`'s: do not close it.
   *
   * @throws `IoError` `BadResource` after `close()`.
   */
  get fd(): number | null {
    if (this.#selector.closed) throw badResource("Poll");
    return this.#selector.fd;
  }

  /** The registry to register sources with. */
  registry(): Registry {
    if (this.#selector.closed) throw badResource("Poll");
    return this.#registry;
  }

  /**
   * Waits for events, up to `timeout` milliseconds (`null` or omitted: no
   * limit; `0`: return at once; fractions round up), and fills `events`
   * with them, replacing what it held. A signal may end the wait early
   * with no events.
   *
   * @throws {RangeError} for a negative or NaN timeout; `IoError`
   * `BadResource` after `close()`.
   */
  poll(events: Events, timeout?: number | null): void {
    if (!(events instanceof Events)) throw new TypeError("events must be an Events");
    const ms = timeoutMs(timeout);
    if (this.#selector.closed) throw badResource("Poll");
    if (this.#waiting) throw new Error("Poll is already waiting: one poll at a time");
    checkFree(events);
    this.#waiting = true;
    try {
      this.#select(eventBuffer(events), ms);
    } finally {
      this.#waiting = false;
    }
  }

  /**
   * Waits for events as `poll()` does, but without blocking the runtime's
   * event loop: timers, promises and other I/O go on while the selector
   * waits on another thread (docs/async.md says which, and what it costs,
   * per runtime). The promise resolves once `events` holds events, or,
   * with `events` empty, once `timeout` milliseconds passed (`null` or
   * omitted: no limit; `0`: only what is ready now). Events ready at once
   * still resolve it from a macrotask (`setImmediate`), never sooner: a
   * loop of waits that always find events lets timers and other I/O run
   * between them.
   *
   * Bad arguments, a closed `Poll`, and a `poll()` or `pollAsync()` of
   * this `Poll` still pending throw at once (synchronously): one wait at a
   * time per `Poll`. An aborted `options.signal` rejects the promise with
   * `signal.reason` (at once if it was aborted already); events that
   * arrived meanwhile stay for the next wait. `close()` during the wait
   * rejects it with `IoError` `BadResource`, once the selector's
   * descriptors are closed. The `Poll` stays usable after a resolve, an
   * abort or a timeout.
   *
   * @example Wait while a timer runs
   * ```ts
   * import { Events, Poll, Token, Waker } from "mio-ts";
   *
   * const poll = new Poll();
   * const events = new Events(16);
   * const waker = new Waker(poll.registry(), Token(1));
   * setTimeout(() => waker.wake(), 10); // runs while pollAsync waits
   * await poll.pollAsync(events, 1000);
   * for (const event of events) console.log(event.token()); // 1
   * waker.close();
   * poll.close();
   * ```
   *
   * @throws {TypeError} unless `events` is an `Events` and
   * `options.signal` an `AbortSignal`; {RangeError} for a negative or NaN
   * timeout; `IoError` `BadResource` after `close()`; `Error` while another
   * wait of this `Poll` is pending.
   */
  pollAsync(events: Events, timeout?: number | null, options?: PollAsyncOptions): Promise<void> {
    if (!(events instanceof Events)) throw new TypeError("events must be an Events");
    const ms = timeoutMs(timeout);
    const signal = signalOf(options);
    const selector = this.#selector;
    if (selector.closed) throw badResource("Poll");
    if (this.#waiting) throw new Error("Poll is already waiting: one poll at a time");
    checkFree(events);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const buffer = eventBuffer(events);
    try {
      this.#select(buffer, 0);
    } catch (e) {
      return Promise.reject(e);
    }
    this.#waiting = true;
    setFilling(events, true);
    // Resolved from a macrotask, not at once: a loop of waits that always find events must still
    // let timers and I/O callbacks run, which a microtask never does.
    if (buffer.length > 0 || ms === 0) {
      this.#readyEvents = events;
      return new Promise(this.#awaitMacrotask);
    }
    this.#asyncEvents = events;
    return this.#asyncWaiter.wait(buffer, ms, signal);
  }

  /**
   * The events of successive `pollAsync()` waits, one by one, for a
   * `for await` loop. Each batch is collected into `events` (valid until
   * the next batch). The iteration ends, without an error, when
   * `options.signal` aborts or a wait of `options.timeoutMs` ends with no
   * events; leaving the loop (`break`, `return`, an exception) ends it
   * too, and the `Poll` stays usable. Other errors of the wait (`close()`
   * during it: `IoError` `BadResource`) are thrown into the loop.
   *
   * @example An accept loop that runs until aborted
   * ```ts
   * import { Events, Interest, Poll, Token } from "mio-ts";
   * import { TcpListener } from "mio-ts/net";
   *
   * const poll = new Poll();
   * const listener = TcpListener.bind("127.0.0.1:0");
   * poll.registry().register(listener, Token(0), Interest.READABLE);
   * const stop = new AbortController();
   * setTimeout(() => stop.abort(), 100);
   * for await (const event of poll.events(new Events(128), { signal: stop.signal })) {
   *   if (event.token() === Token(0)) {
   *     let accepted;
   *     while ((accepted = listener.accept()) !== null) accepted[0].close();
   *   }
   * }
   * listener.close();
   * poll.close();
   * ```
   *
   * @throws {TypeError}, {RangeError} or `IoError` `BadResource` at once,
   * for the same reasons as `pollAsync()`.
   */
  events(events: Events, options: PollEventsOptions = {}): AsyncGenerator<Event, void, undefined> {
    if (!(events instanceof Events)) throw new TypeError("events must be an Events");
    const signal = signalOf(options);
    const timeout = options.timeoutMs ?? null;
    timeoutMs(timeout);
    if (this.#selector.closed) throw badResource("Poll");
    // This Poll's own pending wait is reported by the first next(), as "already waiting".
    if (!this.#waiting) checkFree(events);
    return this.#eventStream(events, timeout, signal);
  }

  async *#eventStream(
    events: Events,
    timeout: number | null,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<Event, void, undefined> {
    while (!signal?.aborted) {
      try {
        await this.pollAsync(events, timeout, { signal });
      } catch (e) {
        if (signal?.aborted && e === signal.reason) return;
        throw e;
      }
      if (events.isEmpty()) return;
      yield* events;
    }
  }

  /**
   * Closes the selector. Registered sources stay open; they are no longer
   * watched. A pending `pollAsync()` rejects with `IoError` `BadResource`.
   */
  close(): void {
    safetyNet.unregister(this);
    open.delete(this.#held);
    release(this.#held);
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
