/**
 * OpenBSD constants (the same on x86_64 and aarch64).
 *
 * @module
 */
import type { BsdConstants } from "./constants_bsd.ts";
/** OpenBSD's kqueue, socket, fcntl and errno numbers. */
export declare const OPENBSD: BsdConstants;
