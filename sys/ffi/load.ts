/**
 * Detects the JavaScript runtime once and loads its FFI backend.
 *
 * Test-only: `MIO_TS_SIMULATE_OS=darwin|freebsd` (read, like the
 * `MIO_FORCE_*` flags, through `Ffi.env`) makes the backend report that OS
 * and name, as `simulatedLibrary`, the simulated-ABI library that
 * `MIO_TS_SIMULATE_LIB` points at (tests/simulated_abi builds it; the test
 * runner sets both). `sys/unix` then opens that library wherever it would
 * open the C library, so the macOS and FreeBSD code runs on Linux against
 * their ABI. Not for programs: the library exists only in this repository's
 * tests.
 *
 * @module
 */
import type { Ffi, Os } from "./ffi.ts";

const g = globalThis as { Deno?: unknown; Bun?: unknown };

/** The runtime's own FFI backend. */
const native: Ffi = g.Deno !== undefined
  ? (await import("./deno.ts")).ffi
  : g.Bun !== undefined
  ? (await import("./bun.ts")).ffi
  : (await import("./node.ts")).ffi;

/** The operating systems whose ABI the simulated-ABI library presents. */
const SIMULATED_OS: readonly Os[] = ["darwin", "freebsd"];

/**
 * `native`, or, under `MIO_TS_SIMULATE_OS`, `native` reporting the
 * simulated OS and its library.
 *
 * @throws {Error} for an OS that is not simulated, or without `MIO_TS_SIMULATE_LIB`.
 */
function simulated(native: Ffi): Ffi {
  const os = native.env("MIO_TS_SIMULATE_OS") ?? "";
  if (os === "") return native;
  if (!SIMULATED_OS.includes(os as Os)) {
    throw new Error(`mio-ts: MIO_TS_SIMULATE_OS=${os} is not a simulated OS (${SIMULATED_OS.join(", ")})`);
  }
  const library = native.env("MIO_TS_SIMULATE_LIB") ?? "";
  if (library === "") {
    throw new Error(
      `mio-ts: MIO_TS_SIMULATE_OS=${os} needs MIO_TS_SIMULATE_LIB, the path of the simulated-ABI library ` +
        "(tests/simulated_abi/build.ts builds it)",
    );
  }
  if (native.os !== "linux") {
    throw new Error(`mio-ts: the simulated ABI runs on Linux only (this is ${native.os})`);
  }
  return { ...native, os: os as Os, linuxLibc: () => null, simulatedLibrary: library };
}

/** The FFI backend of the runtime this code runs on, chosen once at import. */
export const ffi: Ffi = simulated(native);
