// mio's tests/tcp.rs (and tests/close_on_drop.rs), translated. mio runs the
// peer of each connection on a thread with blocking std sockets; here the
// peer is a second mio-ts socket driven from the same test, non-blocking.
import assert from "node:assert/strict";
import { type Event, Events, Interest, IoError, Poll, TcpListener, TcpStream, Token } from "../mod.ts";
import {
  expect,
  expectEvents,
  expectNoEvents,
  initWithPoll,
  Readiness,
  WAIT_BOUND_MS,
  waitUntil,
} from "./util/events.ts";
import { assertIoError, assertWouldBlock, checkedWrite, expectRead, writeAll } from "./util/io.ts";
import { acceptOne, tcpConnection } from "./util/sockets.ts";
import { LIBKQUEUE_SHARED_EDGE, LIBKQUEUE_TAKES_SO_ERROR, onLibkqueue, test } from "./util/skips.ts";

const LISTEN = Token(0);
const CLIENT = Token(1);
const SERVER = Token(2);

/** 16 MiB, as mio's read/peek/write tests. */
const N = 16 * 1024 * 1024;

/** Byte `i` of the test stream: a pattern that catches lost, repeated or reordered chunks. */
const PATTERN_PERIOD = 251;
const PATTERN = Uint8Array.from({ length: PATTERN_PERIOD + 1024 }, (_, i) => i % PATTERN_PERIOD);

/** The next `len` (≤ 1024) bytes of the pattern, starting at stream offset `offset`. */
function patternAt(offset: number, len: number): Uint8Array {
  const start = offset % PATTERN_PERIOD;
  return PATTERN.subarray(start, start + len);
}

function checkPattern(buf: Uint8Array, n: number, offset: number): void {
  for (let i = 0; i < n; i++) {
    if (buf[i] !== (offset + i) % PATTERN_PERIOD) {
      assert.fail(`byte ${offset + i} of the stream is ${buf[i]}, expected ${(offset + i) % PATTERN_PERIOD}`);
    }
  }
}

/**
 * Polls until `done()`, handing each event to `onEvent`. Fails when no
 * event comes for `WAIT_BOUND_MS` (the transfer stalled).
 */
function runLoop(poll: Poll, events: Events, done: () => boolean, onEvent: (event: Event) => void): void {
  while (!done()) {
    poll.poll(events, WAIT_BOUND_MS);
    assert.ok(!events.isEmpty(), `no events for ${WAIT_BOUND_MS} ms: the transfer stalled`);
    for (const event of events) {
      onEvent(event);
      if (done()) break;
    }
  }
}

test("accept", () => {
  const listener = TcpListener.bind("127.0.0.1:0");
  const addr = listener.localAddr();
  const poll = new Poll();
  const events = new Events(128);
  let client: TcpStream | null = null;
  let accepted: TcpStream | null = null;
  try {
    poll.registry().register(listener, Token(1), Interest.READABLE);
    client = TcpStream.connect(addr);

    let hit = false;
    runLoop(poll, events, () => hit, (event) => {
      hit = true;
      assert.equal(event.token(), Token(1));
      assert.ok(event.isReadable(), String(event));
    });
    const result = listener.accept();
    assert.ok(result !== null, "accept after a readable event returned WouldBlock");
    accepted = result[0];
    assertWouldBlock(listener.accept());
  } finally {
    accepted?.close();
    client?.close();
    listener.close();
    poll.close();
  }
});

test("connect", { skip: onLibkqueue(LIBKQUEUE_SHARED_EDGE) }, () => {
  const listener = TcpListener.bind("127.0.0.1:0");
  const poll = new Poll();
  const events = new Events(128);
  let stream: TcpStream | null = null;
  let server: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);

    let hit = 0;
    let shutdown = false;
    const onEvents = () => {
      for (const event of events) {
        assert.equal(event.token(), Token(1));
        if (hit === 0) assert.ok(event.isWritable(), `first event should be writable: ${event}`);
        else if (hit === 1) assert.ok(event.isReadable(), `second event should be readable: ${event}`);
        else assert.fail(`unexpected event ${event}`);
        hit++;
        shutdown = true;
      }
    };
    while (!shutdown) {
      poll.poll(events, 5000);
      assert.ok(!events.isEmpty(), "no writable event after connect");
      onEvents();
    }
    assert.equal(hit, 1);

    // The "thread" accepts, then drops its end.
    server = acceptOne(listener)[0];
    server.close();

    shutdown = false;
    while (!shutdown) {
      poll.poll(events, 5000);
      assert.ok(!events.isEmpty(), "no readable event after the peer closed");
      onEvents();
    }
    assert.equal(hit, 2);
    assert.equal(stream.read(new Uint8Array(16)), 0, "the peer closed: end of stream");
  } finally {
    server?.close();
    stream?.close();
    listener.close();
    poll.close();
  }
});

test("read", () => {
  const conn = tcpConnection();
  const [poll, events] = initWithPoll();
  try {
    const { client, server } = conn;
    poll.registry().register(client, Token(1), Interest.READABLE);
    poll.registry().register(server, Token(2), Interest.WRITABLE);
    let written = 0;
    let amt = 0;
    const buf = new Uint8Array(1024);
    runLoop(poll, events, () => amt >= N, (event) => {
      const token = event.token();
      if (token === 2) {
        // The writing "thread": edge-triggered, so write until WouldBlock.
        while (written < N) {
          const n = server.write(patternAt(written, Math.min(1024, N - written)));
          if (n === null) break;
          written += n;
        }
      } else {
        assert.equal(token, 1);
        let n;
        while ((n = client.read(buf)) !== null) {
          assert.notEqual(n, 0, "unexpected end of stream");
          checkPattern(buf, n, amt);
          amt += n;
          if (amt >= N) break;
        }
      }
    });
    assert.equal(amt, N);
  } finally {
    conn.close();
    poll.close();
  }
});

test("peek", () => {
  const conn = tcpConnection();
  const [poll, events] = initWithPoll();
  try {
    const { client, server } = conn;
    poll.registry().register(client, Token(1), Interest.READABLE);
    poll.registry().register(server, Token(2), Interest.WRITABLE);
    let written = 0;
    let amt = 0;
    let peeked = 0;
    const buf = new Uint8Array(1024);
    runLoop(poll, events, () => amt >= N, (event) => {
      const token = event.token();
      if (token === 2) {
        while (written < N) {
          const n = server.write(patternAt(written, Math.min(1024, N - written)));
          if (n === null) break;
          written += n;
        }
        return;
      }
      assert.equal(token, 1);
      const p = client.peek(buf);
      if (p === null) return;
      assert.ok(p > 0);
      // A peek shows the bytes the next read returns, and leaves them there.
      checkPattern(buf, p, amt);
      peeked++;
      let n;
      while ((n = client.read(buf)) !== null) {
        assert.notEqual(n, 0, "unexpected end of stream");
        checkPattern(buf, n, amt);
        amt += n;
        if (amt >= N) break;
      }
    });
    assert.equal(amt, N);
    assert.ok(peeked > 0);
  } finally {
    conn.close();
    poll.close();
  }
});

test("write", () => {
  const conn = tcpConnection();
  const [poll, events] = initWithPoll();
  try {
    const { client, server } = conn;
    poll.registry().register(client, Token(1), Interest.WRITABLE);
    poll.registry().register(server, Token(2), Interest.READABLE);
    let written = 0;
    let amt = 0;
    const buf = new Uint8Array(1024);
    runLoop(poll, events, () => written >= N && amt >= N, (event) => {
      const token = event.token();
      if (token === 1) {
        while (written < N) {
          const n = client.write(patternAt(written, Math.min(1024, N - written)));
          if (n === null) break;
          written += n;
        }
      } else {
        // The reading "thread".
        assert.equal(token, 2);
        let n;
        while ((n = server.read(buf)) !== null) {
          assert.notEqual(n, 0, "unexpected end of stream");
          checkPattern(buf, n, amt);
          amt += n;
        }
      }
    });
    assert.equal(written, N);
    assert.equal(amt, N);
  } finally {
    conn.close();
    poll.close();
  }
});

test("connect_then_close", () => {
  const poll = new Poll();
  const events = new Events(128);
  const listener = TcpListener.bind("127.0.0.1:0");
  let s: TcpStream | null = null;
  try {
    s = TcpStream.connect(listener.localAddr());
    poll.registry().register(listener, Token(1), Interest.READABLE);
    poll.registry().register(s, Token(2), Interest.READABLE);

    let shutdown = false;
    let accepted = 0;
    const client = s;
    runLoop(poll, events, () => shutdown, (event) => {
      const token = event.token();
      if (token === 1) {
        const result = listener.accept();
        assert.ok(result !== null, "accept after a readable event returned WouldBlock");
        const [sock] = result;
        poll.registry().register(sock, Token(3), Interest.READABLE | Interest.WRITABLE);
        sock.close(); // mio's drop(s): the client sees end of stream.
        accepted++;
      } else if (token === 2) {
        shutdown = true;
      } else {
        assert.fail(`unexpected token ${token} (a closed socket reported an event)`);
      }
    });
    assert.equal(accepted, 1);
    assert.equal(client.read(new Uint8Array(8)), 0);
  } finally {
    s?.close();
    listener.close();
    poll.close();
  }
});

test("listen_then_close", () => {
  const poll = new Poll();
  const events = new Events(128);
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  try {
    const addr = listener.localAddr();
    poll.registry().register(listener, Token(1), Interest.READABLE);
    listener.close();
    // Had close() left the socket listening, this connection would make it readable.
    client = TcpStream.connect(addr);
    poll.poll(events, 100);
    for (const event of events) {
      if (event.token() === Token(1)) assert.fail("received ready() on a closed TcpListener");
    }
  } finally {
    client?.close();
    listener.close();
    poll.close();
  }
});

test("bind_twice_bad", () => {
  const l1 = TcpListener.bind("127.0.0.1:0");
  try {
    const addr = l1.localAddr();
    const e = assertIoError(() => TcpListener.bind(addr).close(), "AddrInUse");
    assert.equal(e.code, "EADDRINUSE");
    assert.equal(e.syscall, "bind");
  } finally {
    l1.close();
  }
});

test("multiple_writes_immediate_success", () => {
  const COUNT = 16;
  const conn = tcpConnection();
  const poll = new Poll();
  const events = new Events(16);
  try {
    const { client: s, server } = conn;
    poll.registry().register(s, Token(1), Interest.WRITABLE);
    // Wait for our TCP stream to connect.
    let connected = false;
    runLoop(poll, events, () => connected, (event) => {
      if (event.token() === 1 && event.isWritable()) connected = true;
    });
    for (let i = 0; i < COUNT; i++) writeAll(s, new Uint8Array(1024).fill(1));

    // The reading "thread": every byte is a 1.
    const b = new Uint8Array(1024);
    let amt = 0;
    while (amt < 1024 * COUNT) {
      b.fill(0);
      const n = waitUntil(() => server.read(b));
      assert.notEqual(n, 0, "unexpected end of stream");
      amt += n;
      for (let i = 0; i < n; i++) assert.equal(b[i], 1);
    }
    assert.equal(amt, 1024 * COUNT);
  } finally {
    conn.close();
    poll.close();
  }
});

test("connection_reset_by_peer", () => {
  // mio sets SO_LINGER 0 on the client so its close sends a reset; mio-ts has
  // no setLinger, so the client closes with unread data, which also resets.
  const poll = new Poll();
  const events = new Events(16);
  const buf = new Uint8Array(16);
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  let server: TcpStream | null = null;
  try {
    client = TcpStream.connect(listener.localAddr());
    poll.registry().register(listener, Token(0), Interest.READABLE);
    poll.registry().register(client, Token(1), Interest.READABLE | Interest.WRITABLE);

    runLoop(poll, events, () => server !== null, (event) => {
      if (event.token() === 0) server = listener.accept()?.[0] ?? null;
    });
    const srv = server as unknown as TcpStream;

    // Give the client bytes it will never read, then close it.
    checkedWrite(srv.write(new Uint8Array(8).fill(7)), new Uint8Array(8));
    expectEvents(poll, events, [expect(1, Readiness.READABLE)]);
    client.close();

    poll.registry().register(srv, Token(3), Interest.READABLE);
    let done = false;
    runLoop(poll, events, () => done, (event) => {
      if (event.token() !== 3) return;
      assert.ok(event.isReadable(), String(event));
      let n: number | null = null;
      try {
        n = srv.read(buf);
      } catch (e) {
        assert.ok(e instanceof IoError, String(e));
      }
      if (n !== null) assert.equal(n, 0, `expected empty buffer but read ${n} bytes`);
      done = true;
    });
  } finally {
    (server as TcpStream | null)?.close();
    client?.close();
    listener.close();
    poll.close();
  }
});

test("connect_error", { skip: onLibkqueue(LIBKQUEUE_TAKES_SO_ERROR) }, () => {
  const [poll, events] = initWithPoll();
  // A port nobody listens on: bind one, note it, close it.
  const probe = TcpListener.bind("127.0.0.1:0");
  const addr = probe.localAddr();
  probe.close();
  let stream: TcpStream;
  try {
    stream = TcpStream.connect(addr);
  } catch (e) {
    // Connection failed synchronously: not a bug, but it skips what follows.
    assert.ok(e instanceof IoError && e.kind === "ConnectionRefused", String(e));
    poll.close();
    return;
  }
  try {
    poll.registry().register(stream, Token(0), Interest.WRITABLE);
    let seen = false;
    runLoop(poll, events, () => seen, (event) => {
      if (event.token() !== Token(0)) return;
      // Without fastopen we get the connection error.
      assert.ok(event.isWritable() || event.isError(), String(event));
      assert.ok(event.isWriteClosed(), String(event));
      seen = true;
    });
    assert.notEqual(stream.takeError(), null);
  } finally {
    stream.close();
    poll.close();
  }
});

test("write_error", () => {
  const poll = new Poll();
  const events = new Events(16);
  const listener = TcpListener.bind("127.0.0.1:0");
  let s: TcpStream | null = null;
  try {
    s = TcpStream.connect(listener.localAddr());
    poll.registry().register(s, Token(0), Interest.READABLE | Interest.WRITABLE);
    const waitWritable = () => {
      let writable = false;
      runLoop(poll, events, () => writable, (event) => {
        if (event.token() === 0 && event.isWritable()) writable = true;
      });
    };
    waitWritable();

    // The "thread" accepts and drops the connection.
    acceptOne(listener)[0].close();

    const buf = new Uint8Array(1024);
    let error: unknown = null;
    for (let i = 0; i < 100_000 && error === null; i++) {
      try {
        const n = s.write(buf);
        if (n === null) waitWritable();
        else assert.notEqual(n, 0, "unexpected end");
      } catch (e) {
        error = e;
      }
    }
    assert.ok(error instanceof IoError, `expected an IoError, got ${String(error)}`);
    assert.ok(["BrokenPipe", "ConnectionReset"].includes(error.kind), `good error: ${error.message}`);
  } finally {
    s?.close();
    listener.close();
    poll.close();
  }
});

/** mio's `wait!`: polls for a `ready` event on token 0, checking every event's closed flags. */
function waitFor(poll: Poll, ready: "isReadable" | "isWritable", expectReadClosed: boolean): void {
  const events = new Events(16);
  let found = false;
  const deadline = performance.now() + WAIT_BOUND_MS;
  while (!found && performance.now() < deadline) {
    poll.poll(events, WAIT_BOUND_MS);
    for (const event of events) {
      if (expectReadClosed) {
        assert.ok(event.isReadClosed(), `expected read-closed: ${event}`);
      } else {
        assert.ok(!event.isReadClosed() && !event.isWriteClosed(), `expected no closed flags: ${event}`);
      }
      if (event.token() === Token(0) && event[ready]()) {
        found = true;
        break;
      }
    }
  }
  assert.ok(found, "not ready");
}

test("write_shutdown", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  let socket: TcpStream | null = null;
  try {
    client = TcpStream.connect(listener.localAddr());
    poll.registry().register(client, Token(0), Interest.add(Interest.READABLE, Interest.WRITABLE));
    socket = acceptOne(listener)[0];

    waitFor(poll, "isWritable", false);

    // Polling should not have any events.
    const events = new Events(16);
    poll.poll(events, 100);
    assert.equal([...events][0], undefined, "no events expected");

    // Now shut down the write half of the peer.
    socket.shutdown("write");
    waitFor(poll, "isReadable", true);
  } finally {
    socket?.close();
    client?.close();
    listener.close();
    poll.close();
  }
});

test("local_addr_ready", () => {
  const server = TcpListener.bind("127.0.0.1:0");
  const addr = server.localAddr();
  const poll = new Poll();
  const events = new Events(1024);
  let sock: TcpStream | null = null;
  let accepted: TcpStream | null = null;
  try {
    poll.registry().register(server, LISTEN, Interest.READABLE);
    sock = TcpStream.connect(addr);
    poll.registry().register(sock, CLIENT, Interest.READABLE);
    const connected = sock;

    let shutdown = false;
    let wrote = false;
    runLoop(poll, events, () => shutdown, (event) => {
      const token = event.token();
      switch (token) {
        case LISTEN: {
          const result = server.accept();
          assert.ok(result !== null);
          accepted = result[0];
          poll.registry().register(accepted, SERVER, Interest.WRITABLE);
          break;
        }
        case SERVER: {
          const a = accepted as unknown as TcpStream;
          assert.equal(String(a.peerAddr()), String(connected.localAddr()));
          assert.equal(String(a.localAddr()), String(addr));
          assert.equal(a.write(new Uint8Array([1, 2, 3])), 3);
          a.close();
          accepted = null;
          wrote = true;
          break;
        }
        case CLIENT:
          assert.equal(String(connected.peerAddr()), String(addr));
          assert.equal(connected.localAddr().hostname, "127.0.0.1");
          shutdown = true;
          break;
        default:
          assert.fail(`unexpected token ${token}`);
      }
    });
    assert.ok(wrote, "the client was readable before the server wrote");
  } finally {
    (accepted as TcpStream | null)?.close();
    sock?.close();
    server.close();
    poll.close();
  }
});

/** Polls until there are events (failing after `WAIT_BOUND_MS`); mio's `while events.is_empty() { poll }`. */
function pollUntilSome(poll: Poll, events: Events): void {
  poll.poll(events, WAIT_BOUND_MS);
  assert.ok(!events.isEmpty(), "no events");
}

function writeThen(end: "drop" | "deregister"): void {
  const a = TcpListener.bind("127.0.0.1:0");
  const poll = new Poll();
  let s: TcpStream | null = null;
  let s2: TcpStream | null = null;
  try {
    s = TcpStream.connect(a.localAddr());
    poll.registry().register(a, Token(1), Interest.READABLE);
    poll.registry().register(s, Token(3), Interest.READABLE);

    let events = new Events(1024);
    pollUntilSome(poll, events);
    assert.equal(events.length, 1);
    assert.equal([...events][0].token(), Token(1));

    const accepted = a.accept();
    assert.ok(accepted !== null);
    s2 = accepted[0];
    poll.registry().register(s2, Token(2), Interest.WRITABLE);

    events = new Events(1024);
    pollUntilSome(poll, events);
    assert.equal(events.length, 1);
    assert.equal([...events][0].token(), Token(2));

    writeAll(s2, new Uint8Array([1, 2, 3, 4]));
    if (end === "drop") s2.close();
    else poll.registry().deregister(s2);

    poll.registry().reregister(s, Token(3), Interest.READABLE);
    events = new Events(1024);
    pollUntilSome(poll, events);
    assert.equal(events.length, 1);
    assert.equal([...events][0].token(), Token(3));

    const buf = new Uint8Array(10);
    expectRead(s.read(buf), buf, new Uint8Array([1, 2, 3, 4]));
  } finally {
    s2?.close();
    s?.close();
    a.close();
    poll.close();
  }
}

test("write_then_drop", () => writeThen("drop"));

test("write_then_deregister", () => writeThen("deregister"));

test("tcp_no_events_after_deregister", () => {
  const ID1 = Token(1), ID2 = Token(2), ID3 = Token(3);
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  let stream2: TcpStream | null = null;
  try {
    const addr = listener.localAddr();
    stream = TcpStream.connect(addr);
    poll.registry().register(listener, ID1, Interest.READABLE);
    poll.registry().register(stream, ID3, Interest.READABLE);

    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);

    const accepted = listener.accept();
    assert.ok(accepted !== null, "unable to accept connection");
    stream2 = accepted[0];
    const peerAddress = accepted[1];
    assert.equal(peerAddress.hostname, "127.0.0.1");
    assert.equal(String(stream2.peerAddr()), String(peerAddress));
    assert.equal(String(stream2.localAddr()), String(addr));

    poll.registry().register(stream2, ID2, Interest.WRITABLE);
    expectEvents(poll, events, [expect(ID2, Readiness.WRITABLE)]);

    writeAll(stream2, new Uint8Array([1, 2, 3, 4]));
    expectEvents(poll, events, [expect(ID3, Readiness.READABLE)]);

    poll.registry().deregister(listener);
    poll.registry().deregister(stream);
    poll.registry().deregister(stream2);

    expectNoEvents(poll, events);

    const buf = new Uint8Array(10);
    expectRead(stream.read(buf), buf, new Uint8Array([1, 2, 3, 4]));

    checkedWrite(stream2.write(new Uint8Array([1, 2, 3, 4])), new Uint8Array(4));
    expectNoEvents(poll, events);

    const s = stream;
    expectRead(waitUntil(() => s.read(buf)), buf, new Uint8Array([1, 2, 3, 4]));
    expectNoEvents(poll, events);
  } finally {
    stream2?.close();
    stream?.close();
    listener.close();
    poll.close();
  }
});

test("close_on_drop", () => {
  // mio's tests/close_on_drop.rs: the server accepts and drops the
  // connection at once; the client then reads end of stream.
  const poll = new Poll();
  const srv = TcpListener.bind("127.0.0.1:0");
  let cli: TcpStream | null = null;
  try {
    poll.registry().register(srv, LISTEN, Interest.READABLE);
    cli = TcpStream.connect(srv.localAddr());
    poll.registry().register(cli, CLIENT, Interest.WRITABLE);
    const client = cli;
    const events = new Events(1024);
    let state: "Initial" | "AfterRead" = "Initial";
    let shutdown = false;
    while (!shutdown) {
      poll.poll(events, WAIT_BOUND_MS);
      assert.ok(!events.isEmpty(), `stalled: no events for ${WAIT_BOUND_MS} ms`);
      for (const event of events) {
        if (event.isReadable()) {
          if (event.token() === LISTEN) {
            const accepted = srv.accept();
            assert.ok(accepted !== null);
            accepted[0].close();
          } else if (event.token() === CLIENT) {
            if (state === "Initial") {
              client.read(new Uint8Array(4096));
              state = "AfterRead";
            }
            // mio: Ok(0) ends the test; data or WouldBlock is a failure.
            assert.equal(
              client.read(new Uint8Array(1024)),
              0,
              "the client socket should be at end of stream",
            );
            shutdown = true;
          } else {
            assert.fail(`received unknown token ${event.token()}`);
          }
          poll.registry().reregister(client, CLIENT, Interest.READABLE);
        }
        if (event.isWritable()) {
          assert.equal(event.token(), CLIENT, "received writable for the listener");
          poll.registry().reregister(client, CLIENT, Interest.READABLE);
        }
      }
    }
    assert.equal(state, "AfterRead");
  } finally {
    cli?.close();
    srv.close();
    poll.close();
  }
});
