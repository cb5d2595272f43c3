// Events and Event, after mio's tests/events.rs, plus what the API promises
// about them: `capacity`, `length`, `isEmpty()`, `clear()`, iteration that
// allocates nothing (the same Event objects every time), nested iteration,
// and each poll replacing what the buffer held.
import { test } from "node:test";
import assert from "node:assert/strict";
import { type Event, Events, Interest, Poll, TcpListener, TcpStream, Token, Waker } from "../mod.ts";
import { expect, expectEvents, initWithPoll, Readiness, tokensOf, WAIT_BOUND_MS } from "./util/events.ts";
import { closeAll } from "./util/io.ts";
import { waitConnected } from "./util/sockets.ts";

const WAKE_TOKEN = Token(10);

/**
 * A listener and `n` streams connected to it, registered WRITABLE with
 * tokens 0..n-1 once all have connected, so all `n` are writable at the
 * next poll (a busy machine may complete loopback handshakes one by one,
 * between polls).
 */
function writableStreams(poll: Poll, n: number): { listener: TcpListener; streams: TcpStream[] } {
  const listener = TcpListener.bind("127.0.0.1:0");
  const streams: TcpStream[] = [];
  try {
    for (let i = 0; i < n; i++) streams.push(TcpStream.connect(listener.localAddr()));
    for (const stream of streams) waitConnected(stream);
    streams.forEach((stream, i) => poll.registry().register(stream, Token(i), Interest.WRITABLE));
  } catch (e) {
    closeAll(...streams, listener);
    throw e;
  }
  return { listener, streams };
}

/** Polls until the events of `n` streams (tokens 0..n-1) have been collected by `collect`. */
function pollAll(
  poll: Poll,
  events: Events,
  n: number,
  collect: (events: Events) => void = () => {},
): Set<number> {
  const seen = new Set<number>();
  const deadline = performance.now() + WAIT_BOUND_MS;
  while (seen.size < n && performance.now() < deadline) {
    poll.poll(events, WAIT_BOUND_MS);
    collect(events);
    for (const t of tokensOf(events)) seen.add(t);
  }
  assert.equal(seen.size, n, `expected events for ${n} tokens, got ${[...seen].join(", ")}`);
  return seen;
}

test("events all (mio events_all): capacity, isEmpty, iteration, clear", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), WAKE_TOKEN);
  try {
    assert.equal(events.capacity, 16);
    assert.ok(events.isEmpty());
    assert.equal(events.length, 0);

    waker.wake();
    poll.poll(events, 100);
    assert.ok(!events.isEmpty());
    assert.equal(events.length, 1);

    let count = 0;
    for (const event of events) {
      assert.equal(event.token(), WAKE_TOKEN);
      assert.ok(event.isReadable());
      count++;
    }
    assert.equal(count, 1);

    events.clear();
    assert.ok(events.isEmpty());
    assert.equal(events.length, 0);
    assert.equal([...events].length, 0, "a cleared Events iterates nothing");
    assert.equal(events.capacity, 16, "clear keeps the capacity");
  } finally {
    closeAll(waker, poll);
  }
});

test("capacity is what the constructor was given, for any positive integer", () => {
  for (const n of [1, 2, 16, 1024, 4096]) assert.equal(new Events(n).capacity, n);
});

test("a new Events is empty and iterates nothing", () => {
  const events = new Events(8);
  assert.ok(events.isEmpty());
  assert.equal(events.length, 0);
  assert.deepEqual([...events], []);
});

test("capacity and length cannot be assigned", () => {
  const events = new Events(4);
  assert.throws(() => {
    (events as unknown as { capacity: number }).capacity = 100;
  }, TypeError);
  assert.throws(() => {
    (events as unknown as { length: number }).length = 3;
  }, TypeError);
  assert.equal(events.capacity, 4);
  assert.equal(events.length, 0);
});

test("a poll delivers at most capacity events; the rest come with later polls", () => {
  const poll = new Poll();
  const events = new Events(2);
  const { listener, streams } = writableStreams(poll, 5);
  try {
    pollAll(poll, events, 5, (ev) => {
      assert.ok(ev.length <= 2, `a poll delivered ${ev.length} events into an Events of capacity 2`);
      assert.equal([...ev].length, ev.length);
    });
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("length counts the events iteration yields", () => {
  const poll = new Poll();
  const events = new Events(16);
  const { listener, streams } = writableStreams(poll, 3);
  try {
    pollAll(poll, events, 3, (ev) => {
      let n = 0;
      for (const _ of ev) n++;
      assert.equal(n, ev.length);
      assert.equal(ev.isEmpty(), n === 0);
    });
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("iterating twice gives the same events, as the same Event objects", () => {
  const poll = new Poll();
  const events = new Events(16);
  const { listener, streams } = writableStreams(poll, 3);
  try {
    expectEvents(poll, events, [expect(0, Readiness.WRITABLE)]);
    const first = [...events];
    const second = [...events];
    assert.ok(first.length > 0);
    assert.equal(second.length, first.length);
    for (let i = 0; i < first.length; i++) {
      assert.equal(second[i], first[i], `event ${i} is the same object on both iterations`);
      assert.equal(second[i].token(), first[i].token());
      assert.equal(second[i].isWritable(), first[i].isWritable());
    }
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("a poll reuses the Event objects: the slot's object shows the new event", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), WAKE_TOKEN);
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    waker.wake();
    poll.poll(events, 1000);
    assert.equal(events.length, 1);
    const [slot0] = [...events];
    assert.equal(slot0.token(), WAKE_TOKEN);

    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, Token(3), Interest.WRITABLE);
    expectEvents(poll, events, [expect(3, Readiness.WRITABLE)]);
    const [again] = [...events];
    assert.equal(again, slot0, "the first event of every poll is the same Event object");
    assert.equal(slot0.token(), Token(3), "an Event read after the next poll shows that poll's event");
    assert.ok(slot0.isWritable());
  } finally {
    closeAll(stream, listener, waker, poll);
  }
});

test("sequential complete iterations reuse one iterator", () => {
  const events = new Events(4);
  const a = events[Symbol.iterator]();
  assert.equal(a.next().done, true);
  const b = events[Symbol.iterator]();
  assert.equal(b, a, "a finished iterator is handed out again (no allocation per loop)");
  assert.equal(b.next().done, true);
});

test("nested iteration over the same Events works", () => {
  const poll = new Poll();
  const events = new Events(16);
  const { listener, streams } = writableStreams(poll, 3);
  try {
    // All three connected before they were registered: one poll reports them all.
    poll.poll(events, WAIT_BOUND_MS);
    assert.ok(events.length >= 2, `wanted 2+ events in one poll, got ${events.length}`);
    const flat = tokensOf(events);
    const pairs: [number, number][] = [];
    for (const outer of events) {
      for (const inner of events) pairs.push([outer.token(), inner.token()]);
    }
    const want: [number, number][] = [];
    for (const a of flat) for (const b of flat) want.push([a, b]);
    assert.deepEqual(pairs, want);
    // And iteration still works normally afterwards.
    assert.deepEqual(tokensOf(events), flat);
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("breaking out of a loop does not shorten the next iteration", () => {
  const poll = new Poll();
  const events = new Events(16);
  const { listener, streams } = writableStreams(poll, 3);
  try {
    poll.poll(events, WAIT_BOUND_MS);
    assert.ok(events.length >= 2, `wanted 2+ events in one poll, got ${events.length}`);
    const all = tokensOf(events);
    for (const _ of events) break;
    assert.deepEqual(tokensOf(events), all);
    // A partly consumed manual iterator does not disturb a loop started meanwhile.
    const manual = events[Symbol.iterator]();
    const first = manual.next();
    assert.equal(first.done, false);
    assert.deepEqual(tokensOf(events), all);
    const rest: number[] = [];
    for (let r = manual.next(); !r.done; r = manual.next()) rest.push(r.value.token());
    assert.deepEqual(rest, all.slice(1));
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("a finished iterator stays finished", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), WAKE_TOKEN);
  try {
    waker.wake();
    poll.poll(events, 1000);
    const it = events[Symbol.iterator]();
    const r1 = it.next();
    assert.equal(r1.done, false);
    assert.equal((r1.value as Event).token(), WAKE_TOKEN);
    assert.equal(it.next().done, true);
    assert.equal(it.next().done, true);
  } finally {
    closeAll(waker, poll);
  }
});

test("each poll replaces the events: a poll with nothing ready leaves Events empty", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), WAKE_TOKEN);
  try {
    waker.wake();
    poll.poll(events, 1000);
    assert.equal(events.length, 1);
    poll.poll(events, 0);
    assert.ok(events.isEmpty(), "the waker's event is not reported twice and the old one is gone");
    assert.deepEqual(tokensOf(events), []);
  } finally {
    closeAll(waker, poll);
  }
});

test("one Events can be used with several Polls in turn", () => {
  const events = new Events(4);
  const poll1 = new Poll();
  const poll2 = new Poll();
  const waker1 = new Waker(poll1.registry(), Token(1));
  const waker2 = new Waker(poll2.registry(), Token(2));
  try {
    waker1.wake();
    waker2.wake();
    poll1.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [1]);
    poll2.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [2]);
  } finally {
    closeAll(waker1, waker2, poll1, poll2);
  }
});

test("Event.toString names the token and the readiness", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), WAKE_TOKEN);
  try {
    waker.wake();
    poll.poll(events, 1000);
    const [event] = [...events];
    const s = String(event);
    assert.match(s, /token: 10\b/);
    assert.match(s, /readable/);
    assert.doesNotMatch(s, /writable/);
  } finally {
    closeAll(waker, poll);
  }
});

test("a waker event reports only readable", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), WAKE_TOKEN);
  try {
    waker.wake();
    poll.poll(events, 1000);
    const [event] = [...events];
    assert.ok(event.isReadable());
    assert.ok(!event.isWritable());
    assert.ok(!event.isError());
    assert.ok(!event.isReadClosed());
    assert.ok(!event.isWriteClosed());
    assert.ok(!event.isPriority());
    assert.ok(!event.isAio());
    assert.ok(!event.isLio());
  } finally {
    closeAll(waker, poll);
  }
});
