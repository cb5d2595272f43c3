/**
 * Builds the simulated-ABI library (`sim_abi.c`, see its header comment)
 * for one target OS with the system's `cc`, once per source version: the
 * result is cached under the temporary directory, named after a hash of the
 * sources, the OS and the architecture, and reused by later calls and
 * processes.
 *
 * The library has no `DT_NEEDED` entry: the C library functions it uses
 * itself (`malloc`, `pthread_mutex_*`, `__errno_location`…) are resolved
 * from the process, which already has glibc loaded, so that looking a
 * symbol up in the library's handle (what `Deno.dlopen`, `bun:ffi` and
 * koffi do) finds only what the simulated OS's libc exports: `accept4`
 * cannot be bound from the darwin simulation, as on a Mac.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** The operating systems the library can present. */
export type SimulatedOs = "darwin" | "freebsd";

/** Every simulated OS, in a fixed order. */
export const SIMULATED_OS: readonly SimulatedOs[] = ["darwin", "freebsd"];

const SOURCES = ["sim_abi.c", "sim_tables.h"];

/**
 * The directory holding the C sources: this file's own, or, when this runs
 * compiled from dist/tests/simulated_abi (Node), the source tree's.
 */
function sourceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return existsSync(join(here, "sim_abi.c"))
    ? here
    : resolve(here, "..", "..", "..", "tests", "simulated_abi");
}

/**
 * Why the library cannot be built here, or `null` when it can: it needs
 * Linux on x86_64 or aarch64 and a working `cc`.
 */
export function simulatedAbiUnavailable(): string | null {
  if (process.platform !== "linux") {
    return `the simulated ABI runs on Linux only (this is ${process.platform})`;
  }
  if (process.arch !== "x64" && process.arch !== "arm64") {
    return `the simulated ABI needs x86_64 or aarch64 (this is ${process.arch})`;
  }
  if (spawnSync("cc", ["--version"], { stdio: "ignore" }).status !== 0) return "no C compiler (`cc`) on PATH";
  return null;
}

/** The `cc` arguments that build the library for `os` into `out`. */
export function simulatedAbiCommand(os: SimulatedOs, out: string): string[] {
  return [
    "-std=gnu11",
    "-O2",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-fPIC",
    "-shared",
    // No libc in DT_NEEDED: a handle lookup must not find glibc's accept4 behind the simulated libc.
    "-nostdlib",
    "-fvisibility=hidden",
    "-Wl,-Bsymbolic",
    `-DSIM_OS_${os.toUpperCase()}`,
    "-o",
    out,
    join(sourceDir(), "sim_abi.c"),
  ];
}

/**
 * Builds `sources` (relative to this directory) with `cc` and `args` into
 * the cache as `<name>_<hash><suffix>`, once per version.
 */
function cached(
  name: string,
  suffix: string,
  sources: readonly string[],
  key: string,
  args: (out: string) => string[],
): string {
  const hash = createHash("sha256");
  for (const file of sources) hash.update(readFileSync(join(sourceDir(), file)));
  hash.update(`${key}-${process.arch}`);
  const dir = join(tmpdir(), "mio-ts-simulated-abi");
  const out = join(dir, `${name}_${hash.digest("hex").slice(0, 16)}${suffix}`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  // Built under a name of its own and renamed: another process may be building the same file.
  const partial = `${out}.${process.pid}.partial`;
  const r = spawnSync("cc", args(partial), { encoding: "utf8" });
  if (r.status !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`building ${name} failed:\n${r.stderr}${r.error ?? ""}`);
  }
  renameSync(partial, out);
  return out;
}

/**
 * The path of the simulated libc for `os`, built first if this version of
 * the sources has not been built yet. Throws an Error with `cc`'s output
 * when the build fails; call `simulatedAbiUnavailable()` first to skip
 * where it cannot run.
 */
export function buildSimulatedAbi(os: SimulatedOs): string {
  return cached(`libc_${os}`, ".so", SOURCES, os, (out) => simulatedAbiCommand(os, out));
}

/**
 * The path of `stress.c` built (see its header): a program that drives one
 * library's kqueue from two threads; run as `stress <library> <os> <rounds>`.
 */
export function buildSimulatedAbiStress(): string {
  const source = join(sourceDir(), "stress.c");
  const flags = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror"];
  return cached(
    "stress",
    "",
    ["stress.c"],
    "stress",
    (out) => [...flags, "-o", out, source, "-ldl", "-lpthread"],
  );
}
