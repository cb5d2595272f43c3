/** Cell 0: the step the main thread reached; cell 1: 1 once the test gave up. */
export type StepCells = Int32Array;
/** Fresh step cells (step 0, not aborted), to pass to a Worker in `workerData`. */
export declare function newSteps(): StepCells;
/** Announces step `n` to the Worker. */
export declare function setStep(cells: StepCells, n: number): void;
/** Tells the Worker the test gave up: its `waitStep` throws, so it ends by itself. */
export declare function abortSteps(cells: StepCells): void;
/** Blocks (a Worker) until the main thread reached step `n`; throws after 30 s or on abort. */
export declare function waitStep(cells: StepCells, n: number): void;
/** Sleeps the calling thread (a Worker) for `ms`. */
export declare function sleepThread(ms: number): void;
/** The kernel's id of the calling thread (`/proc/thread-self` is `PID/task/TID`; Windows: `GetCurrentThreadId`). */
export declare function threadId(): number;
/** What `watchBlocked` saw. */
export type BlockedObservation = "blocked" | "unreadable" | "not-seen";
/**
 * Watches thread `tid` of this process (for up to 10 s) until
 * `/proc/self/task/<tid>/syscall` shows it inside a wait for events.
 * `"unreadable"` where that file cannot be read (no ptrace access) or does
 * not exist (Windows).
 */
export declare function watchBlocked(tid: number): BlockedObservation;
/** An error as plain data, to post from a Worker. */
export interface ErrorData {
    /** `IoError.kind`, or the error's name. */
    kind: string;
    /** `IoError.code`. */
    code: string;
    /** `IoError.errno`. */
    errno: number;
    /** `IoError.syscall`. */
    syscall: string;
    /** The message. */
    message: string;
}
/** What `fn` threw, as `ErrorData`, or `null` if it returned. */
export declare function caught(fn: () => unknown): ErrorData | null;
/** What a Worker role (tests/workers/*_roles.ts) gets. */
export interface RoleContext {
    /** The test's `workerData`. */
    readonly data: Record<string, unknown>;
    /** The step cells the test passed. */
    readonly cells: StepCells;
    /** Posts a message to the test. */
    post(message: unknown): void;
}
/** A part a Worker plays in a test; it returns once the Worker may end. */
export type Role = (ctx: RoleContext) => void;
