import type { Platform } from "./platform.ts";
/** The platform this process runs on. */
export declare const platform: Platform;
