import type { PipeOps } from "../pipe_ops.ts";
import type { UnixSocketOps } from "../unix_socket_ops.ts";
/** Unix-domain socket operations on Windows: each throws `Unsupported`. */
export declare const unsupportedUdsOps: UnixSocketOps;
/**
 * Pipe operations on Windows: each throws `Unsupported`, but `close`, which
 * does nothing: no pipe can be made here, and a number handed to
 * `Sender.fromFd`/`Receiver.fromFd` stays its owner's (closing must not
 * throw, least of all from the safety net that closes dropped sources).
 */
export declare const unsupportedPipeOps: PipeOps;
