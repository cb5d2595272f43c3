/**
 * How each variadic libc function mio-ts calls is declared to the FFI, per
 * OS and architecture, and why.
 *
 * Deno.dlopen and bun:ffi cannot declare a C function as variadic, so each is
 * declared with fixed parameters, chosen so that every argument lands where
 * the callee's `va_arg` reads it (see shared DESIGN.md, "Facts that bite"):
 *
 * - System V x86_64 (Linux, the BSDs, macOS on Intel): variadic integer and
 *   pointer arguments take the next integer register, as named ones do.
 * - AAPCS64 (Linux and the BSDs on aarch64): likewise, x0–x7 in order.
 * - Apple arm64: every argument after the last named one goes on the stack,
 *   one 8-byte slot each (Apple, "Writing ARM64 code for Apple platforms",
 *   section "Update code that passes arguments to variadic functions"). A
 *   fixed third `int` goes in x2, which the callee never reads: it reads
 *   whatever the stack holds. Either the call is avoided (`SOCK_NONBLOCK |
 *   SOCK_CLOEXEC`, `accept4`, `pipe2` — which Apple lacks) or the declaration
 *   fills x0–x7 with named parameters so that the next one, a whole 8-byte
 *   slot, is the first stack slot, where `va_arg` reads.
 *
 * Today the only one is `fcntl`; `ioctl` and `open` are not called.
 *
 * @module
 */
import type { Arch, Os, SymbolSpec } from "../ffi/ffi.ts";
/** The variadic libc functions mio-ts calls. */
export type VariadicFunction = "fcntl";
/** How the variadic arguments reach the callee with a fixed declaration. */
export type VariadicStrategy = 
/** Declared as if the variadic arguments were named: they use the same registers. */
"fixed"
/** Unused named parameters fill the argument registers; the variadic ones follow on the stack. */
 | "stack";
/** One variadic function's declaration on one OS and architecture. */
export interface VariadicDeclaration extends SymbolSpec {
    /** How the variadic arguments are passed. */
    readonly strategy: VariadicStrategy;
    /**
     * How many unused arguments (each 0) a caller passes between the named
     * C arguments and the variadic ones: 0 unless `strategy` is `"stack"`.
     */
    readonly padding: number;
    /** Why this declaration puts each argument where the callee reads it. */
    readonly reason: string;
}
/** The OS/architecture pairs supported or planned, as `os-arch`. */
export type Platform = `${"linux" | "darwin" | "freebsd" | "netbsd" | "openbsd"}-${Arch}`;
/** Every variadic function's declaration, per OS/architecture pair. */
export declare const VARIADIC: {
    readonly [P in Platform]: {
        readonly [F in VariadicFunction]: VariadicDeclaration;
    };
};
/**
 * The declarations of the variadic functions for an OS and architecture;
 * throws an Error for a pair that has none (it is not supported).
 */
export declare function variadicSymbols(os: Os, arch: Arch): {
    readonly [F in VariadicFunction]: VariadicDeclaration;
};
