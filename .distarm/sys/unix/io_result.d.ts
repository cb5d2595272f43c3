/** `ioResult`'s answer for `EINTR`: the caller makes the call again. */
export declare const INTERRUPTED = -2;
/**
 * The answer for a hot call that returned `n`: `n` itself when
 * non-negative, `WOULD_BLOCK`, `INTERRUPTED`, or a thrown `IoError` naming
 * `syscall`. Call at once after the call, before errno can change.
 */
export declare function ioResult(n: number, syscall: string): number;
