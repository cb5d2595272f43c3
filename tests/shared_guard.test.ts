// SharedGuard and closeGuarded (sys/shared_guard.ts): closing a descriptor
// that other Workers use never waits for their calls, and never frees its
// number while one may still reach it. The numbers here are made up (no
// descriptor is opened): closeGuarded only calls what it is given.
import { test } from "node:test";
import assert from "node:assert/strict";
import { closeGuarded, SharedGuard } from "../sys/shared_guard.ts";
import { errno, libc, makeInert, openPipe } from "../sys/unix/libc.ts";
import { fdFlags } from "./util/descriptors.ts";
import { NOT_ON_WINDOWS, onSimulatedAbi, test as testOrSkip } from "./util/skips.ts";
import { ON_WINDOWS } from "./util/platform.ts";

/** `EBADF`: 9 on Linux, macOS and the BSDs. */
const EBADF = 9;

/** What closeGuarded did with a number: the calls of its `close` and `neutralize`, in order. */
function recorder(): { calls: string[]; close: () => void; neutralize: () => void } {
  const calls: string[] = [];
  return { calls, close: () => calls.push("close"), neutralize: () => calls.push("neutralize") };
}

test("closeGuarded with no call in progress closes at once, and later enter() is refused", () => {
  const guard = SharedGuard.create(1_000_001);
  const copy = SharedGuard.attach(guard.buffer);
  assert.equal(copy.enter(), true);
  copy.leave();
  const r = recorder();
  closeGuarded(1_000_001, r.close, r.neutralize);
  assert.deepEqual(r.calls, ["close"]);
  assert.equal(copy.closed, true);
  assert.equal(copy.enter(), false, "refused once closed");
});

test("a number nobody made a guard for is closed at once", () => {
  const r = recorder();
  closeGuarded(1_000_002, r.close, r.neutralize);
  assert.deepEqual(r.calls, ["close"]);
});

test("a call in progress (a Worker that never leaves) makes the number inert at once; it is closed only after the call left", () => {
  const guard = SharedGuard.create(1_000_003);
  const holder = SharedGuard.attach(guard.buffer);
  assert.equal(holder.enter(), true);
  const r = recorder();
  closeGuarded(1_000_003, r.close, r.neutralize);
  assert.deepEqual(r.calls, ["neutralize"], "returned without waiting, the number still taken");
  assert.equal(SharedGuard.attach(guard.buffer).enter(), false, "new calls are refused");
  // Another close in this realm while the call is still in progress: the parked number stays.
  const other = recorder();
  closeGuarded(1_000_004, other.close, other.neutralize);
  assert.deepEqual(r.calls, ["neutralize"]);
  holder.leave();
  // The next close in this realm finds the call ended and frees the parked number, once.
  closeGuarded(1_000_005, () => {}, () => {});
  assert.deepEqual(r.calls, ["neutralize", "close"]);
  closeGuarded(1_000_006, () => {}, () => {});
  assert.deepEqual(r.calls, ["neutralize", "close"]);
});

test("every guard made for a number counts: a revoked copy's call in progress keeps it too", () => {
  const first = SharedGuard.create(1_000_007);
  const holder = SharedGuard.attach(first.buffer);
  assert.equal(holder.enter(), true);
  first.close(); // revoked (a Waker closed while its Poll lives on): the number stays in use
  SharedGuard.create(1_000_007); // shared again afterwards, nobody inside
  const r = recorder();
  closeGuarded(1_000_007, r.close, r.neutralize);
  assert.deepEqual(r.calls, ["neutralize"]);
  holder.leave();
  closeGuarded(1_000_008, () => {}, () => {});
  assert.deepEqual(r.calls, ["neutralize", "close"]);
});

test("a neutralize that throws leaves the descriptor itself open until the calls ended", () => {
  const guard = SharedGuard.create(1_000_009);
  const holder = SharedGuard.attach(guard.buffer);
  holder.enter();
  const calls: string[] = [];
  closeGuarded(1_000_009, () => calls.push("close"), () => {
    throw new Error("EMFILE");
  });
  assert.deepEqual(calls, []);
  holder.leave();
  closeGuarded(1_000_010, () => {}, () => {});
  assert.deepEqual(calls, ["close"]);
});

testOrSkip(
  "makeInert: the number stays taken and close-on-exec, the pipe end it named is released, a late write fails",
  {
    skip: ON_WINDOWS ? NOT_ON_WINDOWS.unixSelector : onSimulatedAbi(
      "its C library has no dup2 (makeInert throws there, and closeGuarded keeps the descriptor itself open)",
    ),
  },
  () => {
    const ends = new Int32Array(2);
    openPipe(ends);
    const [reader, writer] = ends;
    try {
      makeInert(writer);
      assert.ok(fdFlags(writer) & 0o2000000, "close-on-exec");
      const byte = new Uint8Array([1]);
      assert.equal(libc.write(writer, byte, 1), -1, "a write to the inert number fails");
      assert.equal(errno(), EBADF);
      // The pipe's only write end was released: its reader sees the end of the stream.
      assert.equal(libc.read(reader, byte, 1), 0);
    } finally {
      libc.close(reader);
      libc.close(writer);
    }
  },
);
