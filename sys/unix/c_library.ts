/**
 * Which C library a Unix process opens, and how it reads `errno`: a pure
 * function of the OS, the architecture and (on Linux) the runtime's C
 * library, so that each choice is testable on any machine.
 *
 * - Linux with glibc: `libc.so.6`, `__errno_location`.
 * - Linux with musl: `libc.musl-<arch>.so.1` (the name musl's dynamic
 *   linker answers to, e.g. Alpine's `/lib/libc.musl-x86_64.so.1`),
 *   `__errno_location`.
 * - Android (bionic): `libc.so`, `__errno`.
 * - macOS and iOS: `/usr/lib/libSystem.B.dylib` (libSystem holds libc),
 *   `__error`.
 * - FreeBSD: `libc.so.7`, `__error`.
 * - NetBSD: `libc.so.12`, `__errno`.
 * - OpenBSD: `libc.so`: its major version changes with nearly every
 *   release, and OpenBSD's ld.so, given a name with no version, opens the
 *   highest-numbered `libc.so.X.Y` it finds; `__errno`.
 * - DragonFly: `libc.so.8`, `__errno_location` (its `__error` is a
 *   `static inline` in `<sys/errno.h>`, so libc exports no such symbol, as
 *   Rust's std and libc crate note for DragonFly).
 *
 * @module
 */
import type { Arch, LinuxLibc, Os } from "../ffi/ffi.ts";

/** What the choice depends on. */
export interface CLibraryFacts {
  /** The OS. */
  readonly os: Os;
  /** The architecture. */
  readonly arch: Arch;
  /** On Linux, the runtime's C library (`null`: not known, taken as glibc). */
  readonly linuxLibc: LinuxLibc | null;
}

/** A C library to open. */
export interface CLibrary {
  /** The name or path given to the dynamic loader. */
  readonly library: string;
  /** The function returning the address of the calling thread's `errno`. */
  readonly errnoSymbol: string;
}

/** The C library of each Unix but Linux (whose depends on the runtime's C library). */
export const C_LIBRARIES: Readonly<Record<Exclude<Os, "linux" | "windows">, CLibrary>> = {
  android: { library: "libc.so", errnoSymbol: "__errno" },
  darwin: { library: "/usr/lib/libSystem.B.dylib", errnoSymbol: "__error" },
  freebsd: { library: "libc.so.7", errnoSymbol: "__error" },
  netbsd: { library: "libc.so.12", errnoSymbol: "__errno" },
  openbsd: { library: "libc.so", errnoSymbol: "__errno" },
  dragonfly: { library: "libc.so.8", errnoSymbol: "__errno_location" },
};

/**
 * The C library to open for `facts`.
 *
 * @throws {Error} on Windows, which has no C library mio-ts calls.
 */
export function cLibraryFor(facts: CLibraryFacts): CLibrary {
  if (facts.os === "linux") {
    return facts.linuxLibc === "musl"
      ? { library: `libc.musl-${facts.arch}.so.1`, errnoSymbol: "__errno_location" }
      : { library: "libc.so.6", errnoSymbol: "__errno_location" };
  }
  if (facts.os === "windows") throw new Error("mio-ts: Windows has no C library to open here");
  return C_LIBRARIES[facts.os];
}

/**
 * How many thread-specific data keys the C library of `facts` has for the
 * whole process (`PTHREAD_KEYS_MAX`): glibc 1024 (`bits/local_lim.h`), musl
 * 128, Apple 512, FreeBSD 256. For the other Unixes, whose limits were not
 * checked, musl's 128, the smallest of these.
 */
export function pthreadKeysMax(facts: CLibraryFacts): number {
  if (facts.os === "linux") return facts.linuxLibc === "musl" ? 128 : 1024;
  if (facts.os === "darwin") return 512;
  if (facts.os === "freebsd") return 256;
  return 128;
}
