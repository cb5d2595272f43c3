// Memory safety at the FFI edge. Every public call that hands a buffer to
// the OS (read, write, peek, the vectored pair, send/recv/sendTo/recvFrom/
// peekFrom on UdpSocket and UnixDatagram, pipe ends) is given:
// - things that are not a usable Uint8Array (other views, detached or
//   shrunk-away buffers, Proxies, objects posing as one, views whose
//   byteLength is redefined): a TypeError, and nothing read or sent;
// - subarrays at every edge (zero length at the start and at the end,
//   one byte at either end, a window inside, the whole buffer): the OS
//   writes inside the view only, checked against a snapshot of the whole
//   backing buffer after a read that fills as much as it can;
// - SharedArrayBuffer and resizable ArrayBuffer views: accepted, with the
//   same guarantees (a shared buffer is plain memory to the OS; a resizable
//   one is passed at its length at the time of the call);
// - a buffer longer than 2 GiB (longer than one read/write may return):
//   the call moves what the OS takes, or throws IoError, never a TypeError
//   or a crash.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  IoError,
  pipe,
  type Receiver,
  type Sender,
  type TcpStream,
  UdpSocket,
  UnixDatagram,
  UnixSocketAddr,
  UnixStream,
} from "../mod.ts";
import { waitUntil } from "./util/events.ts";
import { closeAll } from "./util/io.ts";
import { tcpConnection } from "./util/sockets.ts";
import { removeDir } from "./util/files.ts";
import { ON_WINDOWS } from "./util/platform.ts";
import { LONG_TEST_TIMEOUT_MS } from "./util/timing.ts";
import {
  LINUX_ONLY,
  NOT_ON_WINDOWS,
  onSimulatedAbi,
  onWindows,
  QEMU_BUN_RESIZABLE_SKIP,
  type Skip,
  test,
} from "./util/skips.ts";

/** An operation that takes one buffer: a byte count, or `null` for WouldBlock. */
type Op = (buf: Uint8Array) => number | null;
/** An operation that takes a list of buffers. */
type VectoredOp = (bufs: Uint8Array[]) => number | null;

/** One kind of source under test, with a peer that feeds it and receives from it. */
interface Subject {
  /** Operations that put bytes into the buffer given. */
  readonly reads: Readonly<Record<string, Op>>;
  /** Operations that send the bytes of the buffer given. */
  readonly writes: Readonly<Record<string, Op>>;
  /** `readVectored`, where the type has it. */
  readonly readVectored?: VectoredOp;
  /** `writeVectored`, where the type has it. */
  readonly writeVectored?: VectoredOp;
  /** Whether each write is one datagram (and reads truncate to the buffer). */
  readonly datagram: boolean;
  /** Makes `data` readable by `reads` (one datagram), waiting until it has arrived. */
  feed(data: Uint8Array): void;
  /** Reads and drops whatever `reads` could still read. */
  discard(): void;
  /** The peer's next `n` bytes (a stream) or next datagram, waiting for them. */
  received(n: number): Uint8Array;
  /** Whether the peer has nothing to read (every write so far was received). */
  peerIdle(): boolean;
  /** Closes everything the subject opened. */
  close(): void;
}

const SCRATCH = new Uint8Array(1 << 16);

/** Bytes 1..100 repeating: never the 0xa5 guard value. */
function pattern(n: number, salt = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = 1 + ((i * 7 + salt) % 100);
  return out;
}

/** Collects `n` bytes from `read`, waiting for each chunk. */
function readExactly(read: Op, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const k = waitUntil(() => read(out.subarray(got)));
    assert.ok(k > 0, `end of stream after ${got} of ${n} bytes`);
    got += k;
  }
  return out;
}

/** Writes all of `data` with `write`, waiting whenever it would block. */
function writeFully(write: Op, data: Uint8Array): void {
  for (let done = 0; done < data.byteLength;) done += waitUntil(() => write(data.subarray(done)));
}

/** Reads with `read` until it would block. */
function drain(read: Op): void {
  while (read(SCRATCH) !== null);
}

/** A stream subject: `local` is tested, `peer` feeds it and receives from it. */
function streamSubject(
  local: TcpStream | UnixStream,
  peer: TcpStream | UnixStream,
  close: () => void,
): Subject {
  const peerRead: Op = (b) => peer.read(b);
  return {
    reads: { read: (b) => local.read(b), peek: (b) => local.peek(b) },
    writes: { write: (b) => local.write(b) },
    readVectored: (bufs) => local.readVectored(bufs),
    writeVectored: (bufs) => local.writeVectored(bufs),
    datagram: false,
    feed(data) {
      writeFully((b) => peer.write(b), data);
      // Wait until all of it can be read at once.
      const probe = new Uint8Array(data.byteLength);
      waitUntil(() => (local.peek(probe) === data.byteLength ? true : null));
    },
    discard: () => drain((b) => local.read(b)),
    received: (n) => readExactly(peerRead, n),
    peerIdle: () => peer.read(SCRATCH) === null,
    close,
  };
}

function tcpSubject(): Subject {
  const conn = tcpConnection();
  return streamSubject(conn.client, conn.server, () => conn.close());
}

function unixStreamSubject(): Subject {
  const [local, peer] = UnixStream.pair();
  return streamSubject(local, peer, () => closeAll(local, peer));
}

function udpSubject(): Subject {
  const local = UdpSocket.bind("127.0.0.1:0");
  const peer = UdpSocket.bind("127.0.0.1:0");
  const peerAddr = peer.localAddr();
  local.connect(peerAddr);
  peer.connect(local.localAddr());
  return {
    reads: {
      recv: (b) => local.recv(b),
      peek: (b) => local.peek(b),
      recvFrom: (b) => local.recvFrom(b)?.[0] ?? null,
      peekFrom: (b) => local.peekFrom(b)?.[0] ?? null,
    },
    writes: { send: (b) => local.send(b), sendTo: (b) => local.sendTo(b, peerAddr) },
    datagram: true,
    feed(data) {
      assert.equal(waitUntil(() => peer.send(data)), data.byteLength);
      waitUntil(() => local.peek(SCRATCH));
    },
    discard: () => drain((b) => local.recv(b)),
    received: () => SCRATCH.slice(0, waitUntil(() => peer.recv(SCRATCH))),
    peerIdle: () => peer.recv(SCRATCH) === null,
    close: () => closeAll(local, peer),
  };
}

function unixDatagramSubject(): Subject {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-edge-"));
  let local: UnixDatagram | null = null;
  let peer: UnixDatagram | null = null;
  try {
    local = UnixDatagram.bind(join(dir, "local"));
    peer = UnixDatagram.bind(join(dir, "peer"));
    const l = local, p = peer;
    const peerPath = join(dir, "peer");
    l.connect(peerPath);
    p.connect(join(dir, "local"));
    const peerAddr = UnixSocketAddr.fromPathname(peerPath);
    return {
      reads: { recv: (b) => l.recv(b), recvFrom: (b) => l.recvFrom(b)?.[0] ?? null },
      writes: { send: (b) => l.send(b), sendTo: (b) => l.sendTo(b, peerAddr) },
      datagram: true,
      feed(data) {
        assert.equal(waitUntil(() => p.send(data)), data.byteLength);
      },
      discard: () => drain((b) => l.recv(b)),
      received: () => SCRATCH.slice(0, waitUntil(() => p.recv(SCRATCH))),
      peerIdle: () => p.recv(SCRATCH) === null,
      close() {
        closeAll(l, p);
        removeDir(dir);
      },
    };
  } catch (e) {
    closeAll(local, peer);
    removeDir(dir);
    throw e;
  }
}

/** A pipe: reads on the `Receiver`, writes on the `Sender`; each is the other's peer. */
function pipeSubject(): Subject {
  const [sender, receiver]: [Sender, Receiver] = pipe();
  const read: Op = (b) => receiver.read(b);
  return {
    reads: { read },
    writes: { write: (b) => sender.write(b) },
    readVectored: (bufs) => receiver.readVectored(bufs),
    writeVectored: (bufs) => sender.writeVectored(bufs),
    datagram: false,
    feed: (data) => writeFully((b) => sender.write(b), data),
    discard: () => drain(read),
    received: (n) => readExactly(read, n),
    peerIdle: () => receiver.read(SCRATCH) === null,
    close: () => closeAll(sender, receiver),
  };
}

const SUBJECTS: readonly [string, () => Subject][] = [
  ["TcpStream", tcpSubject],
  ["UnixStream", unixStreamSubject],
  ["UdpSocket", udpSubject],
  ["UnixDatagram", unixDatagramSubject],
  ["pipe", pipeSubject],
];

/** The `skip` of a test on `subject`: Unix-domain sockets and pipes skip on Windows. */
function skipSubject(subject: string): Skip {
  if (subject === "UnixStream" || subject === "UnixDatagram") return onWindows(NOT_ON_WINDOWS.uds);
  return subject === "pipe" ? onWindows(NOT_ON_WINDOWS.pipe) : false;
}

/** The resizable `ArrayBuffer` and growable `SharedArrayBuffer` constructors (ES2024; tsc's lib here is ES2022). */
const Resizable = ArrayBuffer as unknown as new (
  length: number,
  options: { maxByteLength: number },
) => ArrayBuffer & {
  resize(length: number): void;
};
const Growable = SharedArrayBuffer as unknown as new (
  length: number,
  options: { maxByteLength: number },
) => SharedArrayBuffer;

function withSubject(make: () => Subject, fn: (s: Subject) => void): void {
  const s = make();
  try {
    fn(s);
  } finally {
    s.close();
  }
}

// --- what is refused -------------------------------------------------------------

function detached(bytes: number): Uint8Array {
  const buf = new Uint8Array(bytes);
  structuredClone(buf.buffer, { transfer: [buf.buffer] });
  assert.equal(buf.byteLength, 0, "the buffer was not detached");
  return buf;
}

/** A fixed-length view over a resizable buffer that was then shrunk below it. */
function outOfBounds(): Uint8Array {
  const rab = new Resizable(16, { maxByteLength: 32 });
  const view = new Uint8Array(rab, 8, 8);
  rab.resize(4);
  assert.equal(view.byteLength, 0, "the view was not out of bounds");
  return view;
}

/** A real Uint8Array view of 4 bytes that claims to be 64 KiB long. */
function lyingByteLength(): Uint8Array {
  const view = new Uint8Array(64).subarray(0, 4);
  Object.defineProperty(view, "byteLength", { value: 1 << 16 });
  return view;
}

class LongerThanItIs extends Uint8Array {
  override get byteLength(): number {
    return 1 << 16;
  }
}

/** Values that are not a usable Uint8Array, each with a name for messages. */
function refused(): [string, unknown][] {
  const stripped = new Uint8Array(8);
  Object.setPrototypeOf(stripped, Object.prototype);
  return [
    ["DataView", new DataView(new ArrayBuffer(8))],
    ["Int8Array", new Int8Array(8)],
    ["Uint8ClampedArray", new Uint8ClampedArray(8)],
    ["Uint16Array", new Uint16Array(4)],
    ["Int32Array", new Int32Array(2)],
    ["Float32Array", new Float32Array(2)],
    ["Float64Array", new Float64Array(1)],
    ["BigUint64Array", new BigUint64Array(1)],
    ["ArrayBuffer", new ArrayBuffer(8)],
    ["SharedArrayBuffer", new SharedArrayBuffer(8)],
    ["number[]", [1, 2, 3]],
    ["string", "bytes"],
    ["number", 8],
    ["null", null],
    ["undefined", undefined],
    ["{ byteLength }", { byteLength: 8, length: 8 }],
    ["Proxy of a Uint8Array", new Proxy(new Uint8Array(8), {})],
    [
      "Object.create(Uint8Array.prototype)",
      Object.create(Uint8Array.prototype, { byteLength: { value: 8 } }),
    ],
    ["Uint8Array with its prototype replaced", stripped],
    ["Uint8Array with an own byteLength", lyingByteLength()],
    ["subclass overriding byteLength", new LongerThanItIs(4)],
    ["detached Uint8Array", detached(8)],
    [
      "detached subarray",
      (() => {
        const parent = new Uint8Array(16);
        const sub = parent.subarray(4, 8);
        structuredClone(parent.buffer, { transfer: [parent.buffer] });
        return sub;
      })(),
    ],
    ["detached empty Uint8Array", detached(0)],
    ["view out of bounds of a shrunk resizable buffer", outOfBounds()],
  ];
}

/** These tests make resizable ArrayBuffers, which Bun cannot under qemu-user. */
const resizableSkip = QEMU_BUN_RESIZABLE_SKIP ?? false;

for (const [name, make] of SUBJECTS) {
  const title = `${name}: anything but a usable Uint8Array is a TypeError, and nothing is read or sent`;
  test(title, { skip: resizableSkip || skipSubject(name) }, () =>
    withSubject(make, (s) => {
      const sentinel = pattern(24, 5);
      s.feed(sentinel);
      const good = new Uint8Array(4);
      for (const [what, value] of refused()) {
        const bad = value as Uint8Array;
        for (const [op, call] of [...Object.entries(s.reads), ...Object.entries(s.writes)]) {
          assert.throws(() => call(bad), TypeError, `${op}(${what})`);
        }
        for (
          const [op, call] of [["readVectored", s.readVectored], ["writeVectored", s.writeVectored]] as const
        ) {
          if (call === undefined) continue;
          assert.throws(() => call([bad]), TypeError, `${op}([${what}])`);
          assert.throws(() => call([good, bad]), TypeError, `${op}([good, ${what}])`);
          if (!Array.isArray(value)) {
            assert.throws(() => call(value as Uint8Array[]), TypeError, `${op}(${what})`);
          }
        }
      }
      // The sentinel is still there, whole, and the peer got nothing.
      const buf = new Uint8Array(64);
      const read = Object.values(s.reads)[0];
      assert.equal(read(buf), sentinel.byteLength);
      assert.deepEqual(buf.subarray(0, sentinel.byteLength), sentinel);
      assert.ok(s.peerIdle(), "a refused write reached the peer");
    }));
}

// --- subarrays at every edge -------------------------------------------------------

/** The parent view's length; it sits 16 bytes into a 64-byte backing buffer. */
const N = 32;

/** Windows `[start, end)` into the parent: empty at both ends, one byte at both ends, inside, whole. */
const WINDOWS: readonly [number, number][] = [[0, 0], [N, N], [0, 1], [N - 1, N], [8, 12], [0, N]];

/** A view of `[start, end)` of a parent that itself starts 16 bytes into a guard-filled buffer. */
function windowed(start: number, end: number, backing: ArrayBufferLike = new ArrayBuffer(64)): Uint8Array {
  const all = new Uint8Array(backing);
  all.fill(0xa5);
  return new Uint8Array(backing, 16, N).subarray(start, end);
}

/**
 * Asserts the backing buffer of `view` differs from `before` only in the
 * first `n` bytes of the view, which hold `expected`'s first `n`.
 */
function assertOnlyInside(
  view: Uint8Array,
  before: Uint8Array,
  n: number,
  expected: Uint8Array,
  what: string,
) {
  const after = new Uint8Array(view.buffer);
  const from = view.byteOffset, to = view.byteOffset + n;
  for (let i = 0; i < after.byteLength; i++) {
    if (i >= from && i < to) {
      assert.equal(after[i], expected[i - from], `${what}: byte ${i - from} of the view`);
    } else {
      assert.equal(after[i], before[i], `${what}: byte ${i} of the backing buffer, outside the bytes read`);
    }
  }
}

/** Runs `op` on `view` after feeding more than it holds; checks the count and where the bytes landed. */
function checkRead(s: Subject, op: string, read: Op, view: Uint8Array, what: string): void {
  const data = pattern(N + 8, view.byteOffset);
  s.feed(data);
  const before = new Uint8Array(view.buffer).slice();
  const n = read(view);
  assert.notEqual(n, null, `${what}: WouldBlock with data waiting`);
  // A read fills the view (a datagram is cut to it); peek fills it as well.
  assert.equal(n, view.byteLength, `${what}: ${op} count`);
  assertOnlyInside(view, before, n as number, data, what);
  s.discard();
}

for (const [name, make] of SUBJECTS) {
  const reads = `${name}: reads put bytes inside the view only, at every edge of its buffer`;
  test(reads, { skip: skipSubject(name) }, () =>
    withSubject(make, (s) => {
      for (const [op, read] of Object.entries(s.reads)) {
        for (const [start, end] of WINDOWS) {
          checkRead(s, op, read, windowed(start, end), `${op} into [${start}, ${end})`);
        }
      }
    }));

  const writes = `${name}: writes send exactly the view's bytes, at every edge of its buffer`;
  test(writes, { skip: skipSubject(name) }, () =>
    withSubject(make, (s) => {
      for (const [op, write] of Object.entries(s.writes)) {
        for (const [start, end] of WINDOWS) {
          const view = windowed(start, end);
          view.set(pattern(view.byteLength, start));
          const what = `${op} from [${start}, ${end})`;
          assert.equal(write(view), view.byteLength, what);
          if (view.byteLength > 0 || s.datagram) {
            // A datagram of zero bytes is still a datagram; a stream sends nothing.
            assert.deepEqual(s.received(view.byteLength), view.slice(), what);
          }
          assert.ok(s.peerIdle(), `${what}: the peer got more than the view`);
        }
      }
    }));

  const shared = `${name}: SharedArrayBuffer and resizable ArrayBuffer views are used within their bounds`;
  test(shared, { skip: resizableSkip || skipSubject(name) }, () =>
    withSubject(make, (s) => {
      const backings: [string, () => ArrayBufferLike][] = [
        ["SharedArrayBuffer", () => new SharedArrayBuffer(64)],
        ["growable SharedArrayBuffer", () => new Growable(64, { maxByteLength: 128 })],
        ["resizable ArrayBuffer", () => new Resizable(64, { maxByteLength: 128 })],
      ];
      for (const [kind, backing] of backings) {
        for (const [op, read] of Object.entries(s.reads)) {
          checkRead(s, op, read, windowed(8, 12, backing()), `${op} into a ${kind} view`);
        }
        for (const [op, write] of Object.entries(s.writes)) {
          const view = windowed(3, 30, backing());
          view.set(pattern(view.byteLength));
          assert.equal(write(view), view.byteLength, `${op} from a ${kind} view`);
          assert.deepEqual(s.received(view.byteLength), view.slice(), `${op} from a ${kind} view`);
        }
      }
      // A length-tracking view passes its length at the time of the call.
      const rab = new Resizable(24, { maxByteLength: 48 });
      const tracking = new Uint8Array(rab, 8);
      rab.resize(12);
      assert.equal(tracking.byteLength, 4);
      for (const [op, read] of Object.entries(s.reads)) {
        checkRead(s, op, read, tracking, `${op} into a length-tracking view after a shrink`);
      }
    }));

  const huge = `${name}: a buffer longer than 2 GiB moves what the OS takes, or throws IoError`;
  // Under Wine moving 2 GiB takes bun.exe 20-30 s (measured), past bun test's --timeout on a busy machine.
  test(huge, { skip: skipSubject(name), timeout: LONG_TEST_TIMEOUT_MS }, () =>
    withSubject(make, (s) => {
      // Zero-filled and untouched, so it costs address space, not memory.
      const huge = new Uint8Array(2 ** 31 + 16);
      for (const [op, read] of Object.entries(s.reads)) {
        const data = pattern(64);
        s.feed(data);
        assert.equal(read(huge), data.byteLength, `${op} into 2 GiB`);
        assert.deepEqual(huge.subarray(0, data.byteLength), data);
        huge.fill(0, 0, data.byteLength);
        s.discard();
      }
      for (const [op, write] of Object.entries(s.writes)) {
        let n: number | null;
        try {
          n = write(huge);
        } catch (e) {
          // A datagram that long cannot be sent: EMSGSIZE.
          assert.ok(e instanceof IoError, `${op} of 2 GiB threw ${String(e)}`);
          assert.ok(s.datagram, `${op} of 2 GiB on a stream threw ${String(e)}`);
          continue;
        }
        assert.ok(n !== null && n > 0 && n < 2 ** 31, `${op} of 2 GiB wrote ${n}`);
        assert.ok(s.received(n).every((b) => b === 0), `${op} of 2 GiB: the bytes sent`);
      }
    }));
}

// --- vectored ----------------------------------------------------------------------

for (
  const [name, make] of SUBJECTS.filter(([name]) =>
    name === "TcpStream" || name === "UnixStream" || name === "pipe"
  )
) {
  const vectored = `${name}: vectored reads and writes stay inside each view`;
  test(vectored, { skip: skipSubject(name) }, () =>
    withSubject(make, (s) => {
      const readVectored = s.readVectored!, writeVectored = s.writeVectored!;
      const backing = new ArrayBuffer(64);
      windowed(0, 0, backing); // fills it with the guard value
      const parent = new Uint8Array(backing, 16, N);
      const views = [
        parent.subarray(2, 5),
        parent.subarray(5, 5),
        parent.subarray(9, 10),
        parent.subarray(N - 3),
      ];
      const total = views.reduce((sum, v) => sum + v.byteLength, 0);
      const data = pattern(total + 8);
      s.feed(data);
      const expected = new Uint8Array(backing).slice();
      let at = 0;
      for (const v of views) {
        expected.set(data.subarray(at, at + v.byteLength), v.byteOffset);
        at += v.byteLength;
      }
      assert.equal(readVectored(views), total);
      // Each view holds its part of the data; every other byte of the backing buffer is as it was.
      assert.deepEqual(new Uint8Array(backing), expected);
      s.discard();

      const out = [parent.subarray(N - 1), parent.subarray(0, 0), parent.subarray(4, 9)];
      parent.set(pattern(N, 3));
      const sent = Uint8Array.from(out.flatMap((v) => [...v]));
      assert.equal(writeVectored(out), sent.byteLength);
      assert.deepEqual(s.received(sent.byteLength), sent);
      assert.ok(s.peerIdle());
    }));
}

// --- other buffers the API takes -----------------------------------------------------

test("Node Buffer views from the shared pool are used at their offset", () =>
  // Over TCP on Windows, which has no Unix-domain sockets.
  withSubject(ON_WINDOWS ? tcpSubject : unixStreamSubject, (s) => {
    const small = Buffer.from(pattern(5)); // small Buffers share an 8 KiB pool in Node
    assert.equal(s.writes.write(small), 5);
    assert.deepEqual(s.received(5), Uint8Array.from(small));
    const into = Buffer.allocUnsafe(6).fill(0xa5);
    checkRead(s, "read", s.reads.read, into, "read into a pooled Buffer");
  }));

const ABSTRACT_NAME = "an abstract Unix socket name that is not a usable Uint8Array is refused";
test(ABSTRACT_NAME, { skip: onWindows(NOT_ON_WINDOWS.uds) || onSimulatedAbi(LINUX_ONLY.abstract) }, () => {
  assert.throws(() => UnixSocketAddr.fromAbstractName(detached(4)), TypeError);
  assert.throws(() => UnixSocketAddr.fromAbstractName(lyingByteLength()), TypeError);
  assert.throws(() => UnixSocketAddr.fromAbstractName(new Proxy(new Uint8Array(4), {})), TypeError);
  const name = new Uint8Array(8).fill(0x61).subarray(2, 5);
  assert.deepEqual(UnixSocketAddr.fromAbstractName(name).abstract, new Uint8Array([0x61, 0x61, 0x61]));
});

test("sendTo checks the buffer after reading the address, which may run caller code", () => {
  // Checked the other way round, a getter on the address could make a
  // checked view claim 64 KiB, and the memory after it would be sent.
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-edge-"));
  const socket = UdpSocket.bind("127.0.0.1:0");
  let datagram: UnixDatagram | null = null;
  try {
    const port = socket.localAddr().port; // it sends to itself
    const view = new Uint8Array(64).subarray(0, 4);
    const tamperingAddr = {
      hostname: "127.0.0.1",
      get port() {
        Object.defineProperty(view, "byteLength", { value: 1 << 16 });
        return port;
      },
    };
    assert.throws(() => socket.sendTo(view, tamperingAddr), TypeError);
    assert.equal(socket.recv(SCRATCH), null, "nothing was sent");
    if (ON_WINDOWS) return; // The same with a path: Windows has no Unix-domain sockets.

    const path = join(dir, "self");
    const d = datagram = UnixDatagram.bind(path);
    const view2 = new Uint8Array(64).subarray(0, 4);
    const tamperingPath = {
      get path() {
        Object.defineProperty(view2, "byteLength", { value: 1 << 16 });
        return path;
      },
    };
    assert.throws(() => d.sendTo(view2, tamperingPath), TypeError);
    assert.equal(d.recv(SCRATCH), null, "nothing was sent");
  } finally {
    closeAll(socket, datagram);
    removeDir(dir);
  }
});
