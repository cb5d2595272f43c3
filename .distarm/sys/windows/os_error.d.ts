/**
 * Turns a Windows error number (`GetLastError`/`WSAGetLastError`) into an
 * `IoError` with its code, kind and message. Plain code: importing this
 * file loads no library.
 *
 * @module
 */
import { IoError } from "../../src/io_error.ts";
/** The error code of `errno` as Node names it (`"ECONNREFUSED"`), or `"E<number>"` if unknown. */
export declare function errnoCode(errno: number): string;
/**
 * The `IoError` for Windows error `errno` reported by `syscall`; `detail`
 * (an address, a pipe name) is added to the message. The kind is Rust
 * std's for that error, else the kind of its code.
 */
export declare function osError(errno: number, syscall: string, detail?: string): IoError;
