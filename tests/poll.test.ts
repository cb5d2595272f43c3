// Poll, after mio's tests/poll.rs: polling with nothing registered, zero and
// other timeouts, registration flows, reregister semantics, closing Polls
// and sources, the edge-triggered rules and draining. mio's thread-based
// tests (registry_behind_arc, registry_operations_are_thread_safe,
// register_during_poll) are translated to one thread here; their concurrent
// forms need Workers. Send/Sync checks have no TypeScript counterpart.
import assert from "node:assert/strict";
import process from "node:process";
import { Events, Interest, Poll, type Registry, TcpListener, TcpStream, Token, Waker } from "../mod.ts";
import {
  expect,
  expectEvents,
  expectNoEvents,
  initWithPoll,
  Readiness,
  RecordingSource,
  retryUntilReady,
  tokensOf,
  WAIT_BOUND_MS,
  waitUntil,
} from "./util/events.ts";
import { assertEarlyIoError, assertWouldBlock, bytes, closeAll, text } from "./util/io.ts";
import { tcpPair } from "./util/sockets.ts";
import { openFdCount, settledFdCount, WAKER_FD_LINKS } from "./util/descriptors.ts";
import { currentRuntime, LINUX_BACKEND } from "./util/platform.ts";
import {
  LIBKQUEUE_NO_REARM,
  LIBKQUEUE_OWN_DESCRIPTORS,
  LINUX_ONLY,
  onLibkqueue,
  onSimulatedAbi,
  test,
} from "./util/skips.ts";
import { sleep } from "./util/timing.ts";

const ID1 = Token(1);
const ID2 = Token(2);
const ID3 = Token(3);

test("Poll.backend is epoll on Linux (poll with MIO_FORCE_POLL_POLL=1, kqueue with MIO_KQUEUE_LIB), iocp on Windows whatever the flags, and Poll.runtime names this runtime", () => {
  assert.equal(Poll.runtime, currentRuntime());
  if (process.platform === "linux") assert.equal(Poll.backend, LINUX_BACKEND);
  else if (process.platform === "win32") assert.equal(Poll.backend, "iocp");
  else assert.ok(["epoll", "kqueue", "iocp", "poll"].includes(Poll.backend));
});

test("run once with nothing (mio run_once_with_nothing)", () => {
  const events = new Events(16);
  const poll = new Poll();
  try {
    poll.poll(events, 100);
    assert.ok(events.isEmpty());
  } finally {
    poll.close();
  }
});

test("add then drop (mio add_then_drop): closing a registered source, then polling, is fine", () => {
  const events = new Events(16);
  const listener = TcpListener.bind("127.0.0.1:0");
  const poll = new Poll();
  try {
    poll.registry().register(listener, Token(1), Interest.READABLE | Interest.WRITABLE);
    listener.close();
    poll.poll(events, 100);
    assert.ok(events.isEmpty());
  } finally {
    closeAll(listener, poll);
  }
});

test("zero duration polls events (mio zero_duration_polls_events)", async () => {
  const poll = new Poll();
  const events = new Events(16);
  const listener = TcpListener.bind("127.0.0.1:0");
  const streams: TcpStream[] = [];
  try {
    for (let n = 0; n < 3; n++) {
      const stream = TcpStream.connect(listener.localAddr());
      streams.push(stream);
      poll.registry().register(stream, Token(n), Interest.WRITABLE);
    }
    // Give the streams time to connect; a zero timeout must still ask the OS,
    // so one of these zero-timeout polls sees their events.
    let seen = false;
    const deadline = performance.now() + WAIT_BOUND_MS;
    while (!seen && performance.now() < deadline) {
      await sleep(10);
      poll.poll(events, 0);
      seen = !events.isEmpty();
    }
    assert.ok(seen, "a zero-timeout poll never returned the streams' events");
    for (const event of events) assert.ok(event.isWritable());
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("poll closes fd (mio poll_closes_fd): 2000 Polls leak no descriptor", () => {
  const before = openFdCount();
  for (let i = 0; i < 2000; i++) {
    const poll = new Poll();
    const events = new Events(4);
    poll.poll(events, 0);
    poll.close();
  }
  assert.equal(settledFdCount(before), before);
});

const CLOSED_BY_CLOSE = "a Poll's descriptor is closed by close(), not before";
test(CLOSED_BY_CLOSE, {
  skip: onLibkqueue(LIBKQUEUE_OWN_DESCRIPTORS) || onSimulatedAbi(LINUX_ONLY.kqueueDescriptors),
}, () => {
  const before = openFdCount();
  const poll = new Poll();
  try {
    if (Poll.backend === "poll") {
      assert.equal(
        settledFdCount(before + WAKER_FD_LINKS.length),
        before + WAKER_FD_LINKS.length,
        "a poll(2) Poll holds its wake descriptors",
      );
    } else {
      assert.equal(
        settledFdCount(before + 1),
        before + 1,
        "a Poll holds one descriptor (its epoll instance or kqueue)",
      );
    }
  } finally {
    poll.close();
  }
  assert.equal(settledFdCount(before), before);
});

test("readiness is reregistered after would block (mio readiness_is_reregistered_after_would_block)", () => {
  const [client, server] = tcpPair();
  const poll = new Poll();
  const events = new Events(8);
  try {
    poll.registry().register(client, ID1, Interest.READABLE);

    assert.equal(server.write(bytes("hello")), 5);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);

    const buf = new Uint8Array(16);
    assert.equal(client.read(buf), 5);
    assert.equal(text(buf.subarray(0, 5)), "hello");
    assertWouldBlock(client.read(buf));

    expectNoEvents(poll, events);

    assert.equal(server.write(bytes("again")), 5);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    assert.equal(client.read(buf), 5);
    assert.equal(text(buf.subarray(0, 5)), "again");
  } finally {
    closeAll(client, server, poll);
  }
});

test("drop cancels interest and shuts down (mio drop_cancels_interest_and_shuts_down)", () => {
  const listener = TcpListener.bind("127.0.0.1:0");
  const poll = new Poll();
  const events = new Events(16);
  let stream: TcpStream | null = null;
  let accepted: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);
    poll.registry().register(listener, Token(0), Interest.READABLE);

    // Wait until connected: any event of the stream.
    expectEvents(poll, events, [expect(1, 0)]);

    const buf = new Uint8Array(1024);
    assertWouldBlock(stream.read(buf));

    accepted = retryUntilReady(poll, events, () => listener.accept())[0];
    poll.registry().register(accepted, Token(2), Interest.READABLE);
    stream.close();

    // The peer sees end of stream, and the closed stream reports nothing more.
    const n = retryUntilReady(poll, events, () => accepted!.read(new Uint8Array(16)));
    assert.equal(n, 0, `unexpected read of ${n} bytes`);
    // (The peer's own end-of-stream event may still be pending; the closed stream's may not.)
    for (let i = 0; i < 3; i++) {
      poll.poll(events, 20);
      assert.ok(!tokensOf(events).includes(1), "the closed stream reported an event");
    }
  } finally {
    closeAll(accepted, stream, listener, poll);
  }
});

test("registry clone works like the Poll's registry (mio registry_behind_arc, one thread)", () => {
  const poll = new Poll();
  const registry = poll.registry().tryClone();
  const events = new Events(128);
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    registry.register(listener, Token(0), Interest.READABLE);
    stream = TcpStream.connect(listener.localAddr());
    registry.register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);
    expectEvents(poll, events, [expect(0, Readiness.READABLE), expect(1, Readiness.WRITABLE)]);
  } finally {
    closeAll(stream, listener, poll);
  }
});

/** mio's registry_ops_flow: register, deregister, register, reregister. */
function registryOpsFlow(
  registry: Registry,
  source: TcpListener | TcpStream,
  token: Token,
  initInterests: Interest,
  finalInterests: Interest,
): void {
  registry.register(source, token, initInterests);
  registry.deregister(source);
  registry.register(source, token, initInterests);
  registry.reregister(source, token, finalInterests);
}

test("registry operations flow (mio registry_operations_are_thread_safe, one thread)", () => {
  const [poll, events] = initWithPoll();
  const registry = poll.registry().tryClone();
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  let stream2: TcpStream | null = null;
  try {
    registryOpsFlow(registry, listener, ID1, Interest.READABLE, Interest.READABLE);
    stream = TcpStream.connect(listener.localAddr());
    registryOpsFlow(registry, stream, ID3, Interest.READABLE, Interest.READABLE | Interest.WRITABLE);
    // mio uses a UdpSocket for ID2; a second TCP stream stands in for it.
    stream2 = TcpStream.connect(listener.localAddr());
    registryOpsFlow(
      registry,
      stream2,
      ID2,
      Interest.WRITABLE,
      Interest.add(Interest.WRITABLE, Interest.READABLE),
    );
    expectEvents(poll, events, [
      expect(ID1, Readiness.READABLE),
      expect(ID2, Readiness.WRITABLE),
      expect(ID3, Readiness.WRITABLE),
    ]);
  } finally {
    closeAll(stream, stream2, listener, poll);
  }
});

test("a source registered between polls shows up in the next poll (mio register_during_poll, one thread)", () => {
  const [poll, events] = initWithPoll();
  const registry = poll.registry().tryClone();
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    poll.poll(events, 10);
    assert.ok(events.isEmpty());
    stream = TcpStream.connect(listener.localAddr());
    registry.register(stream, ID1, Interest.WRITABLE);
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    // Exactly one event, for that stream.
    assert.deepEqual(tokensOf(events), [ID1]);
  } finally {
    closeAll(stream, listener, poll);
  }
});

test("reregister interest token usage (mio reregister_interest_token_usage)", () => {
  // reregister fully replaces the interest and token: the same token, a
  // different token, and several reregisters in a row all work.
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    poll.registry().reregister(client, ID1, Interest.READABLE);
    poll.registry().reregister(client, ID2, Interest.WRITABLE);
    // Make the client readable too: only WRITABLE may be reported now.
    assert.equal(server.write(bytes("data")), 4);
    expectEvents(poll, events, [expect(ID2, Readiness.WRITABLE)]);
    for (const event of events) {
      assert.equal(event.token(), ID2, "the old token is gone");
      assert.ok(!event.isReadable(), "READABLE interest was replaced by WRITABLE");
    }
  } finally {
    closeAll(client, server, poll);
  }
});

test("double register with a different token throws AlreadyExists (mio double_register_different_token)", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    poll.registry().register(listener, Token(0), Interest.READABLE);
    const e = assertEarlyIoError(
      () => poll.registry().register(listener, Token(1), Interest.READABLE),
      "AlreadyExists",
    );
    assert.match(e.message, /already registered/);
  } finally {
    closeAll(listener, poll);
  }
});

test("poll ok after reregistering between polls (mio poll_ok_after_cancelling_pending_ops, one thread)", () => {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  let accepted: TcpStream | null = null;
  try {
    const registry = poll.registry().tryClone();
    registry.register(listener, ID1, Interest.READABLE);
    poll.poll(events, 0);
    // A different token, so the event below must come from the new registration.
    registry.reregister(listener, ID2, Interest.READABLE);

    stream = TcpStream.connect(listener.localAddr());
    expectEvents(poll, events, [expect(ID2, Readiness.READABLE)]);
    assert.ok(!tokensOf(events).includes(ID1));

    const pair = listener.accept();
    assert.ok(pair !== null);
    accepted = pair[0];
    registry.register(stream, ID3, Interest.WRITABLE);
    expectEvents(poll, events, [expect(ID3, Readiness.WRITABLE)]);
  } finally {
    closeAll(accepted, stream, listener, poll);
  }
});

test("reregister without register throws NotFound (mio reregister_without_register)", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    const e = assertEarlyIoError(
      () => poll.registry().reregister(listener, ID1, Interest.READABLE),
      "NotFound",
    );
    assert.match(e.message, /not registered/);
  } finally {
    closeAll(listener, poll);
  }
});

test("deregister without register throws NotFound (mio deregister_without_register)", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    const e = assertEarlyIoError(() => poll.registry().deregister(listener), "NotFound");
    assert.match(e.message, /not registered/);
  } finally {
    closeAll(listener, poll);
  }
});

test("poll registration (mio poll_registration): the Registry forwards to a user Source", () => {
  const poll = new Poll();
  try {
    const registry = poll.registry();
    const source = new RecordingSource();
    const token = Token(0);
    const interests = Interest.READABLE;
    registry.register(source, token, interests);
    assert.deepEqual(source.registrations, [[token, interests]]);
    assert.equal(source.reregistrations.length, 0);
    assert.equal(source.deregisterCount, 0);

    const reToken = Token(5);
    const reInterests = Interest.READABLE | Interest.WRITABLE;
    registry.reregister(source, reToken, reInterests);
    assert.equal(source.registrations.length, 1);
    assert.deepEqual(source.reregistrations, [[reToken, reInterests]]);
    assert.equal(source.deregisterCount, 0);

    registry.deregister(source);
    assert.equal(source.registrations.length, 1);
    assert.equal(source.reregistrations.length, 1);
    assert.equal(source.deregisterCount, 1);

    // Each call received the registry it was made through.
    assert.deepEqual(source.registries, [registry, registry, registry]);
  } finally {
    poll.close();
  }
});

test("a user Source that delegates to a socket gets events", () => {
  // The way to implement Source on your own type: delegate to an inner socket.
  class Wrapper {
    constructor(readonly inner: TcpStream) {}
    register(r: Registry, t: Token, i: Interest): void {
      r.register(this.inner, t, i);
    }
    reregister(r: Registry, t: Token, i: Interest): void {
      r.reregister(this.inner, t, i);
    }
    deregister(r: Registry): void {
      r.deregister(this.inner);
    }
  }
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    const wrapper = new Wrapper(client);
    poll.registry().register(wrapper, Token(7), Interest.READABLE);
    assert.equal(server.write(bytes("x")), 1);
    expectEvents(poll, events, [expect(7, Readiness.READABLE)]);
    poll.registry().reregister(wrapper, Token(8), Interest.WRITABLE);
    expectEvents(poll, events, [expect(8, Readiness.WRITABLE)]);
    poll.registry().deregister(wrapper);
    assertEarlyIoError(() => poll.registry().deregister(client), "NotFound");
  } finally {
    closeAll(client, server, poll);
  }
});

test("poll erroneous registration (mio poll_erroneous_registration)", () => {
  const poll = new Poll();
  try {
    const registry = poll.registry();
    const source = new RecordingSource(true);
    assert.throws(() => registry.register(source, Token(0), Interest.READABLE), /register/);
    assert.throws(() => registry.reregister(source, Token(0), Interest.READABLE), /reregister/);
    assert.throws(() => registry.deregister(source), /deregister/);
  } finally {
    poll.close();
  }
});

test("edge-triggered: unread data gives one event, not one per poll", () => {
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    assert.equal(server.write(bytes("hello")), 5);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    // Not read: no new event until new data arrives.
    expectNoEvents(poll, events);
    expectNoEvents(poll, events);
    assert.equal(server.write(bytes("world")), 5);
    if (Poll.backend === "poll" || Poll.backend === "iocp") {
      // mio's poll(2) and IOCP backends emulate edges: readable stays disarmed until a read returns WouldBlock.
      console.log(
        `NOTE edge-triggered (${Poll.backend} backend): new data before WouldBlock gives no new event`,
      );
      expectNoEvents(poll, events);
    } else {
      // New data is a new edge.
      expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    }
    // Drain until WouldBlock; then nothing is pending.
    const buf = new Uint8Array(4);
    let got = "";
    for (let n = client.read(buf); n !== null; n = client.read(buf)) {
      assert.ok(n > 0, "no end of stream expected");
      got += text(buf.subarray(0, n));
    }
    assert.equal(got, "helloworld");
    expectNoEvents(poll, events);
  } finally {
    closeAll(client, server, poll);
  }
});

test("edge-triggered: a partial read without reaching WouldBlock gives no new event", () => {
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    assert.equal(server.write(bytes("0123456789")), 10);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    assert.equal(client.read(new Uint8Array(3)), 3);
    expectNoEvents(poll, events);
    // The rest is still there.
    const buf = new Uint8Array(16);
    assert.equal(client.read(buf), 7);
    assert.equal(text(buf.subarray(0, 7)), "3456789");
    assertWouldBlock(client.read(buf));
  } finally {
    closeAll(client, server, poll);
  }
});

const REREGISTER_REARMS = "edge-triggered: reregistering re-arms a source that is still ready";
test(REREGISTER_REARMS, { skip: onLibkqueue(LIBKQUEUE_NO_REARM) }, () => {
  // mio on epoll: EPOLL_CTL_MOD re-reports current readiness; on kqueue, EV_ADD re-evaluates the filter.
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    assert.equal(server.write(bytes("hello")), 5);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    expectNoEvents(poll, events);
    poll.registry().reregister(client, ID1, Interest.READABLE);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
  } finally {
    closeAll(client, server, poll);
  }
});

test("writable: one event while the socket stays writable; a new one after draining a full send buffer", () => {
  const [poll, events] = initWithPoll();
  const serverPoll = new Poll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.WRITABLE);
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    expectNoEvents(poll, events);

    // Fill the send path until WouldBlock.
    const chunk = new Uint8Array(64 * 1024).fill(7);
    let written = 0;
    for (let n = client.write(chunk); n !== null; n = client.write(chunk)) written += n;
    assert.ok(written > 0);
    expectNoEvents(poll, events);

    // The peer reads everything (waiting on its own Poll, so the client's
    // events stay queued); the client becomes writable again: a new edge.
    const buf = new Uint8Array(64 * 1024);
    let read = 0;
    serverPoll.registry().register(server, ID2, Interest.READABLE);
    while (read < written) {
      const n = retryUntilReady(serverPoll, events, () => server.read(buf));
      assert.ok(n > 0);
      read += n;
    }
    assert.equal(read, written);
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
  } finally {
    closeAll(client, server, poll, serverPoll);
  }
});

test("draining a listener: accept until null, then no more events until a new connection", () => {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind("127.0.0.1:0");
  const clients: TcpStream[] = [];
  const accepted: TcpStream[] = [];
  try {
    poll.registry().register(listener, Token(0), Interest.READABLE);
    for (let i = 0; i < 3; i++) clients.push(TcpStream.connect(listener.localAddr()));
    while (accepted.length < 3) {
      expectEvents(poll, events, [expect(0, Readiness.READABLE)]);
      for (let pair = listener.accept(); pair !== null; pair = listener.accept()) accepted.push(pair[0]);
    }
    assert.equal(accepted.length, 3);
    expectNoEvents(poll, events);
    clients.push(TcpStream.connect(listener.localAddr()));
    expectEvents(poll, events, [expect(0, Readiness.READABLE)]);
    const pair = listener.accept();
    assert.ok(pair !== null);
    accepted.push(pair[0]);
  } finally {
    closeAll(...accepted, ...clients, listener, poll);
  }
});

test("poll ok after closing a source: its pending events are gone, others still come", () => {
  const [poll, events] = initWithPoll();
  const [client1, server1] = tcpPair();
  const [client2, server2] = tcpPair();
  try {
    poll.registry().register(client1, ID1, Interest.READABLE);
    poll.registry().register(client2, ID2, Interest.READABLE);
    assert.equal(server1.write(bytes("a")), 1);
    assert.equal(server2.write(bytes("b")), 1);
    // Both have data waiting; close one before polling.
    client1.close();
    assert.equal(server2.write(bytes("c")), 1);
    expectEvents(poll, events, [expect(ID2, Readiness.READABLE)]);
    for (let i = 0; i < 3; i++) {
      assert.ok(!tokensOf(events).includes(ID1), "a closed source reports nothing");
      poll.poll(events, 20);
    }
  } finally {
    closeAll(client1, server1, client2, server2, poll);
  }
});

test("a closed source's pending event is not delivered", () => {
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    assert.equal(server.write(bytes("a")), 1);
    // Wait (outside this Poll) until the data has arrived, so the event is pending.
    waitUntil(() => client.peek(new Uint8Array(1)));
    client.close();
    expectNoEvents(poll, events);
  } finally {
    closeAll(client, server, poll);
  }
});

test("closing the Poll leaves its sources open and usable", () => {
  const poll = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    poll.close();
    assert.equal(server.write(bytes("ping")), 4);
    // Still readable directly (use a fresh Poll to wait for it).
    const poll2 = new Poll();
    try {
      poll2.registry().register(client, ID2, Interest.READABLE);
      const buf = new Uint8Array(8);
      const n = retryUntilReady(poll2, events, () => client.read(buf));
      assert.equal(text(buf.subarray(0, n)), "ping");
    } finally {
      poll2.close();
    }
  } finally {
    closeAll(client, server, poll);
  }
});

test("peer hang-up is reported as readable and read-closed", () => {
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    server.close();
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE | Readiness.READ_CLOSED)]);
    assert.equal(client.read(new Uint8Array(8)), 0, "end of stream");
  } finally {
    closeAll(client, server, poll);
  }
});

test("peer shutdown of its write half is read-closed on our side", () => {
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    server.shutdown("write");
    expectEvents(poll, events, [expect(ID1, Readiness.READ_CLOSED)]);
    assert.equal(client.read(new Uint8Array(8)), 0);
  } finally {
    closeAll(client, server, poll);
  }
});

test("the waker and sockets share one Poll's events; a wake ends an unbounded poll", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), Token(99));
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, ID1, Interest.READABLE);
    waker.wake();
    poll.poll(events, null);
    assert.deepEqual(tokensOf(events), [99]);
    assert.equal(server.write(bytes("x")), 1);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
  } finally {
    closeAll(waker, client, server, poll);
  }
});

test("many sources, small Events: every ready source is eventually reported", () => {
  const poll = new Poll();
  const events = new Events(1);
  const listener = TcpListener.bind("127.0.0.1:0");
  const streams: TcpStream[] = [];
  try {
    for (let i = 0; i < 8; i++) {
      const s = TcpStream.connect(listener.localAddr());
      streams.push(s);
      poll.registry().register(s, Token(100 + i), Interest.WRITABLE);
    }
    const seen = new Set<number>();
    for (let round = 0; round < 50 && seen.size < 8; round++) {
      poll.poll(events, 500);
      assert.ok(events.length <= 1);
      for (const t of tokensOf(events)) seen.add(t);
    }
    assert.deepEqual([...seen].sort((a, b) => a - b), [100, 101, 102, 103, 104, 105, 106, 107]);
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("a Poll can be used after a poll that threw for a bad argument", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), Token(5));
  try {
    assert.throws(() => poll.poll(events, -1), RangeError);
    assert.throws(() => poll.poll(null as unknown as Events, 0), TypeError);
    waker.wake();
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [5]);
  } finally {
    closeAll(waker, poll);
  }
});

test("independent Polls do not see each other's sources", () => {
  const poll1 = new Poll();
  const poll2 = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll1.registry().register(client, ID1, Interest.READABLE);
    assert.equal(server.write(bytes("x")), 1);
    expectNoEvents(poll2, events);
    expectEvents(poll1, events, [expect(ID1, Readiness.READABLE)]);
  } finally {
    closeAll(client, server, poll1, poll2);
  }
});
