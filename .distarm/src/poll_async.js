import { badResource } from "./io_error.js";
/**
 * The signal of `options` (`undefined` when none is given).
 *
 * @throws {TypeError} unless `options` is an object whose `signal` is an
 * `AbortSignal` or `undefined`.
 */
export function signalOf(options) {
    if (options === undefined)
        return undefined;
    if (typeof options !== "object" || options === null)
        throw new TypeError("options must be an object");
    const { signal } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
        throw new TypeError("options.signal must be an AbortSignal");
    }
    return signal;
}
/**
 * Waits without blocking the event loop until `select(buffer, 0)` finds
 * events (they are in `buffer`), `ms` milliseconds passed (-1: no limit;
 * `buffer` is then empty) or `signal` aborts (rejects with its reason, and
 * events that arrived meanwhile stay for the next wait).
 *
 * @throws `IoError` `BadResource` (as a rejection) if the selector was
 * closed during the wait; its descriptors are closed by then.
 */
export async function waitForEvents(selector, buffer, ms, signal) {
    const deadline = ms < 0 ? Infinity : performance.now() + ms;
    const interrupt = () => selector.interruptWait();
    signal?.addEventListener("abort", interrupt);
    try {
        for (;;) {
            const left = ms < 0 ? -1 : Math.max(0, Math.ceil(deadline - performance.now()));
            await selector.waitAsync(left);
            if (signal?.aborted)
                throw signal.reason;
            if (selector.closed)
                throw badResource("Poll");
            selector.select(buffer, 0);
            if (buffer.length > 0 || performance.now() >= deadline)
                return;
        }
    }
    finally {
        signal?.removeEventListener("abort", interrupt);
    }
}
