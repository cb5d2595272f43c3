/**
 * `Waker`: wakes a `Poll` from another place (mio's `Waker`), including
 * another Worker.
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import type { SharedWaker, SysWaker } from "../sys/contract.ts";
import { badResource, IoError } from "./io_error.ts";
import { warnLeakOnce } from "./leak_warning.ts";
import { closeAtExit } from "./realm_exit.ts";
import { pollState, type Registry } from "./registry.ts";
import { checkToken, type Token } from "./token.ts";
import { type UserEvents, WAKER_CELLS } from "./user_events.ts";

export type { SharedWaker };

/** What an original `Waker` holds, kept apart from it for the safety net. */
interface Held {
  readonly user: UserEvents;
  readonly cells: Int32Array;
}

/** Closes what an original `Waker` holds: its copies then throw, its `Poll`'s one slot is free. */
function release(held: Held): void {
  Atomics.store(held.cells, WAKER_CELLS.CLOSED, 1);
  Atomics.store(held.cells, WAKER_CELLS.WOKEN, 0);
  held.user.detachWaker();
}

/** What this realm's open original `Waker`s hold, closed when the realm ends. */
const open = new Set<Held>();
closeAtExit(() => {
  for (const held of open) release(held);
  open.clear();
});

/** Closes a `Waker` dropped without `close()` (and frees its `Poll`'s one slot); warns once per realm. */
const safetyNet = new FinalizationRegistry<Held>((held) => {
  open.delete(held);
  warnLeakOnce("a Waker");
  release(held);
});

/** What `Waker.fromShared` adopts: the channel's shared waker and the `Waker`'s state. */
let adopting: { sys: SysWaker; cells: Int32Array } | null = null;

/** Whether `value` is a `Waker`'s state: a `SharedArrayBuffer` (of any realm) of the right size. */
function isCells(value: unknown): value is SharedArrayBuffer {
  return Object.prototype.toString.call(value) === "[object SharedArrayBuffer]" &&
    (value as SharedArrayBuffer).byteLength === WAKER_CELLS.BYTES;
}
/**
 * Makes a `Poll`'s current or next `poll()` return an event with its token.
 * Wakes coalesce: several before a `poll()` give one event. One per `Poll`.
 *
 * `wake()` works from any Worker: hand `waker.share()` to the Worker (with
 * `postMessage` or `workerData`) and call `Waker.fromShared(value).wake()`
 * there. Close the original only after the Workers stopped using their
 * copies; from then on their `wake()` throws `BadResource`.
 *
 * As in mio, closing the `Poll` does not close its `Waker`, on every
 * backend: `wake()` and `share()`, here and in the copies, go on
 * succeeding, waking nothing, until `waker.close()`, which releases what
 * the `Waker` still holds (its eventfd or pipe, the poll(2) selector's
 * wake descriptor, the kqueue descriptor, the completion port). A `Waker`
 * dropped without `close()` has it released by the safety net.
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
  /** The channel this waker wakes: the `Poll`'s own for the original, a shared one for a copy. */
  #sys: SysWaker | null;
  /** The woken and closed flags, shared by the original and every copy. */
  readonly #cells: Int32Array;
  /** The `Poll`'s user events for the original; `null` for a copy from `fromShared`. */
  #user: UserEvents | null;
  /** What the safety net and the realm's end close, for an original; `null` for a copy. */
  #held: Held | null = null;

  /**
   * Creates the waker of `registry`'s `Poll`.
   *
   * @throws `IoError` `AlreadyExists` if that `Poll` has a live `Waker`;
   * `Unsupported` for a registry from `Registry.fromShared` (create the
   * `Waker` where its `Poll` lives, then share it).
   */
  constructor(registry: Registry, token: Token) {
    if (adopting !== null) {
      this.#sys = adopting.sys;
      this.#cells = adopting.cells;
      this.#user = null;
      return;
    }
    const state = pollState(registry);
    checkToken(token);
    if (state.selector.closed || state.owner?.closed) throw badResource("Poll");
    const user = state.user;
    if (user === null) {
      throw new IoError(
        "Unsupported",
        "create the Waker in the Worker that owns the Poll, and hand it over with waker.share()",
      );
    }
    if (user.hasWaker) {
      throw new IoError("AlreadyExists", "this Poll already has a Waker (one per Poll)", { code: "EEXIST" });
    }
    this.#cells = new Int32Array(new SharedArrayBuffer(WAKER_CELLS.BYTES));
    user.attachWaker(token, this.#cells);
    this.#sys = null;
    this.#user = user;
    const held = { user, cells: this.#cells };
    this.#held = held;
    open.add(held);
    safetyNet.register(this, held, this);
  }

  /**
   * A waker whose `wake()` wakes the `Poll` of the waker that `share()`
   * gave `value`, usually in another Worker. Its `close()` only detaches it.
   *
   * @throws {TypeError} unless `value` is what `Waker.share()` returned.
   */
  static fromShared(value: unknown): Waker {
    const cells = (value as { cells?: unknown } | null)?.cells;
    if (!isCells(cells)) throw new TypeError("value must be what Waker.share() returned");
    adopting = { sys: platform.sharedWaker(value), cells: new Int32Array(cells) };
    try {
      return new Waker(undefined as unknown as Registry, undefined as unknown as Token);
    } finally {
      adopting = null;
    }
  }

  #closed(): boolean {
    return (this.#user === null && this.#sys === null) || Atomics.load(this.#cells, WAKER_CELLS.CLOSED) !== 0;
  }

  /**
   * Wakes the `Poll`.
   *
   * @throws `IoError` `BadResource` after `close()`, and, for a copy from
   * `fromShared`, once the original was closed.
   */
  wake(): void {
    if (this.#closed()) throw badResource("Waker");
    Atomics.store(this.#cells, WAKER_CELLS.WOKEN, 1);
    if (this.#user !== null) this.#user.wake();
    else this.#sys!.wake();
  }

  /**
   * A plain, structured-cloneable value for `Waker.fromShared` in another
   * Worker (a copy shares on what it was given).
   *
   * @throws `IoError` `BadResource` after `close()`.
   */
  share(): SharedWaker {
    if (this.#closed()) throw badResource("Waker");
    const channel = this.#user !== null ? this.#user.shareChannel() : this.#sys!.share();
    return { ...channel, cells: this.#cells.buffer as SharedArrayBuffer } as SharedWaker;
  }

  /**
   * Releases the waker; idempotent. A `Waker` dropped without `close()` is
   * closed once garbage-collected, with a one-time warning. Closing the
   * original makes every shared copy's `wake()` throw `BadResource`, and
   * drops a wake not yet reported; closing a copy only detaches it.
   */
  close(): void {
    const held = this.#held;
    if (held !== null) {
      safetyNet.unregister(this);
      open.delete(held);
      this.#held = null;
      this.#user = null;
      release(held);
    } else if (this.#sys !== null) {
      this.#sys.close();
      this.#sys = null;
    }
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
