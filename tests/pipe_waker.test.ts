// The pipe waker (mio's waker/pipe.rs), used with MIO_FORCE_WAKER_PIPE=1:
// checked directly (its descriptors, a wake, a drain, a wake on a full
// pipe), and through `Waker` on the backend in use (more wakes than a pipe
// holds still coalesce into one event).
import assert from "node:assert/strict";
import { Events, Poll, Token, Waker } from "../mod.ts";
import { C } from "../sys/unix/unix_os.ts";
import { expectNoEvents, tokensOf } from "./util/events.ts";
import { closeAll } from "./util/io.ts";
import { assertNonBlockingCloexec, fdKind, fdLinks, isFdOpen, newFds } from "./util/descriptors.ts";
import { NOT_ON_WINDOWS, test, testUnlessWindows } from "./util/skips.ts";
import { PipeWaker } from "../sys/unix/wakers.ts";
import { errno, libc } from "../sys/unix/libc.ts";

/** `test`, but on Windows skipped with its reason printed: the pipe waker is Unix-only. */
const unixTest = testUnlessWindows(NOT_ON_WINDOWS.unixSelector);

/** More one-byte wakes than a Linux pipe holds (64 KiB by default). */
const MORE_THAN_A_PIPE_HOLDS = 70_000;

const sink = new Uint8Array(4096);

/** Reads `fd` until it would block; returns the bytes read and the errno that ended it. */
function drain(fd: number): [number, number] {
  let total = 0;
  for (;;) {
    const n = libc.read(fd, sink, sink.byteLength);
    if (n <= 0) return [total, n < 0 ? errno() : 0];
    total += n;
  }
}

unixTest("PipeWaker: a non-blocking, close-on-exec pipe pair; close releases both ends", () => {
  const before = fdLinks();
  const waker = new PipeWaker();
  const opened = [...newFds(before)].filter(([, link]) => fdKind(link) === "pipe").map(([fd]) => fd);
  try {
    assert.equal(opened.length, 2, "two pipe ends");
    assert.ok(opened.includes(waker.fd), "fd is one of them (the read end)");
    for (const fd of opened) assertNonBlockingCloexec(fd);
  } finally {
    waker.close();
    waker.close(); // idempotent
  }
  for (const fd of opened) assert.equal(isFdOpen(fd), false, `pipe end ${fd} still open`);
});

unixTest("PipeWaker: wake writes one byte to the read end; reset drains it", () => {
  const waker = new PipeWaker();
  try {
    waker.wake();
    waker.wake();
    assert.deepEqual(drain(waker.fd), [2, C.EAGAIN]);
    waker.wake();
    waker.reset();
    assert.deepEqual(drain(waker.fd), [0, C.EAGAIN], "reset left bytes behind");
  } finally {
    waker.close();
  }
});

unixTest("PipeWaker: a wake on a full pipe drains it and writes again instead of failing", () => {
  const waker = new PipeWaker();
  try {
    for (let i = 0; i < MORE_THAN_A_PIPE_HOLDS; i++) waker.wake();
    const [pending] = drain(waker.fd);
    assert.ok(pending > 0 && pending < MORE_THAN_A_PIPE_HOLDS, `${pending} bytes pending`);
  } finally {
    waker.close();
  }
});

test("a Waker woken more times than a pipe holds gives one event and keeps working", () => {
  const poll = new Poll();
  const events = new Events(8);
  const waker = new Waker(poll.registry(), Token(5));
  try {
    for (let i = 0; i < MORE_THAN_A_PIPE_HOLDS; i++) waker.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [5]);
    expectNoEvents(poll, events);
    waker.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [5]);
  } finally {
    closeAll(waker, poll);
  }
});
