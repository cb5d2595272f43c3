/**
 * `Registry`: registers sources with a `Poll` (mio's `Registry`), from the
 * `Poll`'s Worker or another.
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import type { Registrar, Selector, SharedRegistry } from "../sys/contract.ts";
import { badResource } from "./io_error.ts";
import { checkInterest, type Interest } from "./interest.ts";
import { checkSource, type Source } from "./source.ts";
import { checkToken, type Token } from "./token.ts";
import { checkRegisterOptions, type RegisterOptions } from "./register_options.ts";
import type { UserEvents } from "./user_events.ts";

/** State shared by a `Poll` and every `Registry` cloned from it. */
export interface PollState {
  /** Where sources register: the `Poll`'s selector, or a shared registrar of another Worker's. */
  readonly selector: Registrar;
  /** The `Poll`'s selector, which also waits; `null` for a shared registry. */
  readonly owner: Selector | null;
  /** The `Poll`'s `Waker` and `Registration`s; `null` for a shared registry. */
  readonly user: UserEvents | null;
}

export type { SharedRegistry };

let stateOf: (registry: Registry) => PollState;

/**
 * Registers event sources with its `Poll`. Get one from `poll.registry()`.
 *
 * Another Worker can register with the same `Poll`: hand it
 * `registry.share()` and call `Registry.fromShared(value)` there. Sources
 * registered that way report their events to the `Poll`'s `poll()`, in the
 * `Poll`'s Worker. Once the `Poll` is closed, the shared registry's calls
 * throw `BadResource`.
 *
 * @example
 * ```ts
 * import { Interest, Poll, Token } from "mio-ts";
 * import { TcpListener } from "mio-ts/net";
 *
 * const poll = new Poll();
 * const registry = poll.registry();
 * const listener = TcpListener.bind("127.0.0.1:0");
 * registry.register(listener, Token(0), Interest.READABLE);
 * registry.reregister(listener, Token(1), Interest.READABLE); // another token or interest
 * registry.deregister(listener); // no more events for it
 * listener.close();
 * poll.close();
 * ```
 *
 * @example Registering from a Worker
 * ```ts
 * // main.ts
 * import { Worker } from "node:worker_threads";
 * import { Events, Poll } from "mio-ts";
 *
 * const poll = new Poll();
 * const events = new Events(16);
 * new Worker(new URL("./worker.ts", import.meta.url), { workerData: poll.registry().share() });
 * poll.poll(events, null); // the Worker's stream reports token 7 here
 * ```
 *
 * ```ts
 * // worker.ts
 * import { workerData } from "node:worker_threads";
 * import { Interest, Registry, Token } from "mio-ts";
 * import { TcpStream } from "mio-ts/net";
 *
 * const registry = Registry.fromShared(workerData);
 * registry.register(TcpStream.connect("127.0.0.1:8080"), Token(7), Interest.WRITABLE);
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
   * edge-triggered unless `options` say otherwise (`RegisterOptions`:
   * `{ trigger: "level" }`, `{ oneshot: true }`). A source is registered
   * with one `Poll` at a time.
   *
   * @throws {RangeError} for a bad token or interest; {TypeError} or
   * {RangeError} for bad options (before any syscall); `IoError`
   * `AlreadyExists` if the source is registered already.
   */
  register(source: Source, token: Token, interest: Interest, options?: RegisterOptions): void {
    checkSource(source);
    checkToken(token);
    checkInterest(interest);
    const mode = checkRegisterOptions(options);
    this.#open();
    source.register(this, token, interest, mode);
  }

  /**
   * Changes the token, interest and options of a registered source
   * (omitted options mean the defaults, not the previous ones); readiness
   * still pending is reported again, and a oneshot registration that fired
   * is enabled again.
   *
   * @throws `IoError` `NotFound` if the source is not registered here;
   * {TypeError} or {RangeError} for bad options.
   */
  reregister(source: Source, token: Token, interest: Interest, options?: RegisterOptions): void {
    checkSource(source);
    checkToken(token);
    checkInterest(interest);
    const mode = checkRegisterOptions(options);
    this.#open();
    source.reregister(this, token, interest, mode);
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

  /**
   * A plain, structured-cloneable value for `Registry.fromShared` in
   * another Worker.
   *
   * @throws `IoError` `BadResource` once the `Poll` is closed;
   * `Unsupported` where the selector cannot be shared (the poll(2)
   * fallback: register in the `Poll`'s Worker, or move the socket there
   * with `intoFd()`/`fromFd()`).
   */
  share(): SharedRegistry {
    this.#open();
    return this.#state.selector.share();
  }

  /**
   * A registry of the `Poll` whose registry `share()` gave `value`, usually
   * in another Worker. It registers, reregisters and deregisters; the
   * events arrive in that `Poll`. It cannot create a `Waker` (share the
   * `Poll`'s own instead).
   *
   * @throws {TypeError} unless `value` is what `Registry.share()` returned.
   */
  static fromShared(value: unknown): Registry {
    return new Registry({ selector: platform.sharedRegistrar(value), owner: null, user: null });
  }
}

/** @internal The `Poll` state behind a registry (for sources and `Waker`). */
export function pollState(registry: Registry): PollState {
  if (!(registry instanceof Registry)) throw new TypeError("registry must be a Registry");
  return stateOf(registry);
}
