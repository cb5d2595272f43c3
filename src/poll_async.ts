/**
 * The waiting behind `Poll.pollAsync` and `Poll.events`: the selector waits
 * off the JavaScript thread (`Selector.waitAsync`), and each time it may
 * have something, the `Poll`'s zero-timeout select on this thread collects it.
 *
 * @module
 */
import type { EventBuffer, Selector } from "../sys/contract.ts";
import { badResource } from "./io_error.ts";

/** Options of `Poll.pollAsync`. */
export interface PollAsyncOptions {
  /** Ends the wait early: the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** Options of `Poll.events`. */
export interface PollEventsOptions {
  /** Ends the iteration: the loop stops, without an error, once it aborts. */
  signal?: AbortSignal;
  /**
   * The longest wait for the next batch of events, in milliseconds; a wait
   * that ends with none ends the iteration. Omitted or `null`: no limit.
   */
  timeoutMs?: number | null;
}

/**
 * The signal of `options` (`undefined` when none is given).
 *
 * @throws {TypeError} unless `options` is an object whose `signal` is an
 * `AbortSignal` or `undefined`.
 */
export function signalOf(options: PollAsyncOptions | undefined): AbortSignal | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object");
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError("options.signal must be an AbortSignal");
  }
  return signal;
}

/**
 * The off-thread waits of one `Poll`, one at a time: waits without blocking
 * the event loop until the `Poll`'s zero-timeout select finds events (they
 * are in the buffer), the timeout passed (the buffer is then empty) or the
 * signal aborts (the promise rejects with its reason, and events that
 * arrived meanwhile stay for the next wait). Its state and callbacks are
 * made once per `Poll`: a wait allocates only the promise it returns.
 */
export class AsyncWaiter {
  readonly #selector: Selector;
  readonly #selectNow: (buffer: EventBuffer) => void;
  /** Called when a wait ends, before its promise settles. */
  readonly #onEnd: () => void;
  #buffer: EventBuffer | null = null;
  /** The wait's timeout in ms (-1: no limit) and when it ends (`performance.now()`). */
  #ms = -1;
  #deadline = 0;
  #signal: AbortSignal | undefined = undefined;
  #resolve: (() => void) | null = null;
  #reject: ((reason: unknown) => void) | null = null;
  readonly #interrupt = (): void => this.#selector.interruptWait();
  readonly #start = (resolve: () => void, reject: (reason: unknown) => void): void => {
    this.#resolve = resolve;
    this.#reject = reject;
    this.#waitOffThread();
  };
  /** The selector's off-thread wait returned: collect, or wait again. */
  readonly #woken = (): void => {
    const signal = this.#signal;
    if (signal !== undefined && signal.aborted) return this.#fail(signal.reason);
    if (this.#selector.closed) return this.#fail(badResource("Poll"));
    const buffer = this.#buffer!;
    try {
      this.#selectNow(buffer);
    } catch (e) {
      return this.#fail(e);
    }
    if (buffer.length > 0 || (this.#ms >= 0 && performance.now() >= this.#deadline)) {
      const resolve = this.#resolve!;
      this.#end();
      return resolve();
    }
    this.#waitOffThread();
  };
  readonly #failed = (e: unknown): void => this.#fail(e);

  /**
   * Waits on `selector`'s `waitAsync`; `selectNow` is the `Poll`'s
   * zero-timeout select; `onEnd` runs as each wait ends, before its promise
   * settles.
   */
  constructor(selector: Selector, selectNow: (buffer: EventBuffer) => void, onEnd: () => void) {
    this.#selector = selector;
    this.#selectNow = selectNow;
    this.#onEnd = onEnd;
  }

  /**
   * Waits for events into `buffer` for at most `ms` milliseconds (-1: no
   * limit), or until `signal` aborts.
   *
   * @throws `IoError` `BadResource` (as a rejection) if the selector was
   * closed during the wait; its descriptors are closed by then.
   */
  wait(buffer: EventBuffer, ms: number, signal: AbortSignal | undefined): Promise<void> {
    this.#buffer = buffer;
    this.#ms = ms;
    this.#deadline = ms < 0 ? 0 : performance.now() + ms;
    this.#signal = signal;
    signal?.addEventListener("abort", this.#interrupt);
    return new Promise(this.#start);
  }

  #waitOffThread(): void {
    const left = this.#ms < 0 ? -1 : Math.max(0, Math.ceil(this.#deadline - performance.now()));
    let returned: Promise<void>;
    try {
      returned = this.#selector.waitAsync(left);
    } catch (e) {
      return this.#fail(e);
    }
    returned.then(this.#woken, this.#failed);
  }

  #fail(reason: unknown): void {
    const reject = this.#reject!;
    this.#end();
    reject(reason);
  }

  /** Forgets the wait's state; the `Poll` is free again. */
  #end(): void {
    this.#signal?.removeEventListener("abort", this.#interrupt);
    this.#signal = undefined;
    this.#buffer = null;
    this.#resolve = null;
    this.#reject = null;
    this.#onEnd();
  }
}
