/**
 * `Poll`: waits for readiness events (mio's `Poll`).
 *
 * @module
 */
import { platform } from "../sys/select.ts";
import type { Backend } from "../sys/selector.ts";
import type { Runtime } from "../sys/ffi/ffi.ts";
import { eventBuffer, Events } from "./events.ts";
import { badResource } from "./io_error.ts";
import { type PollState, Registry } from "./registry.ts";

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

  readonly #state: PollState;
  readonly #registry: Registry;
  #waiting = false;

  /** Creates a selector (an epoll instance on Linux). */
  constructor() {
    this.#state = { selector: platform.newSelector(), hasWaker: false };
    this.#registry = new Registry(this.#state);
  }

  /** The registry to register sources with. */
  registry(): Registry {
    if (this.#state.selector.closed) throw badResource("Poll");
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
    if (this.#state.selector.closed) throw badResource("Poll");
    if (this.#waiting) throw new Error("Poll is already waiting: one poll at a time");
    this.#waiting = true;
    try {
      this.#state.selector.select(eventBuffer(events), ms);
    } finally {
      this.#waiting = false;
    }
  }

  /** Closes the selector. Registered sources stay open; they are no longer watched. */
  close(): void {
    this.#state.selector.close();
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
