/**
 * The contract between the IOCP selector and handles whose overlapped
 * operations complete on its port (named pipes): the selector associates
 * the handle with its port on register, dispatches each completion of such
 * an operation to its source, and delivers the events the source posts.
 *
 * @module
 */
/** Handles of live overlapped sources: the selector's register() looks here first; a handle not found is a socket (AFD path). */
export const overlappedSources = new Map();
/** OVERLAPPED address → its source, for every operation in flight (the source adds before starting an op, removes in complete()). */
export const pendingOverlapped = new Map();
