// mio's tests/unix_stream.rs, translated, plus failure cases. mio's
// new_echo_listener/new_noop_listener threads become a UnixEcho on a second
// Poll (pumped while the test waits for its own events) or a plain
// UnixListener the test accepts from when mio's barrier would release.
import assert from "node:assert/strict";
import { join } from "node:path";
import process from "node:process";
import { Events, Interest, IoError, Poll, Token, UnixListener, UnixSocketAddr, UnixStream } from "../mod.ts";
import * as unixGroup from "../src/unix/mod.ts";
import {
  expect,
  expectEvents,
  expectEventsWhile,
  expectNoEvents,
  initWithPoll,
  Readiness,
  waitUntil,
} from "./util/events.ts";
import {
  assertEarlyIoError,
  assertIoError,
  assertWouldBlock,
  bytes,
  checkedWrite,
  expectRead,
} from "./util/io.ts";
import { assertNonBlockingCloexec, isFdOpen } from "./util/descriptors.ts";
import { raisesSigpipe } from "./util/signals.ts";
import { withTempDir } from "./util/files.ts";
import { LINUX_ONLY, NOT_ON_WINDOWS, onSimulatedAbi, testUnlessWindows } from "./util/skips.ts";

/** `test`, but on Windows each test is skipped with its reason printed: Unix-domain sockets are Unix-only. */
const unixTest = testUnlessWindows(NOT_ON_WINDOWS.uds);

const DATA1 = bytes("Hello same host!");
const DATA2 = bytes("Why hello mio!");
const TOKEN_1 = Token(0);
const TOKEN_2 = Token(1);

/**
 * mio's new_echo_listener without a thread: a UnixListener at `path` on its
 * own Poll that echoes what it reads, one step per `pump()`, and closes a
 * connection at end of stream (or a reset, as mio's does).
 */
class UnixEcho {
  /** Connections that reached end of stream. */
  finished = 0;
  readonly #listener: UnixListener;
  readonly #poll = new Poll();
  readonly #events = new Events(16);
  readonly #conns = new Map<number, { stream: UnixStream; pending: Uint8Array }>();
  readonly #buf = new Uint8Array(64);
  #next = 1;

  constructor(readonly path: string) {
    this.#listener = UnixListener.bind(path);
    this.#poll.registry().register(this.#listener, Token(0), Interest.READABLE);
  }

  pump(): void {
    this.#poll.poll(this.#events, 0);
    for (const event of this.#events) {
      if (event.token() === 0) {
        let accepted;
        while ((accepted = this.#listener.accept()) !== null) {
          const token = this.#next++;
          this.#poll.registry().register(accepted[0], Token(token), Interest.READABLE | Interest.WRITABLE);
          this.#conns.set(token, { stream: accepted[0], pending: new Uint8Array(0) });
        }
      } else {
        this.#serve(event.token());
      }
    }
  }

  #serve(token: number): void {
    const conn = this.#conns.get(token);
    if (conn === undefined) return;
    for (;;) {
      while (conn.pending.byteLength > 0) {
        let n: number | null;
        try {
          n = conn.stream.write(conn.pending);
        } catch (e) {
          if (!(e instanceof IoError && e.kind === "BrokenPipe")) throw e;
          conn.pending = new Uint8Array(0);
          break;
        }
        if (n === null) return;
        conn.pending = conn.pending.subarray(n);
      }
      let n: number | null;
      try {
        n = conn.stream.read(this.#buf);
      } catch (e) {
        if (!(e instanceof IoError && ["ConnectionReset", "ConnectionAborted"].includes(e.kind))) throw e;
        n = 0;
      }
      if (n === null) return;
      if (n === 0) {
        conn.stream.close();
        this.#conns.delete(token);
        this.finished++;
        return;
      }
      conn.pending = this.#buf.slice(0, n);
    }
  }

  /** Pumps until `n` connections finished (mio's `handle.join()`); fails after `WAIT_BOUND_MS` (`waitUntil`). */
  finish(n: number): void {
    waitUntil(() => {
      this.pump();
      return this.finished >= n ? true : null;
    });
  }

  close(): void {
    for (const conn of this.#conns.values()) conn.stream.close();
    this.#listener.close();
    this.#poll.close();
  }
}

/**
 * Runs `fn` with a stream connected (by `connect`) to a UnixEcho in a
 * temporary directory, and a Poll; then closes the stream and joins the
 * echo server.
 */
function withEcho(
  fn: (stream: UnixStream, poll: Poll, events: Events, pump: () => void, echo: UnixEcho) => void,
  connect: (path: string) => UnixStream = (path) => UnixStream.connect(path),
): void {
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const echo = new UnixEcho(join(dir, "echo.sock"));
    let stream: UnixStream | null = null;
    try {
      stream = connect(echo.path);
      fn(stream, poll, events, () => echo.pump(), echo);
      // Close the connection to allow the echo server to finish.
      stream.close();
      echo.finish(1);
    } finally {
      stream?.close();
      echo.close();
      poll.close();
    }
  });
}

function smokeTest(connect: (path: string) => UnixStream): void {
  withEcho((stream, poll, events, pump) => {
    assertNonBlockingCloexec(stream.fd);

    poll.registry().register(stream, TOKEN_1, Interest.WRITABLE | Interest.READABLE);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)], pump);

    const buf = new Uint8Array(64);
    assertWouldBlock(stream.read(buf));

    checkedWrite(stream.write(DATA1), DATA1);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.READABLE)], pump);

    expectRead(stream.read(buf), buf, DATA1);
    assert.equal(stream.takeError(), null);
    assertWouldBlock(stream.read(buf));

    const wrote = stream.writeVectored([DATA1, DATA2]);
    assert.equal(wrote, DATA1.length + DATA2.length);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.READABLE)], pump);

    const buf1 = new Uint8Array(DATA1.length).fill(1);
    const buf2 = new Uint8Array(DATA2.length + 1).fill(2);
    const read = waitUntil(() => stream.readVectored([buf1, buf2]));
    assert.equal(read, DATA1.length + DATA2.length);
    assert.deepEqual(buf1, DATA1);
    assert.deepEqual(buf2.subarray(0, DATA2.length), DATA2);
    assert.equal(buf2[DATA2.length], 2, "last byte should be unchanged");
  }, connect);
}

unixTest("unix_stream_smoke", () => smokeTest((path) => UnixStream.connect(path)));

// mio's unix_stream_from_std: a socket made elsewhere, handed over with intoFd/fromFd.
unixTest("unix_stream_from_fd", () =>
  smokeTest((path) => {
    const other = UnixStream.connect(path);
    return UnixStream.fromFd(other.intoFd());
  }));

unixTest("unix_stream_from_subpath_module", () => smokeTest((path) => unixGroup.UnixStream.connect(path)));

/** mio's unix_stream_connect(_addr): the stream is writable, then readable once the accepted side is dropped. */
function connectThenPeerDrops(connect: (listener: UnixListener, path: string) => UnixStream): void {
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const path = join(dir, "sock");
    const listener = UnixListener.bind(path);
    let stream: UnixStream | null = null;
    try {
      stream = connect(listener, path);
      const [accepted] = waitUntil(() => listener.accept());
      poll.registry().register(stream, TOKEN_1, Interest.READABLE | Interest.WRITABLE);
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);

      accepted.close(); // barrier.wait(); drop(stream)
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE)]);
    } finally {
      stream?.close();
      listener.close();
      poll.close();
    }
  });
}

unixTest("unix_stream_connect", () => connectThenPeerDrops((_, path) => UnixStream.connect(path)));

unixTest(
  "unix_stream_connect_addr",
  () => connectThenPeerDrops((listener) => UnixStream.connectAddr(listener.localAddr())),
);

unixTest(
  "unix_stream_connect_addr_object",
  () => connectThenPeerDrops((_, path) => UnixStream.connectAddr({ path })),
);

unixTest("unix_stream_pair", () => {
  const [poll, events] = initWithPoll();
  const [s1, s2] = UnixStream.pair();
  try {
    poll.registry().register(s1, TOKEN_1, Interest.READABLE | Interest.WRITABLE);
    poll.registry().register(s2, TOKEN_2, Interest.READABLE | Interest.WRITABLE);
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);

    const buf = new Uint8Array(64);
    assertWouldBlock(s1.read(buf));

    checkedWrite(s1.write(DATA1), DATA1);
    expectRead(s2.read(buf), buf, DATA1);
    assertWouldBlock(s2.read(buf));

    checkedWrite(s2.write(DATA2), DATA2);
    expectRead(s1.read(buf), buf, DATA2);
    assertWouldBlock(s2.read(buf));
  } finally {
    s1.close();
    s2.close();
    poll.close();
  }
});

unixTest("unix_stream_pair_descriptors_and_addresses", () => {
  const [s1, s2] = UnixStream.pair();
  try {
    assertNonBlockingCloexec(s1.fd);
    assertNonBlockingCloexec(s2.fd);
    for (const addr of [s1.localAddr(), s1.peerAddr(), s2.localAddr(), s2.peerAddr()]) {
      assert.ok(addr instanceof UnixSocketAddr);
      assert.equal(addr.path, null);
      assert.equal(addr.abstract, null);
      assert.ok(addr.isUnnamed());
      assert.equal(String(addr), "(unnamed)");
    }
  } finally {
    s1.close();
    s2.close();
  }
});

unixTest("unix_stream_peer_addr", () =>
  withEcho((stream, _poll, _events, _pump, echo) => {
    assert.equal(stream.peerAddr().path, echo.path);
    assert.equal(stream.peerAddr().abstract, null);
    assert.equal(String(stream.peerAddr()), echo.path);
    assert.equal(stream.localAddr().path, null);
    assert.ok(stream.localAddr().isUnnamed());
  }));

unixTest("unix_stream_shutdown_read", () =>
  withEcho((stream, poll, events, pump) => {
    poll.registry().register(stream, TOKEN_1, Interest.READABLE | Interest.WRITABLE);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)], pump);

    checkedWrite(stream.write(DATA1), DATA1);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.READABLE)], pump);

    stream.shutdown("read");
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.READ_CLOSED)]);
  }));

unixTest("unix_stream_shutdown_write", () =>
  withEcho((stream, poll, events, pump) => {
    poll.registry().register(stream, TOKEN_1, Interest.WRITABLE | Interest.READABLE);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)], pump);

    checkedWrite(stream.write(DATA1), DATA1);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.READABLE)], pump);

    stream.shutdown("write");
    const err = assertIoError(() => stream.write(DATA2), "BrokenPipe");
    assert.equal(err.code, "EPIPE");

    // Read should be ok.
    const buf = new Uint8Array(64);
    expectRead(stream.read(buf), buf, DATA1);
  }));

unixTest("unix_stream_shutdown_both", () =>
  withEcho((stream, poll, events, pump) => {
    poll.registry().register(stream, TOKEN_1, Interest.WRITABLE | Interest.READABLE);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)], pump);

    checkedWrite(stream.write(DATA1), DATA1);
    expectEventsWhile(poll, events, [expect(TOKEN_1, Readiness.READABLE)], pump);

    stream.shutdown("both");
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITE_CLOSED)]);

    assertIoError(() => stream.write(DATA2), "BrokenPipe");
  }));

unixTest("unix_stream_shutdown_bad_how", () => {
  const [s1, s2] = UnixStream.pair();
  try {
    for (const how of ["READ", "", null, 0]) {
      assert.throws(() => s1.shutdown(how as unknown as "read"), TypeError, String(how));
    }
  } finally {
    s1.close();
    s2.close();
  }
});

// mio's new_noop_listener: the accepted side shuts its write half down.
unixTest("unix_stream_shutdown_listener_write", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const path = join(dir, "sock");
    const listener = UnixListener.bind(path);
    let stream: UnixStream | null = null;
    let accepted: UnixStream | null = null;
    try {
      stream = UnixStream.connect(path);
      accepted = waitUntil(() => listener.accept())[0];
      poll.registry().register(stream, TOKEN_1, Interest.READABLE | Interest.WRITABLE);
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);

      accepted.shutdown("write");
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.READ_CLOSED)]);
      assert.equal(stream.read(new Uint8Array(8)), 0, "end of stream after the peer's shutdown");
    } finally {
      accepted?.close();
      stream?.close();
      listener.close();
      poll.close();
    }
  }));

unixTest("unix_stream_register", () =>
  withEcho((stream, poll, events) => {
    poll.registry().register(stream, TOKEN_1, Interest.READABLE);
    expectNoEvents(poll, events);
  }));

unixTest("unix_stream_reregister", () =>
  withEcho((stream, poll, events) => {
    poll.registry().register(stream, TOKEN_1, Interest.READABLE);
    poll.registry().reregister(stream, TOKEN_1, Interest.WRITABLE);
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);
  }));

unixTest("unix_stream_deregister", () =>
  withEcho((stream, poll, events) => {
    poll.registry().register(stream, TOKEN_1, Interest.WRITABLE);
    poll.registry().deregister(stream);
    expectNoEvents(poll, events);
  }));

unixTest("unix_stream_peek", () => {
  const [s1, s2] = UnixStream.pair();
  try {
    const buf = new Uint8Array(64);
    assertWouldBlock(s2.peek(buf));
    checkedWrite(s1.write(DATA1), DATA1);
    expectRead(s2.peek(buf), buf, DATA1);
    expectRead(s2.peek(buf), buf, DATA1);
    expectRead(s2.read(buf), buf, DATA1);
    assertWouldBlock(s2.peek(buf));
  } finally {
    s1.close();
    s2.close();
  }
});

unixTest("unix_stream_read_zero_after_peer_close", () => {
  const [s1, s2] = UnixStream.pair();
  try {
    checkedWrite(s1.write(DATA1), DATA1);
    s1.close();
    const buf = new Uint8Array(64);
    expectRead(s2.read(buf), buf, DATA1);
    assert.equal(s2.read(buf), 0);
    assert.equal(s2.read(buf), 0);
  } finally {
    s1.close();
    s2.close();
  }
});

unixTest("unix_stream_write_to_closed_peer_is_broken_pipe_without_sigpipe", () => {
  const [s1, s2] = UnixStream.pair();
  try {
    s2.close();
    const errors: IoError[] = [];
    const raised = raisesSigpipe(() => {
      for (const write of [() => s1.write(DATA1), () => s1.writeVectored([DATA1, DATA2])]) {
        try {
          write();
        } catch (e) {
          assert.ok(e instanceof IoError, String(e));
          errors.push(e);
        }
      }
    });
    assert.equal(raised, false, "a write to a closed peer raised SIGPIPE (send without MSG_NOSIGNAL)");
    assert.equal(errors.length, 2, "writes to a closed peer succeeded");
    for (const e of errors) {
      assert.equal(e.kind, "BrokenPipe");
      assert.equal(e.code, "EPIPE");
      assert.equal(e.syscall, "send");
    }
  } finally {
    s1.close();
    s2.close();
  }
});

unixTest("unix_stream_connect_to_missing_path_is_not_found", () =>
  withTempDir((dir) => {
    const e = assertIoError(() => UnixStream.connect(join(dir, "nothing-here")), "NotFound");
    assert.equal(e.code, "ENOENT");
    assert.equal(e.syscall, "connect");
    assert.ok(e.message.includes(join(dir, "nothing-here")), e.message);
  }));

unixTest("unix_stream_connect_to_closed_listener_path_is_refused", () =>
  withTempDir((dir) => {
    const path = join(dir, "sock");
    UnixListener.bind(path).close(); // leaves the socket file, as mio does
    const e = assertIoError(() => UnixStream.connect(path), "ConnectionRefused");
    assert.equal(e.code, "ECONNREFUSED");
  }));

unixTest("unix_stream_bad_paths_are_invalid_input_before_any_syscall", {
  skip: onSimulatedAbi(LINUX_ONLY.sunPath),
}, () =>
  withTempDir((dir) => {
    const fits = dir + "/" + "a".repeat(107 - dir.length - 1); // 107 bytes + NUL = sun_path
    const tooLong = fits + "b";
    assert.equal(new TextEncoder().encode(fits).length, 107);
    const listener = UnixListener.bind(fits);
    const stream = UnixStream.connect(fits);
    stream.close();
    listener.close();

    assertEarlyIoError(() => UnixStream.connect(tooLong), "InvalidInput");
    assertEarlyIoError(() => UnixStream.connect("é".repeat(54)), "InvalidInput"); // 108 UTF-8 bytes
    assertEarlyIoError(() => UnixStream.connect(join(dir, "nul\0byte")), "InvalidInput");
    assertEarlyIoError(() => UnixStream.connect(""), "InvalidInput");
    assertEarlyIoError(() => UnixStream.connect(42 as unknown as string), "InvalidInput");
    assertEarlyIoError(() => UnixStream.connectAddr({ abstract: new Uint8Array(108) }), "InvalidInput");
    assertEarlyIoError(() => UnixStream.connectAddr({}), "InvalidInput");
    assertEarlyIoError(
      () => UnixStream.connectAddr({ path: "/x", abstract: new Uint8Array(1) }),
      "InvalidInput",
    );
    const e = assertEarlyIoError(() => UnixStream.connect(tooLong), "InvalidInput");
    assert.match(e.message, /shorter than SUN_LEN/);
  }));

unixTest("unix_stream_abstract_address_round_trip", { skip: onSimulatedAbi(LINUX_ONLY.abstract) }, () => {
  const name = bytes(`mio-ts-stream-${process.pid}-${Math.random()}`);
  const listener = UnixListener.bindAddr({ abstract: name });
  let stream: UnixStream | null = null;
  let accepted: UnixStream | null = null;
  try {
    assert.deepEqual(listener.localAddr().abstract, name);
    assert.equal(listener.localAddr().path, null);
    stream = UnixStream.connectAddr(UnixSocketAddr.fromAbstractName(name));
    accepted = waitUntil(() => listener.accept())[0];
    assert.deepEqual(stream.peerAddr().abstract, name);
    assert.deepEqual(accepted.localAddr().abstract, name);
    assert.ok(accepted.peerAddr().isUnnamed());
    checkedWrite(stream.write(DATA1), DATA1);
    const buf = new Uint8Array(64);
    expectRead(waitUntil(() => accepted!.read(buf)), buf, DATA1);
  } finally {
    accepted?.close();
    stream?.close();
    listener.close();
  }
});

unixTest("unix_stream_use_after_close_is_bad_resource", () => {
  const [s1, s2] = UnixStream.pair();
  const [poll] = initWithPoll();
  try {
    const fd = s1.fd;
    s1.close();
    s1.close(); // idempotent
    assert.equal(isFdOpen(fd), false);
    const buf = new Uint8Array(8);
    for (
      const op of [
        () => s1.fd,
        () => s1.read(buf),
        () => s1.write(buf),
        () => s1.readVectored([buf]),
        () => s1.writeVectored([buf]),
        () => s1.peek(buf),
        () => s1.shutdown("both"),
        () => s1.localAddr(),
        () => s1.peerAddr(),
        () => s1.takeError(),
        () => s1.intoFd(),
        () => poll.registry().register(s1, TOKEN_1, Interest.READABLE),
      ]
    ) {
      assertEarlyIoError(op, "BadResource");
    }
    s2[Symbol.dispose]();
    assertEarlyIoError(() => s2.read(buf), "BadResource");
  } finally {
    s1.close();
    s2.close();
    poll.close();
  }
});

unixTest("unix_stream_into_fd_gives_up_the_descriptor", () => {
  const [s1, s2] = UnixStream.pair();
  let back: UnixStream | null = null;
  try {
    const fd = s1.intoFd();
    assert.ok(isFdOpen(fd));
    assertEarlyIoError(() => s1.write(DATA1), "BadResource");
    s1.close(); // closes nothing: the descriptor was given up
    assert.ok(isFdOpen(fd));
    back = UnixStream.fromFd(fd);
    checkedWrite(back.write(DATA1), DATA1);
    const buf = new Uint8Array(64);
    expectRead(s2.read(buf), buf, DATA1);
  } finally {
    back?.close();
    s2.close();
  }
});

unixTest("unix_stream_bad_buffers_and_fds", () => {
  const [s1, s2] = UnixStream.pair();
  try {
    assert.throws(() => s1.write("text" as unknown as Uint8Array), TypeError);
    assert.throws(() => s1.read([1, 2] as unknown as Uint8Array), TypeError);
    assert.throws(() => s1.writeVectored([DATA1, "x" as unknown as Uint8Array]), TypeError);
    assert.throws(() => UnixStream.fromFd(-1), RangeError);
    assert.throws(() => UnixStream.fromFd(1.5), RangeError);
  } finally {
    s1.close();
    s2.close();
  }
});
