// The API's error contract for the core types, checked before any syscall:
// bad tokens and interests are RangeError, non-Sources are TypeError, a bad
// Events capacity or poll timeout is RangeError, a closed Poll is IoError
// BadResource, double registration is AlreadyExists, and a missing one is
// NotFound. Errors raised before a syscall have errno 0 and syscall "".
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Events,
  Interest,
  type IoError,
  Poll,
  type Registry,
  type Source,
  TcpListener,
  TcpStream,
  Token,
  Waker,
} from "../mod.ts";
import { expect, expectEvents, Readiness, RecordingSource, tokensOf } from "./util/events.ts";
import { assertEarlyIoError, closeAll } from "./util/io.ts";

const BAD_TOKENS: unknown[] = [-1, 1.5, NaN, 2 ** 53, Infinity, "1", null, undefined, 1n];
const BAD_INTERESTS: unknown[] = [
  0,
  -1,
  -Interest.READABLE,
  1 << 10,
  (1 << 10) | Interest.READABLE,
  1.5,
  NaN,
  "1",
  null,
  undefined,
];
const NOT_SOURCES: unknown[] = [null, undefined, 42, "source", {}, { register() {} }, {
  register() {},
  reregister() {},
}, []];

function show(v: unknown): string {
  return typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : String(v);
}

test("register and reregister refuse bad tokens with RangeError, without reaching the source", () => {
  const poll = new Poll();
  const source = new RecordingSource();
  try {
    for (const bad of BAD_TOKENS) {
      assert.throws(
        () => poll.registry().register(source, bad as Token, Interest.READABLE),
        RangeError,
        `register token ${show(bad)}`,
      );
      assert.throws(
        () => poll.registry().reregister(source, bad as Token, Interest.READABLE),
        RangeError,
        `reregister token ${show(bad)}`,
      );
    }
    assert.equal(source.registries.length, 0, "the source was never called");
  } finally {
    poll.close();
  }
});

test("register and reregister refuse bad tokens on real sockets, which stay unregistered", () => {
  const poll = new Poll();
  const events = new Events(4);
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    for (const bad of BAD_TOKENS) {
      assert.throws(() => poll.registry().register(listener, bad as Token, Interest.READABLE), RangeError);
    }
    // Nothing was registered: reregister finds no registration, register works.
    assertEarlyIoError(() => poll.registry().reregister(listener, Token(1), Interest.READABLE), "NotFound");
    poll.registry().register(listener, Token(1), Interest.READABLE);
    for (const bad of BAD_TOKENS) {
      assert.throws(() => poll.registry().reregister(listener, bad as Token, Interest.READABLE), RangeError);
    }
    // The registration is unchanged.
    stream = TcpStream.connect(listener.localAddr());
    expectEvents(poll, events, [expect(1, Readiness.READABLE)]);
  } finally {
    closeAll(stream, listener, poll);
  }
});

test("register and reregister refuse 0, negative, unknown-bit and non-integer interests with RangeError", () => {
  const poll = new Poll();
  const source = new RecordingSource();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    for (const bad of BAD_INTERESTS) {
      assert.throws(
        () => poll.registry().register(source, Token(1), bad as Interest),
        RangeError,
        `register interest ${show(bad)}`,
      );
      assert.throws(
        () => poll.registry().reregister(source, Token(1), bad as Interest),
        RangeError,
        `reregister interest ${show(bad)}`,
      );
      assert.throws(
        () => poll.registry().register(listener, Token(1), bad as Interest),
        RangeError,
        `register listener interest ${show(bad)}`,
      );
    }
    assert.equal(source.registries.length, 0, "the source was never called");
    poll.registry().register(listener, Token(1), Interest.READABLE);
    for (const bad of BAD_INTERESTS) {
      assert.throws(() => poll.registry().reregister(listener, Token(1), bad as Interest), RangeError);
    }
  } finally {
    closeAll(listener, poll);
  }
});

test("register, reregister and deregister refuse non-Source objects with TypeError", () => {
  const poll = new Poll();
  try {
    for (const bad of NOT_SOURCES) {
      const s = bad as Source;
      assert.throws(
        () => poll.registry().register(s, Token(1), Interest.READABLE),
        TypeError,
        `register ${show(bad)}`,
      );
      assert.throws(
        () => poll.registry().reregister(s, Token(1), Interest.READABLE),
        TypeError,
        `reregister ${show(bad)}`,
      );
      assert.throws(() => poll.registry().deregister(s), TypeError, `deregister ${show(bad)}`);
    }
  } finally {
    poll.close();
  }
});

test("new Events refuses a capacity that is not a positive integer with RangeError", () => {
  for (const bad of [0, -1, 1.5, NaN, Infinity, -Infinity, "16", null, undefined, 2 ** 53]) {
    assert.throws(() => new Events(bad as number), RangeError, `new Events(${show(bad)})`);
  }
});

test("poll refuses a negative or NaN timeout with RangeError", () => {
  const poll = new Poll();
  const events = new Events(4);
  try {
    for (const bad of [-1, -0.5, -Infinity, NaN]) {
      assert.throws(() => poll.poll(events, bad), RangeError, `timeout ${show(bad)}`);
    }
    for (const bad of ["10", {}, true]) {
      assert.throws(() => poll.poll(events, bad as unknown as number), RangeError, `timeout ${show(bad)}`);
    }
  } finally {
    poll.close();
  }
});

test("poll refuses anything but an Events with TypeError", () => {
  const poll = new Poll();
  try {
    for (const bad of [null, undefined, {}, [], { capacity: 4, length: 0 }]) {
      assert.throws(() => poll.poll(bad as unknown as Events, 0), TypeError, `poll(${show(bad)})`);
    }
  } finally {
    poll.close();
  }
});

test("a refused timeout leaves the Events as they were", () => {
  const poll = new Poll();
  const events = new Events(4);
  const waker = new Waker(poll.registry(), Token(9));
  try {
    waker.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [9]);
    assert.throws(() => poll.poll(events, -1), RangeError);
    assert.deepEqual(tokensOf(events), [9]);
  } finally {
    closeAll(waker, poll);
  }
});

test("a 0 timeout returns at once: empty when nothing is ready, with what is", () => {
  // Nothing but an unwoken Waker is registered, so a zero timeout taken as
  // "no limit" would wait here for ever (the run's time bound reports that).
  const poll = new Poll();
  const events = new Events(4);
  const waker = new Waker(poll.registry(), Token(9));
  try {
    for (let i = 0; i < 10; i++) {
      poll.poll(events, 0);
      assert.ok(events.isEmpty());
    }
    poll.poll(events, -0); // -0 is 0, not negative
    assert.ok(events.isEmpty());
    waker.wake();
    poll.poll(events, 0);
    assert.deepEqual(tokensOf(events), [9]);
  } finally {
    closeAll(waker, poll);
  }
});

test("fractional timeouts round up to the next millisecond, not down to 0", () => {
  // epoll waits at least the whole milliseconds it is given, so a timeout
  // rounded up to 1 ms takes at least ~1 ms; rounded down to 0 it returns
  // at once. A signal could end one wait early, so try a few times.
  const poll = new Poll();
  const events = new Events(4);
  try {
    let longest = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      poll.poll(events, 0.001);
      longest = Math.max(longest, performance.now() - start);
      assert.ok(events.isEmpty());
    }
    assert.ok(
      longest >= 0.9,
      `poll(events, 0.001) never waited a millisecond (longest ${longest.toFixed(3)} ms)`,
    );
  } finally {
    poll.close();
  }
});

test("huge timeouts are accepted (clamped), and null or omitted waits for an event", () => {
  const poll = new Poll();
  const events = new Events(4);
  const waker = new Waker(poll.registry(), Token(9));
  try {
    for (const timeout of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, Infinity, null, undefined]) {
      waker.wake();
      poll.poll(events, timeout);
      assert.deepEqual(tokensOf(events), [9], `timeout ${String(timeout)}`);
    }
  } finally {
    closeAll(waker, poll);
  }
});

test("a closed Poll: registry() and poll() throw BadResource", () => {
  const poll = new Poll();
  const events = new Events(4);
  poll.close();
  assertEarlyIoError(() => poll.registry(), "BadResource");
  assertEarlyIoError(() => poll.poll(events, 0), "BadResource");
  assertEarlyIoError(() => poll.poll(events), "BadResource");
});

test("close is idempotent and [Symbol.dispose] closes", () => {
  const poll = new Poll();
  poll.close();
  poll.close();
  poll[Symbol.dispose]();
  assertEarlyIoError(() => poll.registry(), "BadResource");

  const poll2 = new Poll();
  poll2[Symbol.dispose]();
  assertEarlyIoError(() => poll2.poll(new Events(1), 0), "BadResource");
});

test("a Registry of a closed Poll: register, reregister, deregister and tryClone throw BadResource; a tryClone registry only once closed itself", () => {
  const poll = new Poll();
  const registry = poll.registry();
  const clone = registry.tryClone();
  const listener = TcpListener.bind("127.0.0.1:0");
  const source = new RecordingSource();
  try {
    registry.register(listener, Token(1), Interest.READABLE);
    poll.close();
    // A tryClone registry works on its own (mio's dups the selector): the Poll's close leaves it open.
    clone.tryClone().close();
    clone.close();
    for (const r of [registry, clone]) {
      assertEarlyIoError(() => r.register(listener, Token(1), Interest.READABLE), "BadResource");
      assertEarlyIoError(() => r.reregister(listener, Token(1), Interest.READABLE), "BadResource");
      assertEarlyIoError(() => r.deregister(listener), "BadResource");
      assertEarlyIoError(() => r.register(source, Token(1), Interest.READABLE), "BadResource");
      assertEarlyIoError(() => r.tryClone(), "BadResource");
    }
    assert.equal(source.registries.length, 0, "a closed Poll's registry does not call the source");
    // The listener itself is still open and usable.
    assert.equal(listener.accept(), null);
  } finally {
    closeAll(listener, poll);
  }
});

test("registering a source twice with the same Poll throws AlreadyExists", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    poll.registry().register(listener, Token(1), Interest.READABLE);
    assertEarlyIoError(
      () => poll.registry().register(listener, Token(1), Interest.READABLE),
      "AlreadyExists",
    );
    assertEarlyIoError(
      () => poll.registry().register(listener, Token(2), Interest.WRITABLE),
      "AlreadyExists",
    );
  } finally {
    closeAll(listener, poll);
  }
});

test("registering a source with another Poll throws AlreadyExists", () => {
  const poll1 = new Poll();
  const poll2 = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    poll1.registry().register(listener, Token(1), Interest.READABLE);
    assertEarlyIoError(
      () => poll2.registry().register(listener, Token(1), Interest.READABLE),
      "AlreadyExists",
    );
  } finally {
    closeAll(listener, poll1, poll2);
  }
});

test("deregister or reregister of a source never registered throws NotFound (mio ..._without_register)", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    assertEarlyIoError(() => poll.registry().reregister(listener, Token(1), Interest.READABLE), "NotFound");
    assertEarlyIoError(() => poll.registry().deregister(listener), "NotFound");
  } finally {
    closeAll(listener, poll);
  }
});

test('errors raised before any syscall carry errno 0 and syscall "", and are IoErrors', () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  const errors: IoError[] = [];
  try {
    errors.push(assertEarlyIoError(() => poll.registry().deregister(listener), "NotFound"));
    poll.registry().register(listener, Token(1), Interest.READABLE);
    errors.push(
      assertEarlyIoError(
        () => poll.registry().register(listener, Token(1), Interest.READABLE),
        "AlreadyExists",
      ),
    );
    const closed = new Poll();
    closed.close();
    errors.push(assertEarlyIoError(() => closed.registry(), "BadResource"));
    for (const e of errors) {
      assert.ok(e instanceof Error);
      assert.equal(e.name, "IoError");
      assert.ok(e.message.length > 0, "the error says what was wrong");
    }
  } finally {
    closeAll(listener, poll);
  }
});

test("errors from a user Source pass through the Registry unchanged (mio poll_erroneous_registration)", () => {
  const poll = new Poll();
  const source = new RecordingSource(true);
  try {
    const r = poll.registry();
    for (
      const [name, call] of [
        ["register", () => r.register(source, Token(0), Interest.READABLE)],
        ["reregister", () => r.reregister(source, Token(0), Interest.READABLE)],
        ["deregister", () => r.deregister(source)],
      ] as const
    ) {
      const e = assertEarlyIoError(call, "Other");
      assert.equal(e.message, name);
    }
  } finally {
    poll.close();
  }
});

test("a Registry method refuses a registry-shaped impostor handed to a socket", () => {
  // Sources are called through the Registry; calling one directly with
  // something that is not a Registry is a TypeError, not a crash.
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    assert.throws(() => listener.register({} as Registry, Token(1), Interest.READABLE), TypeError);
    assert.throws(() => listener.deregister(null as unknown as Registry), TypeError);
  } finally {
    listener.close();
  }
});
