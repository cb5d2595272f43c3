/**
 * The check of `shutdown()`'s argument, shared by `UnixStream` and
 * `UnixDatagram`.
 *
 * @module
 */
import type { ShutdownHow } from "../../sys/net_ops.ts";

const SHUTDOWN_HOWS: readonly ShutdownHow[] = ["read", "write", "both"];

/** Throws `TypeError` unless `how` is `"read"`, `"write"` or `"both"`. */
export function checkShutdownHow(how: unknown): ShutdownHow {
  if (!SHUTDOWN_HOWS.includes(how as ShutdownHow)) {
    throw new TypeError(`shutdown takes "read", "write" or "both", got ${String(how)}`);
  }
  return how as ShutdownHow;
}
