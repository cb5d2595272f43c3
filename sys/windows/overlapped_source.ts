/**
 * The contract between the IOCP selector and handles whose overlapped
 * operations complete on its port (named pipes): the selector associates
 * the handle with its port on register, dispatches each completion of such
 * an operation to its source, and delivers the events the source posts.
 *
 * @module
 */

/**
 * Posts a synthetic event to a selector's port (PostQueuedCompletionStatus):
 * `select` reports `token` with `readiness` (READY_* bits of sys/bits.ts).
 */
export interface EventPoster {
  /** Queues one event for `token` with `readiness`; the selector's next `select` reports it. */
  post(token: number, readiness: number): void;
}

/** A handle whose overlapped operations complete on the selector's port (named pipes). */
export interface OverlappedSource {
  /** The Windows HANDLE, as a number. */
  readonly handle: number;
  /** register/reregister: the selector associated `handle` with its port (once); remember where to post events. */
  attach(poster: EventPoster, token: number, interest: number): void;
  /** deregister: forget the poster; the handle stays associated (Windows cannot undo that), later completions are only bookkeeping. */
  detach(): void;
  /**
   * What is ready now, as `READY_*` bits within the interest given to
   * `attach` (0 once detached): a level-triggered registration is reported
   * while this is not 0.
   */
  readiness(): number;
  /** One of this source's OVERLAPPEDs (at address `overlapped`) completed: `bytes` transferred, `status` = NTSTATUS from OVERLAPPED.Internal. */
  complete(overlapped: number, bytes: number, status: number): void;
}

/** Handles of live overlapped sources: the selector's register() looks here first; a handle not found is a socket (AFD path). */
export const overlappedSources: Map<number, OverlappedSource> = new Map();

/** OVERLAPPED address → its source, for every operation in flight (the source adds before starting an op, removes in complete()). */
export const pendingOverlapped: Map<number, OverlappedSource> = new Map();
