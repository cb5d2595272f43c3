// mio's tests/tcp_stream.rs, translated. mio's echo_listener/start_listener
// threads become an EchoServer on a second Poll (pumped while the test waits
// for its own events) or a plain TcpListener the test accepts from.
import assert from "node:assert/strict";
import {
  type Events,
  Interest,
  IoError,
  Poll,
  type SocketAddr,
  TcpListener,
  TcpStream,
  Token,
} from "../mod.ts";
import {
  expect,
  expectEvents,
  expectEventsWhile,
  expectNoEvents,
  expectNoEventsWhile,
  initWithPoll,
  Readiness,
  waitUntil,
} from "./util/events.ts";
import { assertIoError, assertWouldBlock, bytes, checkedWrite, errnoOf, expectRead } from "./util/io.ts";
import {
  acceptOne,
  bothFamilies,
  EchoServer,
  ipv6LoopbackUnavailable,
  isLoopback,
  tcpConnection,
  V4,
  V6,
  waitConnected,
} from "./util/sockets.ts";
import { assertNonBlockingCloexec, isFdOpen } from "./util/descriptors.ts";
import { ON_WINDOWS } from "./util/platform.ts";
import { onWindows, test } from "./util/skips.ts";
import { libc } from "../sys/unix/libc.ts";

const DATA1 = bytes("Hello world!");
const DATA2 = bytes("Hello mars!");

const ID1 = Token(0);
const ID2 = Token(1);

const V6_SKIP = ipv6LoopbackUnavailable();

function smokeTestTcpStream(any: string, makeStream: (addr: SocketAddr) => TcpStream): void {
  const [poll, events] = initWithPoll();
  const echo = new EchoServer(any);
  const pump = () => echo.pump();
  let stream: TcpStream | null = null;
  try {
    const addr = echo.address;
    stream = makeStream(addr);
    const s = stream;

    assertNonBlockingCloexec(s.fd);

    poll.registry().register(s, ID1, Interest.add(Interest.WRITABLE, Interest.READABLE));
    expectEventsWhile(poll, events, [expect(ID1, Readiness.WRITABLE)], pump);

    const buf = new Uint8Array(16);
    assertWouldBlock(s.peek(buf));
    assertWouldBlock(s.read(buf));

    // peerAddr must come after the writable event: before, the stream may not be connected.
    assert.equal(String(s.peerAddr()), String(addr));
    assert.ok(isLoopback(s.localAddr()), String(s.localAddr()));
    assert.equal(s.localAddr().family, addr.family);

    checkedWrite(s.write(DATA1), DATA1);

    expectEventsWhile(poll, events, [expect(ID1, Readiness.READABLE)], pump);

    expectRead(s.peek(buf), buf, DATA1);
    expectRead(s.read(buf), buf, DATA1);

    assert.equal(s.takeError(), null);

    assertWouldBlock(s.read(buf));

    const n = s.writeVectored([DATA1, DATA2]);
    assert.equal(n, DATA1.length + DATA2.length, "unable to write vectored to stream");

    expectEventsWhile(poll, events, [expect(ID1, Readiness.READABLE)], pump);

    const buf1 = new Uint8Array(DATA1.length).fill(1);
    const buf2 = new Uint8Array(DATA2.length + 1).fill(2);
    const m = s.readVectored([buf1, buf2]);
    assert.equal(m, DATA1.length + DATA2.length, "unable to read vectored from stream");
    assert.deepEqual(buf1, DATA1);
    assert.deepEqual(buf2.subarray(0, DATA2.length), DATA2);
    assert.equal(buf2[DATA2.length], 2, "last byte should be unchanged");

    // Close the connection to allow the listener to shut down.
    s.close();
    echo.finish(1);
  } finally {
    stream?.close();
    echo.close();
    poll.close();
  }
}

test("tcp_stream_ipv4", () => smokeTestTcpStream(V4, (addr) => TcpStream.connect(addr)));

if (V6_SKIP !== null) {
  test("tcp_stream_ipv6", { skip: V6_SKIP }, () => {});
} else {
  test("tcp_stream_ipv6", () => smokeTestTcpStream(V6, (addr) => TcpStream.connect(addr)));
}

// mio's tcp_stream_std: a socket made elsewhere, wrapped. Here the
// descriptor of another TcpStream, handed over with intoFd/fromFd.
test("tcp_stream_from_fd", () =>
  smokeTestTcpStream(V4, (addr) => {
    const other = TcpStream.connect(addr);
    return TcpStream.fromFd(other.intoFd());
  }));

test("tcp_stream_object_address", () =>
  smokeTestTcpStream(V4, (addr) => TcpStream.connect({ hostname: addr.hostname, port: addr.port })));

/** mio's start_listener with a barrier: a listener the test accepts from when it wants. */
function withConnectedStream(any: string, fn: (stream: TcpStream, poll: Poll, events: Events) => void): void {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(any);
  let stream: TcpStream | null = null;
  let accepted: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    // The stream must be connected before its options are used: wait for writable.
    poll.registry().register(stream, ID1, Interest.WRITABLE);
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    accepted = acceptOne(listener)[0];
    fn(stream, poll, events);
  } finally {
    accepted?.close();
    stream?.close();
    listener.close();
    poll.close();
  }
}

bothFamilies("set_get_ttl", (any) =>
  withConnectedStream(any, (stream) => {
    const TTL = 10;
    stream.setTtl(TTL);
    assert.equal(stream.ttl(), TTL);
    stream.setTtl(200);
    assert.equal(stream.ttl(), 200);
    assert.equal(stream.takeError(), null);
  }));

bothFamilies("get_ttl_without_previous_set", (any) =>
  withConnectedStream(any, (stream) => {
    const ttl = stream.ttl();
    assert.ok(Number.isInteger(ttl) && ttl >= 1 && ttl <= 255, `ttl ${ttl}`);
    assert.equal(stream.takeError(), null);
  }));

test("set_ttl_out_of_range", () =>
  withConnectedStream(V4, (stream) => {
    const before = stream.ttl();
    // Not an integer in [0, 2^32): refused before any syscall.
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 32]) {
      assert.throws(() => stream.setTtl(bad), RangeError, `setTtl(${bad})`);
    }
    assert.throws(() => stream.setTtl("10" as unknown as number), RangeError);
    // An integer the OS refuses: its error.
    const e = assertIoError(() => stream.setTtl(256), "InvalidInput");
    assert.equal(e.code, "EINVAL");
    assert.equal(e.syscall, "setsockopt");
    assert.ok(e.errno > 0);
    assert.equal(stream.ttl(), before, "a refused setTtl leaves the ttl unchanged");
  }));

bothFamilies("set_get_nodelay", (any) =>
  withConnectedStream(any, (stream) => {
    stream.setNodelay(true);
    assert.equal(stream.nodelay(), true);
    stream.setNodelay(false);
    assert.equal(stream.nodelay(), false);
    assert.equal(stream.takeError(), null);
    assert.throws(() => stream.setNodelay(1 as unknown as boolean), TypeError);
  }));

bothFamilies("get_nodelay_without_previous_set", (any) =>
  withConnectedStream(any, (stream) => {
    // Linux's default is Nagle on: TCP_NODELAY off.
    assert.equal(stream.nodelay(), false);
    assert.equal(stream.takeError(), null);
  }));

/** Connects to an EchoServer, waits for writable, runs `fn`, then closes and joins the server. */
function withEcho(
  any: string,
  interest: Interest,
  fn: (stream: TcpStream, poll: Poll, events: Events, pump: () => void, echo: EchoServer) => void,
): void {
  const [poll, events] = initWithPoll();
  const echo = new EchoServer(any);
  const pump = () => echo.pump();
  let stream: TcpStream | null = null;
  try {
    stream = TcpStream.connect(echo.address);
    poll.registry().register(stream, ID1, interest);
    fn(stream, poll, events, pump, echo);
    stream.close();
    echo.finish(1);
  } finally {
    stream?.close();
    echo.close();
    poll.close();
  }
}

/** What a read returns after shutdown(read) differs per OS; mio checks it on the BSDs only. */
const SHUTDOWN_READ_IS_LINUX = "pins Linux's reads after shutdown(read) (the data received before it, then " +
  'end of stream); mio: "shutting down the reading side is different on each platform" (under Wine 8 ' +
  "a read after it returns end of stream at once)";
test(
  "shutdown_read",
  { skip: onWindows(SHUTDOWN_READ_IS_LINUX) },
  () =>
    withEcho(V4, Interest.WRITABLE | Interest.READABLE, (stream, poll, events, pump) => {
      expectEventsWhile(poll, events, [expect(ID1, Readiness.WRITABLE)], pump);
      checkedWrite(stream.write(DATA2), DATA2);
      expectEventsWhile(poll, events, [expect(ID1, Readiness.READABLE)], pump);

      stream.shutdown("read");

      // Linux still hands out data received before the shutdown, then end of stream.
      const buf = new Uint8Array(20);
      expectRead(stream.read(buf), buf, DATA2);
      assert.equal(stream.read(buf), 0);
    }),
);

test("shutdown_write", () =>
  withEcho(V4, Interest.WRITABLE | Interest.READABLE, (stream, poll, events, pump) => {
    expectEventsWhile(poll, events, [expect(ID1, Readiness.WRITABLE)], pump);
    checkedWrite(stream.write(DATA1), DATA1);

    stream.shutdown("write");

    const err = assertIoError(() => stream.write(DATA2), "BrokenPipe");
    assert.equal(err.code, "EPIPE");

    // The echo comes back; reading still works.
    expectEventsWhile(poll, events, [expect(ID1, Readiness.READABLE)], pump);
    const buf = new Uint8Array(20);
    expectRead(waitUntil(() => stream.read(buf)), buf, DATA1);
  }));

test("shutdown_both", () =>
  withEcho(V4, Interest.WRITABLE | Interest.READABLE, (stream, poll, events, pump) => {
    expectEventsWhile(poll, events, [expect(ID1, Readiness.WRITABLE)], pump);
    checkedWrite(stream.write(DATA1), DATA1);
    expectEventsWhile(poll, events, [expect(ID1, Readiness.READABLE)], pump);

    stream.shutdown("both");

    assertIoError(() => stream.write(DATA2), "BrokenPipe");
  }));

test("shutdown_bad_how", () =>
  withEcho(V4, Interest.WRITABLE, (stream, poll, events, pump) => {
    expectEventsWhile(poll, events, [expect(ID1, Readiness.WRITABLE)], pump);
    for (const bad of ["Read", "", "rw", null, 1]) {
      assert.throws(() => stream.shutdown(bad as unknown as "read"), TypeError, String(bad));
    }
    // Still open both ways.
    checkedWrite(stream.write(DATA1), DATA1);
  }));

test("raw_fd", () => {
  const listener = TcpListener.bind(V4);
  let stream: TcpStream | null = null;
  let again: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    const address = stream.localAddr();

    const rawFd1 = stream.fd;
    const rawFd2 = stream.intoFd();
    assert.equal(rawFd1, rawFd2);

    again = TcpStream.fromFd(rawFd2);
    assert.equal(again.fd, rawFd1);
    assert.equal(String(again.localAddr()), String(address));
  } finally {
    again?.close();
    stream?.close();
    listener.close();
  }
});

test("registering", () =>
  withEcho(V4, Interest.READABLE, (_stream, poll, events, pump) => {
    // Connected and writable, but only READABLE was asked for and nothing arrives.
    expectNoEventsWhile(poll, events, pump);
  }));

test("registering_writable_only", () =>
  withEcho(V4, Interest.WRITABLE, (stream, poll, events, pump) => {
    expectEventsWhile(poll, events, [expect(ID1, Readiness.WRITABLE)], pump);
    // The echo makes the stream readable, which was not asked for.
    checkedWrite(stream.write(DATA1), DATA1);
    expectNoEventsWhile(poll, events, pump);
    const buf = new Uint8Array(16);
    expectRead(waitUntil(() => stream.read(buf)), buf, DATA1);
  }));

test("reregistering", () =>
  withEcho(V4, Interest.READABLE, (stream, poll, events, pump, echo) => {
    poll.registry().reregister(stream, ID2, Interest.WRITABLE);
    expectEventsWhile(poll, events, [expect(ID2, Readiness.WRITABLE)], pump);
    for (const event of events) assert.notEqual(event.token(), ID1, "an event with the old token");
    assert.equal(String(stream.peerAddr()), String(echo.address));
  }));

test("no_events_after_deregister", () =>
  withEcho(V4, Interest.WRITABLE | Interest.READABLE, (stream, poll, events, pump, echo) => {
    poll.registry().deregister(stream);

    expectNoEventsWhile(poll, events, pump);

    // We do expect to be connected (waited for: nothing above waited for the handshake).
    assert.equal(String(waitConnected(stream)), String(echo.address));

    // Also, write should work.
    const buf = new Uint8Array(16);
    assertWouldBlock(stream.peek(buf));
    assertWouldBlock(stream.read(buf));

    checkedWrite(stream.write(DATA1), DATA1);

    // The echo arrives, but no event says so.
    expectNoEventsWhile(poll, events, pump);
    expectRead(waitUntil(() => stream.read(buf)), buf, DATA1);
  }));

test("close_deregisters", () => {
  // Closing a registered stream removes it from the Poll: a new socket that
  // reuses its descriptor number registers afresh and gets its own events only.
  const [poll, events] = initWithPoll();
  const conn = tcpConnection();
  let again: TcpStream | null = null;
  try {
    poll.registry().register(conn.client, ID1, Interest.READABLE);
    const fd = conn.client.fd;
    conn.client.close();
    assert.equal(isFdOpen(fd), false);
    checkedWrite(conn.server.write(DATA1), DATA1);
    expectNoEvents(poll, events);

    again = TcpStream.connect(conn.listener.localAddr());
    poll.registry().register(again, ID2, Interest.WRITABLE);
    expectEvents(poll, events, [expect(ID2, Readiness.WRITABLE)]);
    for (const event of events) assert.equal(event.token(), ID2);
  } finally {
    again?.close();
    conn.close();
    poll.close();
  }
});

/** mio's start_listener(1, barrier, shutdownWrite) plus a connected, registered client. */
function withListener(
  interest: Interest,
  fn: (stream: TcpStream, server: TcpStream, poll: Poll, events: Events) => void,
): void {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  let stream: TcpStream | null = null;
  let server: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, ID1, interest);
    server = acceptOne(listener)[0];
    fn(stream, server, poll, events);
  } finally {
    server?.close();
    stream?.close();
    listener.close();
    poll.close();
  }
}

test("tcp_shutdown_client_read_close_event", {
  skip: onWindows('mio ignores this test on Windows: "client read closed events are not triggered"'),
}, () =>
  withListener(Interest.READABLE | Interest.WRITABLE, (stream, _server, poll, events) => {
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    stream.shutdown("read");
    expectEvents(poll, events, [expect(ID1, Readiness.READ_CLOSED)]);
  }));

// mio's tcp_shutdown_client_write_close_event is ignored on Linux (epoll
// reports no write-closed for a local shutdown(SHUT_WR)); its Linux
// behaviour, BrokenPipe on the next write, is shutdown_write above.

test("tcp_shutdown_server_write_close_event", () =>
  withListener(Interest.READABLE | Interest.WRITABLE, (stream, server, poll, events) => {
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    server.shutdown("write");
    expectEvents(poll, events, [expect(ID1, Readiness.READ_CLOSED)]);
    assert.equal(stream.read(new Uint8Array(4)), 0);
  }));

test("tcp_reset_close_event", () =>
  withListener(Interest.READABLE | Interest.WRITABLE, (stream, server, poll, events) => {
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    checkedWrite(stream.write(DATA1), DATA1);

    // Try to read something.
    assertWouldBlock(stream.read(new Uint8Array(1)));

    // Server goes away (with DATA1 unread: a reset), once DATA1 has arrived.
    waitUntil(() => server.peek(new Uint8Array(1)));
    server.close();

    expectEvents(poll, events, [expect(ID1, Readiness.READ_CLOSED)]);

    // Make sure we quiesce.
    let quiet = false;
    for (let i = 0; i < 50 && !quiet; i++) {
      poll.poll(events, 100);
      quiet = events.isEmpty();
    }
    assert.ok(quiet, "events kept coming after the reset");
  }));

test("tcp_shutdown_client_both_close_event", {
  skip: onWindows('mio ignores this test on Windows: "client close events are not found"'),
}, () =>
  withListener(Interest.READABLE | Interest.WRITABLE, (stream, _server, poll, events) => {
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    stream.shutdown("both");
    expectEvents(poll, events, [expect(ID1, Readiness.WRITE_CLOSED)]);
  }));

test("hup_event_on_disconnect", () => {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  let stream: TcpStream | null = null;
  let sock: TcpStream | null = null;
  try {
    const addr = listener.localAddr();
    poll.registry().register(listener, Token(0), Interest.READABLE);
    stream = TcpStream.connect(addr);
    poll.registry().register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);

    expectEvents(poll, events, [expect(0, Readiness.READABLE), expect(1, Readiness.WRITABLE)]);

    const accepted = listener.accept();
    assert.ok(accepted !== null);
    sock = accepted[0];
    // mio sets SO_LINGER 0 to prevent a graceful shutdown; closing with
    // unread data does the same (a reset).
    checkedWrite(stream.write(DATA1), DATA1);
    const s = sock;
    waitUntil(() => s.peek(new Uint8Array(1))); // DATA1 has arrived, unread
    sock.close();

    expectEvents(poll, events, [expect(1, Readiness.READABLE)]);
  } finally {
    sock?.close();
    stream?.close();
    listener.close();
    poll.close();
  }
});

const MSG_OOB = 0x1;

/** Out-of-band data is sent with send(2) through libc, which Windows does not have. */
const OOB_THROUGH_LIBC = "sends out-of-band data with send(2) through libc.so.6; mio reports priority " +
  "readiness on Linux and Android only (its Windows events are never priority)";

/** mio runs priority_event_on_oob_data on Linux and Android only: kqueue has no priority readiness. */
const noPriority = Poll.backend === "kqueue"
  ? "kqueue reports no priority readiness (mio's is_priority is false)"
  : false;
test(
  "priority_event_on_oob_data",
  { skip: noPriority || onWindows(OOB_THROUGH_LIBC) },
  () =>
    withListener(Interest.READABLE | Interest.PRIORITY, (_stream, server, poll, events) => {
      // Sending out-of-band data should trigger a priority event (mio-ts has
      // no OOB send, so call send(2) with MSG_OOB directly).
      const n = libc.send(server.fd, DATA1, DATA1.length, MSG_OOB);
      assert.equal(n, DATA1.length);
      expectEvents(poll, events, [expect(ID1, Readiness.READABLE | Readiness.PRIORITY)]);
    }),
);

const NO_PRIORITY = "no_priority_event_without_priority_interest";
test(
  NO_PRIORITY,
  { skip: onWindows(OOB_THROUGH_LIBC) },
  () =>
    withListener(Interest.WRITABLE, (_stream, server, poll, events) => {
      expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
      assert.equal(libc.send(server.fd, DATA1, DATA1.length, MSG_OOB), DATA1.length);
      expectNoEvents(poll, events);
    }),
);

/** A connected pair; `stream1` (the connecting side) is registered READABLE. */
function withPeekPair(
  fn: (stream1: TcpStream, stream2: TcpStream, poll: Poll, events: Events) => void,
): void {
  const [poll, events] = initWithPoll();
  const conn = tcpConnection();
  try {
    poll.registry().register(conn.client, ID1, Interest.READABLE);
    fn(conn.client, conn.server, poll, events);
  } finally {
    conn.close();
    poll.close();
  }
}

test("peek_ok", () =>
  withPeekPair((stream1, stream2, poll, events) => {
    const buf = new Uint8Array(2);
    expectNoEvents(poll, events);

    assert.equal(stream2.write(new Uint8Array([0])), 1);
    // Peek until we get the byte.
    assert.equal(waitUntil(() => stream1.peek(buf)), 1);
    // A successful peek doesn't consume the readable event.
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    // Nor the data.
    assert.equal(stream1.read(buf), 1);
  }));

test("peek_would_block", () =>
  withPeekPair((stream1, stream2, poll, events) => {
    const buf = new Uint8Array(1);
    expectNoEvents(poll, events);

    assert.equal(stream2.write(new Uint8Array([0])), 1);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);

    assert.equal(stream1.read(buf), 1);
    assertWouldBlock(stream1.peek(buf));

    assert.equal(stream2.write(new Uint8Array([0, 1, 2, 3])), 4);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
  }));

test("read_peek_would_block", () =>
  withPeekPair((stream1, stream2, poll, events) => {
    const buf = new Uint8Array(1);
    assertWouldBlock(stream1.read(buf));

    assert.equal(stream2.write(new Uint8Array([0])), 1);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);

    assert.equal(stream1.read(buf), 1);
    assertWouldBlock(stream1.peek(buf));

    assert.equal(stream2.write(new Uint8Array([1])), 1);
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    expectRead(stream1.read(buf), buf, new Uint8Array([1]));
  }));

bothFamilies("peer_addr", (any) => {
  const conn = tcpConnection(any);
  try {
    const listenAddr = conn.listener.localAddr();
    assert.equal(String(conn.client.peerAddr()), String(listenAddr));
    assert.equal(String(conn.server.localAddr()), String(listenAddr));
    assert.equal(String(conn.server.peerAddr()), String(conn.client.localAddr()));
    assert.equal(conn.client.peerAddr().family, any === V4 ? "ipv4" : "ipv6");
    assert.ok(isLoopback(conn.client.localAddr()));
    assert.notEqual(conn.client.localAddr().port, 0);
  } finally {
    conn.close();
  }
});

bothFamilies("read_write_zero_length", (any) => {
  const conn = tcpConnection(any);
  try {
    // A zero-length write sends nothing; a zero-length read returns 0 at once (on Windows it waits
    // for data like any other: WouldBlock).
    const emptyRead = ON_WINDOWS ? null : 0;
    assert.equal(conn.client.write(new Uint8Array(0)), 0);
    assert.equal(conn.server.read(new Uint8Array(0)), emptyRead);
    assertWouldBlock(conn.server.read(new Uint8Array(4)));
    assert.equal(conn.client.writeVectored([]), 0);
    assert.equal(conn.server.readVectored([new Uint8Array(0)]), emptyRead);
  } finally {
    conn.close();
  }
});

bothFamilies("vectored_many_buffers", (any) => {
  const conn = tcpConnection(any);
  try {
    const parts = Array.from({ length: 40 }, (_, i) => new Uint8Array(i + 1).fill(i));
    const total = parts.reduce((a, p) => a + p.length, 0);
    const n = conn.client.writeVectored(parts);
    assert.equal(n, total);
    // Read it back into buffers of a different shape.
    const outs = [new Uint8Array(7), new Uint8Array(300), new Uint8Array(total)];
    let got = 0;
    const joined = new Uint8Array(total + 7 + 300);
    while (got < total) {
      const m = waitUntil(() => conn.server.readVectored(outs));
      let off = 0;
      for (const o of outs) {
        const take = Math.min(o.length, m - off);
        if (take <= 0) break;
        joined.set(o.subarray(0, take), got + off);
        off += take;
      }
      got += m;
    }
    assert.equal(got, total);
    const expected = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      expected.set(p, at);
      at += p.length;
    }
    assert.deepEqual(joined.subarray(0, total), expected);
  } finally {
    conn.close();
  }
});

test("connect_writable_then_peer_addr_connected", () => {
  // A connect returns at once; the writable event says it finished.
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  let stream: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, ID1, Interest.WRITABLE);
    expectEvents(poll, events, [expect(ID1, Readiness.WRITABLE)]);
    assert.equal(stream.takeError(), null);
    assert.equal(String(stream.peerAddr()), String(listener.localAddr()));
  } finally {
    stream?.close();
    listener.close();
    poll.close();
  }
});

test("read_after_peer_close_returns_zero_repeatedly", () => {
  const conn = tcpConnection();
  const [poll, events] = initWithPoll();
  try {
    poll.registry().register(conn.client, ID1, Interest.READABLE);
    checkedWrite(conn.server.write(DATA1), DATA1);
    conn.server.close();
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    const buf = new Uint8Array(32);
    expectRead(conn.client.read(buf), buf, DATA1);
    assert.equal(conn.client.read(buf), 0);
    assert.equal(conn.client.read(buf), 0);
    assert.equal(conn.client.peek(buf), 0);
  } finally {
    conn.close();
    poll.close();
  }
});

test("io_error_shape_from_os", () => {
  // An OS error carries its code, errno and syscall.
  const conn = tcpConnection();
  try {
    conn.client.shutdown("write");
    let caught: unknown = null;
    try {
      conn.client.write(DATA1);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof IoError);
    assert.ok(caught instanceof Error);
    assert.equal(caught.name, "IoError");
    assert.equal(caught.kind, "BrokenPipe");
    assert.equal(caught.code, "EPIPE");
    assert.equal(caught.errno, errnoOf("EPIPE")); // Windows: WSAESHUTDOWN
    assert.equal(caught.syscall, "send");
    assert.match(caught.message, ON_WINDOWS ? /shut down/ : /broken pipe/i);
  } finally {
    conn.close();
  }
});
