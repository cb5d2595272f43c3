/**
 * The FFI backend for Node: `koffi`.
 *
 * @module
 */
import { createRequire } from "node:module";
import { processArch, processEnv, processOs } from "./process_platform.js";
import { checkOffThreadArgs } from "./off_thread_args.js";
const koffi = createRequire(import.meta.url)("koffi");
const KOFFI_TYPES = {
    i32: "int32_t",
    u32: "uint32_t",
    usize: "size_t",
    isize: "intptr_t",
    buffer: "void *",
    void: "void",
};
function open(library, table) {
    const lib = koffi.load(library);
    const bound = {};
    for (const [name, s] of Object.entries(table)) {
        bound[name] = lib.func(name, KOFFI_TYPES[s.result], s.args.map((t) => KOFFI_TYPES[t]));
    }
    return bound;
}
/**
 * Binds `table` for koffi's `fn.async`: each call runs on a thread of
 * libuv's pool (4 by default, `UV_THREADPOOL_SIZE`, shared with `fs`, `dns`
 * and `crypto`; a call waits for a free one) and a pending call keeps the
 * process alive.
 */
function openOffThread(library, table) {
    const lib = koffi.load(library);
    const bound = {};
    for (const [name, s] of Object.entries(table)) {
        const fn = lib.func(name, KOFFI_TYPES[s.result], s.args.map((t) => KOFFI_TYPES[t]));
        bound[name] = (...args) => {
            checkOffThreadArgs(name, s, args);
            return new Promise((resolve, reject) => {
                fn.async(...args, (error, result) => error ? reject(error) : resolve(result));
            });
        };
    }
    return bound;
}
/** koffi saves errno itself after every call; the location symbol is not needed. */
function errnoReader() {
    return () => koffi.errno();
}
/** The Node FFI backend. */
export const ffi = {
    runtime: "node",
    os: processOs,
    arch: processArch,
    open,
    openOffThread,
    errnoReader,
    view: (address, length) => koffi.view(address, length),
    env: processEnv,
};
