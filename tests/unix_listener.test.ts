// mio's tests/unix_listener.rs, translated, plus the socket file a closed
// listener leaves, unnamed (autobind) addresses and failure cases. mio's
// open_connections thread becomes a client connected from the test itself;
// its barrier is the point where the test closes that client.
import assert from "node:assert/strict";
import { existsSync, lstatSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { Interest, Token, UnixListener, UnixStream } from "../mod.ts";
import { expect, expectEvents, expectNoEvents, initWithPoll, Readiness, waitUntil } from "./util/events.ts";
import { assertEarlyIoError, assertIoError, assertWouldBlock, bytes } from "./util/io.ts";
import { assertNonBlockingCloexec, isFdOpen } from "./util/descriptors.ts";
import { withTempDir } from "./util/files.ts";
import { LINUX_ONLY, NOT_ON_WINDOWS, onSimulatedAbi, testUnlessWindows } from "./util/skips.ts";

/** `test`, but on Windows each test is skipped with its reason printed: Unix-domain sockets are Unix-only. */
const unixTest = testUnlessWindows(NOT_ON_WINDOWS.uds);

const TOKEN_1 = Token(0);

function smokeTest(newListener: (path: string) => UnixListener): void {
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const path = join(dir, "smoke.sock");
    const listener = newListener(path);
    let client: UnixStream | null = null;
    let stream: UnixStream | null = null;
    try {
      assertNonBlockingCloexec(listener.fd);

      poll.registry().register(listener, TOKEN_1, Interest.WRITABLE | Interest.READABLE);
      expectNoEvents(poll, events);

      client = UnixStream.connect(path); // open_connections
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE)]);

      const accepted = listener.accept();
      assert.notEqual(accepted, null);
      stream = accepted![0];
      assertNonBlockingCloexec(stream.fd);

      const buf = new Uint8Array(64);
      assertWouldBlock(stream.read(buf));

      assertWouldBlock(listener.accept());
      assert.equal(listener.takeError(), null);
    } finally {
      stream?.close();
      client?.close();
      listener.close();
      poll.close();
    }
  });
}

unixTest("unix_listener_smoke", () => smokeTest((path) => UnixListener.bind(path)));

// mio's unix_listener_from_std: a listener made elsewhere, handed over with intoFd/fromFd.
unixTest("unix_listener_from_fd", () =>
  smokeTest((path) => {
    const other = UnixListener.bind(path);
    return UnixListener.fromFd(other.intoFd());
  }));

unixTest("unix_listener_bind_addr_object", () => smokeTest((path) => UnixListener.bindAddr({ path })));

unixTest("unix_listener_local_addr", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const path = join(dir, "local.sock");
    const listener = UnixListener.bind(path);
    let client: UnixStream | null = null;
    let stream: UnixStream | null = null;
    try {
      poll.registry().register(listener, TOKEN_1, Interest.WRITABLE | Interest.READABLE);
      client = UnixStream.connect(path);
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE)]);

      const accepted = listener.accept();
      assert.notEqual(accepted, null);
      const [s, expectedAddr] = accepted!;
      stream = s;
      assert.equal(stream.localAddr().path, path);
      assert.equal(expectedAddr.path, null);
      assert.ok(expectedAddr.isUnnamed());
      assert.equal(listener.localAddr().path, path);
      assert.equal(listener.localAddr().abstract, null);
    } finally {
      stream?.close();
      client?.close();
      listener.close();
      poll.close();
    }
  }));

unixTest("unix_listener_register", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const listener = UnixListener.bind(join(dir, "register.sock"));
    try {
      poll.registry().register(listener, TOKEN_1, Interest.READABLE);
      expectNoEvents(poll, events);
    } finally {
      listener.close();
      poll.close();
    }
  }));

unixTest("unix_listener_reregister", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const path = join(dir, "reregister.sock");
    const listener = UnixListener.bind(path);
    let client: UnixStream | null = null;
    try {
      poll.registry().register(listener, TOKEN_1, Interest.WRITABLE);
      client = UnixStream.connect(path);
      expectNoEvents(poll, events);

      poll.registry().reregister(listener, TOKEN_1, Interest.READABLE);
      expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE)]);
    } finally {
      client?.close();
      listener.close();
      poll.close();
    }
  }));

unixTest("unix_listener_deregister", () =>
  withTempDir((dir) => {
    const [poll, events] = initWithPoll();
    const path = join(dir, "deregister.sock");
    const listener = UnixListener.bind(path);
    let client: UnixStream | null = null;
    try {
      poll.registry().register(listener, TOKEN_1, Interest.READABLE);
      client = UnixStream.connect(path);
      poll.registry().deregister(listener);
      expectNoEvents(poll, events);
    } finally {
      client?.close();
      listener.close();
      poll.close();
    }
  }));

unixTest("unix_listener_abstract_namespace", { skip: onSimulatedAbi(LINUX_ONLY.abstract) }, () => {
  const [poll, events] = initWithPoll();
  const name = bytes(`mio-abstract-uds-${process.pid}-${Math.floor(Math.random() * 2 ** 52)}`);
  const listener = UnixListener.bindAddr({ abstract: name });
  let conn: UnixStream | null = null;
  let accepted: UnixStream | null = null;
  try {
    assert.deepEqual(listener.localAddr().abstract, name);
    assert.equal(listener.localAddr().path, null);

    poll.registry().register(listener, TOKEN_1, Interest.WRITABLE | Interest.READABLE);
    expectNoEvents(poll, events);

    conn = UnixStream.connectAddr({ abstract: name });
    expectEvents(poll, events, [expect(TOKEN_1, Readiness.READABLE)]);

    const result = listener.accept();
    assert.notEqual(result, null);
    accepted = result![0];
    assert.ok(result![1].isUnnamed());
  } finally {
    accepted?.close();
    conn?.close();
    listener.close();
    poll.close();
  }
});

unixTest("unix_listener_abstract_name_may_hold_nul_and_any_byte", {
  skip: onSimulatedAbi(LINUX_ONLY.abstract),
}, () => {
  const name = new Uint8Array([0, 1, 2, 0xff, 0, ...bytes(`mio-ts-${process.pid}-${Math.random()}`)]);
  const listener = UnixListener.bindAddr({ abstract: name });
  let conn: UnixStream | null = null;
  try {
    assert.deepEqual(listener.localAddr().abstract, name);
    conn = UnixStream.connectAddr(listener.localAddr());
    assert.deepEqual(conn.peerAddr().abstract, name);
    waitUntil(() => listener.accept())[0].close();
  } finally {
    conn?.close();
    listener.close();
  }
});

unixTest("unix_listener_unnamed_address_autobinds_an_abstract_name", {
  skip: onSimulatedAbi(LINUX_ONLY.autobind),
}, () => {
  // Binding the unnamed address makes Linux choose an abstract name (5 hex digits).
  const listener = UnixListener.bindAddr({ path: null, abstract: null });
  let conn: UnixStream | null = null;
  try {
    const addr = listener.localAddr();
    assert.equal(addr.path, null);
    assert.notEqual(addr.abstract, null);
    assert.match(new TextDecoder().decode(addr.abstract!), /^[0-9a-f]{5}$/);
    assert.equal(String(addr), `@${new TextDecoder().decode(addr.abstract!)}`);
    conn = UnixStream.connectAddr(addr);
    waitUntil(() => listener.accept())[0].close();
  } finally {
    conn?.close();
    listener.close();
  }
});

unixTest("unix_listener_close_leaves_the_socket_file", () =>
  withTempDir((dir) => {
    const path = join(dir, "left.sock");
    UnixListener.bind(path).close();
    // As mio (and std): closing does not unlink the path.
    assert.ok(existsSync(path), "the socket file is gone after close");
    assert.ok(lstatSync(path).isSocket(), "the path is not a socket file");
    // So binding it again fails until someone removes it.
    const e = assertIoError(() => UnixListener.bind(path), "AddrInUse");
    assert.equal(e.code, "EADDRINUSE");
    assert.equal(e.syscall, "bind");
    assert.ok(e.message.includes(path), e.message);
    unlinkSync(path);
    UnixListener.bind(path).close();
  }));

unixTest("unix_listener_bind_errors", () =>
  withTempDir((dir) => {
    const file = join(dir, "plain-file");
    writeFileSync(file, "x");
    assertIoError(() => UnixListener.bind(file), "AddrInUse");
    const e = assertIoError(() => UnixListener.bind(join(dir, "missing", "x.sock")), "NotFound");
    assert.equal(e.code, "ENOENT");
  }));

unixTest("unix_listener_bad_paths_are_invalid_input_before_any_syscall", {
  skip: onSimulatedAbi(LINUX_ONLY.sunPath),
}, () =>
  withTempDir((dir) => {
    const tooLong = dir + "/" + "a".repeat(108 - dir.length - 1);
    assert.equal(tooLong.length, 108);
    assertEarlyIoError(() => UnixListener.bind(tooLong), "InvalidInput");
    assert.equal(existsSync(tooLong), false);
    assertEarlyIoError(() => UnixListener.bind(join(dir, "a\0b")), "InvalidInput");
    assertEarlyIoError(() => UnixListener.bind(""), "InvalidInput");
    assertEarlyIoError(() => UnixListener.bind(null as unknown as string), "InvalidInput");
    assertEarlyIoError(() => UnixListener.bindAddr({ path: 5 as unknown as string }), "InvalidInput");
    assertEarlyIoError(
      () => UnixListener.bindAddr({ abstract: "name" as unknown as Uint8Array }),
      "InvalidInput",
    );
    assertEarlyIoError(() => UnixListener.bindAddr({ abstract: new Uint8Array(108) }), "InvalidInput");
    // 107 bytes after the leading NUL fill sun_path exactly.
    const longest = new Uint8Array(107).fill(0x61);
    longest.set(bytes(`${process.pid}-${Math.random()}`));
    UnixListener.bindAddr({ abstract: longest }).close();
  }));

unixTest("unix_listener_use_after_close_is_bad_resource", () =>
  withTempDir((dir) => {
    const [poll] = initWithPoll();
    const listener = UnixListener.bind(join(dir, "closed.sock"));
    try {
      const fd = listener.fd;
      listener[Symbol.dispose]();
      listener.close();
      assert.equal(isFdOpen(fd), false);
      for (
        const op of [
          () => listener.fd,
          () => listener.accept(),
          () => listener.localAddr(),
          () => listener.takeError(),
          () => listener.intoFd(),
          () => poll.registry().register(listener, TOKEN_1, Interest.READABLE),
        ]
      ) {
        assertEarlyIoError(op, "BadResource");
      }
    } finally {
      listener.close();
      poll.close();
    }
  }));
