/**
 * NetBSD constants (the same on x86_64 and aarch64). Its `struct kevent` has
 * 32-bit `filter` and `flags`, and its filters count up from 0.
 *
 * @module
 */
import type { BsdConstants } from "./constants_bsd.ts";
/** NetBSD's kqueue, socket, fcntl and errno numbers. */
export declare const NETBSD: BsdConstants;
