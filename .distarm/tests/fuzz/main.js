/**
 * The fuzzer's long run: `FUZZ_STEPS` steps (default 1,000,000) from
 * `FUZZ_SEED` (default: a random seed, printed first) on the backend this
 * process selects (`MIO_FORCE_POLL_POLL=1` for poll(2)). Prints the stats
 * and exits 0, or prints the failure, with the seed to reproduce it, and
 * exits 1. `npm run fuzz` runs it on every runtime and backend.
 *
 *     FUZZ_STEPS=2000000 FUZZ_SEED=42 deno run -A tests/fuzz/main.ts
 *
 * @module
 */
import process from "node:process";
import { Poll } from "../../mod.js";
import { FuzzFailure, runFuzz } from "./harness.js";
const steps = Number(process.env.FUZZ_STEPS || 1_000_000);
const seed = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 0x1_0000_0000));
if (!Number.isSafeInteger(steps) || steps < 1 || !Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`FUZZ_STEPS and FUZZ_SEED must be non-negative integers`);
}
console.log(`fuzz ${Poll.runtime}/${Poll.backend}: seed ${seed}, ${steps} steps`);
const started = performance.now();
try {
    const stats = runFuzz(seed, steps);
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz ${Poll.runtime}/${Poll.backend}: OK in ${seconds.toFixed(1)} s: ${JSON.stringify(stats)}`);
}
catch (e) {
    if (!(e instanceof FuzzFailure))
        throw e;
    console.error(e.message);
    process.exit(1);
}
