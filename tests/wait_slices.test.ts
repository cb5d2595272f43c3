// Sliced off-thread waits (sys/wait_slices.ts): on Node every off-thread
// wait (epoll and poll(2) through poll(2), kqueue through kevent(2); IOCP
// slices on its own in iocp_wait.ts)
// blocks at most one slice at a time, so the process can exit while a
// pollAsync() is pending. These are the two decisions each slicing wait
// makes: how long the next call may block, and whether another follows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { moreSlices, nextSliceMs } from "../sys/wait_slices.ts";

test("nextSliceMs: a whole slice while more than one is left, else what is left rounded up, 0 once past", () => {
  assert.equal(nextSliceMs(Infinity, 0, 100), 100, "no timeout: always a whole slice");
  assert.equal(nextSliceMs(1000, 0, 100), 100);
  assert.equal(nextSliceMs(1000, 900, 100), 100, "exactly one slice left");
  assert.equal(
    nextSliceMs(1000, 950.2, 100),
    50,
    "49.8 ms left: rounded up, never a busy 0 before the deadline",
  );
  assert.equal(nextSliceMs(1000, 1000, 100), 0);
  assert.equal(nextSliceMs(1000, 1200, 100), 0, "past the deadline: a call that does not block");
});

test("moreSlices: only after a whole slice that found nothing, while the deadline is ahead", () => {
  assert.equal(moreSlices(100, 100, Infinity, 1e9), true, "no timeout: slices go on");
  assert.equal(moreSlices(100, 100, 1000, 500), true);
  assert.equal(moreSlices(100, 100, 1000, 1000), false, "the deadline reached");
  assert.equal(moreSlices(50, 100, 1000, 990), false, "the last, shorter slice ends the wait");
  assert.equal(moreSlices(0, 100, 1000, 2000), false, "a zero-timeout wait is one call");
});
