// The length the OS is given is the engine's own (sys/byte_length.ts):
// `byteLengthOf` cannot be fooled by a redefined `byteLength`, and a view
// whose `byteLength` getter tells the truth to the check and lies on every
// later read is used at its real length by every read and write (the lie
// stays inside the view's backing buffer, so a library that believed it
// would be caught by the bytes it moved, not crash).
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { pipe, type Receiver, type Sender, type TcpStream, UdpSocket, UnixStream } from "../mod.ts";
import { byteLengthOf } from "../sys/byte_length.ts";
import { waitUntil } from "./util/events.ts";
import { closeAll } from "./util/io.ts";
import { tcpConnection } from "./util/sockets.ts";
import { NOT_ON_WINDOWS, onWindows, test } from "./util/skips.ts";

/** The view `[START, END)` of a guard-filled backing buffer of `BACKING` bytes. */
const BACKING = 64, START = 8, END = 12;
/** What the getter claims after its first read: the view's start to the backing buffer's end. */
const CLAIM = BACKING - START;
const GUARD = 0xa5;

/** Bytes 1..100 repeating: never the guard value. */
function pattern(n: number, salt = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = 1 + ((i * 7 + salt) % 100);
  return out;
}

/** A view `[START, END)` whose `byteLength` is true on its first read and `CLAIM` on every later one. */
function laterLiar(fill?: Uint8Array): Uint8Array {
  const backing = new Uint8Array(BACKING).fill(GUARD);
  if (fill !== undefined) backing.set(fill);
  const view = backing.subarray(START, END);
  let reads = 0;
  Object.defineProperty(view, "byteLength", { get: () => (reads++ === 0 ? END - START : CLAIM) });
  return view;
}

/** Asserts the backing buffer of `view` is guard bytes but for the view, which holds `expected`. */
function assertOnlyViewWritten(view: Uint8Array, expected: Uint8Array, what: string): void {
  const all = new Uint8Array(view.buffer);
  for (let i = 0; i < all.length; i++) {
    const want = i >= START && i < END ? expected[i - START] : GUARD;
    assert.equal(all[i], want, `${what}: byte ${i} of the backing buffer`);
  }
}

test("byteLengthOf is the engine's length, whatever byteLength says", () => {
  const plain = new Uint8Array(16);
  assert.equal(byteLengthOf(plain), 16);
  assert.equal(byteLengthOf(plain.subarray(3, 7)), 4);
  assert.equal(byteLengthOf(Buffer.from("hello")), 5); // a view into Node's shared pool

  const own = new Uint8Array(64).subarray(0, 4);
  Object.defineProperty(own, "byteLength", { value: 1 << 16 });
  assert.equal(byteLengthOf(own), 4);

  class Longer extends Uint8Array {
    override get byteLength(): number {
      return 1 << 16;
    }
  }
  assert.equal(byteLengthOf(new Longer(4)), 4);

  const detached = new Uint8Array(8);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  assert.equal(byteLengthOf(detached), 0);

  // Not typed arrays: refused by the engine's getter itself.
  for (
    const fake of [
      new Proxy(new Uint8Array(8), {}),
      Object.create(Uint8Array.prototype),
      new DataView(new ArrayBuffer(8)),
      { byteLength: 8 },
    ]
  ) {
    assert.throws(() => byteLengthOf(fake as Uint8Array), TypeError);
  }
});

test("the later liar used by these tests lies after its first read", () => {
  const view = laterLiar();
  assert.equal(view.byteLength, END - START);
  assert.equal(view.byteLength, CLAIM);
  assert.equal(byteLengthOf(view), END - START);
});

/** One stream type under test: `local` is given the liar, `peer` feeds it and receives from it. */
interface StreamEnds {
  read(buf: Uint8Array): number | null;
  peek?(buf: Uint8Array): number | null;
  write(buf: Uint8Array): number | null;
  readVectored(bufs: Uint8Array[]): number | null;
  writeVectored(bufs: Uint8Array[]): number | null;
  peerRead(buf: Uint8Array): number | null;
  peerWrite(buf: Uint8Array): number | null;
  close(): void;
}

/** The ends of a connected socket pair: `local` under test, `peer` its other end. */
function socketEnds(
  local: TcpStream | UnixStream,
  peer: TcpStream | UnixStream,
  close: () => void,
): StreamEnds {
  return {
    read: (b) => local.read(b),
    peek: (b) => local.peek(b),
    write: (b) => local.write(b),
    readVectored: (bs) => local.readVectored(bs),
    writeVectored: (bs) => local.writeVectored(bs),
    peerRead: (b) => peer.read(b),
    peerWrite: (b) => peer.write(b),
    close,
  };
}

function tcpEnds(): StreamEnds {
  const c = tcpConnection();
  return socketEnds(c.client, c.server, () => c.close());
}

function unixStreamEnds(): StreamEnds {
  const [local, peer] = UnixStream.pair();
  return socketEnds(local, peer, () => closeAll(local, peer));
}

/** Two pipes, so that the end under test can both read and write. */
function pipeEnds(): StreamEnds {
  const [toLocal, fromPeer]: [Sender, Receiver] = pipe();
  let toPeer: Sender | null = null, fromLocal: Receiver | null = null;
  try {
    [toPeer, fromLocal] = pipe();
  } catch (e) {
    closeAll(toLocal, fromPeer);
    throw e;
  }
  const out = toPeer, back = fromLocal;
  return {
    read: (b) => fromPeer.read(b),
    write: (b) => out.write(b),
    readVectored: (bs) => fromPeer.readVectored(bs),
    writeVectored: (bs) => out.writeVectored(bs),
    peerRead: (b) => back.read(b),
    peerWrite: (b) => toLocal.write(b),
    close: () => closeAll(toLocal, fromPeer, out, back),
  };
}

const STREAMS: readonly [string, () => StreamEnds, string | false][] = [
  ["TcpStream", tcpEnds, false],
  ["UnixStream", unixStreamEnds, NOT_ON_WINDOWS.uds],
  ["pipe", pipeEnds, NOT_ON_WINDOWS.pipe],
];

/** A second view after the liar in vectored calls: a count that believed the lie would misplace its bytes. */
const TAIL = 3;

for (const [name, make, windowsReason] of STREAMS) {
  const writes = `${name}: a byteLength that lies after the check cannot widen a write`;
  test(writes, { skip: windowsReason && onWindows(windowsReason) }, () => {
    const s = make();
    try {
      const data = pattern(BACKING);
      const tail = pattern(TAIL, 50);
      const viewBytes = data.subarray(START, END);
      const ops: [string, (v: Uint8Array) => number | null, Uint8Array][] = [
        ["write", (v) => s.write(v), viewBytes],
        ["writeVectored", (v) => s.writeVectored([v, tail]), Uint8Array.from([...viewBytes, ...tail])],
      ];
      for (const [op, write, expected] of ops) {
        assert.equal(write(laterLiar(data)), expected.length, op);
        const got = new Uint8Array(BACKING);
        let n = 0;
        while (n < expected.length) n += waitUntil(() => s.peerRead(got.subarray(n)));
        assert.deepEqual(got.subarray(0, n), expected, `${op}: the bytes sent`);
        assert.equal(s.peerRead(got), null, `${op}: the peer got more than the views`);
      }
    } finally {
      s.close();
    }
  });

  const reads = `${name}: a byteLength that lies after the check cannot widen a read`;
  test(reads, { skip: windowsReason && onWindows(windowsReason) }, () => {
    const s = make();
    try {
      const tail = new Uint8Array(TAIL);
      const ops: [string, (v: Uint8Array) => number | null, number][] = [
        ["read", (v) => s.read(v), END - START],
        ["readVectored", (v) => s.readVectored([v, tail]), END - START + TAIL],
      ];
      const peek = s.peek;
      if (peek !== undefined) ops.push(["peek", (v) => peek(v), END - START]);
      for (const [op, read, count] of ops) {
        const data = pattern(CLAIM, op.length);
        assert.equal(s.peerWrite(data), CLAIM, op);
        // Wait until all of it has arrived, so that a read told CLAIM would take more than the view.
        const probe = new Uint8Array(CLAIM);
        if (peek !== undefined) waitUntil(() => (peek(probe) === CLAIM ? true : null));
        const view = laterLiar();
        assert.equal(waitUntil(() => read(view)), count, op);
        assertOnlyViewWritten(view, data, op);
        if (op === "readVectored") {
          assert.deepEqual(tail, data.subarray(END - START, count), `${op}: the tail`);
        }
        // Drop what is left.
        const rest = new Uint8Array(BACKING);
        let left = op === "peek" ? CLAIM : CLAIM - count;
        while (left > 0) left -= waitUntil(() => s.read(rest.subarray(0, left)));
      }
    } finally {
      s.close();
    }
  });
}

test("UdpSocket: a byteLength that lies after the check cannot widen a datagram sent or received", () => {
  const local = UdpSocket.bind("127.0.0.1:0");
  let peer: UdpSocket | null = null;
  try {
    const p = peer = UdpSocket.bind("127.0.0.1:0");
    local.connect(p.localAddr());
    p.connect(local.localAddr());
    const data = pattern(BACKING);
    const sends: [string, (v: Uint8Array) => number | null][] = [
      ["send", (v) => local.send(v)],
      ["sendTo", (v) => local.sendTo(v, p.localAddr())],
    ];
    const got = new Uint8Array(BACKING);
    for (const [op, send] of sends) {
      assert.equal(send(laterLiar(data)), END - START, op);
      const n = waitUntil(() => p.recv(got));
      assert.deepEqual(got.subarray(0, n), data.subarray(START, END), `${op}: the datagram sent`);
    }
    const recvs: [string, (v: Uint8Array) => number | null][] = [
      ["peek", (v) => local.peek(v)],
      ["peekFrom", (v) => local.peekFrom(v)?.[0] ?? null],
      ["recv", (v) => local.recv(v)],
      ["recvFrom", (v) => local.recvFrom(v)?.[0] ?? null],
    ];
    for (const [op, recv] of recvs) {
      const datagram = pattern(CLAIM, op.length);
      assert.equal(p.send(datagram), CLAIM, op);
      const view = laterLiar();
      // A datagram longer than the buffer is cut to it.
      assert.equal(waitUntil(() => recv(view)), END - START, op);
      assertOnlyViewWritten(view, datagram, op);
      if (op.startsWith("peek")) waitUntil(() => local.recv(got)); // drop the datagram peeked at
    }
  } finally {
    closeAll(local, peer);
  }
});

test("writeVectored refuses buffers that hold fewer bytes when copied than when checked, and sends nothing", () => {
  const c = tcpConnection();
  try {
    // A Proxy of an array passes Array.isArray; each index answers a full view once, then an empty one.
    const reads = [0, 0];
    const full = [pattern(8), pattern(8, 1)];
    const shrinking = new Proxy(full, {
      get(target, key, receiver) {
        if (key === "0" || key === "1") {
          return reads[Number(key)]++ === 0 ? target[Number(key)] : new Uint8Array(0);
        }
        return Reflect.get(target, key, receiver);
      },
    });
    // First, a call that fills the scratch buffer with other bytes, which must not be sent again.
    assert.equal(c.client.writeVectored([pattern(16, 7)]), 16);
    const got = new Uint8Array(64);
    let n = 0;
    while (n < 16) n += waitUntil(() => c.server.read(got.subarray(n)));
    assert.throws(() => c.client.writeVectored(shrinking), TypeError);
    // The next bytes the peer gets are those of the next write.
    const marker = pattern(4, 60);
    assert.equal(c.client.write(marker), 4);
    n = waitUntil(() => c.server.read(got));
    assert.deepEqual(got.subarray(0, n), marker.subarray(0, n), "bytes were sent by the refused call");
  } finally {
    c.close();
  }
});
