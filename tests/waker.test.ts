// Waker, after mio's tests/waker.rs (the single-threaded parts; waking from
// a Worker is covered with Workers). A wake makes the Poll's next poll return
// one readable event with the waker's token; wakes coalesce; one Waker per
// Poll; closed wakers and Polls are BadResource.
import assert from "node:assert/strict";
import { Events, Interest, IoError, Poll, Registry, TcpListener, TcpStream, Token, Waker } from "../mod.ts";
import { expect, expectEvents, expectNoEvents, Readiness, tokensOf } from "./util/events.ts";
import { assertEarlyIoError, closeAll } from "./util/io.ts";
import { openFdCount, settledFdCount } from "./util/descriptors.ts";
import { FORCE_WAKER_PIPE } from "./util/platform.ts";
import { type Skip, test } from "./util/skips.ts";
import { platform } from "../sys/current.ts";
import { EventBuffer } from "../sys/contract.ts";

const TOKEN = Token(10);

/** mio's `expect_waker_event`: the poll returns events, all of them the waker's, readable. */
function expectWakerEvent(poll: Poll, events: Events, token: Token): void {
  poll.poll(events, 100);
  assert.ok(!events.isEmpty(), "expected the waker's event");
  for (const event of events) {
    assert.equal(event.token(), token);
    assert.ok(event.isReadable());
  }
}

test("waker (mio waker): wake then poll gives the token", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    waker.wake();
    expectWakerEvent(poll, events, TOKEN);
  } finally {
    closeAll(waker, poll);
  }
});

test("no wake, no event", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker, poll);
  }
});

test("multiple wakeups on one thread coalesce into one event (mio waker_multiple_wakeups_same_thread)", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    for (let i = 0; i < 3; i++) waker.wake();
    expectWakerEvent(poll, events, TOKEN);
    assert.equal(events.length, 1, "three wakes before a poll give one event");
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker, poll);
  }
});

test("a wake is reported once: the next poll has no event (mio waker_wakeup_different_thread, one thread)", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    waker.wake();
    expectWakerEvent(poll, events, TOKEN);
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker, poll);
  }
});

test("a wake after the previous event was consumed gives a new event (mio waker_multiple_wakeups_different_thread, one thread)", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    for (let round = 0; round < 5; round++) {
      waker.wake();
      expectWakerEvent(poll, events, TOKEN);
    }
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker, poll);
  }
});

test("a wake before the poll ends a poll without timeout at once", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    waker.wake();
    poll.poll(events); // no timeout: returns only because of the wake
    assert.deepEqual(tokensOf(events), [TOKEN]);
    waker.wake();
    poll.poll(events, null);
    assert.deepEqual(tokensOf(events), [TOKEN]);
  } finally {
    closeAll(waker, poll);
  }
});

test("many wakes before a poll still give one event", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    for (let i = 0; i < 10_000; i++) waker.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [TOKEN]);
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker, poll);
  }
});

test("waker events arrive with other sources' events", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, Token(1), Interest.WRITABLE);
    waker.wake();
    expectEvents(poll, events, [expect(1, Readiness.WRITABLE), expect(TOKEN, Readiness.READABLE)]);
  } finally {
    closeAll(stream, listener, waker, poll);
  }
});

test("a second Waker on the same Poll throws AlreadyExists (mio using_multiple_wakers_panics)", () => {
  const poll = new Poll();
  const waker1 = new Waker(poll.registry(), Token(10));
  try {
    assertEarlyIoError(() => new Waker(poll.registry(), Token(11)), "AlreadyExists");
    // The same token does not help.
    assertEarlyIoError(() => new Waker(poll.registry(), Token(10)), "AlreadyExists");
  } finally {
    closeAll(waker1, poll);
  }
});

test("a second Waker through a cloned Registry throws AlreadyExists (mio ..._different_cloned_registries)", () => {
  const poll = new Poll();
  const registry1 = poll.registry().tryClone();
  const registry2 = poll.registry().tryClone();
  const waker1 = new Waker(registry1, Token(10));
  try {
    assert.ok(registry1 instanceof Registry);
    assertEarlyIoError(() => new Waker(registry2, Token(11)), "AlreadyExists");
  } finally {
    closeAll(waker1, poll);
  }
});

test("the failed second Waker leaves the first working", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker1 = new Waker(poll.registry(), Token(10));
  try {
    assertEarlyIoError(() => new Waker(poll.registry(), Token(11)), "AlreadyExists");
    waker1.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [10]);
  } finally {
    closeAll(waker1, poll);
  }
});

test("after closing the Waker a new one can be made, and only it wakes", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker1 = new Waker(poll.registry(), Token(10));
  let waker2: Waker | null = null;
  try {
    waker1.close();
    waker2 = new Waker(poll.registry(), Token(11));
    waker2.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [11]);
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker1, waker2, poll);
  }
});

test("a Waker closed after waking does not deliver its pending wake", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    waker.wake();
    waker.close();
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker, poll);
  }
});

test("Wakers on different Polls are independent", () => {
  const poll1 = new Poll();
  const poll2 = new Poll();
  const events = new Events(10);
  const waker1 = new Waker(poll1.registry(), Token(1));
  const waker2 = new Waker(poll2.registry(), Token(2));
  try {
    waker2.wake();
    expectNoEvents(poll1, events);
    poll2.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [2]);
  } finally {
    closeAll(waker1, waker2, poll1, poll2);
  }
});

test("wake after close throws BadResource; close is idempotent", () => {
  const poll = new Poll();
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    waker.close();
    waker.close();
    assertEarlyIoError(() => waker.wake(), "BadResource");
    waker[Symbol.dispose]();
    assertEarlyIoError(() => waker.wake(), "BadResource");
  } finally {
    closeAll(waker, poll);
  }
});

test("[Symbol.dispose] closes the Waker", () => {
  const poll = new Poll();
  const waker = new Waker(poll.registry(), TOKEN);
  let waker2: Waker | null = null;
  try {
    waker[Symbol.dispose]();
    assertEarlyIoError(() => waker.wake(), "BadResource");
    waker2 = new Waker(poll.registry(), TOKEN); // the slot is free again
  } finally {
    closeAll(waker, waker2, poll);
  }
});

test("a Waker on a closed Poll throws BadResource", () => {
  const poll = new Poll();
  const registry = poll.registry();
  poll.close();
  assertEarlyIoError(() => new Waker(registry, TOKEN), "BadResource");
});

test("a Waker needs a Registry and a valid token", () => {
  const poll = new Poll();
  try {
    for (const bad of [null, undefined, {}, poll, 1]) {
      assert.throws(() => new Waker(bad as unknown as Registry, TOKEN), TypeError);
    }
    for (const bad of [-1, 1.5, NaN, 2 ** 53, "1"]) {
      assert.throws(() => new Waker(poll.registry(), bad as unknown as Token), RangeError);
    }
    // None of the failures took the Poll's one Waker.
    new Waker(poll.registry(), TOKEN).close();
  } finally {
    poll.close();
  }
});

test("closing Wakers releases their descriptors", () => {
  const poll = new Poll();
  try {
    const before = openFdCount();
    for (let i = 0; i < 200; i++) {
      const waker = new Waker(poll.registry(), Token(i));
      waker.wake();
      waker.close();
    }
    assert.equal(settledFdCount(before), before);
  } finally {
    poll.close();
  }
});

test("a large token round-trips through the Waker", () => {
  const poll = new Poll();
  const events = new Events(4);
  const waker = new Waker(poll.registry(), Token(2 ** 53 - 1));
  try {
    waker.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [2 ** 53 - 1]);
  } finally {
    closeAll(waker, poll);
  }
});

test("a copy from Waker.fromShared(waker.share()) wakes the Poll, in the same Worker too", () => {
  const poll = new Poll();
  const events = new Events(10);
  const waker = new Waker(poll.registry(), TOKEN);
  try {
    const copy = Waker.fromShared(waker.share());
    copy.wake();
    expectWakerEvent(poll, events, TOKEN);
    Waker.fromShared(copy.share()).wake();
    expectWakerEvent(poll, events, TOKEN);
    copy.close();
    waker.wake();
    expectWakerEvent(poll, events, TOKEN);
  } finally {
    closeAll(waker, poll);
  }
});

test("wake errors are IoErrors", () => {
  const poll = new Poll();
  const waker = new Waker(poll.registry(), TOKEN);
  waker.close();
  poll.close();
  try {
    waker.wake();
    assert.fail("wake after close should throw");
  } catch (e) {
    assert.ok(e instanceof IoError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "IoError");
  }
});

// mio's Waker holds its own handle on the selector (epoll: its eventfd; poll(2): the selector's
// wake descriptor; kqueue's EVFILT_USER waker: the kqueue descriptor; IOCP: the completion port;
// each kept open by the live Waker): closing the Poll does not close the Waker.
test(
  "after its Poll is closed, a Waker and its shared copies wake (nothing) and share until the Waker is closed",
  () => {
    const before = openFdCount();
    const poll = new Poll();
    const waker = new Waker(poll.registry(), TOKEN);
    const copy = Waker.fromShared(waker.share());
    poll.close();
    waker.wake();
    copy.wake();
    const later = Waker.fromShared(waker.share());
    later.wake();
    Waker.fromShared(copy.share()).wake();
    assert.ok(openFdCount() > before, "the Waker's descriptor is open while the Waker is");
    waker.close();
    assertEarlyIoError(() => waker.wake(), "BadResource");
    assertEarlyIoError(() => copy.wake(), "BadResource");
    assertEarlyIoError(() => later.wake(), "BadResource");
    assertEarlyIoError(() => copy.share(), "BadResource");
    assert.equal(settledFdCount(before), before, "closing the Waker released the last descriptor");
  },
);

test("a Poll closed during a pollAsync() keeps its Waker working until the Waker is closed", async () => {
  const before = openFdCount();
  const poll = new Poll();
  const waker = new Waker(poll.registry(), TOKEN);
  const copy = Waker.fromShared(waker.share());
  const wait = poll.pollAsync(new Events(4), null);
  poll.close();
  await assert.rejects(wait, (e) => e instanceof IoError && e.kind === "BadResource");
  waker.wake();
  copy.wake();
  waker.close();
  assertEarlyIoError(() => copy.wake(), "BadResource");
  assert.equal(settledFdCount(before), before, "every descriptor of the Poll and the Waker is closed");
});

// A wake from another Worker that passed its guard just before the Waker (or a Registration's
// binding) was closed reaches the kqueue or the completion port after the event was released. A
// guard state that never closes stands for such a wake. It must leave nothing the Poll reports: on
// kqueue, a trigger with EV_ADD would add the deleted EVFILT_USER event again, level-triggered.
const LATE_WAKE: Skip = Poll.backend === "epoll" || Poll.backend === "poll" || FORCE_WAKER_PIPE
  ? "a descriptor waker's own descriptor is closed only once no wake is in progress (closeGuarded), so a " +
    "wake cannot arrive after its close"
  : false;

test("a shared wake in progress when its Waker closed leaves no event behind", { skip: LATE_WAKE }, () => {
  const poll = new Poll();
  const events = new Events(4);
  try {
    const waker = new Waker(poll.registry(), TOKEN);
    const late = platform.sharedWaker({ ...waker.share(), state: new SharedArrayBuffer(8) });
    waker.close();
    late.wake();
    expectNoEvents(poll, events);
    expectNoEvents(poll, events);
    const next = new Waker(poll.registry(), Token(11));
    next.wake();
    poll.poll(events, 100);
    assert.deepEqual(tokensOf(events), [11], "the next Waker's one wake, once");
    expectNoEvents(poll, events);
    next.close();
  } finally {
    poll.close();
  }
});

test("a wake through a waker's location after it closed leaves no event behind", { skip: LATE_WAKE }, () => {
  const selector = platform.newSelector();
  const buffer = new EventBuffer(4, platform.rawEventSize);
  try {
    const waker = selector.createWaker(5);
    const location = new Float64Array(3);
    platform.locateWaker(waker, location);
    waker.close();
    platform.wakeAt(location);
    for (let i = 0; i < 2; i++) {
      selector.select(buffer, 0);
      assert.equal(
        buffer.length,
        0,
        `select ${i + 1} reported ${[...buffer.tokens.subarray(0, buffer.length)]}`,
      );
    }
  } finally {
    selector.close();
  }
});
