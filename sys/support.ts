/**
 * The operating systems and architectures mio-ts runs on, checked before
 * anything is loaded for them.
 *
 * @module
 */
import type { Arch, Os } from "./ffi/ffi.ts";

/** Every OS mio-ts supports, named as `Deno.build.os` names them. */
export const SUPPORTED_OS: readonly Os[] = [
  "linux",
  "android",
  "darwin",
  "freebsd",
  "netbsd",
  "openbsd",
  "dragonfly",
  "windows",
];

/** Every architecture mio-ts supports (its struct layouts are 64-bit). */
export const SUPPORTED_ARCH: readonly Arch[] = ["x86_64", "aarch64"];

/**
 * The error for an OS or architecture mio-ts does not support, naming both,
 * or `null` when it supports them.
 */
export function unsupportedPlatform(os: string, arch: string): Error | null {
  if (SUPPORTED_OS.includes(os as Os) && SUPPORTED_ARCH.includes(arch as Arch)) return null;
  return new Error(
    `mio-ts: ${os}/${arch} is not supported (operating systems: ${SUPPORTED_OS.join(", ")}; ` +
      `architectures: ${SUPPORTED_ARCH.join(", ")})`,
  );
}
