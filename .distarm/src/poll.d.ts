import type { Backend } from "../sys/selector.ts";
import type { Runtime } from "../sys/ffi/ffi.ts";
import { type Event, Events } from "./events.ts";
import { type PollAsyncOptions, type PollEventsOptions } from "./poll_async.ts";
import { Registry } from "./registry.ts";
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
export declare class Poll {
    #private;
    /** The selector in use: `"epoll"`, `"kqueue"`, `"iocp"` or `"poll"`. */
    static readonly backend: Backend;
    /** The FFI in use: `"deno"`, `"bun"` or `"node"`. */
    static readonly runtime: Runtime;
    /** Creates a selector (an epoll instance on Linux). */
    constructor();
    /** The registry to register sources with. */
    registry(): Registry;
    /**
     * Waits for events, up to `timeout` milliseconds (`null` or omitted: no
     * limit; `0`: return at once; fractions round up), and fills `events`
     * with them, replacing what it held. A signal may end the wait early
     * with no events.
     *
     * @throws {RangeError} for a negative or NaN timeout; `IoError`
     * `BadResource` after `close()`.
     */
    poll(events: Events, timeout?: number | null): void;
    /**
     * Waits for events as `poll()` does, but without blocking the runtime's
     * event loop: timers, promises and other I/O go on while the selector
     * waits on another thread (docs/async.md says which, and what it costs,
     * per runtime). The promise resolves once `events` holds events, or,
     * with `events` empty, once `timeout` milliseconds passed (`null` or
     * omitted: no limit; `0`: only what is ready now).
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
    pollAsync(events: Events, timeout?: number | null, options?: PollAsyncOptions): Promise<void>;
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
    events(events: Events, options?: PollEventsOptions): AsyncGenerator<Event, void, undefined>;
    /**
     * Closes the selector. Registered sources stay open; they are no longer
     * watched. A pending `pollAsync()` rejects with `IoError` `BadResource`.
     */
    close(): void;
    /** Same as `close()`, for `using`. */
    [Symbol.dispose](): void;
}
