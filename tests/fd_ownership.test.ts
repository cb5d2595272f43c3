// One owner per descriptor in a realm: fromFd() of a descriptor that a
// source of this realm owns is refused (IoError AlreadyExists, before any
// system call), since the stale owner would later read, write or close
// whatever reuses the number. close() and intoFd() give the number up. A
// source whose descriptor was closed behind mio-ts's back loses it when the
// OS hands the number out again, so it never touches the new socket.
import assert from "node:assert/strict";
import {
  IoError,
  pipe,
  Receiver,
  Sender,
  TcpListener,
  TcpStream,
  UdpSocket,
  UnixDatagram,
  UnixListener,
  UnixStream,
} from "../mod.ts";
import { libc } from "../sys/unix/libc.ts";
import { isFdOpen } from "./util/descriptors.ts";
import { waitUntil } from "./util/events.ts";
import { withTempDir } from "./util/files.ts";
import { assertEarlyIoError, closeAll } from "./util/io.ts";
import { NOT_ON_WINDOWS, test, testUnlessWindows } from "./util/skips.ts";
import { acceptOne, V4 } from "./util/sockets.ts";

const unixTest = testUnlessWindows(NOT_ON_WINDOWS.uds);

interface Owner {
  readonly fd: number;
  close(): void;
  intoFd(): number;
}

/** `fromFd(owner.fd)` throws AlreadyExists and leaves the owner and its descriptor alone. */
function assertRefused(owner: Owner, fromFd: (fd: number) => { close(): void }, what: string): void {
  const fd = owner.fd;
  const e = assertEarlyIoError(() => fromFd(fd), "AlreadyExists");
  assert.match(e.message, new RegExp(`descriptor ${fd} is owned by a `), what);
  assert.equal(owner.fd, fd, `${what}: the owner keeps its descriptor`);
  assert.ok(isFdOpen(fd), `${what}: the descriptor is still open`);
  // intoFd() gives the number up: fromFd() takes it then, once.
  const again = fromFd(owner.intoFd());
  try {
    assertEarlyIoError(() => fromFd(fd), "AlreadyExists");
  } finally {
    again.close();
  }
}

test("fromFd() refuses a socket descriptor a source of this realm owns", () => {
  const listener = TcpListener.bind(V4);
  const stream = TcpStream.connect(listener.localAddr());
  const udp = UdpSocket.bind(V4);
  try {
    // Another type's fromFd() is refused the same way.
    assertEarlyIoError(() => UdpSocket.fromFd(stream.fd), "AlreadyExists");
    assertEarlyIoError(() => TcpListener.fromFd(stream.fd), "AlreadyExists");
    assertEarlyIoError(() => TcpStream.fromFd(udp.fd), "AlreadyExists");
    assertRefused(listener, TcpListener.fromFd, "TcpListener");
    assertRefused(stream, TcpStream.fromFd, "TcpStream");
    assertRefused(udp, UdpSocket.fromFd, "UdpSocket");
  } finally {
    closeAll(listener, stream, udp);
  }
});

unixTest(
  "fromFd() refuses a Unix socket or pipe descriptor a source of this realm owns",
  () =>
    withTempDir((dir) => {
      const [a, b] = UnixStream.pair();
      const datagram = UnixDatagram.unbound();
      const listener = UnixListener.bind(`${dir}/owned.sock`);
      const [sender, receiver] = pipe();
      try {
        assertRefused(a, UnixStream.fromFd, "UnixStream");
        assertRefused(datagram, UnixDatagram.fromFd, "UnixDatagram");
        assertRefused(listener, UnixListener.fromFd, "UnixListener");
        assertEarlyIoError(() => Receiver.fromFd(sender.fd), "AlreadyExists");
        assertEarlyIoError(() => UnixStream.fromFd(receiver.fd), "AlreadyExists");
        assertRefused(sender, Sender.fromFd, "Sender");
        assertRefused(receiver, Receiver.fromFd, "Receiver");
      } finally {
        closeAll(a, b, datagram, listener, sender, receiver);
      }
    }),
);

test("a closed source's number can be adopted again", () => {
  const udp = UdpSocket.bind(V4);
  const fd = udp.fd;
  udp.close();
  // The number is free (or reused by a socket of nobody in particular): fromFd() does not refuse it
  // on ownership grounds. A fresh socket that takes the number is owned by its new source only.
  const fresh = UdpSocket.bind(V4);
  try {
    if (fresh.fd === fd) assertEarlyIoError(() => UdpSocket.fromFd(fd), "AlreadyExists");
  } finally {
    fresh.close();
  }
});

unixTest(
  "a source whose descriptor was closed behind its back never touches the socket that reuses the number",
  () => {
    const listener = TcpListener.bind(V4);
    const stale = TcpStream.connect(listener.localAddr());
    let fresh: TcpStream | null = null;
    let peer: TcpStream | null = null;
    let stalePeer: TcpStream | null = null;
    try {
      [stalePeer] = acceptOne(listener);
      const fd = stale.fd;
      assert.equal(libc.close(fd), 0, "closed outside mio-ts");
      // The lowest free number is the one just closed: the OS hands it to the next socket.
      fresh = TcpStream.connect(listener.localAddr());
      assert.equal(fresh.fd, fd, "the new socket reuses the number");
      // The stale source lost it: it neither writes into nor closes the new socket.
      assertEarlyIoError(() => stale.write(new Uint8Array(1)), "BadResource");
      stale.close();
      assert.ok(isFdOpen(fd), "the stale source's close() left the new socket open");
      // The new socket works: its connection is accepted and carries a byte.
      [peer] = waitUntil(() => listener.accept());
      assert.equal(waitUntil(() => fresh!.write(new Uint8Array([7]))), 1);
    } finally {
      closeAll(fresh, peer, stalePeer, listener);
    }
  },
);

test("AlreadyExists from fromFd() is an IoError with code EEXIST", () => {
  const udp = UdpSocket.bind(V4);
  try {
    UdpSocket.fromFd(udp.fd);
    assert.fail("fromFd of an owned descriptor must throw");
  } catch (e) {
    assert.ok(e instanceof IoError);
    assert.equal(e.kind, "AlreadyExists");
    assert.equal(e.code, "EEXIST");
  } finally {
    udp.close();
  }
});
