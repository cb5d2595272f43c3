/**
 * `Waker`: wakes a `Poll` from another place (mio's `Waker`).
 *
 * @module
 */
import type { SysWaker } from "../sys/selector.ts";
import { badResource, IoError } from "./io_error.ts";
import { type PollState, pollState, type Registry } from "./registry.ts";
import { checkToken, type Token } from "./token.ts";

/**
 * Makes a `Poll`'s current or next `poll()` return an event with its token.
 * Wakes coalesce: several before a `poll()` give one event. One per `Poll`.
 *
 * @example
 * ```ts
 * const waker = new Waker(poll.registry(), Token(10));
 * waker.wake();
 * poll.poll(events, 0); // an event with token 10
 * ```
 */
export class Waker {
  #sys: SysWaker | null;
  readonly #state: PollState;

  /**
   * Creates the waker of `registry`'s `Poll`.
   *
   * @throws `IoError` `AlreadyExists` if that `Poll` has a live `Waker`.
   */
  constructor(registry: Registry, token: Token) {
    const state = pollState(registry);
    checkToken(token);
    if (state.selector.closed) throw badResource("Poll");
    if (state.hasWaker) {
      throw new IoError("AlreadyExists", "this Poll already has a Waker (one per Poll)", { code: "EEXIST" });
    }
    this.#sys = state.selector.createWaker(token);
    this.#state = state;
    state.hasWaker = true;
  }

  /** Wakes the `Poll`. */
  wake(): void {
    if (this.#sys === null) throw badResource("Waker");
    this.#sys.wake();
  }

  /** Releases the waker; idempotent. */
  close(): void {
    if (this.#sys === null) return;
    this.#sys.close();
    this.#sys = null;
    this.#state.hasWaker = false;
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
