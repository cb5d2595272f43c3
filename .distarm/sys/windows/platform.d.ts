import type { Platform } from "../platform.ts";
/** The Windows platform (x86_64 and aarch64: same layouts). */
export declare function windowsPlatform(): Platform;
