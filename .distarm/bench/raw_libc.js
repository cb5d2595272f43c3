var __rewriteRelativeImportExtension = (this && this.__rewriteRelativeImportExtension) || function (path, preserveJsx) {
    if (typeof path === "string" && /^\.\.?\//.test(path)) {
        return path.replace(/\.(tsx)$|((?:\.d)?)((?:\.[^./]+?)?)\.([cm]?)ts$/i, function (m, tsx, d, ext, cm) {
            return tsx ? preserveJsx ? ".jsx" : ".js" : d && (!ext || !cm) ? m : (d + ext + "." + cm.toLowerCase() + "js");
        });
    }
    return path;
};
/**
 * The libc calls `ffi_micro.ts` times, bound straight through the running
 * runtime's own FFI (`Deno.dlopen`, `bun:ffi`, koffi) with no mio-ts code
 * around them: the baseline the mio-ts layer is measured against. Each is
 * declared the cheapest way the runtime allows (32-bit integers, buffers
 * passed as such); `readUsize` keeps the `size_t` count declared as the C
 * prototype says, to show what that declaration costs.
 *
 * @module
 */
import process from "node:process";
import { createRequire } from "node:module";
const DECLS = {
    epoll_create1: { symbol: "epoll_create1", params: ["i"] },
    close: { symbol: "close", params: ["i"] },
    socketpair: { symbol: "socketpair", params: ["i", "i", "i", "b"] },
    epoll_wait: { symbol: "epoll_wait", params: ["i", "b", "i", "i"] },
    read: { symbol: "read", params: ["i", "b", "i"] },
    readUsize: { symbol: "read", params: ["i", "b", "u"] },
    recv: { symbol: "recv", params: ["i", "b", "i", "i"] },
    send: { symbol: "send", params: ["i", "b", "i", "i"] },
    syscall: { symbol: "syscall", params: ["i", "i", "b", "i", "i", "i", "i"] },
};
const LIBC = "libc.so.6";
const g = globalThis;
function bindDeno(deno) {
    const types = { i: "i32", u: "usize", b: "buffer" };
    const spec = {};
    for (const [key, d] of Object.entries(DECLS)) {
        spec[key] = { name: d.symbol, parameters: d.params.map((p) => types[p]), result: "i32" };
    }
    const fn = deno.dlopen(LIBC, spec).symbols;
    return { runtime: "deno", version: `Deno ${deno.version.deno}`, ffi: "Deno.dlopen", fn };
}
async function bindBun(version) {
    // A computed specifier keeps Deno's and tsc's module graphs away from `bun:`.
    const bun = (await import(__rewriteRelativeImportExtension(["bun", "ffi"].join(":"))));
    const types = { i: "i32", u: "usize", b: "ptr" };
    const fn = {};
    // bun:ffi names each binding after its symbol: one dlopen per declaration.
    for (const [key, d] of Object.entries(DECLS)) {
        const lib = bun.dlopen(LIBC, { [d.symbol]: { args: d.params.map((p) => types[p]), returns: "i32" } });
        fn[key] = lib.symbols[d.symbol];
    }
    return { runtime: "bun", version: `Bun ${version}`, ffi: "bun:ffi", fn: fn };
}
function bindNode() {
    const koffi = createRequire(import.meta.url)("koffi");
    const lib = koffi.load(LIBC);
    const types = { i: "int", u: "size_t", b: "void *" };
    const fn = {};
    for (const [key, d] of Object.entries(DECLS)) {
        fn[key] = lib.func(d.symbol, "int", d.params.map((p) => types[p]));
    }
    return { runtime: "node", version: `Node ${process.version}`, ffi: "koffi", fn: fn };
}
/** Binds the raw libc calls with this runtime's FFI. */
export async function rawLibc() {
    if (g.Deno !== undefined)
        return bindDeno(g.Deno);
    if (g.Bun !== undefined)
        return await bindBun(g.Bun.version);
    return bindNode();
}
