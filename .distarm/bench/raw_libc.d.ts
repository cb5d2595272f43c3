declare const DECLS: {
    readonly epoll_create1: {
        readonly symbol: "epoll_create1";
        readonly params: readonly ["i"];
    };
    readonly close: {
        readonly symbol: "close";
        readonly params: readonly ["i"];
    };
    readonly socketpair: {
        readonly symbol: "socketpair";
        readonly params: readonly ["i", "i", "i", "b"];
    };
    readonly epoll_wait: {
        readonly symbol: "epoll_wait";
        readonly params: readonly ["i", "b", "i", "i"];
    };
    readonly read: {
        readonly symbol: "read";
        readonly params: readonly ["i", "b", "i"];
    };
    readonly readUsize: {
        readonly symbol: "read";
        readonly params: readonly ["i", "b", "u"];
    };
    readonly recv: {
        readonly symbol: "recv";
        readonly params: readonly ["i", "b", "i", "i"];
    };
    readonly send: {
        readonly symbol: "send";
        readonly params: readonly ["i", "b", "i", "i"];
    };
    readonly syscall: {
        readonly symbol: "syscall";
        readonly params: readonly ["i", "i", "b", "i", "i", "i", "i"];
    };
};
/** A bound function: numbers and typed arrays in, the C `int` result out. */
type Fn = (...args: any[]) => number;
/** The raw bindings, and which runtime made them. */
export interface RawLibc {
    /** `"deno"`, `"bun"` or `"node"`. */
    readonly runtime: string;
    /** The runtime and its version, e.g. `"Deno 2.9.6"`. */
    readonly version: string;
    /** The FFI used, for the report. */
    readonly ffi: string;
    /** The bound functions, keyed as `DECLS`. */
    readonly fn: {
        readonly [K in keyof typeof DECLS]: Fn;
    };
}
/** Binds the raw libc calls with this runtime's FFI. */
export declare function rawLibc(): Promise<RawLibc>;
export {};
