// mio's tests/win_named_pipe.rs, translated, then what mio-ts adds: bad
// names, use after close, operations before registration, closing and
// dropping pipes with I/O in flight. Windows only (skipped with the reason
// printed elsewhere), except the checks made before any syscall.
import assert from "node:assert/strict";
import process from "node:process";
import { type Events, Interest, IoError, Poll, Token } from "../mod.ts";
import { NamedPipe } from "../src/windows/mod.ts";
import { expect, expectEvents, initWithPoll } from "./util/events.ts";
import { assertEarlyIoError, assertIoError, assertWouldBlock, bytes, text } from "./util/io.ts";
import { offWindows, onWindows, test, underWine } from "./util/skips.ts";

const BOTH = Interest.READABLE | Interest.WRITABLE;
const NOT_WINDOWS = "named pipes are Windows-only (mio's windows::NamedPipe is cfg(windows)); " +
  "elsewhere new NamedPipe throws IoError Unsupported (tested below)";

/** A test that needs Windows: elsewhere it is skipped, with the reason printed. */
function windowsTest(name: string, fn: () => void | Promise<void>): void {
  test(name, { skip: offWindows(NOT_WINDOWS) }, fn);
}

let serial = 0;

/** A fresh pipe name (mio's `server()` uses a random number). */
function pipeName(): string {
  return `\\\\.\\pipe\\mio-ts-test-${process.pid}-${++serial}-${Math.floor(Math.random() * 1e9)}`;
}

/** mio's `server()`: the server end and its name. */
function server(): [NamedPipe, string] {
  const name = pipeName();
  return [new NamedPipe(name), name];
}

/** mio's `pipe()`: a server end and a client end connected to it. */
function pipe(): [NamedPipe, NamedPipe] {
  const [s, name] = server();
  try {
    return [s, NamedPipe.open(name)];
  } catch (e) {
    s.close();
    throw e;
  }
}

/** Polls (500 ms at a time, at most 20 times) until `found(events)`; fails otherwise. */
function pollUntil(poll: Poll, events: Events, what: string, found: (events: Events) => boolean): void {
  for (let i = 0; i < 20; i++) {
    poll.poll(events, 500);
    if (found(events)) return;
  }
  assert.fail(`no ${what} after 10 s`);
}

/** Whether `events` has one for `token` that is readable (`"r"`) or writable (`"w"`). */
function has(events: Events, token: number, kind: "r" | "w"): boolean {
  for (const e of events) {
    if (e.token() === token && (kind === "r" ? e.isReadable() : e.isWritable())) return true;
  }
  return false;
}

/** Reads into `buf` until `total` bytes came (polling on WouldBlock); returns them. */
function readAll(poll: Poll, events: Events, pipe: NamedPipe, buf: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(total);
  let got = 0;
  for (let rounds = 0; got < total && rounds < 200;) {
    const n = pipe.read(buf);
    if (n === null) {
      poll.poll(events, 100);
      rounds++;
      continue;
    }
    assert.notEqual(n, 0, `end of stream after ${got} of ${total} bytes`);
    out.set(buf.subarray(0, n), got);
    got += n;
  }
  assert.equal(got, total, `only ${got} of ${total} bytes came`);
  return out;
}

windowsTest("writable_after_register", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), Interest.WRITABLE);
    expectEvents(poll, events, [expect(0, Interest.WRITABLE), expect(1, Interest.WRITABLE)]);
  } finally {
    c.close();
    s.close();
    poll.close();
  }
});

windowsTest("write_then_read", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), BOTH);
    poll.poll(events, 1000);

    assert.equal(c.write(bytes("1234")), 4);
    pollUntil(poll, events, "readable event for the server", (ev) => has(ev, 0, "r"));

    const buf = new Uint8Array(10);
    assert.equal(s.read(buf), 4);
    assert.equal(text(buf.subarray(0, 4)), "1234");
  } finally {
    c.close();
    s.close();
    poll.close();
  }
});

windowsTest("connect_before_client", () => {
  const [poll, events] = initWithPoll();
  const [s, name] = server();
  let c: NamedPipe | null = null;
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.poll(events, 0);
    assert.equal(events.length, 0);
    assertWouldBlock(s.connect());

    c = NamedPipe.open(name);
    poll.registry().register(c, Token(1), BOTH);
    pollUntil(poll, events, "writable event for the server", (ev) => has(ev, 0, "w"));
    assert.equal(s.takeError(), null);
  } finally {
    c?.close();
    s.close();
    poll.close();
  }
});

windowsTest("connect_after_client", () => {
  const [poll, events] = initWithPoll();
  const [s, name] = server();
  let c: NamedPipe | null = null;
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.poll(events, 0);
    assert.equal(events.length, 0);

    c = NamedPipe.open(name);
    poll.registry().register(c, Token(1), BOTH);
    assert.equal(s.connect(), undefined); // the client came first: connected at once
    pollUntil(poll, events, "writable event for the server", (ev) => has(ev, 0, "w"));
  } finally {
    c?.close();
    s.close();
    poll.close();
  }
});

windowsTest("write_disconnected", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), BOTH);
    c.close();

    poll.poll(events, 5000);
    assert.ok(events.length > 0);

    // This must not hang: writes end with ERROR_NO_DATA (232), a BrokenPipe.
    for (let i = 1;; i++) {
      assert.ok(i < 16, "too many iterations");
      let n: number | null;
      try {
        n = s.write(new Uint8Array([0]));
      } catch (e) {
        assert.ok(e instanceof IoError, String(e));
        assert.equal(e.errno, 232, e.message);
        assert.equal(e.kind, "BrokenPipe");
        assert.equal(e.code, "EPIPE");
        break;
      }
      if (n === null) {
        poll.poll(events, 5000);
        assert.ok(events.length > 0);
      }
    }
  } finally {
    s.close();
    poll.close();
  }
});

windowsTest("write_then_drop", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), BOTH);
    assert.equal(c.write(bytes("1234")), 4);
    c.close(); // the write in flight is let finish

    pollUntil(poll, events, "readable event for the server", (ev) => has(ev, 0, "r"));
    const buf = new Uint8Array(10);
    assert.equal(s.read(buf), 4);
    assert.equal(text(buf.subarray(0, 4)), "1234");
  } finally {
    s.close();
    poll.close();
  }
});

windowsTest("connect_twice", () => {
  const [poll, events] = initWithPoll();
  const [s, name] = server();
  let c2: NamedPipe | null = null;
  try {
    const c1 = NamedPipe.open(name);
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c1, Token(1), BOTH);
    c1.close();

    const buf = new Uint8Array(10);
    let ended = false;
    for (let i = 0; i < 20 && !ended; i++) {
      poll.poll(events, 500);
      if (!has(events, 0, "r")) continue;
      const n = s.read(buf);
      if (n === null) continue;
      assert.equal(n, 0, "only the end of stream should come");
      ended = true;
    }
    assert.ok(ended, "the server never saw the client leave");

    s.disconnect();
    assertWouldBlock(s.connect());

    c2 = NamedPipe.open(name);
    poll.registry().register(c2, Token(2), BOTH);
    pollUntil(poll, events, "writable event for the server", (ev) => has(ev, 0, "w"));
  } finally {
    c2?.close();
    s.close();
    poll.close();
  }
});

windowsTest("reregister_deregister_before_register", () => {
  const [p] = server();
  const poll = new Poll();
  try {
    assertIoError(() => poll.registry().reregister(p, Token(0), Interest.READABLE), "NotFound");
    assertIoError(() => poll.registry().deregister(p), "NotFound");
  } finally {
    p.close();
    poll.close();
  }
});

windowsTest("reregister_deregister_different_poll", () => {
  const [p] = server();
  const poll1 = new Poll();
  const poll2 = new Poll();
  try {
    poll1.registry().register(p, Token(0), Interest.READABLE);
    // mio says AlreadyExists here; mio-ts's sources say which Poll they belong to: NotFound.
    assertIoError(() => poll2.registry().reregister(p, Token(0), Interest.READABLE), "NotFound");
    assertIoError(() => poll2.registry().deregister(p), "NotFound");
    // Registering with another Poll is refused while registered, and for good afterwards
    // (Windows ties the handle to poll1's completion port).
    assertIoError(() => poll2.registry().register(p, Token(0), Interest.READABLE), "AlreadyExists");
    poll1.registry().deregister(p);
    assertIoError(() => poll2.registry().register(p, Token(0), Interest.READABLE), "AlreadyExists");
    poll1.registry().register(p, Token(0), Interest.READABLE); // the same Poll again is fine
  } finally {
    p.close();
    poll1.close();
    poll2.close();
  }
});

windowsTest("read_message_larger_than_internal_buffer", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), BOTH);
    poll.poll(events, 1000);

    // Larger than the 4096-byte internal read buffer.
    const expected = new Uint8Array(8192).fill(5);
    assert.equal(c.write(expected), 8192);
    expectEvents(poll, events, [expect(0, Interest.READABLE)]);
    assert.deepEqual(readAll(poll, events, s, new Uint8Array(4000), 8192), expected);
  } finally {
    c.close();
    s.close();
    poll.close();
  }
});

windowsTest("read_with_small_buffer_provided", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), BOTH);
    poll.poll(events, 1000);

    const expected = new Uint8Array(10000).fill(1);
    assert.equal(c.write(expected), 10000);
    expectEvents(poll, events, [expect(0, Interest.READABLE)]);
    assert.deepEqual(readAll(poll, events, s, new Uint8Array(128), 10000), expected);
  } finally {
    c.close();
    s.close();
    poll.close();
  }
});

windowsTest("a pipe would block in every operation until it is registered", () => {
  const [s, c] = pipe();
  try {
    assertWouldBlock(s.connect());
    assertWouldBlock(s.read(new Uint8Array(4)));
    assertWouldBlock(c.write(bytes("x")));
    assert.equal(s.handle, s.fd);
    assert.ok(s.handle > 0);
    assert.notEqual(s.handle, c.handle);
  } finally {
    c.close();
    s.close();
  }
});

windowsTest("opening a pipe nobody created is NotFound", () => {
  const e = assertIoError(() => NamedPipe.open(pipeName()), "NotFound");
  assert.equal(e.syscall, "CreateFileW");
  assert.equal(e.errno, 2);
  assert.equal(e.code, "ENOENT");
});

const SECOND_SERVER = "a second server end of one name is refused (FILE_FLAG_FIRST_PIPE_INSTANCE)";
test(SECOND_SERVER, {
  skip: offWindows(NOT_WINDOWS) ||
    underWine("Wine 8 creates a second instance despite FILE_FLAG_FIRST_PIPE_INSTANCE"),
}, () => {
  const [s, name] = server();
  try {
    const e = assertIoError(() => new NamedPipe(name), "PermissionDenied");
    assert.equal(e.syscall, "CreateNamedPipeW");
    assert.equal(e.errno, 5);
  } finally {
    s.close();
  }
});

windowsTest("a deregistered pipe reports nothing more and would block", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), BOTH);
    pollUntil(poll, events, "writable event for the server", (ev) => has(ev, 0, "w"));
    poll.registry().deregister(s);
    assertWouldBlock(s.write(bytes("x")));
    assert.equal(c.write(bytes("hello")), 5);
    // The client's writes go on; the server, deregistered, reports nothing.
    for (let i = 0; i < 4; i++) {
      poll.poll(events, 100);
      for (const e of events) assert.notEqual(e.token(), 0, `event for the deregistered server: ${e}`);
    }
    // Registered again, the data that came meanwhile is reported.
    poll.registry().register(s, Token(2), Interest.READABLE);
    pollUntil(poll, events, "readable event for the server", (ev) => has(ev, 2, "r"));
    const buf = new Uint8Array(16);
    assert.equal(s.read(buf), 5);
    assert.equal(text(buf.subarray(0, 5)), "hello");
  } finally {
    c.close();
    s.close();
    poll.close();
  }
});

windowsTest("closing with a write in flight lets it finish: the peer reads every byte, then the end", () => {
  const [poll, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c, Token(1), BOTH);
    pollUntil(poll, events, "writable event for the server", (ev) => has(ev, 0, "w"));
    // Fill the pipe until a write stays in flight (nobody reads yet).
    const chunk = new Uint8Array(65536);
    let sent = 0;
    let n: number | null;
    for (let i = 0; (n = s.write(chunk.fill(i & 0xff))) !== null && i < 64; i++) {
      sent += n;
      poll.poll(events, 50);
    }
    assert.ok(sent > 0);
    s.close(); // the write in flight is flushed, then the handle closed

    const buf = new Uint8Array(65536);
    let got = 0;
    for (let i = 0; i < 400; i++) {
      const r = c.read(buf);
      if (r === 0) break;
      if (r === null) poll.poll(events, 100);
      else got += r;
    }
    assert.equal(got, sent, "every byte written, the one in flight at close too, reaches the client");
  } finally {
    c.close();
    s.close();
    poll.close();
  }
});

windowsTest("a server disconnected and connected again reads the new client's data, not the old end", () => {
  const [poll, events] = initWithPoll();
  const [s, name] = server();
  let c2: NamedPipe | null = null;
  try {
    const c1 = NamedPipe.open(name);
    poll.registry().register(s, Token(0), BOTH);
    poll.registry().register(c1, Token(1), BOTH);
    assert.equal(c1.write(bytes("old")), 3);
    c1.close();
    const buf = new Uint8Array(16);
    assert.equal(text(readAll(poll, events, s, buf, 3)), "old");
    pollUntil(poll, events, "the end of the first client", () => s.read(buf) === 0);

    s.disconnect();
    assertWouldBlock(s.connect());
    c2 = NamedPipe.open(name);
    poll.registry().register(c2, Token(2), BOTH);
    pollUntil(poll, events, "writable event for the server", (ev) => has(ev, 0, "w"));
    assert.equal(c2.write(bytes("new")), 3);
    // The first client's end of stream is gone with it: the new client's bytes come, no 0.
    assert.equal(text(readAll(poll, events, s, buf, 3)), "new");
  } finally {
    c2?.close();
    s.close();
    poll.close();
  }
});

windowsTest("a pipe closed after its Poll still closes its handle: the peer sees the end", () => {
  const poll1 = new Poll();
  const [poll2, events] = initWithPoll();
  const [s, c] = pipe();
  try {
    poll1.registry().register(s, Token(0), BOTH); // a read is now in flight
    poll2.registry().register(c, Token(1), BOTH);
    poll1.close();
    s.close(); // cancels the read; its completion never comes (the port is gone)
    let n: number | null = null;
    pollUntil(
      poll2,
      events,
      "the end of stream at the client",
      () => (n = c.read(new Uint8Array(8))) !== null,
    );
    assert.equal(n, 0);
  } finally {
    c.close();
    s.close();
    poll1.close();
    poll2.close();
  }
});

windowsTest("pipes closed or dropped with I/O in flight leave the process sound", async () => {
  const [poll, events] = initWithPoll();
  const g = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
  try {
    // Reads and connects in flight, then closed: their completions come later.
    for (let i = 0; i < 8; i++) {
      const [s, c] = pipe();
      poll.registry().register(s, Token(10 + i), BOTH);
      poll.registry().register(c, Token(100 + i), BOTH);
      const [listening] = server();
      poll.registry().register(listening, Token(200 + i), BOTH);
      assertWouldBlock(listening.connect());
      poll.poll(events, 0);
      s.close();
      c.close();
      listening.close();
    }
    // Dropped without close: the safety net closes them once collected.
    (() => {
      for (let i = 0; i < 8; i++) {
        const [s, c] = pipe();
        poll.registry().register(s, Token(300 + i), BOTH);
        poll.registry().register(c, Token(400 + i), BOTH);
        c.write(new Uint8Array(100));
      }
    })();
    for (let i = 0; i < 3; i++) {
      g.gc?.();
      g.Bun?.gc(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      poll.poll(events, 50);
    }
    // New pipes work and move their data intact (freed memory was not written by the kernel).
    const [s, c] = pipe();
    try {
      poll.registry().register(s, Token(1), BOTH);
      poll.registry().register(c, Token(2), BOTH);
      const data = new Uint8Array(10000).map((_, i) => (i * 7) & 0xff);
      assert.equal(c.write(data), 10000);
      assert.deepEqual(readAll(poll, events, s, new Uint8Array(1000), 10000), data);
    } finally {
      c.close();
      s.close();
    }
  } finally {
    poll.close();
  }
});

windowsTest("use after close throws BadResource and touches nothing", () => {
  const [s] = server();
  const handle = s.handle;
  s.close();
  s.close(); // idempotent
  assert.ok(handle > 0);
  for (
    const op of [
      () => s.handle,
      () => s.connect(),
      () => s.read(new Uint8Array(1)),
      () => s.write(bytes("x")),
    ]
  ) {
    assertIoError(op, "BadResource");
  }
});

test("a malformed pipe name is InvalidInput and a non-string a TypeError, before any syscall", () => {
  for (const name of ["", "pipe", "\\\\.\\pipe\\", "\\\\.\\pipes\\x", "C:\\pipe\\x", "\\\\.\\pipe\\a\0b"]) {
    assertEarlyIoError(() => new NamedPipe(name), "InvalidInput");
  }
  assertEarlyIoError(() => new NamedPipe(`\\\\.\\pipe\\${"x".repeat(300)}`), "InvalidInput");
  // A client may name another machine's pipe; a server end only this one's.
  assertEarlyIoError(() => new NamedPipe("\\\\server\\pipe\\x"), "InvalidInput");
  assertEarlyIoError(() => NamedPipe.open("C:\\x"), "InvalidInput");
  assert.throws(() => new NamedPipe(42 as unknown as string), TypeError);
  assert.throws(() => NamedPipe.fromFd(-1), RangeError);
});

const ON_WINDOWS_REASON = "on Windows, NamedPipe works (the tests above)";

test(
  "off Windows, NamedPipe throws Unsupported before any syscall",
  { skip: onWindows(ON_WINDOWS_REASON) },
  () => {
    const e = assertEarlyIoError(() => new NamedPipe("\\\\.\\pipe\\mio-ts-unsupported"), "Unsupported");
    assert.match(e.message, /Windows/);
    assertEarlyIoError(() => NamedPipe.open("\\\\.\\pipe\\mio-ts-unsupported"), "Unsupported");
    assertEarlyIoError(() => NamedPipe.fromFd(3), "Unsupported");
  },
);
