/**
 * Turns an errno value into an `IoError` with its code, kind and message.
 *
 * @module
 */
import { IoError, kindOfCode } from "../../src/io_error.js";
import { LINUX_ERRNO } from "./errno_linux.js";
/** The error code name of `errno` (e.g. `"ECONNREFUSED"`), or `"E<number>"` if unknown. */
export function errnoCode(errno) {
    return LINUX_ERRNO[errno]?.[0] ?? `E${errno}`;
}
/**
 * The `IoError` for `errno` returned by `syscall`; `detail` (an address, a
 * path) is added to the message.
 */
export function osError(errno, syscall, detail = "") {
    const code = errnoCode(errno);
    const text = LINUX_ERRNO[errno]?.[1] ?? `OS error ${errno}`;
    const where = detail === "" ? syscall : `${syscall} ${detail}`;
    return new IoError(kindOfCode(code), `${where}: ${text} (${code})`, { code, errno, syscall });
}
