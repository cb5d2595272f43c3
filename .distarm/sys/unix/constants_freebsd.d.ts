/**
 * FreeBSD constants (the same on x86_64 and aarch64), FreeBSD 12 and later
 * (`struct kevent` grew `ext[4]` in 12.0).
 *
 * @module
 */
import type { BsdConstants } from "./constants_bsd.ts";
/** FreeBSD's kqueue, socket, fcntl and errno numbers. */
export declare const FREEBSD: BsdConstants;
