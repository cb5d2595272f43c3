/**
 * The check of `shutdown()`'s argument, shared by `UnixStream` and
 * `UnixDatagram`.
 *
 * @module
 */
import type { ShutdownHow } from "../../sys/net_ops.ts";
/** Throws `TypeError` unless `how` is `"read"`, `"write"` or `"both"`. */
export declare function checkShutdownHow(how: unknown): ShutdownHow;
