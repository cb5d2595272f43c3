// `registry.tryClone()` independent of its Poll's lifetime (mio's
// `Registry::try_clone` dups the selector's descriptor) and `Poll.fd`
// (mio's `AsRawFd for Poll`).
import assert from "node:assert/strict";
import { Events, Interest, IoError, Poll, type Registry, TcpListener, TcpStream, Token } from "../mod.ts";
import { assertIoError, closeAll } from "./util/io.ts";
import { retryUntilReady } from "./util/events.ts";
import { test } from "./util/skips.ts";

const HAS_FD = Poll.backend === "epoll" || Poll.backend === "kqueue";

test(`Poll.fd is the selector's descriptor (${HAS_FD ? "a number" : "null"} on ${Poll.backend}), BadResource after close`, () => {
  const poll = new Poll();
  const other = new Poll();
  try {
    const fd = poll.fd;
    if (HAS_FD) {
      assert.equal(typeof fd, "number");
      assert.ok(Number.isInteger(fd) && fd! >= 0, `a descriptor, got ${fd}`);
      assert.notEqual(other.fd, fd, "each Poll has its own");
    } else {
      assert.equal(fd, null);
    }
    poll.close();
    assertIoError(() => poll.fd, "BadResource");
  } finally {
    closeAll(poll, other);
  }
});

test("a cloned registry registers with the same Poll; either deregisters", () => {
  const poll = new Poll();
  const events = new Events(8);
  const clone = poll.registry().tryClone();
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  try {
    clone.register(listener, Token(4), Interest.READABLE);
    assertIoError(() => poll.registry().register(listener, Token(4), Interest.READABLE), "AlreadyExists");
    client = TcpStream.connect(listener.localAddr());
    retryUntilReady(poll, events, () => [...events].some((e) => e.token() === Token(4)) || null);
    poll.registry().deregister(listener); // registered through the clone, found through the Poll's registry
    poll.registry().register(listener, Token(5), Interest.READABLE);
    clone.deregister(listener);
  } finally {
    closeAll(client, listener, clone, poll);
  }
});

test("a cloned registry stays usable after its Poll is closed, until its own close()", () => {
  const poll = new Poll();
  const clone = poll.registry().tryClone();
  const second = clone.tryClone();
  const listener = TcpListener.bind("127.0.0.1:0");
  let third: Registry | null = null;
  try {
    poll.registry().register(listener, Token(0), Interest.READABLE);
    poll.close();
    assertIoError(() => poll.registry().register(listener, Token(1), Interest.READABLE), "BadResource");
    // Registered through the Poll: still registered with its selector, which the clones keep.
    assertIoError(() => clone.register(listener, Token(1), Interest.READABLE), "AlreadyExists");
    clone.deregister(listener);
    clone.register(listener, Token(1), Interest.READABLE);
    assertIoError(() => second.register(listener, Token(1), Interest.READABLE), "AlreadyExists");
    clone.reregister(listener, Token(2), Interest.READABLE, { trigger: "level" });
    clone.deregister(listener);
    assertIoError(() => clone.deregister(listener), "NotFound");
    third = clone.tryClone(); // a clone of a clone, after the Poll is closed
    clone.close();
    clone.close(); // idempotent
    assertIoError(() => clone.register(listener, Token(1), Interest.READABLE), "BadResource");
    assertIoError(() => clone.tryClone(), "BadResource");
    second.register(listener, Token(3), Interest.READABLE); // a clone of its own
    second.deregister(listener);
    second.close();
    const last = third;
    last.register(listener, Token(4), Interest.READABLE, { oneshot: true }); // the last clone still reaches it
    last.deregister(listener);
    last.close();
    assertIoError(() => last.register(listener, Token(1), Interest.READABLE), "BadResource");
  } finally {
    closeAll(listener, third, second, clone, poll);
  }
});

test("a Poll closed during pollAsync, with polls in flight and a clone open: the clone still registers", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const clone = poll.registry().tryClone();
  const listener = TcpListener.bind("127.0.0.1:0");
  const other = TcpListener.bind("127.0.0.1:0");
  try {
    poll.registry().register(other, Token(1), Interest.READABLE); // its poll is in flight during the wait
    const waiting = poll.pollAsync(events, 60_000);
    poll.close();
    await assert.rejects(waiting, (e) => e instanceof IoError && e.kind === "BadResource");
    clone.register(listener, Token(2), Interest.READABLE);
    clone.reregister(listener, Token(3), Interest.READABLE | Interest.WRITABLE);
    clone.deregister(listener);
    clone.close(); // the last holder: closes the selector
    assertIoError(() => clone.register(listener, Token(2), Interest.READABLE), "BadResource");
  } finally {
    closeAll(other, listener, clone, poll);
  }
});

test("a source registered through a clone stays registered after that clone is closed (mio: dropping a Registry keeps its registrations)", () => {
  const poll = new Poll();
  const events = new Events(8);
  const clone = poll.registry().tryClone();
  const listener = TcpListener.bind("127.0.0.1:0");
  const clients: TcpStream[] = [];
  try {
    clone.register(listener, Token(6), Interest.READABLE);
    clone.close();
    for (let round = 0; round < 2; round++) {
      // The second connection is reported only if accepting to WouldBlock re-armed the listener.
      clients.push(TcpStream.connect(listener.localAddr()));
      events.clear(); // the last round's event does not count for this one
      retryUntilReady(poll, events, () => [...events].some((e) => e.token() === Token(6)) || null);
      while (listener.accept() !== null);
    }
    poll.registry().reregister(listener, Token(7), Interest.READABLE);
    poll.registry().deregister(listener);
    assertIoError(() => poll.registry().deregister(listener), "NotFound");
  } finally {
    closeAll(...clients, listener, clone, poll);
  }
});

test("close() on a Poll's own registry does nothing", () => {
  const poll = new Poll();
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    poll.registry().close();
    poll.registry().register(listener, Token(0), Interest.READABLE);
  } finally {
    closeAll(listener, poll);
  }
});
