// `tryIo(f)` (mio 1.0's `try_io`): a source runs the caller's own I/O and,
// when `f` says WouldBlock (`null`), re-arms as the library's operations do
// (mio's `do_io`). Without it, a program that drains a socket with a raw
// syscall gets no event for the next data on the backends that emulate
// edge-triggering (poll(2), IOCP).
import assert from "node:assert/strict";
import { join } from "node:path";
import { Events, Interest, IoError, Poll, TcpListener, TcpStream, Token, UdpSocket } from "../mod.ts";
import { expect, expectEvents, Readiness } from "./util/events.ts";
import { bytes, closeAll } from "./util/io.ts";
import { errno, libc } from "../sys/unix/libc.ts";
import { C } from "../sys/unix/unix_os.ts";
import { ON_WINDOWS } from "./util/platform.ts";
import { offWindows, onWindows, test } from "./util/skips.ts";
import { tcpConnection } from "./util/sockets.ts";
import { withTempDir } from "./util/files.ts";

const ID = Token(1);
const winsock = ON_WINDOWS ? await import("../sys/windows/winsock.ts") : null;

/** recv(2) (Winsock's `recv` on Windows) on `fd`: the count, or `null` when it would block. */
function rawRecv(fd: number, buf: Uint8Array): number | null {
  if (winsock !== null) {
    const n = winsock.ws2.recv(fd, buf, buf.length, 0);
    if (n >= 0) return n;
    const e = winsock.lastError();
    if (e === winsock.WSAEWOULDBLOCK) return null;
    throw new Error(`recv failed: ${e}`);
  }
  const n = libc.recv(fd, buf, buf.length, 0);
  if (n >= 0) return n;
  const e = errno();
  if (e === C.EAGAIN) return null;
  throw new Error(`recv failed: errno ${e}`);
}

/** read(2) on `fd`: the count, or `null` when it would block. */
function rawRead(fd: number, buf: Uint8Array): number | null {
  const n = libc.read(fd, buf, buf.length);
  if (n >= 0) return n;
  const e = errno();
  if (e === C.EAGAIN) return null;
  throw new Error(`read failed: errno ${e}`);
}

/** Drains `fd` with `recv` inside `source.tryIo` until it would block; returns the bytes read. */
function drainWithTryIo(
  source: { tryIo<T>(f: () => T | null): T | null; fd: number },
  buf: Uint8Array,
): number {
  let total = 0;
  for (;;) {
    const n = source.tryIo(() => rawRecv(source.fd, buf));
    if (n === null) return total;
    total += n;
  }
}

test("TcpStream: data drained by a raw recv inside tryIo, new data arrives: an event", () => {
  const poll = new Poll();
  const events = new Events(8);
  const conn = tcpConnection();
  try {
    poll.registry().register(conn.server, ID, Interest.READABLE);
    const buf = new Uint8Array(64);
    for (let round = 0; round < 3; round++) {
      assert.equal(conn.client.write(bytes("hello")), 5);
      expectEvents(poll, events, [expect(ID, Readiness.READABLE)]);
      assert.equal(drainWithTryIo(conn.server, buf), 5, `round ${round}`);
    }
  } finally {
    conn.close();
    poll.close();
  }
});

test("UdpSocket: datagrams drained by a raw recv inside tryIo, a new one arrives: an event", () => {
  const poll = new Poll();
  const events = new Events(8);
  const receiver = UdpSocket.bind("127.0.0.1:0");
  const sender = UdpSocket.bind("127.0.0.1:0");
  try {
    poll.registry().register(receiver, ID, Interest.READABLE);
    const buf = new Uint8Array(64);
    for (let round = 0; round < 3; round++) {
      assert.equal(sender.sendTo(bytes("datagram"), receiver.localAddr()), 8);
      expectEvents(poll, events, [expect(ID, Readiness.READABLE)]);
      assert.equal(drainWithTryIo(receiver, buf), 8, `round ${round}`);
    }
  } finally {
    closeAll(sender, receiver, poll);
  }
});

test(
  "Receiver: a pipe drained by a raw read inside tryIo, new data arrives: an event",
  { skip: onWindows("Unix pipes (pipe(2), read(2)) do not exist on Windows, as in mio") },
  async () => {
    const { pipe } = await import("../mod.ts");
    const poll = new Poll();
    const events = new Events(8);
    const [sender, receiver] = pipe();
    try {
      poll.registry().register(receiver, ID, Interest.READABLE);
      const buf = new Uint8Array(64);
      for (let round = 0; round < 3; round++) {
        assert.equal(sender.write(bytes("pipe")), 4);
        expectEvents(poll, events, [expect(ID, Readiness.READABLE)]);
        let total = 0;
        for (let n; (n = receiver.tryIo(() => rawRead(receiver.fd, buf))) !== null;) total += n;
        assert.equal(total, 4, `round ${round}`);
      }
    } finally {
      closeAll(sender, receiver, poll);
    }
  },
);

test("TcpListener: connections taken by the library's accept inside tryIo, a new one arrives: an event", () => {
  const poll = new Poll();
  const events = new Events(8);
  const listener = TcpListener.bind("127.0.0.1:0");
  const clients: TcpStream[] = [];
  try {
    poll.registry().register(listener, ID, Interest.READABLE);
    for (let round = 0; round < 3; round++) {
      clients.push(TcpStream.connect(listener.localAddr()));
      expectEvents(poll, events, [expect(ID, Readiness.READABLE)]);
      let accepted = 0;
      for (let c; (c = listener.tryIo(() => listener.accept())) !== null;) {
        c[0].close();
        accepted++;
      }
      assert.equal(accepted, 1, `round ${round}`);
    }
  } finally {
    closeAll(...clients, listener, poll);
  }
});

test("tryIo returns what f returns, passes f's exceptions on, and checks its argument", () => {
  const conn = tcpConnection();
  const socket = UdpSocket.bind("127.0.0.1:0");
  try {
    for (const source of [conn.server, conn.listener, socket]) {
      assert.equal(source.tryIo(() => 42), 42);
      const value = { any: "value" };
      assert.equal(source.tryIo(() => value), value);
      assert.equal(source.tryIo(() => 0), 0);
      assert.equal(source.tryIo(() => null), null);
      const boom = new Error("f failed");
      assert.throws(() =>
        source.tryIo(() => {
          throw boom;
        }), (e: unknown) => e === boom);
      assert.throws(() => source.tryIo("f" as unknown as () => number), TypeError);
      let calls = 0;
      source.tryIo(() => calls++);
      assert.equal(calls, 1);
    }
  } finally {
    conn.close();
    socket.close();
  }
});

test("tryIo after close throws BadResource without calling f", () => {
  const socket = UdpSocket.bind("127.0.0.1:0");
  socket.close();
  let called = false;
  assert.throws(
    () => socket.tryIo(() => (called = true)),
    (e: unknown) => e instanceof IoError && e.kind === "BadResource",
  );
  assert.equal(called, false);
});

test(
  "tryIo exists on every Unix source: UnixStream, UnixListener, UnixDatagram, Sender, Receiver",
  { skip: onWindows("Unix-domain sockets and pipes do not exist on Windows, as in mio") },
  async () => {
    const { UnixStream, UnixDatagram, UnixListener, pipe } = await import("../mod.ts");
    withTempDir((dir) => {
      const [a, b] = UnixStream.pair();
      const [d1, d2] = UnixDatagram.pair();
      const [tx, rx] = pipe();
      // A path, not an abstract name: those exist only on Linux and Android.
      const listener = UnixListener.bind(join(dir, "l.sock"));
      try {
        for (const source of [a, b, d1, d2, tx, rx, listener]) {
          assert.equal(source.tryIo(() => 7), 7);
          assert.equal(source.tryIo(() => null), null);
        }
      } finally {
        closeAll(a, b, d1, d2, tx, rx, listener);
      }
    });
  },
);

test(
  "NamedPipe.tryIo returns what f returns",
  { skip: offWindows("named pipes are Windows's") },
  async () => {
    const { NamedPipe } = await import("../src/windows/mod.ts");
    const pipe = new NamedPipe(`\\\\.\\pipe\\mio-ts-try-io-${process.pid}`);
    try {
      assert.equal(pipe.tryIo(() => 7), 7);
      assert.equal(pipe.tryIo(() => null), null);
      assert.throws(() => pipe.tryIo(1 as unknown as () => number), TypeError);
    } finally {
      pipe.close();
    }
  },
);
