/**
 * macOS and iOS constants (the same on x86_64 and arm64), read from the
 * xnu headers at tag xnu-11417.101.15 (macOS 15.4), which every macOS since
 * 10.x agrees with for these values (`MSG_NOSIGNAL` aside: see below).
 *
 * @module
 */
import type { BsdConstants } from "./constants_bsd.ts";
/** Apple's kqueue, socket, fcntl and errno numbers. */
export declare const DARWIN: BsdConstants;
