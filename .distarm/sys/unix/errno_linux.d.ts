/**
 * Linux errno numbers (asm-generic/errno-base.h and asm-generic/errno.h,
 * identical on x86_64 and aarch64) with their names and messages.
 *
 * @module
 */
/** errno number → [name, message], for the errors sockets and selectors report. */
export declare const LINUX_ERRNO: Readonly<Record<number, readonly [string, string]>>;
