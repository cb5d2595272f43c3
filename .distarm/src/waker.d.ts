import type { SharedWaker } from "../sys/shared.ts";
import { type Registry } from "./registry.ts";
import { type Token } from "./token.ts";
export type { SharedWaker };
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
export declare class Waker {
    #private;
    /**
     * Creates the waker of `registry`'s `Poll`.
     *
     * @throws `IoError` `AlreadyExists` if that `Poll` has a live `Waker`;
     * `Unsupported` for a registry from `Registry.fromShared` (create the
     * `Waker` where its `Poll` lives, then share it).
     */
    constructor(registry: Registry, token: Token);
    /**
     * A waker whose `wake()` wakes the `Poll` of the waker that `share()`
     * gave `value`, usually in another Worker. Its `close()` only detaches it.
     *
     * @throws {TypeError} unless `value` is what `Waker.share()` returned.
     */
    static fromShared(value: unknown): Waker;
    /**
     * Wakes the `Poll`.
     *
     * @throws `IoError` `BadResource` after `close()`, and, for a copy from
     * `fromShared`, once the original was closed.
     */
    wake(): void;
    /**
     * A plain, structured-cloneable value for `Waker.fromShared` in another
     * Worker (a copy shares on what it was given).
     *
     * @throws `IoError` `BadResource` after `close()`.
     */
    share(): SharedWaker;
    /**
     * Releases the waker; idempotent. Closing the original makes every shared
     * copy's `wake()` throw `BadResource`; closing a copy only detaches it.
     */
    close(): void;
    /** Same as `close()`, for `using`. */
    [Symbol.dispose](): void;
}
