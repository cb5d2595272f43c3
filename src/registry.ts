/**
 * `Registry`: registers sources with a `Poll` (mio's `Registry`).
 *
 * @module
 */
import type { Selector } from "../sys/selector.ts";
import { badResource } from "./io_error.ts";
import { checkInterest, type Interest } from "./interest.ts";
import { checkSource, type Source } from "./source.ts";
import { checkToken, type Token } from "./token.ts";

/** State shared by a `Poll` and every `Registry` cloned from it. */
export interface PollState {
  /** The selector of the `Poll`. */
  readonly selector: Selector;
  /** Whether a live `Waker` exists for this `Poll`. */
  hasWaker: boolean;
}

let stateOf: (registry: Registry) => PollState;

/**
 * Registers event sources with its `Poll`. Get one from `poll.registry()`.
 *
 * @example
 * ```ts
 * poll.registry().register(listener, Token(0), Interest.READABLE);
 * ```
 */
export class Registry {
  readonly #state: PollState;

  static {
    stateOf = (registry) => registry.#state;
  }

  /** @internal `Poll` creates registries. */
  constructor(state: PollState) {
    this.#state = state;
  }

  #open(): void {
    if (this.#state.selector.closed) throw badResource("Poll");
  }

  /**
   * Registers `source` for `interest`, reporting `token`. Events are
   * edge-triggered. A source is registered with one `Poll` at a time.
   *
   * @throws {RangeError} for a bad token or interest; `IoError` `AlreadyExists`
   * if the source is registered already.
   */
  register(source: Source, token: Token, interest: Interest): void {
    checkSource(source);
    checkToken(token);
    checkInterest(interest);
    this.#open();
    source.register(this, token, interest);
  }

  /**
   * Changes the token and interest of a registered source.
   *
   * @throws `IoError` `NotFound` if the source is not registered here.
   */
  reregister(source: Source, token: Token, interest: Interest): void {
    checkSource(source);
    checkToken(token);
    checkInterest(interest);
    this.#open();
    source.reregister(this, token, interest);
  }

  /**
   * Stops events for `source`. Closing a source deregisters it too.
   *
   * @throws `IoError` `NotFound` if the source is not registered here.
   */
  deregister(source: Source): void {
    checkSource(source);
    this.#open();
    source.deregister(this);
  }

  /** Another handle to the same `Poll`'s registrations. */
  tryClone(): Registry {
    this.#open();
    return new Registry(this.#state);
  }
}

/** @internal The `Poll` state behind a registry (for sources and `Waker`). */
export function pollState(registry: Registry): PollState {
  if (!(registry instanceof Registry)) throw new TypeError("registry must be a Registry");
  return stateOf(registry);
}
