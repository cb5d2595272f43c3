/**
 * The result rule of the hot calls (read, write, send, recv, accept): a
 * count, `WOULD_BLOCK` for `EAGAIN`, `INTERRUPTED` (call again) for
 * `EINTR`, else an `IoError`. Callers loop while the answer is
 * `INTERRUPTED`; no closure is made per call.
 *
 * @module
 */
import { errno } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./errno_linux.ts";
import { WOULD_BLOCK } from "../contract.ts";

/** `ioResult`'s answer for `EINTR`: the caller makes the call again. */
export const INTERRUPTED = -2;

/**
 * The answer for a hot call that returned `n`: `n` itself when
 * non-negative, `WOULD_BLOCK`, `INTERRUPTED`, or a thrown `IoError` naming
 * `syscall`. Call at once after the call, before errno can change.
 */
export function ioResult(n: number, syscall: string): number {
  if (n >= 0) return n;
  const e = errno();
  if (e === C.EAGAIN) return WOULD_BLOCK;
  if (e === C.EINTR) return INTERRUPTED;
  throw osError(e, syscall);
}
