/**
 * `Registry`: registers sources with a `Poll` (mio's `Registry`), from the
 * `Poll`'s Worker or another.
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import type { ClonedRegistrar, Registrar, Selector, SharedRegistry } from "../sys/contract.ts";
import { badResource, IoError } from "./io_error.ts";
import { checkInterest, Interest } from "./interest.ts";
import { checkRegisterOptions, optionsOf, type RegisterOptions } from "./register_options.ts";
import { checkSource, type Source } from "./source.ts";
import { checkToken, type Token } from "./token.ts";
import type { UserEvents } from "./user_events.ts";

/** The open registrars `tryClone()` made, by the `instance` of the selector they reach. */
const openClones = new WeakMap<object, ClonedRegistrar[]>();

/**
 * @internal A registrar still open on the selector `instance` (whose `Poll`
 * selector is `owner`, `null` for a shared one): the `Poll`'s selector
 * while it is open, else an open clone; `null` once every one is closed.
 * Registrations belong to the selector, not to the registrar that made
 * them (mio's), so a source registered through a registrar closed since
 * is reached through another.
 */
export function openRegistrar(owner: Selector | null, instance: object): Registrar | null {
  if (owner !== null && !owner.closed) return owner;
  return openClones.get(instance)?.[0] ?? null;
}

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
  /** What `tryClone()` made this registry own; `null` for a `Poll`'s own and a shared one. */
  readonly #clone: ClonedRegistrar | null;

  static {
    stateOf = (registry) => registry.#state;
  }

  /** @internal `Poll` creates registries. */
  constructor(state: PollState, clone: ClonedRegistrar | null = null) {
    this.#state = state;
    this.#clone = clone;
  }

  #open(): void {
    if (this.#state.selector.closed) throw badResource("Poll");
  }

  /** Throws `Unsupported` for interest bits the selector cannot deliver. */
  #supported(interest: Interest): void {
    const selector = this.#state.selector;
    const missing = interest & ~selector.interests;
    if (missing !== 0) {
      throw new IoError(
        "Unsupported",
        `the ${selector.backend} selector cannot deliver ${Interest.format(missing)} ` +
          `(on ${selector.backend} an Interest combines ${Interest.format(selector.interests)})`,
        { code: "EOPNOTSUPP" },
      );
    }
  }

  /**
   * Registers `source` for `interest`, reporting `token`, in the mode
   * `options` names (default: edge-triggered, not oneshot; see
   * `RegisterOptions`). A source is registered with one `Poll` at a time.
   *
   * @throws {RangeError} for a bad token or interest; {TypeError} or
   * {RangeError} for bad options; `IoError` `Unsupported` for an interest
   * this backend cannot deliver (`PRIORITY` off Linux, `AIO`/`LIO` off
   * FreeBSD), `AlreadyExists` if the source is registered already.
   */
  register(source: Source, token: Token, interest: Interest, options?: RegisterOptions): void {
    checkSource(source);
    checkToken(token);
    checkInterest(interest);
    const mode = checkRegisterOptions(options);
    this.#open();
    this.#supported(interest);
    source.register(this, token, interest, optionsOf(mode));
  }

  /**
   * Changes the token, interest and mode of a registered source. Without
   * `options` the mode is the default (edge, not oneshot), whatever it was.
   * Re-enables a oneshot registration that fired; readiness still pending
   * is reported.
   *
   * @throws as `register`; `IoError` `NotFound` if the source is not
   * registered here. A refused call leaves the registration as it was.
   */
  reregister(source: Source, token: Token, interest: Interest, options?: RegisterOptions): void {
    checkSource(source);
    checkToken(token);
    checkInterest(interest);
    const mode = checkRegisterOptions(options);
    this.#open();
    this.#supported(interest);
    source.reregister(this, token, interest, optionsOf(mode));
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

  /**
   * A registry of the same `Poll` that works on its own (mio's
   * `Registry::try_clone`): sources registered through either are
   * registered through both, and it stays usable after the `Poll` is closed
   * (on epoll it owns a duplicate of the epoll descriptor, as mio's does).
   * Release it with `close()`.
   *
   * @throws `IoError` `BadResource` once this registry or its `Poll` is closed.
   */
  tryClone(): Registry {
    this.#open();
    const origin = this.#state;
    const clone = origin.selector.tryClone();
    let clones = openClones.get(clone.instance);
    if (clones === undefined) openClones.set(clone.instance, clones = []);
    clones.push(clone);
    // The clone's Poll is the original's: so are its Waker and Registrations.
    return new Registry({ selector: clone, owner: origin.owner, user: origin.user }, clone);
  }

  /**
   * Closes a registry `tryClone()` made (its duplicate descriptor, if any);
   * its calls then throw `BadResource`. Idempotent. Sources registered
   * through it stay registered with the `Poll` (as in mio). A `Poll`'s own
   * registry and a shared one own nothing: for them it does nothing (close
   * the `Poll` instead).
   */
  close(): void {
    const clone = this.#clone;
    if (clone === null || clone.closed) return;
    clone.close();
    const clones = openClones.get(clone.instance);
    const i = clones?.indexOf(clone) ?? -1;
    if (i >= 0) clones!.splice(i, 1);
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * A plain, structured-cloneable value for `Registry.fromShared` in
   * another Worker.
   *
   * Works on every backend: on poll(2) and IOCP another Worker's changes
   * are queued and wake the `Poll`'s wait, which applies them.
   *
   * @throws `IoError` `BadResource` once the `Poll` is closed.
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
