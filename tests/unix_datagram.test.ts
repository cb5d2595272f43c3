// mio's tests/unix_datagram.rs, translated, plus sends to closed or missing
// peers, abstract and unnamed senders, truncation, a full socket buffer and
// failure cases.
import assert from "node:assert/strict";
import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { Interest, IoError, Token, UnixDatagram, UnixSocketAddr } from "../mod.ts";
import { expect, expectEvents, expectNoEvents, initWithPoll, Readiness } from "./util/events.ts";
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

/** Runs `fn` with two datagram sockets, closing both afterwards. */
function withTwo(
  make: () => [UnixDatagram, UnixDatagram],
  fn: (d1: UnixDatagram, d2: UnixDatagram) => void,
): void {
  const [d1, d2] = make();
  try {
    fn(d1, d2);
  } finally {
    d1.close();
    d2.close();
  }
}

/** Two sockets bound at paths in `dir`; `make` binds one. */
function boundAt(dir: string, make: (path: string) => UnixDatagram): () => [UnixDatagram, UnixDatagram] {
  return () => {
    const d1 = make(join(dir, "d1.sock"));
    try {
      return [d1, make(join(dir, "d2.sock"))];
    } catch (e) {
      d1.close();
      throw e;
    }
  };
}

function smokeTestUnconnected(d1: UnixDatagram, d2: UnixDatagram): void {
  const [poll, events] = initWithPoll();
  try {
    assertNonBlockingCloexec(d1.fd);
    assertNonBlockingCloexec(d2.fd);

    const addr1 = d1.localAddr();
    const addr2 = d2.localAddr();
    const path1 = addr1.path;
    const path2 = addr2.path;
    assert.ok(path1 !== null && path2 !== null, "failed to get pathname");

    poll.registry().register(d1, TOKEN_1, Interest.READABLE | Interest.WRITABLE);
    poll.registry().register(d2, TOKEN_2, Interest.READABLE | Interest.WRITABLE);
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE), expect(TOKEN_2, Readiness.WRITABLE)]);

    const buf = new Uint8Array(64);
    assertWouldBlock(d1.recvFrom(buf));
    assertWouldBlock(d2.recvFrom(buf));

    checkedWrite(d1.sendTo(DATA1, path2), DATA1);
    checkedWrite(d2.sendTo(DATA2, addr1), DATA2);
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE), expect(TOKEN_2, Readiness.READABLE)]);

    const r1 = d1.recvFrom(buf);
    assert.notEqual(r1, null);
    expectRead(r1![0], buf, DATA2);
    assert.equal(r1![1].path, path2);
    const r2 = d2.recvFrom(buf);
    assert.notEqual(r2, null);
    expectRead(r2![0], buf, DATA1);
    assert.equal(r2![1].path, path1);

    assert.equal(d1.takeError(), null);
    assert.equal(d2.takeError(), null);
  } finally {
    poll.close();
  }
}

function smokeTestConnected(d1: UnixDatagram, d2: UnixDatagram): void {
  const [poll, events] = initWithPoll();
  try {
    assertNonBlockingCloexec(d1.fd);
    assertNonBlockingCloexec(d2.fd);

    const local1 = d1.localAddr();
    const peer1 = d1.peerAddr();
    const local2 = d2.localAddr();
    const peer2 = d2.peerAddr();
    assert.ok(local1.path !== null && local2.path !== null, "failed to get pathname");
    assert.equal(local1.path, peer2.path);
    assert.equal(local2.path, peer1.path);

    poll.registry().register(d1, TOKEN_1, Interest.READABLE | Interest.WRITABLE);
    poll.registry().register(d2, TOKEN_2, Interest.READABLE | Interest.WRITABLE);
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE), expect(TOKEN_2, Readiness.WRITABLE)]);

    const buf = new Uint8Array(64);
    assertWouldBlock(d1.recv(buf));
    assertWouldBlock(d2.recv(buf));

    checkedWrite(d1.send(DATA1), DATA1);
    checkedWrite(d2.send(DATA2), DATA2);
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE), expect(TOKEN_2, Readiness.READABLE)]);

    expectRead(d1.recv(buf), buf, DATA2);
    expectRead(d2.recv(buf), buf, DATA1);

    assert.equal(d1.takeError(), null);
    assert.equal(d2.takeError(), null);
  } finally {
    poll.close();
  }
}

/** Connects each of the two bound sockets to the other. */
function connectEachOther(d1: UnixDatagram, d2: UnixDatagram): void {
  d1.connect(d2.localAddr().path!);
  d2.connect(d1.localAddr().path!);
}

unixTest(
  "unix_datagram_smoke_unconnected",
  () => withTempDir((dir) => withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), smokeTestUnconnected)),
);

unixTest(
  "unix_datagram_smoke_connected",
  () =>
    withTempDir((dir) =>
      withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), (d1, d2) => {
        connectEachOther(d1, d2);
        smokeTestConnected(d1, d2);
      })
    ),
);

// mio's *_from_std: sockets made elsewhere, handed over with intoFd/fromFd.
unixTest("unix_datagram_smoke_unconnected_from_fd", () =>
  withTempDir((dir) =>
    withTwo(
      boundAt(dir, (p) => UnixDatagram.fromFd(UnixDatagram.bind(p).intoFd())),
      smokeTestUnconnected,
    )
  ));

unixTest(
  "unix_datagram_smoke_connected_from_fd",
  () =>
    withTempDir((dir) =>
      withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), (d1, d2) => {
        connectEachOther(d1, d2);
        withTwo(
          () => [UnixDatagram.fromFd(d1.intoFd()), UnixDatagram.fromFd(d2.intoFd())],
          smokeTestConnected,
        );
      })
    ),
);

unixTest(
  "unix_datagram_connect",
  () =>
    withTempDir((dir) =>
      withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), (d1, d2) => {
        // Each connects to itself, as mio's test does.
        d1.connect(d1.localAddr().path!);
        d2.connect(d2.localAddr());
        assert.equal(d1.peerAddr().path, d1.localAddr().path);
        assert.equal(d2.peerAddr().path, d2.localAddr().path);
      })
    ),
);

unixTest("unix_datagram_pair", () => {
  const [poll, events] = initWithPoll();
  try {
    withTwo(() => UnixDatagram.pair(), (d1, d2) => {
      poll.registry().register(d1, TOKEN_1, Interest.READABLE | Interest.WRITABLE);
      poll.registry().register(d2, TOKEN_2, Interest.READABLE | Interest.WRITABLE);
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE), expect(TOKEN_2, Readiness.WRITABLE)]);

      const buf = new Uint8Array(64);
      assertWouldBlock(d1.recv(buf));
      assertWouldBlock(d2.recv(buf));

      checkedWrite(d1.send(DATA1), DATA1);
      checkedWrite(d2.send(DATA2), DATA2);
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE), expect(TOKEN_2, Readiness.READABLE)]);

      expectRead(d1.recv(buf), buf, DATA2);
      expectRead(d2.recv(buf), buf, DATA1);

      assert.equal(d1.takeError(), null);
      assert.equal(d2.takeError(), null);
    });
  } finally {
    poll.close();
  }
});

unixTest("unix_datagram_pair_and_unbound_are_unnamed_nonblocking_cloexec", () => {
  withTwo(() => UnixDatagram.pair(), (d1, d2) => {
    for (const d of [d1, d2]) {
      assertNonBlockingCloexec(d.fd);
      assert.ok(d.localAddr().isUnnamed());
      assert.ok(d.peerAddr().isUnnamed());
    }
  });
  const unbound = UnixDatagram.unbound();
  try {
    assertNonBlockingCloexec(unbound.fd);
    assert.ok(unbound.localAddr().isUnnamed());
    assertIoError(() => unbound.peerAddr(), "NotConnected");
  } finally {
    unbound.close();
  }
});

unixTest("unix_datagram_shutdown", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const path2 = join(dir, "d2.sock");
    try {
      withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), (d1, d2) => {
        poll.registry().register(d1, TOKEN_1, Interest.WRITABLE | Interest.READABLE);
        poll.registry().register(d2, TOKEN_2, Interest.WRITABLE | Interest.READABLE);

        d1.connect(path2);
        expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);

        checkedWrite(d1.send(DATA1), DATA1);
        expectEvents(poll, events, [expect(TOKEN_2, Readiness.READABLE)]);

        d1.shutdown("read");
        expectEvents(poll, events, [expect(TOKEN_1, Readiness.READ_CLOSED)]);

        d1.shutdown("write");
        expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITE_CLOSED)]);

        const err = assertIoError(() => d1.send(DATA2), "BrokenPipe");
        assert.equal(err.code, "EPIPE");

        assert.equal(d1.takeError(), null);
        assert.throws(() => d1.shutdown("sideways" as unknown as "read"), TypeError);
      });
    } finally {
      poll.close();
    }
  }));

unixTest("unix_datagram_register", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const d = UnixDatagram.bind(join(dir, "register.sock"));
    try {
      poll.registry().register(d, TOKEN_1, Interest.READABLE);
      expectNoEvents(poll, events);
    } finally {
      d.close();
      poll.close();
    }
  }));

unixTest("unix_datagram_reregister", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    try {
      withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), (d1, d2) => {
        poll.registry().register(d1, TOKEN_1, Interest.READABLE);
        d2.connect(d1.localAddr().path!);
        poll.registry().reregister(d1, TOKEN_1, Interest.WRITABLE);
        expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);
      });
    } finally {
      poll.close();
    }
  }));

unixTest("unix_datagram_deregister", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    try {
      withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), (d1, d2) => {
        poll.registry().register(d1, TOKEN_1, Interest.WRITABLE);
        d2.connect(d1.localAddr().path!);
        poll.registry().deregister(d1);
        expectNoEvents(poll, events);
      });
    } finally {
      poll.close();
    }
  }));

unixTest(
  "unix_datagram_send_to_closed_peer_is_refused_without_sigpipe",
  () =>
    withTempDir((dir) =>
      withTwo(boundAt(dir, (p) => UnixDatagram.bind(p)), (d1, d2) => {
        d1.connect(d2.localAddr());
        d2.close();
        let error: unknown = null;
        const raised = raisesSigpipe(() => {
          try {
            d1.send(DATA1);
          } catch (e) {
            error = e;
          }
        });
        assert.equal(raised, false, "a send to a closed peer raised SIGPIPE");
        // Linux: the first send after the peer went away is refused.
        assert.ok(error instanceof IoError, `expected IoError, got ${String(error)}`);
        assert.equal(error.kind, "ConnectionRefused");
        assert.equal(error.code, "ECONNREFUSED");
        // The socket file the closed peer left refuses sendTo too.
        const e = assertIoError(() => d1.sendTo(DATA1, join(dir, "d2.sock")), "ConnectionRefused");
        assert.equal(e.syscall, "sendto");
      })
    ),
);

unixTest("unix_datagram_send_to_closed_pair_peer", () =>
  withTwo(() => UnixDatagram.pair(), (d1, d2) => {
    d2.close();
    const e = assertIoError(() => d1.send(DATA1), "ConnectionRefused");
    assert.equal(e.code, "ECONNREFUSED");
  }));

unixTest("unix_datagram_send_to_missing_path_is_not_found", () =>
  withTempDir((dir) => {
    const d = UnixDatagram.unbound();
    try {
      const e = assertIoError(() => d.sendTo(DATA1, join(dir, "nobody")), "NotFound");
      assert.equal(e.code, "ENOENT");
      assertIoError(() => d.connect(join(dir, "nobody")), "NotFound");
      // Unconnected: send has no destination.
      assertIoError(() => d.send(DATA1), "NotConnected");
    } finally {
      d.close();
    }
  }));

unixTest("unix_datagram_unbound_sender_is_unnamed", () =>
  withTempDir((dir) => {
    const path = join(dir, "recv.sock");
    withTwo(() => [UnixDatagram.unbound(), UnixDatagram.bind(path)], (sender, receiver) => {
      checkedWrite(sender.sendTo(DATA1, path), DATA1);
      const buf = new Uint8Array(64);
      const r = receiver.recvFrom(buf);
      assert.notEqual(r, null);
      expectRead(r![0], buf, DATA1);
      assert.ok(r![1].isUnnamed(), String(r![1]));
      assert.equal(String(r![1]), "(unnamed)");
    });
  }));

unixTest("unix_datagram_abstract_addresses_round_trip", { skip: onSimulatedAbi(LINUX_ONLY.abstract) }, () => {
  const tag = `${process.pid}-${Math.random()}`;
  const name1 = bytes(`mio-ts-dgram-1-${tag}`);
  const name2 = bytes(`mio-ts-dgram-2-${tag}`);
  withTwo(
    () => [UnixDatagram.bindAddr({ abstract: name1 }), UnixDatagram.bindAddr({ abstract: name2 })],
    (d1, d2) => {
      assert.deepEqual(d1.localAddr().abstract, name1);
      assert.equal(d1.localAddr().path, null);
      checkedWrite(d1.sendTo(DATA1, UnixSocketAddr.fromAbstractName(name2)), DATA1);
      checkedWrite(d2.sendTo(DATA2, { abstract: name1 }), DATA2);
      const buf = new Uint8Array(64);
      const r2 = d2.recvFrom(buf);
      expectRead(r2![0], buf, DATA1);
      assert.deepEqual(r2![1].abstract, name1);
      assert.equal(r2![1].path, null);
      const r1 = d1.recvFrom(buf);
      expectRead(r1![0], buf, DATA2);
      assert.deepEqual(r1![1].abstract, name2);
      // A sender's address can be sent back to as is.
      checkedWrite(d2.sendTo(DATA2, r2![1]), DATA2);
      expectRead(d1.recv(buf), buf, DATA2);
    },
  );
});

unixTest(
  "unix_datagram_unnamed_bind_autobinds",
  { skip: onSimulatedAbi(LINUX_ONLY.autobind) },
  () =>
    withTwo(
      () => [UnixDatagram.bindAddr({ path: null, abstract: null }), UnixDatagram.unbound()],
      (d1, d2) => {
        const addr = d1.localAddr();
        assert.equal(addr.path, null);
        assert.match(new TextDecoder().decode(addr.abstract!), /^[0-9a-f]{5}$/);
        checkedWrite(d2.sendTo(DATA1, addr), DATA1);
        const buf = new Uint8Array(64);
        expectRead(d1.recv(buf), buf, DATA1);
      },
    ),
);

unixTest("unix_datagram_long_datagram_is_truncated", () =>
  withTwo(() => UnixDatagram.pair(), (d1, d2) => {
    checkedWrite(d1.send(DATA1), DATA1);
    checkedWrite(d1.send(DATA2), DATA2);
    const small = new Uint8Array(5);
    expectRead(d2.recv(small), small, DATA1.subarray(0, 5));
    // The rest of the first datagram is gone: the next recv gets the second.
    const buf = new Uint8Array(64);
    expectRead(d2.recv(buf), buf, DATA2);
  }));

unixTest("unix_datagram_full_buffer_would_block_then_writable", () => {
  const [poll, events] = initWithPoll();
  try {
    withTwo(() => UnixDatagram.pair(), (d1, d2) => {
      poll.registry().register(d1, TOKEN_1, Interest.WRITABLE);
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);
      const chunk = new Uint8Array(1024);
      let sent = 0;
      while (d1.send(chunk) !== null) {
        sent++;
        assert.ok(sent < 1_000_000, "send never reported WouldBlock");
      }
      assert.ok(sent > 0);
      expectNoEvents(poll, events);
      const buf = new Uint8Array(2048);
      for (let i = 0; i < sent; i++) assert.equal(d2.recv(buf), chunk.length);
      assertWouldBlock(d2.recv(buf));
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.WRITABLE)]);
    });
  } finally {
    poll.close();
  }
});

unixTest("unix_datagram_close_leaves_the_socket_file", () =>
  withTempDir((dir) => {
    const path = join(dir, "left.sock");
    UnixDatagram.bind(path).close();
    assert.ok(existsSync(path) && lstatSync(path).isSocket(), "the socket file is gone after close");
    assertIoError(() => UnixDatagram.bind(path), "AddrInUse");
  }));

unixTest(
  "unix_datagram_bad_addresses_are_invalid_input_before_any_syscall",
  { skip: onSimulatedAbi(LINUX_ONLY.sunPath) },
  () =>
    withTempDir((dir) =>
      withTwo(() => UnixDatagram.pair(), (d) => {
        const tooLong = dir + "/" + "x".repeat(108 - dir.length - 1);
        assertEarlyIoError(() => UnixDatagram.bind(tooLong), "InvalidInput");
        assert.equal(existsSync(tooLong), false);
        assertEarlyIoError(() => UnixDatagram.bind(`${dir}/nul\0`), "InvalidInput");
        assertEarlyIoError(() => UnixDatagram.bindAddr({ abstract: new Uint8Array(200) }), "InvalidInput");
        assertEarlyIoError(() => d.sendTo(DATA1, tooLong), "InvalidInput");
        assertEarlyIoError(() => d.sendTo(DATA1, ""), "InvalidInput");
        assertEarlyIoError(() => d.sendTo(DATA1, 7 as unknown as string), "InvalidInput");
        assertEarlyIoError(() => d.connect(`${dir}/a\0b`), "InvalidInput");
        assertEarlyIoError(() => d.connect({ path: "x", abstract: new Uint8Array(2) }), "InvalidInput");
        assert.throws(() => d.sendTo("text" as unknown as Uint8Array, `${dir}/x`), TypeError);
        assert.throws(() => d.recvFrom(null as unknown as Uint8Array), TypeError);
        assert.throws(() => d.send([1] as unknown as Uint8Array), TypeError);
        assert.throws(() => UnixDatagram.fromFd(-3), RangeError);
      })
    ),
);

unixTest("unix_datagram_use_after_close_is_bad_resource", () => {
  const [poll] = initWithPoll();
  const [d1, d2] = UnixDatagram.pair();
  try {
    const fd = d1.fd;
    d1.close();
    d1.close();
    assert.equal(isFdOpen(fd), false);
    const buf = new Uint8Array(8);
    for (
      const op of [
        () => d1.fd,
        () => d1.send(buf),
        () => d1.recv(buf),
        () => d1.sendTo(buf, "/tmp/x"),
        () => d1.recvFrom(buf),
        () => d1.connect("/tmp/x"),
        () => d1.shutdown("both"),
        () => d1.localAddr(),
        () => d1.peerAddr(),
        () => d1.takeError(),
        () => d1.intoFd(),
        () => poll.registry().register(d1, TOKEN_1, Interest.READABLE),
      ]
    ) {
      assertEarlyIoError(op, "BadResource");
    }
    d2[Symbol.dispose]();
    assertEarlyIoError(() => d2.recv(buf), "BadResource");
  } finally {
    d1.close();
    d2.close();
    poll.close();
  }
});
