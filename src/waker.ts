/**
 * `Waker`: wakes a `Poll` from another place (mio's `Waker`), including
 * another Worker.
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import type { SharedWaker, SysWaker } from "../sys/contract.ts";
import { badResource, IoError } from "./io_error.ts";
import { type PollState, pollState, type Registry } from "./registry.ts";
import { checkToken, type Token } from "./token.ts";

export type { SharedWaker };

/** Set only while `Waker.fromShared` runs the constructor: the shared waker it adopts. */
let adopting: SysWaker | null = null;

/**
 * Makes a `Poll`'s current or next `poll()` return an event with its token.
 * Wakes coalesce: several before a `poll()` give one event. One per `Poll`.
 *
 * `wake()` works from any Worker: hand `waker.share()` to the Worker (with
 * `postMessage` or `workerData`) and call `Waker.fromShared(value).wake()`
 * there. Close the original only after the Workers stopped using their
 * copies; from then on their `wake()` throws `BadResource`.
 *
 * @example
 * ```ts
 * import { Events, Poll, Token, Waker } from "mio-ts";
 *
 * const WAKER = Token(10);
 * const poll = new Poll();
 * const events = new Events(8);
 * const waker = new Waker(poll.registry(), WAKER);
 * waker.wake();
 * waker.wake(); // coalesces with the first
 * poll.poll(events, 0); // one event, with token 10
 * for (const event of events) console.log(event.token() === WAKER);
 * waker.close();
 * poll.close();
 * ```
 *
 * @example Waking from a Worker
 * ```ts
 * // main.ts
 * import { Worker } from "node:worker_threads";
 * import { Events, Poll, Token, Waker } from "mio-ts";
 *
 * const poll = new Poll();
 * const events = new Events(8);
 * const waker = new Waker(poll.registry(), Token(10));
 * new Worker(new URL("./worker.ts", import.meta.url), { workerData: waker.share() });
 * poll.poll(events, null); // returns once the Worker woke it
 * ```
 *
 * ```ts
 * // worker.ts
 * import { workerData } from "node:worker_threads";
 * import { Waker } from "mio-ts";
 *
 * Waker.fromShared(workerData).wake();
 * ```
 */
export class Waker {
  #sys: SysWaker | null;
  /** The `Poll`'s state for the original; `null` for a copy from `fromShared`. */
  readonly #state: PollState | null;

  /**
   * Creates the waker of `registry`'s `Poll`.
   *
   * @throws `IoError` `AlreadyExists` if that `Poll` has a live `Waker`;
   * `Unsupported` for a registry from `Registry.fromShared` (create the
   * `Waker` where its `Poll` lives, then share it).
   */
  constructor(registry: Registry, token: Token) {
    if (adopting !== null) {
      this.#sys = adopting;
      this.#state = null;
      return;
    }
    const state = pollState(registry);
    checkToken(token);
    if (state.selector.closed || state.owner?.closed) throw badResource("Poll");
    if (state.owner === null) {
      throw new IoError(
        "Unsupported",
        "create the Waker in the Worker that owns the Poll, and hand it over with waker.share()",
      );
    }
    if (state.hasWaker) {
      throw new IoError("AlreadyExists", "this Poll already has a Waker (one per Poll)", { code: "EEXIST" });
    }
    this.#sys = state.owner.createWaker(token);
    this.#state = state;
    state.hasWaker = true;
  }

  /**
   * A waker whose `wake()` wakes the `Poll` of the waker that `share()`
   * gave `value`, usually in another Worker. Its `close()` only detaches it.
   *
   * @throws {TypeError} unless `value` is what `Waker.share()` returned.
   */
  static fromShared(value: unknown): Waker {
    adopting = platform.sharedWaker(value);
    try {
      return new Waker(undefined as unknown as Registry, undefined as unknown as Token);
    } finally {
      adopting = null;
    }
  }

  /**
   * Wakes the `Poll`.
   *
   * @throws `IoError` `BadResource` after `close()`, and, for a copy from
   * `fromShared`, once the original was closed.
   */
  wake(): void {
    if (this.#sys === null) throw badResource("Waker");
    this.#sys.wake();
  }

  /**
   * A plain, structured-cloneable value for `Waker.fromShared` in another
   * Worker (a copy shares on what it was given).
   *
   * @throws `IoError` `BadResource` after `close()`.
   */
  share(): SharedWaker {
    if (this.#sys === null) throw badResource("Waker");
    return this.#sys.share();
  }

  /**
   * Releases the waker; idempotent. Closing the original makes every shared
   * copy's `wake()` throw `BadResource`; closing a copy only detaches it.
   */
  close(): void {
    if (this.#sys === null) return;
    this.#sys.close();
    this.#sys = null;
    if (this.#state !== null) this.#state.hasWaker = false;
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
