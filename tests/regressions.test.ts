// mio's tests/regressions.rs: the TCP ones (issue 1403 is UnixDatagram, not TCP).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Interest, TcpListener, TcpStream, Token, Waker } from "../mod.ts";
import { expect, expectEvents, initWithPoll, retryUntilReady } from "./util/events.ts";
import { assertWouldBlock } from "./util/io.ts";
import { acceptOne } from "./util/sockets.ts";

const ID1 = Token(1);
const WAKE_TOKEN = Token(10);

test("issue_776", () => {
  // A read on a freshly connected stream with nothing sent is WouldBlock, not an error.
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  let server: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);
    server = acceptOne(listener)[0];

    expectEvents(poll, events, [expect(1, 0)]); // any event of the stream: it connected

    assertWouldBlock(stream.read(new Uint8Array(1024)));

    // The "thread" blocks in read until the stream is dropped: it sees the end.
    stream.close();
    const s = server;
    assert.equal(retryUntilReady(poll, events, () => s.read(new Uint8Array(16))), 0);
  } finally {
    server?.close();
    stream?.close();
    listener.close();
    poll.close();
  }
});

test("issue_1205", () => {
  // A deregistered listener reports nothing, even with a connection pending;
  // the poll returns only the waker's event.
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), WAKE_TOKEN);
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    poll.registry().register(listener, ID1, Interest.READABLE);

    poll.poll(events, 0);
    assert.equal(events.length, 0);

    stream = TcpStream.connect(listener.localAddr());

    poll.registry().deregister(listener);

    // mio wakes from a thread 500 ms later; the wake is a flag, so waking
    // first and then polling tests the same thing.
    waker.wake();

    poll.poll(events, 5000);

    // Only one event, the waker's: none for the deregistered listener.
    assert.equal(events.length, 1, `events: ${[...events].map(String).join("; ")}`);
    const wakerEvent = [...events][0];
    assert.ok(wakerEvent.isReadable());
    assert.equal(wakerEvent.token(), WAKE_TOKEN);

    // The connection is still there to accept.
    acceptOne(listener)[0].close();
  } finally {
    stream?.close();
    listener.close();
    waker.close();
    poll.close();
  }
});
