// Registration modes (level-triggered, oneshot) on Windows named pipes:
// tests/modes.test.ts's translations of mio 0.6's test_oneshot.rs,
// test_tcp_level.rs and smol-rs/polling's tests/other_modes.rs, with a
// NamedPipe as the watched source. A named pipe's readiness comes from
// completed overlapped operations: readable while a completed read's bytes
// wait to be taken, writable while a client is connected and no write is in
// flight. The writing end is registered with a Poll of its own, so the
// watched Poll reports the reading end only. Windows only (skipped with the
// reason printed elsewhere).
import assert from "node:assert/strict";
import process from "node:process";
import { Events, Interest, Poll, type RegisterOptions, Token } from "../mod.ts";
import { NamedPipe } from "../src/windows/mod.ts";
import { eventsFor, expect, expectEvents, waitFor } from "./util/events.ts";
import { assertIoError, closeAll, drain } from "./util/io.ts";
import { offWindows, test } from "./util/skips.ts";

const LEVEL: RegisterOptions = { trigger: "level" };
const ONESHOT: RegisterOptions = { oneshot: true };
const LEVEL_ONESHOT: RegisterOptions = { trigger: "level", oneshot: true };
const DATA = new Uint8Array([1, 2, 3, 4, 5]);
const NOT_WINDOWS = "named pipes are Windows-only (mio's windows::NamedPipe is cfg(windows))";

/** A test that needs Windows: elsewhere it is skipped, with the reason printed. */
function windowsTest(name: string, fn: () => void | Promise<void>): void {
  test(name, { skip: offWindows(NOT_WINDOWS) }, fn);
}

/** A Windows test given a pipe pair, a Poll and room for 16 events, all closed when it ends. */
function pipeTest(name: string, fn: (pair: PipePair, poll: Poll, events: Events) => void): void {
  windowsTest(name, () => {
    const pair = pipePair();
    const poll = new Poll();
    const events = new Events(16);
    try {
      fn(pair, poll, events);
    } finally {
      closeAll(pair, poll);
    }
  });
}

let serial = 0;

/** The two ends of a pipe: `reader` (the server end) to watch, `writer` (a client) on a Poll of its own. */
interface PipePair {
  readonly reader: NamedPipe;
  readonly writer: NamedPipe;
  readonly writerPoll: Poll;
  readonly writerEvents: Events;
  close(): void;
}

function pipePair(): PipePair {
  const name = `\\\\.\\pipe\\mio-ts-modes-${process.pid}-${++serial}-${Math.floor(Math.random() * 1e9)}`;
  const reader = new NamedPipe(name);
  const writer = NamedPipe.open(name);
  const writerPoll = new Poll();
  writerPoll.registry().register(writer, Token(99), Interest.WRITABLE);
  return {
    reader,
    writer,
    writerPoll,
    writerEvents: new Events(8),
    close: () => closeAll(writer, reader, writerPoll),
  };
}

/** Writes `data` through the writer, polling its own Poll while the previous write is in flight. */
function send(pair: PipePair, data: Uint8Array): void {
  for (let round = 0; round < 100; round++) {
    const n = pair.writer.write(data);
    if (n !== null) {
      assert.equal(n, data.length);
      return;
    }
    pair.writerPoll.poll(pair.writerEvents, 100);
  }
  assert.fail("the writer's previous write never completed");
}

/** One poll (up to 1 s) that must report `token` exactly once; that event's readiness. */
function onePoll(poll: Poll, events: Events, token: Token): { readable: boolean; writable: boolean } {
  poll.poll(events, 1000);
  const own = [...events].filter((e) => e.token() === token);
  assert.equal(own.length, 1, `one event for token ${token} in this poll`);
  return { readable: own[0]!.isReadable(), writable: own[0]!.isWritable() };
}

/** Reads exactly `n` bytes that are known to be there. */
function readExact(pipe: NamedPipe, n: number): void {
  assert.equal(pipe.read(new Uint8Array(n)), n, `expected ${n} bytes at once`);
}

pipeTest("named pipe: level triggered (polling other_modes level_triggered)", (pair, poll, events) => {
  const TOKEN = Token(1);
  poll.registry().register(pair.reader, TOKEN, Interest.READABLE, LEVEL);
  send(pair, DATA);
  waitFor(poll, events, TOKEN);
  // Some of the data read: the notification is still there.
  readExact(pair.reader, 3);
  assert.equal(eventsFor(poll, events, TOKEN, 10_000), 1);
  assert.equal(eventsFor(poll, events, TOKEN, 10_000), 1, "and on the next poll too");
  // The rest read: gone.
  readExact(pair.reader, 2);
  assert.equal(eventsFor(poll, events, TOKEN, 100), 0);
  // Oneshot after modifying: one event for new data.
  poll.registry().reregister(pair.reader, TOKEN, Interest.READABLE, ONESHOT);
  send(pair, DATA);
  waitFor(poll, events, TOKEN);
  readExact(pair.reader, 5);
  assert.equal(eventsFor(poll, events, TOKEN, 100), 0);
});

pipeTest("named pipe: edge triggered (polling other_modes edge_triggered)", (pair, poll, events) => {
  const TOKEN = Token(1);
  poll.registry().register(pair.reader, TOKEN, Interest.READABLE, { trigger: "edge" });
  send(pair, DATA);
  waitFor(poll, events, TOKEN);
  // Some of the data read: no further notification.
  readExact(pair.reader, 3);
  assert.equal(eventsFor(poll, events, TOKEN, 100), 0);
  // mio's rule: read to WouldBlock, then the next data is reported.
  assert.equal(drain(pair.reader), 2);
  send(pair, DATA);
  waitFor(poll, events, TOKEN);
  // Oneshot after modifying: the pending data is reported once.
  poll.registry().reregister(pair.reader, TOKEN, Interest.READABLE, ONESHOT);
  waitFor(poll, events, TOKEN);
  assert.equal(eventsFor(poll, events, TOKEN, 100), 0);
});

pipeTest(
  "named pipe: edge oneshot triggered (polling other_modes edge_oneshot_triggered)",
  (pair, poll, events) => {
    const TOKEN = Token(1);
    poll.registry().register(pair.reader, TOKEN, Interest.READABLE, ONESHOT);
    send(pair, DATA);
    waitFor(poll, events, TOKEN);
    readExact(pair.reader, 3);
    assert.equal(eventsFor(poll, events, TOKEN, 100), 0);
    // Re-enabled with data still pending: reported (as EPOLL_CTL_MOD does).
    poll.registry().reregister(pair.reader, TOKEN, Interest.READABLE, ONESHOT);
    waitFor(poll, events, TOKEN);
  },
);

for (const [name, options] of [["edge", ONESHOT], ["level", LEVEL_ONESHOT]] as const) {
  pipeTest(
    `named pipe: oneshot (${name}) is disabled after one event, still registered; WouldBlock does not re-enable it`,
    (pair, poll, events) => {
      const TOKEN = Token(7);
      poll.registry().register(pair.reader, TOKEN, Interest.READABLE, options);
      send(pair, DATA);
      waitFor(poll, events, TOKEN);
      // Read to WouldBlock (the next read is started), then new data: no event.
      assert.equal(drain(pair.reader), DATA.length);
      assert.equal(pair.reader.read(new Uint8Array(8)), null);
      send(pair, DATA);
      assert.equal(eventsFor(poll, events, TOKEN, 200), 0);
      assert.equal(eventsFor(poll, events, TOKEN, 100), 0);
      // Still registered: a second register is AlreadyExists, reregister re-enables it.
      assertIoError(() => poll.registry().register(pair.reader, TOKEN, Interest.READABLE), "AlreadyExists");
      poll.registry().reregister(pair.reader, Token(8), Interest.READABLE, options);
      waitFor(poll, events, Token(8));
      assert.equal(eventsFor(poll, events, Token(8), 100), 0);
      // And deregister works on a disabled registration.
      poll.registry().deregister(pair.reader);
      poll.registry().register(pair.reader, Token(9), Interest.READABLE);
      waitFor(poll, events, Token(9));
    },
  );
}

pipeTest(
  "named pipe: reregister without options means the defaults (edge), not the previous mode",
  (pair, poll, events) => {
    const TOKEN = Token(3);
    poll.registry().register(pair.reader, TOKEN, Interest.READABLE, LEVEL);
    send(pair, DATA);
    waitFor(poll, events, TOKEN);
    assert.equal(eventsFor(poll, events, TOKEN, 1000), 1, "level: reported again");
    poll.registry().reregister(pair.reader, TOKEN, Interest.READABLE);
    waitFor(poll, events, TOKEN); // pending readiness is reported once…
    assert.equal(eventsFor(poll, events, TOKEN, 100), 0, "…and, edge-triggered, not again");
  },
);

pipeTest(
  "named pipe: level readable and writable (mio 0.6 test_tcp_stream_level_triggered)",
  (pair, poll, events) => {
    const TOKEN = Token(1);
    poll.registry().register(pair.reader, TOKEN, Interest.READABLE | Interest.WRITABLE, LEVEL);
    expectEvents(poll, events, [expect(1, Interest.WRITABLE)]);
    // Level: writable on every poll, with nothing done in between.
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(onePoll(poll, events, TOKEN), { readable: false, writable: true });
    }
    send(pair, DATA);
    expectEvents(poll, events, [expect(1, Interest.READABLE | Interest.WRITABLE)]);
    // Reported while the data is there, however often it is polled.
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(onePoll(poll, events, TOKEN), { readable: true, writable: true });
    }
    assert.equal(drain(pair.reader), DATA.length);
    // Reading the data clears readable; writable stays.
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(onePoll(poll, events, TOKEN), { readable: false, writable: true });
    }
    // Deregistering clears its level events.
    poll.registry().deregister(pair.reader);
    assert.equal(eventsFor(poll, events, TOKEN, 100), 0);
  },
);

windowsTest("named pipe: level-triggered writable is reported on every poll, also past a full Events", () => {
  const a = pipePair();
  const b = pipePair();
  const poll = new Poll();
  const one = new Events(1);
  try {
    poll.registry().register(a.reader, Token(1), Interest.WRITABLE, LEVEL);
    poll.registry().register(b.reader, Token(2), Interest.WRITABLE, LEVEL);
    const seen = [0, 0, 0];
    for (let i = 0; i < 6; i++) {
      poll.poll(one, 1000);
      for (const event of one) seen[event.token()]!++;
    }
    assert.deepEqual(seen, [0, 3, 3], "each pipe in turn, one event per poll");
  } finally {
    closeAll(a, b, poll);
  }
});

windowsTest("named pipe: level-triggered readiness is reported by pollAsync too", async () => {
  const pair = pipePair();
  const poll = new Poll();
  const events = new Events(16);
  try {
    poll.registry().register(pair.reader, Token(4), Interest.READABLE, LEVEL);
    send(pair, DATA);
    waitFor(poll, events, Token(4));
    for (let i = 0; i < 2; i++) {
      await poll.pollAsync(events, 1000);
      assert.deepEqual([...events].map((e) => e.token()), [Token(4)], "the data is still there");
    }
  } finally {
    closeAll(pair, poll);
  }
});

pipeTest(
  "named pipe: level, edge, then level again before the level packet was reported: level still reports",
  (pair, poll, events) => {
    const TOKEN = Token(5);
    poll.registry().register(pair.reader, TOKEN, Interest.WRITABLE, LEVEL);
    poll.registry().reregister(pair.reader, TOKEN, Interest.WRITABLE);
    assert.deepEqual(onePoll(poll, events, TOKEN), { readable: false, writable: true });
    assert.equal(eventsFor(poll, events, TOKEN, 100), 0, "edge: once");
    poll.registry().reregister(pair.reader, TOKEN, Interest.WRITABLE, LEVEL);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(onePoll(poll, events, TOKEN), {
        readable: false,
        writable: true,
      });
    }
  },
);
