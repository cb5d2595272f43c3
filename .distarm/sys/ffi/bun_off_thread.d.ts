import type { OffThreadBound, Os, SymbolTable } from "./ffi.ts";
type BunSymbols = Record<string, {
    args: string[];
    returns: string;
}>;
/** A `JSCallback`: a C function pointer that calls JavaScript. */
interface BunCallback {
    readonly ptr: unknown;
}
/** The part of `bun:ffi` the native callers use. */
export interface BunOffThreadApi {
    /** Compiles C source with TinyCC (given command-line `flags`) and binds `symbols`. */
    cc(options: {
        source: string;
        flags: string[];
        symbols: BunSymbols;
    }): {
        symbols: Record<string, (...args: unknown[]) => unknown>;
    };
    /** Wraps a JavaScript function as a C function pointer. */
    JSCallback: new (fn: (id: number, result: number) => void, definition: {
        args: string[];
        returns: string;
        threadsafe: boolean;
    }) => BunCallback;
    /** The address of a typed array's first byte. */
    ptr(view: ArrayBufferView): number;
}
/** Returns `Ffi.openOffThread` for Bun on `os`, over the `bun:ffi` module given. */
export declare function bunOpenOffThread(bun: BunOffThreadApi, os: Os): <S extends SymbolTable>(library: string, table: S) => OffThreadBound<S>;
export {};
