/**
 * `SharedGuard`: keeps a descriptor that several Workers use from being
 * closed while one of them is inside a call on it, and refuses every use
 * after it was closed. It lives in a `SharedArrayBuffer` (two `Int32`
 * cells: a closed flag and a count of calls in progress), so every Worker
 * that holds a shared `Waker` or `Registry` sees the same state.
 *
 * The protocol, with sequentially consistent `Atomics`:
 * - a user calls `enter()` (count + 1, then reads the flag; if set, count
 *   - 1 and refuse), makes its call, then `leave()` (count - 1, waking the
 *   closer when it reaches 0);
 * - the owner calls `close()` (sets the flag, then waits until the count is
 *   0) before closing the descriptor.
 * Either the user's increment comes first and the owner waits for its
 * `leave()`, or the owner's flag comes first and the user refuses: no call
 * can reach a closed descriptor, or a new one given the same number.
 *
 * @module
 */
/** Index of the closed flag (1 once the owner closed). */
const CLOSED = 0;
/** Index of the count of calls in progress. */
const BUSY = 1;
/** Bytes of the shared state. */
const SIZE = 8;
/**
 * How long `close()` waits for calls in progress (each is one non-blocking
 * syscall). Only a Worker terminated in the middle of a call leaves the
 * count up for good; `close()` then goes on after this long.
 */
const DRAIN_LIMIT_MS = 1000;
/** The shared closed flag and in-progress count of a descriptor used from several Workers. */
export class SharedGuard {
    /** The state, to hand to other Workers (inside a shared value). */
    buffer;
    #cells;
    /** Wraps `buffer` (from `create()` or a shared value checked with `isState`). */
    constructor(buffer) {
        this.buffer = buffer;
        this.#cells = new Int32Array(buffer);
    }
    /** A fresh guard: open, nothing in progress. */
    static create() {
        return new SharedGuard(new SharedArrayBuffer(SIZE));
    }
    /** A guard over the state another Worker created; `state` must pass `isState`. */
    static attach(state) {
        return new SharedGuard(state);
    }
    /** Whether `value` can be a guard's state: a `SharedArrayBuffer` (of any realm) of the right size. */
    static isState(value) {
        return Object.prototype.toString.call(value) === "[object SharedArrayBuffer]" &&
            value.byteLength === SIZE;
    }
    /** Whether the owner has closed the descriptor. */
    get closed() {
        return Atomics.load(this.#cells, CLOSED) !== 0;
    }
    /** Starts a call on the descriptor; `false` (and nothing to leave) once the owner closed it. */
    enter() {
        Atomics.add(this.#cells, BUSY, 1);
        if (Atomics.load(this.#cells, CLOSED) === 0)
            return true;
        this.leave();
        return false;
    }
    /** Ends a call that `enter()` allowed. */
    leave() {
        if (Atomics.sub(this.#cells, BUSY, 1) === 1 && Atomics.load(this.#cells, CLOSED) !== 0) {
            Atomics.notify(this.#cells, BUSY);
        }
    }
    /**
     * Refuses every later `enter()`, then waits (at most `DRAIN_LIMIT_MS`)
     * for the calls in progress to end. Call it before closing the
     * descriptor; idempotent.
     */
    close() {
        Atomics.store(this.#cells, CLOSED, 1);
        const deadline = Date.now() + DRAIN_LIMIT_MS;
        for (;;) {
            const busy = Atomics.load(this.#cells, BUSY);
            const left = deadline - Date.now();
            if (busy === 0 || left <= 0)
                return;
            Atomics.wait(this.#cells, BUSY, busy, left);
        }
    }
}
