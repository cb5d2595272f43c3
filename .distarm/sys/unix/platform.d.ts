import type { Platform } from "../platform.ts";
/**
 * The Unix platform this process runs on: Linux (epoll, or poll(2) / kqueue
 * over libkqueue when asked).
 *
 * @throws {Error} on an OS or architecture without layouts.
 */
export declare function unixPlatform(): Platform;
