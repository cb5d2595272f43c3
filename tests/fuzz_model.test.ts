// The model-based fuzzer (tests/fuzz/): sequences of register,
// reregister, deregister, close, descriptor reuse, intoFd/fromFd, writes,
// reads, shutdowns, wakes and polls on TCP and Unix-domain pairs, drawn by
// fast-check (fc.commands, fc.modelRun) from a seed and checked against a
// model of the events mio promises and rules out; a failing sequence is
// shrunk to a minimal one. About 5,000 steps per seed here (1,000 under
// qemu-user), on the backend the suite runs with (epoll, then poll(2));
// millions with `npm run fuzz`. FUZZ_SEED and FUZZ_STEPS override the
// defaults; a failure prints the seed and path that replay it.
import assert from "node:assert/strict";
import process from "node:process";
import { Poll } from "../mod.ts";
import { runFuzz } from "./fuzz/harness.ts";
import { LIBKQUEUE_FULL_EVENT_LIST, LIBKQUEUE_NO_REARM, onLibkqueue, test } from "./util/skips.ts";
import { qemuScaled } from "./util/timing.ts";

/** Steps per seed, about: 5,000, or 1,000 under qemu-user (each costs about a hundred times more there). */
const STEPS = Number(process.env.FUZZ_STEPS || qemuScaled(5000, 1000));
/** Sequences per seed; their lengths are drawn from 0 to twice the average, STEPS / SEQUENCES. */
const SEQUENCES = 4;
const SEEDS = process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [1, 2, 3];

/** The model's obligations after reregister and after small polls meet two libkqueue limitations. */
const LIBKQUEUE = `${LIBKQUEUE_NO_REARM}; and ${LIBKQUEUE_FULL_EVENT_LIST}`;

for (const seed of SEEDS) {
  const name = `fuzz (${Poll.backend}): seed ${seed}, ${SEQUENCES} sequences of about ${STEPS} steps in all`;
  test(name, { skip: onLibkqueue(LIBKQUEUE) }, () => {
    const stats = runFuzz(seed, { sequences: SEQUENCES, maxSteps: Math.ceil((2 * STEPS) / SEQUENCES) });
    console.log(`fuzz ${Poll.runtime}/${Poll.backend} seed ${seed}: ${JSON.stringify(stats)}`);
    assert.equal(stats.sequences, SEQUENCES);
    assert.ok(stats.steps > 0);
    assert.ok(stats.events > 0 && stats.answered > 0, "events were seen and checked");
    assert.ok(stats.settles > 0);
  });
}
