/** A failed run: the seed and step to reproduce it, and the actions that led there. */
export declare class FuzzFailure extends Error {
    /** Wraps `cause` with the seed, the step and the last actions. */
    constructor(seed: number, step: number, trace: readonly string[], cause: unknown);
}
/** What a run did. */
export interface FuzzStats {
    /** Steps run. */
    steps: number;
    /** Actions taken, by name. */
    actions: Record<string, number>;
    /** Events checked. */
    events: number;
    /** Obligations answered by an event. */
    answered: number;
    /** Events that answered no obligation (spurious, which mio allows). */
    spurious: number;
    /** Times a new socket got the descriptor number of one just closed. */
    fdReused: number;
    /** Settles (waits until every owed event came). */
    settles: number;
    /** Bytes written and checked on reading. */
    bytes: number;
}
/** Runs `steps` seeded steps; throws `FuzzFailure` (with the seed) on the first broken rule. */
export declare function runFuzz(seed: number, steps: number, kqueue?: boolean): FuzzStats;
