import type { Arch, Os } from "./ffi.ts";
/** `process.platform` as `Deno.build.os` names it. */
export declare const processOs: Os;
/** `process.arch` as `Deno.build.arch` names it. */
export declare const processArch: Arch;
/** The environment variable `name` from `process.env`. */
export declare function processEnv(name: string): string | undefined;
