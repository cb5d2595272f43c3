/**
 * The fuzzer's long run: about `FUZZ_STEPS` steps (default 1,000,000) in
 * sequences of up to `FUZZ_SEQUENCE` steps (default 5,000; lengths drawn
 * from 0 to it, so about half on average), drawn by fast-check from
 * `FUZZ_SEED` (default: a random seed, printed first), on the backend this
 * process selects (`MIO_FORCE_POLL_POLL=1` for poll(2)). Prints progress
 * with the time left, then the stats, and exits 0; or prints the failing
 * sequence shrunk to a minimal one, with the seed that replays it (with the
 * same FUZZ_STEPS and FUZZ_SEQUENCE), and exits 1. `npm run fuzz` runs it
 * on every runtime and backend.
 *
 *     FUZZ_STEPS=2000000 FUZZ_SEED=42 deno run -A tests/fuzz/main.ts
 *
 * @module
 */
import process from "node:process";
import { Poll } from "../../mod.ts";
import { Progress } from "../util/progress.ts";
import { FuzzFailure, runFuzz } from "./harness.ts";

const steps = Number(process.env.FUZZ_STEPS || 1_000_000);
const maxSteps = Number(process.env.FUZZ_SEQUENCE || 5000);
const seed = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 0x8000_0000));
for (const [name, n] of [["FUZZ_STEPS", steps], ["FUZZ_SEQUENCE", maxSteps], ["FUZZ_SEED", seed]] as const) {
  if (!Number.isSafeInteger(n) || n < (name === "FUZZ_SEED" ? 0 : 1)) {
    throw new Error(`${name} must be a ${name === "FUZZ_SEED" ? "non-negative" : "positive"} integer`);
  }
}
const sequences = Math.max(1, Math.ceil(steps / Math.max(1, maxSteps / 2)));
console.log(
  `fuzz ${Poll.runtime}/${Poll.backend}: seed ${seed}, ${sequences} sequences of up to ${maxSteps} steps`,
);
const progress = new Progress(`fuzz ${Poll.runtime}/${Poll.backend}`, sequences, { unit: "sequences" });
const started = performance.now();
try {
  const stats = runFuzz(seed, { sequences, maxSteps, onSequence: () => progress.advance() });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz ${Poll.runtime}/${Poll.backend}: OK in ${seconds.toFixed(1)} s: ${JSON.stringify(stats)}`,
  );
} catch (e) {
  if (!(e instanceof FuzzFailure)) throw e;
  console.error(e.message);
  process.exit(1);
}
