// mio's tests/unix_pipe.rs, translated, plus BrokenPipe after the reader
// closed (the process lives: SIGPIPE is ignored), descriptor flags,
// vectored I/O, a full pipe, intoFd/fromFd and use after close. mio's
// threads that drop one end become the test dropping it between polls; its
// child process is `cat` with our pipe ends as stdin and stdout.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { type Events, Interest, IoError, pipe, type Poll, Receiver, Sender, Token } from "../mod.ts";
import { expect, expectEvents, expectNoEvents, initWithPoll, Readiness } from "./util/events.ts";
import { assertEarlyIoError, assertIoError, assertWouldBlock, bytes, expectRead } from "./util/io.ts";
import { assertNonBlockingCloexec, fdFlags, isFdOpen } from "./util/descriptors.ts";
import { raisesSigpipe, sigpipeIgnored } from "./util/signals.ts";
import { NOT_ON_WINDOWS, testUnlessWindows } from "./util/skips.ts";

/** `test`, but on Windows each test is skipped with its reason printed: pipes are Unix-only. */
const unixTest = testUnlessWindows(NOT_ON_WINDOWS.pipe);

const RECEIVER = Token(0);
const SENDER = Token(1);
const DATA1 = bytes("Hello world");
const O_NONBLOCK = 0o4000;

/** Runs `fn` with a new pipe, closing both ends afterwards. */
function withPipe(fn: (sender: Sender, receiver: Receiver) => void): void {
  const [sender, receiver] = pipe();
  try {
    fn(sender, receiver);
  } finally {
    sender.close();
    receiver.close();
  }
}

/** mio's expect_one_closed_event: one event, for `token`, read- or write-closed. */
function expectOneClosedEvent(poll: Poll, events: Events, token: Token, read: boolean): void {
  poll.poll(events, 1000);
  const all = [...events];
  assert.equal(all.length, 1, `expected one event, got ${all.map(String).join("; ") || "none"}`);
  const event = all[0];
  assert.equal(event.token(), token, `invalid token, event: ${event}`);
  if (read) assert.ok(event.isReadClosed(), `expected read closed, event: ${event}`);
  else assert.ok(event.isWriteClosed(), `expected write closed, event: ${event}`);
}

unixTest("smoke", () => {
  const [poll, events] = initWithPoll();
  try {
    withPipe((sender, receiver) => {
      const buf = new Uint8Array(20);
      assertWouldBlock(receiver.read(buf));

      poll.registry().register(receiver, RECEIVER, Interest.READABLE);
      poll.registry().register(sender, SENDER, Interest.WRITABLE);

      expectEvents(poll, events, [expect(SENDER, Readiness.WRITABLE)]);
      assert.equal(sender.write(DATA1), DATA1.length);

      expectEvents(poll, events, [expect(RECEIVER, Readiness.READABLE)]);
      expectRead(receiver.read(buf), buf, DATA1);
    });
  } finally {
    poll.close();
  }
});

unixTest("event_when_sender_is_dropped", () => {
  const [poll, events] = initWithPoll();
  try {
    withPipe((sender, receiver) => {
      poll.registry().register(receiver, RECEIVER, Interest.READABLE);
      assert.equal(sender.write(DATA1), DATA1.length);
      expectEvents(poll, events, [expect(RECEIVER, Readiness.READABLE)]);

      sender.close();
      expectOneClosedEvent(poll, events, RECEIVER, true);
    });
  } finally {
    poll.close();
  }
});

unixTest("event_when_receiver_is_dropped", () => {
  const [poll, events] = initWithPoll();
  try {
    withPipe((sender, receiver) => {
      poll.registry().register(sender, SENDER, Interest.WRITABLE);
      expectEvents(poll, events, [expect(SENDER, Readiness.WRITABLE)]);

      receiver.close();
      expectOneClosedEvent(poll, events, SENDER, false);
    });
  } finally {
    poll.close();
  }
});

unixTest("from_child_process_io", async () => {
  // `cat` echoes what we write to its stdin. Its stdin and stdout are the
  // far ends of two of our pipes; our near ends are close-on-exec, so cat
  // holds no copy of them and sees end of file when we close our sender.
  const [sender, catStdin] = pipe();
  const [catStdout, receiver] = pipe();
  const [poll, events] = initWithPoll();
  try {
    const child = spawn("cat", [], { stdio: [catStdin.fd, catStdout.fd, "inherit"] });
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code) => resolve(code));
    });
    catStdin.close();
    catStdout.close();

    poll.registry().register(receiver, RECEIVER, Interest.READABLE);
    poll.registry().register(sender, SENDER, Interest.WRITABLE);

    expectEvents(poll, events, [expect(SENDER, Readiness.WRITABLE)]);
    assert.equal(sender.write(DATA1), DATA1.length);

    expectEvents(poll, events, [expect(RECEIVER, Readiness.READABLE)]);
    const buf = new Uint8Array(20);
    expectRead(receiver.read(buf), buf, DATA1);

    sender.close();
    expectOneClosedEvent(poll, events, RECEIVER, true);
    assert.equal(receiver.read(buf), 0);

    assert.equal(await exited, 0);
  } finally {
    sender.close();
    catStdin.close();
    catStdout.close();
    receiver.close();
    poll.close();
  }
});

// mio's nonblocking_child_process_io: a blocking descriptor taken over and made non-blocking.
unixTest("nonblocking_set_nonblocking", () =>
  withPipe((sender, receiver) => {
    receiver.setNonblocking(false);
    assert.equal(fdFlags(receiver.fd) & O_NONBLOCK, 0, "still non-blocking");
    const taken = Receiver.fromFd(receiver.intoFd());
    try {
      taken.setNonblocking(true);
      assert.notEqual(fdFlags(taken.fd) & O_NONBLOCK, 0);
      assertWouldBlock(taken.read(new Uint8Array(20)));
      sender.setNonblocking(true); // already so: no change
      assertNonBlockingCloexec(sender.fd);
      assert.throws(() => taken.setNonblocking(1 as unknown as boolean), TypeError);
    } finally {
      taken.close();
    }
  }));

unixTest("pipe_ends_are_nonblocking_and_cloexec", () =>
  withPipe((sender, receiver) => {
    assertNonBlockingCloexec(sender.fd);
    assertNonBlockingCloexec(receiver.fd);
    assert.notEqual(sender.fd, receiver.fd);
    assert.equal(sender.takeError(), null);
    assert.equal(receiver.takeError(), null);
  }));

unixTest(
  "write_after_reader_closed_is_broken_pipe_and_the_process_lives",
  () =>
    withPipe((sender, receiver) => {
      receiver.close();
      // write(2) on a pipe raises SIGPIPE (there is no MSG_NOSIGNAL for pipes);
      // every runtime ignores it, so the process lives and write fails with EPIPE.
      assert.ok(sigpipeIgnored(), "this runtime does not ignore SIGPIPE: a pipe write would kill it");
      const errors: IoError[] = [];
      const raised = raisesSigpipe(() => {
        for (const write of [() => sender.write(DATA1), () => sender.writeVectored([DATA1, DATA1])]) {
          try {
            write();
          } catch (e) {
            assert.ok(e instanceof IoError, String(e));
            errors.push(e);
          }
        }
      });
      assert.equal(raised, true, "write(2) to a pipe without readers raises SIGPIPE (the check sees it)");
      assert.equal(errors.length, 2);
      for (const e of errors) {
        assert.equal(e.kind, "BrokenPipe");
        assert.equal(e.code, "EPIPE");
        assert.equal(e.syscall, "write");
        assert.equal(e.errno, 32);
      }
    }),
);

unixTest("read_returns_zero_once_sender_closed_and_drained", () =>
  withPipe((sender, receiver) => {
    assert.equal(sender.write(DATA1), DATA1.length);
    sender.close();
    const buf = new Uint8Array(64);
    expectRead(receiver.read(buf), buf, DATA1);
    assert.equal(receiver.read(buf), 0);
    assert.equal(receiver.read(buf), 0);
  }));

unixTest("vectored_read_and_write", () =>
  withPipe((sender, receiver) => {
    const a = bytes("Hello ");
    const b = bytes("world");
    assert.equal(sender.writeVectored([a, new Uint8Array(0), b]), a.length + b.length);
    const buf1 = new Uint8Array(6).fill(1);
    const buf2 = new Uint8Array(6).fill(2);
    assert.equal(receiver.readVectored([buf1, buf2]), 11);
    assert.deepEqual(buf1, a);
    assert.deepEqual(buf2.subarray(0, 5), b);
    assert.equal(buf2[5], 2, "last byte should be unchanged");
    assertWouldBlock(receiver.readVectored([buf1]));
  }));

unixTest("full_pipe_would_block_then_writable_after_drain", () => {
  const [poll, events] = initWithPoll();
  try {
    withPipe((sender, receiver) => {
      poll.registry().register(sender, SENDER, Interest.WRITABLE);
      expectEvents(poll, events, [expect(SENDER, Readiness.WRITABLE)]);
      const chunk = new Uint8Array(4096).fill(7);
      let total = 0;
      for (let n; (n = sender.write(chunk)) !== null;) {
        total += n;
        assert.ok(total < 1 << 28, "write never reported WouldBlock");
      }
      assertWouldBlock(sender.writeVectored([chunk]));
      expectNoEvents(poll, events);
      const buf = new Uint8Array(65536);
      let drained = 0;
      for (let n; (n = receiver.read(buf)) !== null;) drained += n;
      assert.equal(drained, total);
      expectEvents(poll, events, [expect(SENDER, Readiness.WRITABLE)]);
    });
  } finally {
    poll.close();
  }
});

unixTest("into_fd_and_from_fd", () =>
  withPipe((sender, receiver) => {
    const wfd = sender.intoFd();
    const rfd = receiver.intoFd();
    assert.ok(isFdOpen(wfd) && isFdOpen(rfd));
    sender.close();
    receiver.close();
    assert.ok(isFdOpen(wfd) && isFdOpen(rfd), "close after intoFd closed the descriptor");
    assertEarlyIoError(() => sender.write(DATA1), "BadResource");
    withPipeEnds(Sender.fromFd(wfd), Receiver.fromFd(rfd), (s, r) => {
      assert.equal(s.write(DATA1), DATA1.length);
      const buf = new Uint8Array(20);
      expectRead(r.read(buf), buf, DATA1);
    });
    assert.equal(isFdOpen(wfd) || isFdOpen(rfd), false);
  }));

function withPipeEnds(s: Sender, r: Receiver, fn: (s: Sender, r: Receiver) => void): void {
  try {
    fn(s, r);
  } finally {
    s.close();
    r.close();
  }
}

unixTest("use_after_close_is_bad_resource", () => {
  const [poll] = initWithPoll();
  try {
    withPipe((sender, receiver) => {
      const fds = [sender.fd, receiver.fd];
      poll.registry().register(receiver, RECEIVER, Interest.READABLE);
      sender.close();
      sender.close();
      receiver[Symbol.dispose]();
      assert.equal(fds.some(isFdOpen), false);
      const buf = new Uint8Array(4);
      for (
        const op of [
          () => sender.fd,
          () => sender.write(buf),
          () => sender.writeVectored([buf]),
          () => sender.takeError(),
          () => sender.setNonblocking(true),
          () => sender.intoFd(),
          () => receiver.read(buf),
          () => receiver.readVectored([buf]),
          () => receiver.takeError(),
          () => poll.registry().register(receiver, RECEIVER, Interest.READABLE),
          () => poll.registry().deregister(receiver),
        ]
      ) {
        assertEarlyIoError(op, "BadResource");
      }
    });
  } finally {
    poll.close();
  }
});

unixTest("registration_rules", () => {
  const [poll, events] = initWithPoll();
  const [other] = initWithPoll();
  try {
    withPipe((sender, receiver) => {
      poll.registry().register(receiver, RECEIVER, Interest.READABLE);
      assertIoError(() => poll.registry().register(receiver, RECEIVER, Interest.READABLE), "AlreadyExists");
      assertIoError(() => other.registry().register(receiver, RECEIVER, Interest.READABLE), "AlreadyExists");
      assertIoError(() => poll.registry().deregister(sender), "NotFound");
      assertIoError(() => poll.registry().reregister(sender, SENDER, Interest.WRITABLE), "NotFound");
      poll.registry().reregister(receiver, Token(5), Interest.READABLE);
      assert.equal(sender.write(DATA1), DATA1.length);
      expectEvents(poll, events, [expect(5, Readiness.READABLE)]);
      poll.registry().deregister(receiver);
      assert.equal(sender.write(DATA1), DATA1.length);
      expectNoEvents(poll, events);
    });
  } finally {
    other.close();
    poll.close();
  }
});

unixTest("bad_buffers_and_fds", () =>
  withPipe((sender, receiver) => {
    assert.throws(() => sender.write("x" as unknown as Uint8Array), TypeError);
    assert.throws(() => receiver.read(new ArrayBuffer(4) as unknown as Uint8Array), TypeError);
    assert.throws(() => sender.writeVectored("x" as unknown as Uint8Array[]), TypeError);
    assert.throws(() => Sender.fromFd(-1), RangeError);
    assert.throws(() => Receiver.fromFd(2 ** 31), RangeError);
  }));
