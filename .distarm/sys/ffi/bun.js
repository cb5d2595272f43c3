var __rewriteRelativeImportExtension = (this && this.__rewriteRelativeImportExtension) || function (path, preserveJsx) {
    if (typeof path === "string" && /^\.\.?\//.test(path)) {
        return path.replace(/\.(tsx)$|((?:\.d)?)((?:\.[^./]+?)?)\.([cm]?)ts$/i, function (m, tsx, d, ext, cm) {
            return tsx ? preserveJsx ? ".jsx" : ".js" : d && (!ext || !cm) ? m : (d + ext + "." + cm.toLowerCase() + "js");
        });
    }
    return path;
};
/**
 * The FFI backend for Bun: `bun:ffi`.
 *
 * @module
 */
import { processArch, processEnv, processOs } from "./process_platform.js";
import { bunOpenOffThread } from "./bun_off_thread.js";
// A computed specifier keeps Deno's and tsc's module graphs away from `bun:`.
const bunFfiSpecifier = ["bun", "ffi"].join(":");
const bun = (await import(__rewriteRelativeImportExtension(bunFfiSpecifier)));
/** `bun:ffi`'s name for `t`; `i64_fast` gives a number where it fits (a HANDLE or address always does). */
function bunType(t) {
    return t === "buffer" ? "ptr" : t === "isize" ? "i64_fast" : t;
}
function open(library, table) {
    const spec = {};
    for (const [name, s] of Object.entries(table)) {
        spec[name] = { args: s.args.map(bunType), returns: bunType(s.result) };
    }
    return bun.dlopen(library, spec).symbols;
}
function errnoReader(library, locationSymbol) {
    const lib = bun.dlopen(library, { [locationSymbol]: { args: [], returns: "ptr" } });
    // errno lives at a fixed address per thread: view it in place.
    const cell = new Int32Array(bun.toArrayBuffer(lib.symbols[locationSymbol](), 0, 4));
    return () => cell[0];
}
function view(address, length) {
    return bun.toArrayBuffer(address, 0, length);
}
/** The Bun FFI backend. */
export const ffi = {
    runtime: "bun",
    os: processOs,
    arch: processArch,
    open,
    openOffThread: bunOpenOffThread(bun, processOs),
    errnoReader,
    view,
    env: processEnv,
};
