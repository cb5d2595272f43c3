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
/** The shared closed flag and in-progress count of a descriptor used from several Workers. */
export declare class SharedGuard {
    #private;
    /** The state, to hand to other Workers (inside a shared value). */
    readonly buffer: SharedArrayBuffer;
    /** Wraps `buffer` (from `create()` or a shared value checked with `isState`). */
    private constructor();
    /** A fresh guard: open, nothing in progress. */
    static create(): SharedGuard;
    /** A guard over the state another Worker created; `state` must pass `isState`. */
    static attach(state: SharedArrayBuffer): SharedGuard;
    /** Whether `value` can be a guard's state: a `SharedArrayBuffer` (of any realm) of the right size. */
    static isState(value: unknown): value is SharedArrayBuffer;
    /** Whether the owner has closed the descriptor. */
    get closed(): boolean;
    /** Starts a call on the descriptor; `false` (and nothing to leave) once the owner closed it. */
    enter(): boolean;
    /** Ends a call that `enter()` allowed. */
    leave(): void;
    /**
     * Refuses every later `enter()`, then waits (at most `DRAIN_LIMIT_MS`)
     * for the calls in progress to end. Call it before closing the
     * descriptor; idempotent.
     */
    close(): void;
}
