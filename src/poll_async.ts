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
 * Waits without blocking the event loop until `selectNow(buffer)` (the
 * `Poll`'s zero-timeout select) finds events (they are in `buffer`), `ms` milliseconds passed (-1: no limit;
 * `buffer` is then empty) or `signal` aborts (rejects with its reason, and
 * events that arrived meanwhile stay for the next wait).
 *
 * @throws `IoError` `BadResource` (as a rejection) if the selector was
 * closed during the wait; its descriptors are closed by then.
 */
export async function waitForEvents(
  selector: Selector,
  selectNow: (buffer: EventBuffer) => void,
  buffer: EventBuffer,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = ms < 0 ? Infinity : performance.now() + ms;
  const interrupt = () => selector.interruptWait();
  signal?.addEventListener("abort", interrupt);
  try {
    for (;;) {
      const left = ms < 0 ? -1 : Math.max(0, Math.ceil(deadline - performance.now()));
      await selector.waitAsync(left);
      if (signal?.aborted) throw signal.reason;
      if (selector.closed) throw badResource("Poll");
      selectNow(buffer);
      if (buffer.length > 0 || performance.now() >= deadline) return;
    }
  } finally {
    signal?.removeEventListener("abort", interrupt);
  }
}
