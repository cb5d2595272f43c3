/**
 * Turns a Windows error number (`GetLastError`/`WSAGetLastError`) into an
 * `IoError` with its code, kind and message. Plain code: importing this
 * file loads no library.
 *
 * @module
 */
import { IoError, kindOfCode } from "../../src/io_error.js";
import { WINDOWS_ERRORS } from "./errno_windows.js";
/** The error code of `errno` as Node names it (`"ECONNREFUSED"`), or `"E<number>"` if unknown. */
export function errnoCode(errno) {
    return WINDOWS_ERRORS[errno]?.[1] ?? `E${errno}`;
}
/**
 * The `IoError` for Windows error `errno` reported by `syscall`; `detail`
 * (an address, a pipe name) is added to the message. The kind is Rust
 * std's for that error, else the kind of its code.
 */
export function osError(errno, syscall, detail = "") {
    const known = WINDOWS_ERRORS[errno];
    const code = known?.[1] ?? `E${errno}`;
    const text = known === undefined ? `OS error ${errno}` : `${known[2]} (${code}, ${known[0]} ${errno})`;
    const where = detail === "" ? syscall : `${syscall} ${detail}`;
    return new IoError(known?.[3] ?? kindOfCode(code), `${where}: ${text}`, { code, errno, syscall });
}
