// Registering, reregistering and deregistering, after mio's
// tests/registering.rs (UdpSocket's variant is left for the UDP tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Events, Interest, Poll, type Registry, TcpListener, TcpStream, Token } from "../mod.ts";
import { expect, expectEvents, expectNoEvents, Readiness, tokensOf } from "./util/events.ts";
import { assertEarlyIoError, bytes, closeAll } from "./util/io.ts";
import { acceptOne, tcpPair, waitAcceptPending } from "./util/sockets.ts";

const SERVER = Token(0);
const CLIENT = Token(1);

/** mio's TestHandler: accepts and writes on SERVER, switches CLIENT to WRITABLE, then deregisters both. */
class TestHandler {
  state = 0;
  readonly accepted: TcpStream[] = [];

  constructor(readonly server: TcpListener, readonly client: TcpStream) {}

  handleRead(registry: Registry, token: Token): void {
    if (token === SERVER) {
      const accepted = this.server.accept();
      assert.ok(accepted !== null, "SERVER was readable, so accept must succeed");
      const [sock] = accepted;
      this.accepted.push(sock);
      sock.write(bytes("foobar")); // null (WouldBlock) is fine too
    } else if (token === CLIENT) {
      assert.equal(this.state, 0, `unexpected state ${this.state}`);
      this.state = 1;
      registry.reregister(this.client, CLIENT, Interest.WRITABLE);
    } else {
      assert.fail(`unexpected token ${token}`);
    }
  }

  handleWrite(registry: Registry, token: Token): void {
    assert.equal(token, CLIENT, `unexpected token ${token}`);
    assert.equal(this.state, 1, `unexpected state ${this.state}`);
    this.state = 2;
    registry.deregister(this.client);
    registry.deregister(this.server);
  }
}

test("register deregister (mio register_deregister)", () => {
  const poll = new Poll();
  const events = new Events(1024);
  const server = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  let handler: TestHandler | null = null;
  try {
    poll.registry().register(server, SERVER, Interest.READABLE);
    client = TcpStream.connect(server.localAddr());
    // Register the client only as readable.
    poll.registry().register(client, CLIENT, Interest.READABLE);
    handler = new TestHandler(server, client);

    let done = false;
    for (let round = 0; round < 100 && !done; round++) {
      poll.poll(events, 5000);
      // As in mio: only the first event of each poll is handled.
      for (const event of events) {
        if (event.isReadable()) handler.handleRead(poll.registry(), event.token());
        if (event.isWritable()) {
          handler.handleWrite(poll.registry(), event.token());
          done = true;
        }
        break;
      }
    }
    assert.ok(done, "the client never became writable after its reregistration");
    assert.equal(handler.state, 2);

    poll.poll(events, 100);
    assert.ok(events.isEmpty(), `no events after deregistering both, got ${tokensOf(events).join(", ")}`);
  } finally {
    closeAll(...(handler?.accepted ?? []), client, server, poll);
  }
});

test("reregister different interest without poll (mio reregister_different_interest_without_poll)", () => {
  const poll = new Poll();
  const events = new Events(1024);
  const l = TcpListener.bind("127.0.0.1:0");
  let s1: TcpStream | null = null;
  try {
    poll.registry().register(l, Token(0), Interest.READABLE);
    s1 = TcpStream.connect(l.localAddr());
    poll.registry().register(s1, Token(2), Interest.READABLE);
    waitAcceptPending(l, s1);
    // The listener has a connection waiting, but is now asking only for WRITABLE.
    poll.registry().reregister(l, Token(0), Interest.WRITABLE);
    poll.poll(events, 200);
    assert.ok(events.isEmpty(), `expected no events, got ${tokensOf(events).join(", ")}`);
    // The connection is still there to accept.
    // Still there to accept (acceptOne waits for it on Windows, where waitAcceptPending cannot).
    acceptOne(l)[0].close();
  } finally {
    closeAll(s1, l, poll);
  }
});

test("TCP register with multiple event loops throws AlreadyExists (mio tcp_register_multiple_event_loops)", () => {
  const listener = TcpListener.bind("127.0.0.1:0");
  const poll1 = new Poll();
  const poll2 = new Poll();
  let stream: TcpStream | null = null;
  try {
    poll1.registry().register(listener, Token(0), Interest.READABLE | Interest.WRITABLE);
    // Try registering the same socket with the other Poll.
    assertEarlyIoError(
      () => poll2.registry().register(listener, Token(0), Interest.READABLE | Interest.WRITABLE),
      "AlreadyExists",
    );

    // Try the stream.
    stream = TcpStream.connect(listener.localAddr());
    poll1.registry().register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);
    assertEarlyIoError(
      () => poll2.registry().register(stream!, Token(1), Interest.READABLE | Interest.WRITABLE),
      "AlreadyExists",
    );
  } finally {
    closeAll(stream, listener, poll1, poll2);
  }
});

test("the refused second registration leaves the first one working", () => {
  const listener = TcpListener.bind("127.0.0.1:0");
  const poll1 = new Poll();
  const poll2 = new Poll();
  const events = new Events(8);
  let stream: TcpStream | null = null;
  try {
    poll1.registry().register(listener, Token(5), Interest.READABLE);
    assertEarlyIoError(
      () => poll2.registry().register(listener, Token(6), Interest.READABLE),
      "AlreadyExists",
    );
    assertEarlyIoError(
      () => poll1.registry().register(listener, Token(7), Interest.READABLE),
      "AlreadyExists",
    );
    stream = TcpStream.connect(listener.localAddr());
    expectEvents(poll1, events, [expect(5, Readiness.READABLE)]);
    assert.ok(tokensOf(events).every((t) => t === 5), `only token 5, got ${tokensOf(events).join(", ")}`);
    expectNoEvents(poll2, events);
  } finally {
    closeAll(stream, listener, poll1, poll2);
  }
});

test("registering after deregistering (mio registering_after_deregistering)", () => {
  const poll = new Poll();
  const events = new Events(8);
  const server = TcpListener.bind("127.0.0.1:0");
  try {
    poll.registry().register(server, SERVER, Interest.READABLE);
    poll.registry().deregister(server);
    poll.registry().register(server, SERVER, Interest.READABLE);
    poll.poll(events, 100);
    assert.ok(events.isEmpty());
  } finally {
    closeAll(server, poll);
  }
});

test("a source registered again after deregistering reports events with its new token", () => {
  const poll = new Poll();
  const events = new Events(8);
  const server = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  try {
    poll.registry().register(server, Token(1), Interest.READABLE);
    poll.registry().deregister(server);
    poll.registry().register(server, Token(2), Interest.READABLE);
    client = TcpStream.connect(server.localAddr());
    expectEvents(poll, events, [expect(2, Readiness.READABLE)]);
    assert.ok(!tokensOf(events).includes(1));
  } finally {
    closeAll(client, server, poll);
  }
});

test("a deregistered source reports no events", () => {
  const poll = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, CLIENT, Interest.READABLE | Interest.WRITABLE);
    poll.registry().deregister(client);
    assert.ok(server.write(bytes("hello")) !== null);
    expectNoEvents(poll, events);
  } finally {
    closeAll(client, server, poll);
  }
});

test("after deregistering, the source can be registered with another Poll", () => {
  const poll1 = new Poll();
  const poll2 = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll1.registry().register(client, Token(1), Interest.READABLE);
    poll1.registry().deregister(client);
    poll2.registry().register(client, Token(2), Interest.READABLE);
    assert.ok(server.write(bytes("hello")) !== null);
    expectEvents(poll2, events, [expect(2, Readiness.READABLE)]);
    expectNoEvents(poll1, events);
  } finally {
    closeAll(client, server, poll1, poll2);
  }
});

test("after its Poll is closed, a source can be registered with another Poll", () => {
  const poll1 = new Poll();
  const poll2 = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll1.registry().register(client, Token(1), Interest.READABLE);
    poll1.close();
    poll2.registry().register(client, Token(2), Interest.READABLE);
    assert.ok(server.write(bytes("hello")) !== null);
    expectEvents(poll2, events, [expect(2, Readiness.READABLE)]);
  } finally {
    closeAll(client, server, poll1, poll2);
  }
});

test("deregistering or reregistering with a Poll the source is not registered with throws NotFound", () => {
  const poll1 = new Poll();
  const poll2 = new Poll();
  const events = new Events(8);
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    poll1.registry().register(listener, Token(1), Interest.READABLE);
    assertEarlyIoError(() => poll2.registry().deregister(listener), "NotFound");
    assertEarlyIoError(() => poll2.registry().reregister(listener, Token(2), Interest.READABLE), "NotFound");
    // The registration with poll1 is untouched.
    stream = TcpStream.connect(listener.localAddr());
    expectEvents(poll1, events, [expect(1, Readiness.READABLE)]);
  } finally {
    closeAll(stream, listener, poll1, poll2);
  }
});

test("deregistering twice throws NotFound the second time", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    poll.registry().register(listener, Token(1), Interest.READABLE);
    poll.registry().deregister(listener);
    assertEarlyIoError(() => poll.registry().deregister(listener), "NotFound");
    assertEarlyIoError(() => poll.registry().reregister(listener, Token(1), Interest.READABLE), "NotFound");
  } finally {
    closeAll(listener, poll);
  }
});

test("registrations made through a cloned Registry are the Poll's", () => {
  const poll = new Poll();
  const events = new Events(8);
  const clone = poll.registry().tryClone();
  const [client, server] = tcpPair();
  try {
    assert.notEqual(clone, poll.registry());
    clone.register(client, Token(3), Interest.READABLE);
    // Same Poll: registering through the original is a double registration...
    assertEarlyIoError(() => poll.registry().register(client, Token(4), Interest.READABLE), "AlreadyExists");
    // ...and reregistering through it works.
    poll.registry().reregister(client, Token(4), Interest.READABLE);
    assert.ok(server.write(bytes("x")) !== null);
    expectEvents(poll, events, [expect(4, Readiness.READABLE)]);
    clone.deregister(client);
    assert.ok(server.write(bytes("y")) !== null);
    expectNoEvents(poll, events);
  } finally {
    closeAll(client, server, poll);
  }
});

test("a closed source cannot be registered: BadResource", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    listener.close();
    assertEarlyIoError(() => poll.registry().register(listener, Token(1), Interest.READABLE), "BadResource");
    assertEarlyIoError(
      () => poll.registry().reregister(listener, Token(1), Interest.READABLE),
      "BadResource",
    );
    assertEarlyIoError(() => poll.registry().deregister(listener), "BadResource");
  } finally {
    closeAll(listener, poll);
  }
});

test("closing a registered source deregisters it; the Poll goes on", () => {
  const poll = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, CLIENT, Interest.READABLE | Interest.WRITABLE);
    poll.registry().register(server, SERVER, Interest.READABLE);
    expectEvents(poll, events, [expect(CLIENT, Readiness.WRITABLE)]);
    client.close();
    // The server sees the hang-up; the closed client reports nothing.
    expectEvents(poll, events, [expect(SERVER, Readiness.READABLE)]);
    for (let i = 0; i < 3; i++) {
      poll.poll(events, 50);
      assert.ok(!tokensOf(events).includes(CLIENT), "a closed source reports no events");
    }
  } finally {
    closeAll(client, server, poll);
  }
});

test("reregister changes the token of a registered source", () => {
  const poll = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, Token(1), Interest.READABLE);
    poll.registry().reregister(client, Token(2), Interest.READABLE);
    assert.ok(server.write(bytes("x")) !== null);
    expectEvents(poll, events, [expect(2, Readiness.READABLE)]);
    assert.ok(!tokensOf(events).includes(1));
  } finally {
    closeAll(client, server, poll);
  }
});

test("reregister to add WRITABLE reports writability", () => {
  const poll = new Poll();
  const events = new Events(8);
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, Token(1), Interest.READABLE);
    expectNoEvents(poll, events);
    poll.registry().reregister(client, Token(1), Interest.READABLE | Interest.WRITABLE);
    expectEvents(poll, events, [expect(1, Readiness.WRITABLE)]);
  } finally {
    closeAll(client, server, poll);
  }
});
