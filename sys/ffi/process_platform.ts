/**
 * The OS, architecture and environment from Node's `process` (used by the
 * Bun and Node backends), named as `Deno.build` names them.
 *
 * @module
 */
import process from "node:process";
import type { Arch, LinuxLibc, Os } from "./ffi.ts";

/** `process.platform` as `Deno.build.os` names it. */
export const processOs: Os = process.platform === "win32" ? "windows" : process.platform as Os;

/** `process.arch` as `Deno.build.arch` names it. */
export const processArch: Arch = process.arch === "arm64"
  ? "aarch64"
  : process.arch === "x64"
  ? "x86_64"
  : process.arch as Arch;

/** The environment variable `name` from `process.env`. */
export function processEnv(name: string): string | undefined {
  return process.env[name];
}

/**
 * On Linux, the C library Node or Bun runs on: glibc when `process.report`'s
 * header names a `glibcVersionRuntime` (Node reads it from glibc itself),
 * else musl; `null` on every other OS, and where there is no report.
 */
export function processLinuxLibc(): LinuxLibc | null {
  if (process.platform !== "linux") return null;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  if (report?.header === undefined) return null;
  return report.header.glibcVersionRuntime !== undefined ? "glibc" : "musl";
}
