/**
 * Turns an errno value into an `IoError` with its code, kind and message.
 *
 * @module
 */
import { IoError } from "../../src/io_error.ts";
/** The error code name of `errno` (e.g. `"ECONNREFUSED"`), or `"E<number>"` if unknown. */
export declare function errnoCode(errno: number): string;
/**
 * The `IoError` for `errno` returned by `syscall`; `detail` (an address, a
 * path) is added to the message.
 */
export declare function osError(errno: number, syscall: string, detail?: string): IoError;
