/**
 * Temporary directories, for socket paths and files a test writes.
 *
 * @module
 */
import { mkdtempSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Runs `fn` with a fresh temporary directory (short, so socket paths fit
 * `sun_path`), removing it and whatever `fn` left in it afterwards.
 */
export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-"));
  try {
    return fn(dir);
  } finally {
    removeDir(dir);
  }
}

/**
 * Removes directory `dir` and everything in it, one entry at a time: Bun
 * under Wine 8 fails every recursive removal with EFAULT (`rmSync` and
 * `rmdirSync` with `recursive`), while it removes files and empty
 * directories.
 */
export function removeDir(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeDir(path);
    else rmSync(path, { force: true });
  }
  rmdirSync(dir);
}
