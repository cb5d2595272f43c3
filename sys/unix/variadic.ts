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
import type { Arch, NativeType, Os, SymbolSpec } from "../ffi/ffi.ts";

/** The variadic libc functions mio-ts calls. */
export type VariadicFunction = "fcntl";

/** How the variadic arguments reach the callee with a fixed declaration. */
export type VariadicStrategy =
  /** Declared as if the variadic arguments were named: they use the same registers. */
  | "fixed"
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
export type OsArch = `${"linux" | "darwin" | "freebsd" | "netbsd" | "openbsd"}-${Arch}`;

const FCNTL_C = "int fcntl(int fd, int cmd, ... /* int or pointer arg */)";

const SYSV_X86_64 = "System V AMD64 ABI: a variadic integer or pointer argument takes the next integer " +
  "register (rdx for fcntl's third), exactly as a named one does. The caller of a variadic function " +
  "also sets %al to the number of vector registers used; a fixed declaration leaves it unset, which " +
  "only decides whether va_start spills xmm registers — fcntl reads no floating-point argument.";

const AAPCS64 = "AAPCS64 (Arm's procedure call standard, used unchanged by Linux and the BSDs): variadic " +
  "arguments are assigned to x0–x7 by the same rules as named ones, so fcntl's third goes in x2 " +
  "either way.";

const APPLE_ARM64 = "Apple arm64 passes every argument after the last named one on the stack, one 8-byte " +
  'slot each (Apple, "Writing ARM64 code for Apple platforms"): a fixed third int would go in x2, ' +
  "which fcntl never reads, and it would read stack garbage instead (DESIGN.md, mio's " +
  "F_DUPFD_CLOEXEC bug class). Six unused ints fill x2–x7, so the argument, a whole 8-byte slot, " +
  "is the first stack slot, where va_arg reads it. Apple has no SOCK_NONBLOCK/SOCK_CLOEXEC, accept4 " +
  "or pipe2, so fcntl(F_SETFL/F_SETFD) cannot be avoided there.";

function fixed(reason: string): VariadicDeclaration {
  return { c: FCNTL_C, args: ["i32", "i32", "i32"], result: "i32", strategy: "fixed", padding: 0, reason };
}

/** Named arguments before fcntl's variadic one: fd and cmd. */
const FCNTL_NAMED: readonly NativeType[] = ["i32", "i32"];
/** Integer argument registers of AAPCS64 (x0–x7). */
const ARM64_ARG_REGISTERS = 8;
const APPLE_PADDING = ARM64_ARG_REGISTERS - FCNTL_NAMED.length;

/** Every variadic function's declaration, per OS/architecture pair. */
export const VARIADIC: {
  readonly [P in OsArch]: { readonly [F in VariadicFunction]: VariadicDeclaration };
} = {
  "linux-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "linux-aarch64": { fcntl: fixed(AAPCS64) },
  "darwin-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "darwin-aarch64": {
    fcntl: {
      c: FCNTL_C,
      args: [...FCNTL_NAMED, ...Array<NativeType>(APPLE_PADDING).fill("i32"), "usize"],
      result: "i32",
      strategy: "stack",
      padding: APPLE_PADDING,
      reason: APPLE_ARM64,
    },
  },
  "freebsd-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "freebsd-aarch64": { fcntl: fixed(AAPCS64) },
  "netbsd-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "netbsd-aarch64": { fcntl: fixed(AAPCS64) },
  "openbsd-x86_64": { fcntl: fixed(SYSV_X86_64) },
  "openbsd-aarch64": { fcntl: fixed(AAPCS64) },
};

/**
 * The declarations of the variadic functions for an OS and architecture;
 * throws an Error for a pair that has none (it is not supported).
 */
export function variadicSymbols(
  os: Os,
  arch: Arch,
): { readonly [F in VariadicFunction]: VariadicDeclaration } {
  const pair = `${os}-${arch}`;
  if (!Object.hasOwn(VARIADIC, pair)) {
    throw new Error(`no declaration of the variadic libc functions for ${os} on ${arch}`);
  }
  return VARIADIC[pair as OsArch];
}
