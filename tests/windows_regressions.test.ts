// Regressions of mio's Windows backend (IOCP + AFD), translated: events
// repeating after a reset or a failed connect (mio #1303), deregister
// leaving events behind (#1205), a partial read giving no new event
// (#1131), and UDP's WSAECONNRESET after an ICMP port-unreachable
// (SIO_UDP_CONNRESET turned off). Windows only: elsewhere each is skipped,
// with the reason printed (the same rules on Unix are covered by
// tests/regressions.test.ts, tcp_stream.test.ts and udp_socket.test.ts).
import assert from "node:assert/strict";
import {
  type Events,
  Interest,
  IoError,
  type Poll,
  TcpListener,
  TcpStream,
  Token,
  UdpSocket,
  Waker,
} from "../mod.ts";
import { NamedPipe } from "../src/windows/mod.ts";
import { initWithPoll, tokensOf, waitUntil } from "./util/events.ts";
import { assertWouldBlock, bytes, text } from "./util/io.ts";
import { acceptOne, tcpConnection } from "./util/sockets.ts";
import { UNDER_WINE } from "./util/platform.ts";
import { offWindows, test } from "./util/skips.ts";

const NOT_WINDOWS = "regression of mio's Windows backend (IOCP + AFD polls); the same rules on Unix " +
  "are covered by tests/regressions.test.ts, tcp_stream.test.ts and udp_socket.test.ts";

/** A test that needs Windows: elsewhere it is skipped, with the reason printed. */
function windowsTest(name: string, fn: () => void | Promise<void>): void {
  test(name, { skip: offWindows(NOT_WINDOWS) }, fn);
}

/** `true` once `stream`'s connect completed, else `null`. */
function connected(stream: TcpStream): true | null {
  try {
    stream.peerAddr();
    return true;
  } catch {
    return null;
  }
}

/** Polls (500 ms at a time, at most 20 times) until an event for `token`; returns its readiness as text. */
function awaitEvent(poll: Poll, events: Events, token: number): string {
  for (let i = 0; i < 20; i++) {
    poll.poll(events, 500);
    for (const e of events) if (e.token() === token) return String(e);
  }
  assert.fail(`no event for token ${token} after 10 s`);
}

/** Polls a few times (100 ms each) and fails if an event for `token` comes. */
function expectNoEventFor(poll: Poll, events: Events, token: number, why: string): void {
  for (let i = 0; i < 3; i++) {
    poll.poll(events, 100);
    for (const e of events) assert.notEqual(e.token(), token, `${why}: ${e}`);
  }
}

windowsTest("mio #1303: a reset connection reports once, not on every poll", () => {
  const [poll, events] = initWithPoll();
  const conn = tcpConnection();
  try {
    poll.registry().register(conn.server, Token(1), Interest.READABLE | Interest.WRITABLE);
    awaitEvent(poll, events, 1); // writable: connected

    // The client closes with data it never read: its side answers with a reset.
    assert.equal(conn.server.write(bytes("never read")), 10);
    waitUntil(() => conn.client.peek(new Uint8Array(1)));
    conn.client.close();

    const seen = awaitEvent(poll, events, 1);
    // The reset is reported once; without a WouldBlock or a reregister it is not reported again.
    expectNoEventFor(poll, events, 1, `the reset was reported again after ${seen}`);
    // Then the read says so: the end of stream, or the reset itself.
    let n: number | null = null;
    try {
      n = conn.server.read(new Uint8Array(16));
    } catch (e) {
      assert.ok(e instanceof IoError, String(e));
      assert.ok(e.kind === "ConnectionReset" || e.kind === "ConnectionAborted", e.message);
      n = 0;
    }
    assert.equal(n, 0, `a read after the reset returned ${n}`);
  } finally {
    conn.close();
    poll.close();
  }
});

windowsTest("mio #1303: a failed connect reports once, not on every poll", () => {
  const [poll, events] = initWithPoll();
  const closed = TcpListener.bind("127.0.0.1:0");
  const addr = closed.localAddr();
  closed.close();
  const stream = TcpStream.connect(addr);
  try {
    poll.registry().register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);
    const seen = awaitEvent(poll, events, 1);
    expectNoEventFor(poll, events, 1, `the failed connect was reported again after ${seen}`);
    const error = stream.takeError();
    assert.ok(error !== null, "takeError() after a refused connect");
    assert.equal(error.kind, "ConnectionRefused", error.message);
    assert.equal(error.code, "ECONNREFUSED");
    assert.equal(error.errno, 10061); // WSAECONNREFUSED
  } finally {
    stream.close();
    poll.close();
  }
});

windowsTest("mio #1205: a deregistered listener with a completed poll reports nothing", () => {
  const [poll, events] = initWithPoll();
  const waker = new Waker(poll.registry(), Token(10));
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  try {
    poll.registry().register(listener, Token(1), Interest.READABLE);
    poll.poll(events, 0); // the AFD poll starts
    assert.equal(events.length, 0);

    client = TcpStream.connect(listener.localAddr());
    // Let the poll complete (its packet queued on the port) before deregistering.
    const c = client;
    waitUntil(() => connected(c));
    poll.registry().deregister(listener);
    waker.wake();

    poll.poll(events, 5000);
    assert.deepEqual(tokensOf(events), [10], `events: ${[...events].map(String).join("; ")}`);
    expectNoEventFor(poll, events, 1, "the deregistered listener reported");
    acceptOne(listener)[0].close(); // the connection is still there
  } finally {
    client?.close();
    listener.close();
    waker.close();
    poll.close();
  }
});

windowsTest("mio #1205: a named pipe deregistered with its event queued reports nothing", () => {
  const [poll, events] = initWithPoll();
  const name = `\\\\.\\pipe\\mio-ts-1205-${Math.floor(Math.random() * 1e9)}`;
  const server = new NamedPipe(name);
  const client = NamedPipe.open(name);
  try {
    // Registering the client posts its writable event at once; deregister before it is dequeued.
    poll.registry().register(client, Token(1), Interest.WRITABLE);
    poll.registry().deregister(client);
    poll.registry().register(server, Token(2), Interest.READABLE | Interest.WRITABLE);
    assert.equal(server.connect(), undefined);
    const seen: string[] = [];
    const tokens: number[] = [];
    for (let i = 0; i < 20 && !tokens.includes(2); i++) {
      poll.poll(events, 500);
      for (const e of events) {
        seen.push(String(e));
        tokens.push(e.token());
      }
    }
    assert.ok(tokens.includes(2), `no event for the registered pipe: ${seen.join("; ")}`);
    assert.ok(!tokens.includes(1), `the deregistered pipe reported: ${seen.join("; ")}`);
    expectNoEventFor(poll, events, 1, "the deregistered pipe reported");
  } finally {
    client.close();
    server.close();
    poll.close();
  }
});

windowsTest("mio #1131: a partial read gives no new event until a read says WouldBlock", () => {
  const [poll, events] = initWithPoll();
  const conn = tcpConnection();
  try {
    poll.registry().register(conn.server, Token(1), Interest.READABLE);
    assert.equal(conn.client.write(new Uint8Array(100).fill(1)), 100);
    awaitEvent(poll, events, 1);

    // Half the data: no WouldBlock yet, so no new event, though data remains.
    const half = new Uint8Array(50);
    assert.equal(conn.server.read(half), 50);
    expectNoEventFor(poll, events, 1, "an event after a partial read");

    // The rest, then WouldBlock: that re-arms the poll.
    assert.equal(conn.server.read(new Uint8Array(100)), 50);
    assertWouldBlock(conn.server.read(new Uint8Array(100)));
    expectNoEventFor(poll, events, 1, "an event with nothing new to read");

    assert.equal(conn.client.write(bytes("more")), 4);
    awaitEvent(poll, events, 1);
    const buf = new Uint8Array(16);
    assert.equal(conn.server.read(buf), 4);
    assert.equal(text(buf.subarray(0, 4)), "more");
  } finally {
    conn.close();
    poll.close();
  }
});

const ICMP = "UDP: an ICMP port-unreachable does not make the next receive fail (SIO_UDP_CONNRESET off)";
windowsTest(ICMP, () => {
  // Windows reports an ICMP port-unreachable answering a datagram as WSAECONNRESET on the
  // next recv unless SIO_UDP_CONNRESET is off. (Wine never reports it: there this cannot fail.)
  if (UNDER_WINE) console.log(`NOTE ${ICMP}: Wine does not report ICMP errors on UDP sockets`);
  const [poll, events] = initWithPoll();
  const socket = UdpSocket.bind("127.0.0.1:0");
  const gone = UdpSocket.bind("127.0.0.1:0");
  const closedAddr = gone.localAddr();
  gone.close();
  const peer = UdpSocket.bind("127.0.0.1:0");
  try {
    poll.registry().register(socket, Token(1), Interest.READABLE);
    assert.equal(socket.sendTo(bytes("anyone?"), closedAddr), 7);
    const buf = new Uint8Array(16);
    // Give the ICMP answer time to come back: a few polls.
    for (let i = 0; i < 3; i++) poll.poll(events, 100);
    assertWouldBlock(socket.recvFrom(buf));

    // A connected socket too.
    socket.connect(closedAddr);
    assert.equal(socket.send(bytes("anyone?")), 7);
    for (let i = 0; i < 3; i++) poll.poll(events, 100);
    assertWouldBlock(socket.recv(buf));
    // (takeError() is not checked: Wine leaves Linux's ECONNREFUSED in the connected socket's SO_ERROR.)
    socket.takeError();

    // And the socket still receives.
    socket.connect(peer.localAddr());
    assert.equal(peer.sendTo(bytes("here"), socket.localAddr()), 4);
    awaitEvent(poll, events, 1);
    assert.equal(socket.recv(buf), 4);
    assert.equal(text(buf.subarray(0, 4)), "here");
  } finally {
    peer.close();
    socket.close();
    poll.close();
  }
});
