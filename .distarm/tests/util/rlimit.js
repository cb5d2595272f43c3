/**
 * `RLIMIT_NOFILE` (the most descriptors a process may have open) read and
 * set through libc's `getrlimit`/`setrlimit`: the soak raises it, the
 * EMFILE test lowers it in a child process.
 *
 * @module
 */
import { ffi } from "../../sys/ffi/load.js";
import { linuxLayouts } from "../../sys/layout.js";
import { LINUX } from "../../sys/unix/constants_linux.js";
import { errno, libc } from "../../sys/unix/libc.js";
const RLIM_INFINITY = 0xffffffffffffffffn;
const layout = linuxLayouts(ffi.arch).rlimit;
const bytes = new Uint8Array(layout.size);
const view = new DataView(bytes.buffer);
function read(field) {
    const v = view.getBigUint64(layout.fields[field].offset, true);
    return v === RLIM_INFINITY ? Infinity : Number(v);
}
function write(field, value) {
    view.setBigUint64(layout.fields[field].offset, value === Infinity ? RLIM_INFINITY : BigInt(value), true);
}
/** This process's `RLIMIT_NOFILE`. */
export function nofileLimit() {
    if (libc.getrlimit(LINUX.RLIMIT_NOFILE, bytes) < 0)
        throw new Error(`getrlimit failed: errno ${errno()}`);
    return { soft: read("cur"), hard: read("max") };
}
/** Sets this process's `RLIMIT_NOFILE` (the hard limit stays unless given). */
export function setNofileLimit(soft, hard = nofileLimit().hard) {
    write("cur", soft);
    write("max", hard);
    if (libc.setrlimit(LINUX.RLIMIT_NOFILE, bytes) < 0)
        throw new Error(`setrlimit failed: errno ${errno()}`);
}
