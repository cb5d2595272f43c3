import { checkOffThreadArgs } from "./off_thread_args.js";
const deno = globalThis.Deno;
/**
 * Deno returns every 64-bit result as a `bigint`: the symbols whose result
 * is `isize` are wrapped to return a number instead.
 */
function numberResults(table, symbols) {
    const bound = {};
    for (const [name, s] of Object.entries(table)) {
        const call = symbols[name];
        bound[name] = s.result !== "isize" ? call : (...args) => {
            const r = call(...args);
            return r instanceof Promise ? r.then(Number) : Number(r);
        };
    }
    return bound;
}
function open(library, table) {
    const spec = {};
    for (const [name, s] of Object.entries(table)) {
        spec[name] = { parameters: [...s.args], result: s.result };
    }
    return numberResults(table, deno.dlopen(library, spec).symbols);
}
/**
 * Binds `table` with `nonblocking: true`: Deno runs each call on a thread of
 * its blocking pool and resolves the promise on the event loop; a pending
 * call keeps the process alive.
 */
function openOffThread(library, table) {
    const spec = {};
    for (const [name, s] of Object.entries(table)) {
        spec[name] = { parameters: [...s.args], result: s.result, nonblocking: true };
    }
    const symbols = numberResults(table, deno.dlopen(library, spec).symbols);
    const bound = {};
    for (const [name, s] of Object.entries(table)) {
        const call = symbols[name];
        bound[name] = (...args) => {
            checkOffThreadArgs(name, s, args);
            return call(...args);
        };
    }
    return bound;
}
function errnoReader(library, locationSymbol) {
    const lib = deno.dlopen(library, { [locationSymbol]: { parameters: [], result: "pointer" } });
    // errno lives at a fixed address per thread: view it in place.
    const cell = new Int32Array(deno.UnsafePointerView.getArrayBuffer(lib.symbols[locationSymbol](), 4));
    return () => cell[0];
}
function view(address, length) {
    return deno.UnsafePointerView.getArrayBuffer(deno.UnsafePointer.create(BigInt(address)), length);
}
/** Reads `name` only where `--allow-env` grants it, so Deno never prompts. */
function env(name) {
    if (deno.permissions.querySync({ name: "env", variable: name }).state !== "granted")
        return undefined;
    return deno.env.get(name);
}
/** The Deno FFI backend. */
export const ffi = {
    runtime: "deno",
    os: deno.build.os,
    arch: deno.build.arch,
    open,
    openOffThread,
    errnoReader,
    view,
    env,
};
