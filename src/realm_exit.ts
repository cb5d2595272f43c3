/**
 * Closing what is still open when this realm ends: a Worker's descriptors
 * belong to the whole process, and nothing else closes them when the
 * Worker calls `process.exit()`, returns, or is terminated. The `exit`
 * event of `process` runs the closers registered here when the Worker
 * calls `process.exit()` or returns (Deno, Bun and Node emit it then); none
 * of the three emits it in a Worker that `terminate()` ends, so what that
 * Worker opened stays open.
 *
 * @module
 */
import process from "node:process";

const closers: (() => void)[] = [];

/** Runs `close` when this realm ends (the `exit` event), after the closers registered before it. */
export function closeAtExit(close: () => void): void {
  if (closers.length === 0) process.on("exit", runClosers);
  closers.push(close);
}

function runClosers(): void {
  for (const close of closers) {
    try {
      close();
    } catch {
      // The realm is ending: a descriptor that fails to close cannot be reported to anyone.
    }
  }
}
