/**
 * `Ffi.openOffThread` for Bun, whose FFI has no non-blocking calls: native
 * caller threads (bun_off_thread.c with POSIX threads, or
 * bun_off_thread_windows.c with Windows threads, compiled at first use by
 * `bun:ffi`'s `cc`, i.e. TinyCC, which Bun carries: nothing is downloaded)
 * run the C functions and report back through a thread-safe `JSCallback`.
 *
 * Why not a Worker that runs the calls through its own `dlopen`: measured
 * on a 2-core x86_64 VM (Bun 1.4.5), a Worker parked in poll(2) costs
 * 26–37 µs per wake-up and 4–10 ms to start, a native caller 10–15 µs and
 * one compile of 6–70 ms; and a Worker terminated inside a blocking call
 * can hang the runtime, which a parked native thread never risks.
 *
 * Costs: one native thread per call pending at the same time (threads are
 * kept, parked, for later calls); the compile at the first call. A native
 * thread does not keep Bun's event loop alive, so a ref'd interval timer
 * does while a call is pending.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { checkOffThreadArgs } from "./off_thread_args.js";
/** Arguments each call hands its thread (bun_off_thread.c). */
const ARGS = 6;
/** The longest timer delay; the keep-alive timer never needs to fire. */
const MAX_DELAY_MS = 0x7fffffff;
/** The compiled helper and the pool of caller threads. */
class NativeCallers {
    #bun;
    #symbols;
    #done;
    #callers = [];
    #idle = [];
    #busy = 0;
    #keepAlive = null;
    constructor(bun, os) {
        this.#bun = bun;
        const windows = os === "windows";
        this.#symbols = bun.cc({
            source: fileURLToPath(new URL(windows ? "./bun_off_thread_windows.c" : "./bun_off_thread.c", import.meta.url)),
            // Unix: no libc to link (a machine without libc's development files has no libc.so for
            // TinyCC). Windows: TinyCC links kernel32.dll, where the thread functions are.
            flags: windows ? [] : ["-nostdlib"],
            symbols: {
                offthread_symbol: { args: ["ptr", "ptr"], returns: "ptr" },
                offthread_new: { args: ["i32", "ptr"], returns: "ptr" },
                offthread_call: { args: ["ptr", "ptr", "i64", "i64", "i64", "i64", "i64", "i64"], returns: "void" },
            },
        }).symbols;
        this.#done = new bun.JSCallback((id, result) => this.#finish(id, result), {
            args: ["i32", "i32"],
            returns: "void",
            threadsafe: true,
        });
    }
    /** The address of `name` in `library`. */
    symbol(library, name) {
        const encoder = new TextEncoder();
        const address = this.#symbols.offthread_symbol(encoder.encode(`${library}\0`), encoder.encode(`${name}\0`));
        if (!address)
            throw new Error(`mio-ts: ${name} not found in ${library}`);
        return address;
    }
    /** Runs `fn` with `args` (numbers, or buffers passed by address) on an idle caller thread. */
    call(fn, args, resolve) {
        const caller = this.#idle.pop() ?? this.#newCaller();
        const words = caller.words;
        for (let i = 0; i < args.length; i++) {
            const arg = args[i];
            words[i] = typeof arg === "number" ? arg : this.#bun.ptr(arg);
        }
        caller.resolve = resolve;
        caller.args = args;
        if (this.#busy++ === 0)
            this.#keepAlive = setInterval(() => { }, MAX_DELAY_MS);
        this.#symbols.offthread_call(caller.handle, fn, ...words);
    }
    #newCaller() {
        const id = this.#callers.length;
        const handle = this.#symbols.offthread_new(id, this.#done.ptr);
        if (!handle)
            throw new Error("mio-ts: could not start a native caller thread");
        const caller = { id, handle, resolve: null, args: null, words: new Array(ARGS).fill(0) };
        this.#callers.push(caller);
        return caller;
    }
    /** The thread-safe callback: caller `id` returned `result`. */
    #finish(id, result) {
        const caller = this.#callers[id];
        const resolve = caller.resolve;
        caller.resolve = null;
        caller.args = null;
        this.#idle.push(caller);
        if (--this.#busy === 0 && this.#keepAlive !== null) {
            clearInterval(this.#keepAlive);
            this.#keepAlive = null;
        }
        resolve?.(result);
    }
}
/** Returns `Ffi.openOffThread` for Bun on `os`, over the `bun:ffi` module given. */
export function bunOpenOffThread(bun, os) {
    let callers = null;
    return (library, table) => {
        const bound = {};
        for (const [name, spec] of Object.entries(table)) {
            if (spec.args.length > ARGS)
                throw new TypeError(`${name}: at most ${ARGS} arguments off the thread`);
            let fn = null;
            bound[name] = (...args) => {
                checkOffThreadArgs(name, spec, args);
                // Errors of the first call (the compile, the symbol) reject its promise.
                return new Promise((resolve) => {
                    callers ??= new NativeCallers(bun, os);
                    fn ??= callers.symbol(library, name);
                    callers.call(fn, args, resolve);
                });
            };
        }
        return bound;
    };
}
