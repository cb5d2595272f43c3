// mio's tests/tcp_listener.rs, translated. mio's start_connections thread
// becomes clients connected from the test itself (a connect returns at once;
// the client stays open until the test ends, as mio's barrier keeps it).
import assert from "node:assert/strict";
import { Interest, TcpListener, TcpStream, Token } from "../mod.ts";
import {
  expect,
  expectEvents,
  expectNoEvents,
  initWithPoll,
  Readiness,
  WAIT_BOUND_MS,
  waitUntil,
} from "./util/events.ts";
import { assertIoError, assertWouldBlock, closeAll, errnoOf } from "./util/io.ts";
import { bothFamilies, ipv6LoopbackUnavailable, isLoopback, V4, V6 } from "./util/sockets.ts";
import { assertNonBlockingCloexec, isFdOpen, openFdCount, settledFdCount } from "./util/descriptors.ts";
import { ON_WINDOWS } from "./util/platform.ts";
import { test } from "./util/skips.ts";

const ID1 = Token(0);
const ID2 = Token(1);

const V6_SKIP = ipv6LoopbackUnavailable();

function smokeTestTcpListener(any: string, makeListener: (addr: string) => TcpListener): void {
  const [poll, events] = initWithPoll();
  const listener = makeListener(any);
  let conn: TcpStream | null = null;
  let stream: TcpStream | null = null;
  try {
    const address = listener.localAddr();
    assert.notEqual(address.port, 0);

    assertNonBlockingCloexec(listener.fd);

    poll.registry().register(listener, ID1, Interest.READABLE);

    conn = TcpStream.connect(address);

    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);

    // Expect a single connection.
    const accepted = listener.accept();
    assert.ok(accepted !== null, "unable to accept connection");
    stream = accepted[0];
    const peerAddress = accepted[1];
    assert.ok(isLoopback(peerAddress), String(peerAddress));
    assert.equal(String(stream.peerAddr()), String(peerAddress));
    assert.equal(String(stream.localAddr()), String(address));
    assert.equal(String(peerAddress), String(conn.localAddr()));

    // Expect the stream to be non-blocking.
    assertNonBlockingCloexec(stream.fd);
    assertWouldBlock(stream.read(new Uint8Array(20)));

    // Expect no more connections.
    assertWouldBlock(listener.accept());

    assert.equal(listener.takeError(), null);
  } finally {
    closeAll(stream, conn, listener, poll);
  }
}

test("tcp_listener", () => smokeTestTcpListener(V4, (addr) => TcpListener.bind(addr)));

if (V6_SKIP !== null) {
  test("tcp_listener_ipv6", { skip: V6_SKIP }, () => {});
} else {
  test("tcp_listener_ipv6", () => smokeTestTcpListener(V6, (addr) => TcpListener.bind(addr)));
}

// mio's tcp_listener_std: a listening socket made elsewhere, wrapped.
test("tcp_listener_from_fd", () =>
  smokeTestTcpListener(V4, (addr) => TcpListener.fromFd(TcpListener.bind(addr).intoFd())));

bothFamilies("set_get_ttl", (any) => {
  const listener = TcpListener.bind(any);
  try {
    const TTL = 10;
    listener.setTtl(TTL);
    assert.equal(listener.ttl(), TTL);
    assert.equal(listener.takeError(), null);
  } finally {
    listener.close();
  }
});

bothFamilies("get_ttl_without_previous_set", (any) => {
  const listener = TcpListener.bind(any);
  try {
    const ttl = listener.ttl();
    assert.ok(Number.isInteger(ttl) && ttl >= 1 && ttl <= 255, `ttl ${ttl}`);
    assert.equal(listener.takeError(), null);
  } finally {
    listener.close();
  }
});

test("ttl_is_inherited_by_accepted_streams", () => {
  const listener = TcpListener.bind(V4);
  let client: TcpStream | null = null;
  let stream: TcpStream | null = null;
  try {
    listener.setTtl(17);
    client = TcpStream.connect(listener.localAddr());
    stream = waitUntil(() => listener.accept())[0];
    assert.equal(stream.ttl(), 17);
  } finally {
    closeAll(stream, client, listener);
  }
});

test("raw_fd", () => {
  const listener = TcpListener.bind(V4);
  let again: TcpListener | null = null;
  try {
    const address = listener.localAddr();
    const rawFd1 = listener.fd;
    const rawFd2 = listener.intoFd();
    assert.equal(rawFd1, rawFd2);
    assert.ok(isFdOpen(rawFd2), "intoFd closed the descriptor");

    again = TcpListener.fromFd(rawFd2);
    assert.equal(again.fd, rawFd1);
    assert.equal(String(again.localAddr()), String(address));
  } finally {
    closeAll(again, listener);
  }
});

test("registering", () => {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  try {
    poll.registry().register(listener, ID1, Interest.READABLE);
    expectNoEvents(poll, events);
  } finally {
    closeAll(listener, poll);
  }
});

test("reregister", () => {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  let conn: TcpStream | null = null;
  let stream: TcpStream | null = null;
  try {
    const address = listener.localAddr();
    poll.registry().register(listener, ID1, Interest.READABLE);
    poll.registry().reregister(listener, ID2, Interest.READABLE);

    conn = TcpStream.connect(address);

    expectEvents(poll, events, [expect(ID2, Readiness.READABLE)]);
    for (const event of events) assert.notEqual(event.token(), ID1, "an event with the old token");

    const accepted = listener.accept();
    assert.ok(accepted !== null, "unable to accept connection");
    stream = accepted[0];
    assert.ok(isLoopback(accepted[1]));
    assert.equal(String(stream.peerAddr()), String(accepted[1]));
    assert.equal(String(stream.localAddr()), String(address));

    assertWouldBlock(listener.accept());
    assert.equal(listener.takeError(), null);
  } finally {
    closeAll(stream, conn, listener, poll);
  }
});

test("no_events_after_deregister", () => {
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  let conn: TcpStream | null = null;
  let stream: TcpStream | null = null;
  try {
    const address = listener.localAddr();
    poll.registry().register(listener, ID1, Interest.READABLE);

    conn = TcpStream.connect(address);

    poll.registry().deregister(listener);

    expectNoEvents(poll, events);

    // Should still be able to accept the connection.
    const accepted = waitUntil(() => listener.accept());
    stream = accepted[0];
    assert.ok(isLoopback(accepted[1]));
    assert.equal(String(stream.peerAddr()), String(accepted[1]));
    assert.equal(String(stream.localAddr()), String(address));

    assertWouldBlock(listener.accept());
    assert.equal(listener.takeError(), null);
  } finally {
    closeAll(stream, conn, listener, poll);
  }
});

test("tcp_listener_two_streams", () => {
  // Edge-triggered: after draining accept(), a new connection brings a new event.
  const [poll1, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  const open: ({ close(): void } | null)[] = [];
  try {
    const address = listener.localAddr();
    open.push(TcpStream.connect(address));

    poll1.registry().register(listener, ID1, Interest.READABLE);
    expectEvents(poll1, events, [expect(ID1, Readiness.READABLE)]);

    {
      const accepted = listener.accept();
      assert.ok(accepted !== null, "unable to accept connection");
      open.push(accepted[0]);
      assert.ok(isLoopback(accepted[1]));
      assert.equal(String(accepted[0].peerAddr()), String(accepted[1]));
      assert.equal(String(accepted[0].localAddr()), String(address));
    }

    assertWouldBlock(listener.accept());

    open.push(TcpStream.connect(address));

    expectEvents(poll1, events, [expect(ID1, Readiness.READABLE)]);

    {
      const accepted = listener.accept();
      assert.ok(accepted !== null, "unable to accept connection");
      open.push(accepted[0]);
      assert.equal(String(accepted[0].peerAddr()), String(accepted[1]));
      assert.equal(String(accepted[0].localAddr()), String(address));
    }

    expectNoEvents(poll1, events);
  } finally {
    closeAll(...open, listener, poll1);
  }
});

bothFamilies("accept_many", (any) => {
  // 50 connections, one readable event: accept() drains them all, each with
  // its own peer, then reports WouldBlock.
  const COUNT = 50;
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(any);
  const clients: TcpStream[] = [];
  const accepted: TcpStream[] = [];
  try {
    const address = listener.localAddr();
    poll.registry().register(listener, ID1, Interest.READABLE);
    for (let i = 0; i < COUNT; i++) clients.push(TcpStream.connect(address));

    const clientAddrs = new Set(clients.map((c) => String(c.localAddr())));
    assert.equal(clientAddrs.size, COUNT);

    const peers = new Set<string>();
    // Until all have come, however many events a busy machine spreads them over.
    const deadline = performance.now() + WAIT_BOUND_MS;
    while (accepted.length < COUNT && performance.now() < deadline) {
      expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
      let result;
      while ((result = listener.accept()) !== null) {
        accepted.push(result[0]);
        assert.equal(result[1].family, address.family);
        assert.equal(String(result[0].peerAddr()), String(result[1]));
        peers.add(String(result[1]));
      }
    }
    assert.equal(accepted.length, COUNT);
    assert.deepEqual([...peers].sort(), [...clientAddrs].sort());
    assertWouldBlock(listener.accept());
  } finally {
    closeAll(...accepted, ...clients, listener, poll);
  }
});

bothFamilies("local_addr_with_port_0", (any) => {
  const a = TcpListener.bind(any);
  const b = TcpListener.bind(any);
  try {
    const addrA = a.localAddr();
    const addrB = b.localAddr();
    assert.ok(addrA.port > 0 && addrA.port <= 65535);
    assert.notEqual(addrA.port, addrB.port, "two listeners on port 0 got the same port");
    assert.equal(addrA.hostname, any === V4 ? "127.0.0.1" : "::1");
    assert.equal(addrA.family, any === V4 ? "ipv4" : "ipv6");
    assert.equal(String(addrA), any === V4 ? `127.0.0.1:${addrA.port}` : `[::1]:${addrA.port}`);
    // The same address again, as an object and as the returned SocketAddr.
    assert.equal(String(a.localAddr()), String(addrA));
  } finally {
    closeAll(a, b);
  }
});

bothFamilies("bind_addr_in_use", (any) => {
  const first = TcpListener.bind(any);
  try {
    const addr = first.localAddr();
    const before = openFdCount();
    const e = assertIoError(() => TcpListener.bind(addr).close(), "AddrInUse");
    assert.equal(e.code, "EADDRINUSE");
    assert.equal(e.errno, errnoOf("EADDRINUSE"));
    assert.equal(e.syscall, "bind");
    assert.ok(e.message.includes(String(addr.port)), `message names the address: ${e.message}`);
    // The string and object forms too.
    assertIoError(() => TcpListener.bind(String(addr)).close(), "AddrInUse");
    assertIoError(() => TcpListener.bind({ hostname: addr.hostname, port: addr.port }).close(), "AddrInUse");
    // The failed binds closed their sockets.
    assert.equal(settledFdCount(before), before);
    // And the first listener still works.
    assertWouldBlock(first.accept());
  } finally {
    first.close();
  }
});

test("bind_addr_not_available", () => {
  // 192.0.2.1 (TEST-NET-1) is on no interface of this machine.
  const before = openFdCount();
  const e = assertIoError(() => TcpListener.bind("192.0.2.1:0").close(), "AddrNotAvailable");
  assert.equal(e.code, "EADDRNOTAVAIL");
  assert.equal(e.syscall, "bind");
  assert.equal(settledFdCount(before), before);
});

test("rebind_after_close", () => {
  // mio sets SO_REUSEADDR: the port can be bound again as soon as the listener closes,
  // even with a connection on it closing.
  const first = TcpListener.bind(V4);
  const addr = first.localAddr();
  const client = TcpStream.connect(addr);
  let second: TcpListener | null = null;
  try {
    waitUntil(() => first.accept())[0].close();
    first.close();
    second = TcpListener.bind(addr);
    assert.equal(String(second.localAddr()), String(addr));
  } finally {
    closeAll(second, client, first);
  }
});

test("reuse_port", () => {
  if (ON_WINDOWS) {
    // Windows has no SO_REUSEPORT: asking for it is refused.
    assertIoError(() => TcpListener.bind(V4, { reusePort: true }).close(), "Unsupported");
    return;
  }
  const first = TcpListener.bind(V4, { reusePort: true });
  let second: TcpListener | null = null;
  try {
    const addr = first.localAddr();
    second = TcpListener.bind(addr, { reusePort: true });
    assert.equal(String(second.localAddr()), String(addr));
    // Without the option on the new socket, the port is taken.
    assertIoError(() => TcpListener.bind(addr).close(), "AddrInUse");
  } finally {
    closeAll(second, first);
  }
});

test("accept_after_client_closed", () => {
  // A connection whose client already went away is still accepted; it reads end of stream.
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind(V4);
  let stream: TcpStream | null = null;
  try {
    poll.registry().register(listener, ID1, Interest.READABLE);
    const client = TcpStream.connect(listener.localAddr());
    expectEvents(poll, events, [expect(ID1, Readiness.READABLE)]);
    client.close();
    const accepted = listener.accept();
    assert.ok(accepted !== null, "the connection was queued before its client closed");
    stream = accepted[0];
    const s = stream;
    assert.equal(waitUntil(() => s.read(new Uint8Array(8))), 0);
  } finally {
    closeAll(stream, listener, poll);
  }
});
