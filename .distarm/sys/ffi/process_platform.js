/**
 * The OS, architecture and environment from Node's `process` (used by the
 * Bun and Node backends), named as `Deno.build` names them.
 *
 * @module
 */
import process from "node:process";
/** `process.platform` as `Deno.build.os` names it. */
export const processOs = process.platform === "win32" ? "windows" : process.platform;
/** `process.arch` as `Deno.build.arch` names it. */
export const processArch = process.arch === "arm64"
    ? "aarch64"
    : process.arch === "x64"
        ? "x86_64"
        : process.arch;
/** The environment variable `name` from `process.env`. */
export function processEnv(name) {
    return process.env[name];
}
