/**
 * The JS heap in use, after a full collection where the runtime allows one
 * (Bun always; Node and Deno with `--expose-gc`): what the idle-connections
 * benchmark divides by the connections open.
 *
 * @module
 */
import process from "node:process";
/** Collects garbage if the runtime lets us, then reads the JS heap in use. */
export function heapUsedAfterGc() {
    const g = globalThis;
    let collected = true;
    if (g.Bun)
        g.Bun.gc(true);
    else if (g.gc)
        g.gc();
    else
        collected = false;
    return { heapUsed: process.memoryUsage().heapUsed, collected };
}
