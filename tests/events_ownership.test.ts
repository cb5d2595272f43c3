// What an `Events` owns and for how long: `event.clone()` outlives its
// buffer (mio's `Event: Clone`), the capacity has an upper bound (one wait
// never returns more than the selector's limit, and a buffer must fit
// memory), and one `Events` serves one wait at a time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { type Event, Events, Poll, Token, Waker } from "../mod.ts";
import { closeAll } from "./util/io.ts";

const WAKER = Token(3);

test("event.clone() keeps its token and readiness after the buffer is refilled", () => {
  const poll = new Poll();
  const events = new Events(4);
  const waker = new Waker(poll.registry(), WAKER);
  try {
    waker.wake();
    poll.poll(events, 1000);
    assert.equal(events.length, 1);
    let copy: Event | null = null;
    for (const event of events) copy = event.clone();
    assert.ok(copy !== null);
    poll.poll(events, 0);
    assert.equal(events.length, 0);
    assert.equal(copy.token(), WAKER);
    assert.ok(copy.isReadable());
    assert.ok(!copy.isWritable());
    assert.equal(String(copy), `Event { token: ${WAKER}, readable }`);
    assert.notEqual(copy.clone(), copy);
    assert.equal(copy.clone().token(), WAKER);
  } finally {
    closeAll(waker, poll);
  }
});

test("iterating Events still reuses its Event objects (clone() is the way to keep one)", () => {
  const poll = new Poll();
  const events = new Events(4);
  const waker = new Waker(poll.registry(), WAKER);
  try {
    waker.wake();
    poll.poll(events, 1000);
    const first = [...events][0];
    waker.wake();
    poll.poll(events, 1000);
    assert.equal([...events][0], first);
    assert.notEqual(first.clone(), first);
  } finally {
    closeAll(waker, poll);
  }
});

test("new Events(capacity) refuses more than one wait can return, naming the limit (RangeError)", () => {
  let message = "";
  assert.throws(() => new Events(50_000_000), (e: unknown) => {
    assert.ok(e instanceof RangeError, String(e));
    message = e.message;
    return true;
  });
  const m = /at most ([0-9,_]+)/.exec(message);
  assert.ok(m, `the message names the limit: ${message}`);
  const limit = Number(m[1].replace(/[,_]/g, ""));
  assert.ok(limit >= 65_536 && limit < 50_000_000, `limit ${limit}`);
  assert.throws(() => new Events(limit + 1), RangeError);
  assert.equal(new Events(65_536).capacity, 65_536);
});

test("two pending pollAsync() on one Events: the second throws Error at once", async () => {
  const poll = new Poll();
  const other = new Poll();
  const events = new Events(4);
  const waker = new Waker(poll.registry(), WAKER);
  try {
    const first = poll.pollAsync(events, null);
    assert.throws(
      () => other.pollAsync(events, null),
      (e: unknown) => e instanceof Error && /Events/.test(e.message),
    );
    assert.throws(
      () => other.poll(events, 0),
      (e: unknown) => e instanceof Error && /Events/.test(e.message),
    );
    assert.throws(() => other.events(events), (e: unknown) => e instanceof Error && /Events/.test(e.message));
    waker.wake();
    await first;
    assert.equal(events.length, 1);
    assert.equal([...events][0].token(), WAKER);
    // Free again once the wait settled.
    await other.pollAsync(events, 0);
    assert.equal(events.length, 0);
  } finally {
    closeAll(waker, other, poll);
  }
});

test("an Events is free again after its wait was aborted or timed out", async () => {
  const poll = new Poll();
  const events = new Events(4);
  try {
    const stop = new AbortController();
    const pending = poll.pollAsync(events, null, { signal: stop.signal });
    stop.abort();
    await assert.rejects(pending);
    await poll.pollAsync(events, 1);
    poll.poll(events, 0);
  } finally {
    poll.close();
  }
});
