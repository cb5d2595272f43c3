// The model-based fuzzer (tests/fuzz/): seeded random sequences of register,
// reregister, deregister, close, descriptor reuse, intoFd/fromFd, writes,
// reads, shutdowns, wakes and polls on TCP and Unix-domain pairs, checked
// against a model of the events mio promises and rules out. A few thousand
// steps here (1,000 under qemu-user), on the backend the suite runs with (epoll, then poll(2));
// millions with `npm run fuzz`. FUZZ_SEED and FUZZ_STEPS override the
// defaults; a failure prints the seed.
import assert from "node:assert/strict";
import process from "node:process";
import { Poll } from "../mod.ts";
import { runFuzz } from "./fuzz/harness.ts";
import { LIBKQUEUE_FULL_EVENT_LIST, LIBKQUEUE_NO_REARM, onLibkqueue, test } from "./util/skips.ts";
import { qemuScaled } from "./util/timing.ts";

/** Steps per seed: 5,000, or 1,000 under qemu-user (each costs about a hundred times more there). */
const STEPS = Number(process.env.FUZZ_STEPS || qemuScaled(5000, 1000));
const SEEDS = process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [1, 2, 3];

/** The model's obligations after reregister and after small polls meet two libkqueue limitations. */
const LIBKQUEUE = `${LIBKQUEUE_NO_REARM}; and ${LIBKQUEUE_FULL_EVENT_LIST}`;

for (const seed of SEEDS) {
  const name = `fuzz (${Poll.backend}): seed ${seed}, ${STEPS} steps against the model`;
  test(name, { skip: onLibkqueue(LIBKQUEUE) }, () => {
    const stats = runFuzz(seed, STEPS);
    console.log(`fuzz ${Poll.runtime}/${Poll.backend} seed ${seed}: ${JSON.stringify(stats)}`);
    assert.equal(stats.steps, STEPS);
    assert.ok(stats.events > 0 && stats.answered > 0, "events were seen and checked");
    assert.ok(stats.settles > 0);
  });
}
