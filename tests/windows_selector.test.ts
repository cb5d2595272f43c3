// What is specific to the IOCP selector (sys/windows/iocp_selector.ts), on
// Windows; the portable suite (poll, registering, waker, events, TCP, UDP)
// covers the rest there too. Cancelled AFD polls report nothing, a
// deregistered socket reports nothing even from a poll in flight or already
// completed (mio #1205), sources dropped with polls in flight are cleaned up
// soundly, and pollAsync's off-thread wait watches sockets registered while
// it waits and loses no packet it dequeued. The AFD event mapping is plain
// arithmetic, checked on every OS.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { Events, Interest, IoError, Poll, TcpListener, TcpStream, Token, UdpSocket, Waker } from "../mod.ts";
import { tokensOf } from "./util/events.ts";
import { closeAll } from "./util/io.ts";
import { tcpPair } from "./util/sockets.ts";
import { currentRuntime } from "./util/platform.ts";
import { offWindows, test } from "./util/skips.ts";
import { sleep } from "./util/timing.ts";
import {
  READY_ERROR as ERROR,
  READY_READ_CLOSED as READ_CLOSED,
  READY_READABLE as READABLE,
  READY_WRITABLE as WRITABLE,
  READY_WRITE_CLOSED as WRITE_CLOSED,
} from "../sys/contract.ts";
import {
  AFD_POLL_ABORT,
  AFD_POLL_ACCEPT,
  AFD_POLL_CONNECT_FAIL,
  AFD_POLL_DISCONNECT,
  AFD_POLL_LOCAL_CLOSE,
  AFD_POLL_RECEIVE,
  AFD_POLL_RECEIVE_EXPEDITED,
  AFD_POLL_SEND,
  afdFlags,
  afdReadiness,
} from "../sys/windows/afd_events.ts";

/** The `skip` option of a Windows-only test. */
const windowsOnly = offWindows(
  `tests the IOCP selector, which only Windows has (this is ${process.platform})`,
);

/** Polls `rounds` times (250 ms each) and returns every event seen, as `token:readable,writable,error,...`. */
function collect(poll: Poll, events: Events, rounds: number): string[] {
  const seen: string[] = [];
  for (let i = 0; i < rounds; i++) {
    poll.poll(events, 250);
    for (const e of events) {
      const bits = [
        e.isReadable() && "readable",
        e.isWritable() && "writable",
        e.isError() && "error",
        e.isReadClosed() && "read-closed",
        e.isWriteClosed() && "write-closed",
      ].filter(Boolean);
      seen.push(`${e.token()}:${bits.join(",")}`);
    }
  }
  return seen;
}

test("interests map to AFD poll events as mio's interests_to_afd_flags (any OS)", () => {
  assert.equal(
    afdFlags(Interest.READABLE),
    AFD_POLL_RECEIVE | AFD_POLL_DISCONNECT | AFD_POLL_ACCEPT | AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL,
  );
  assert.equal(afdFlags(Interest.WRITABLE), AFD_POLL_SEND | AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL);
  assert.equal(afdFlags(Interest.add(Interest.READABLE, Interest.WRITABLE)), 0x19d);
  // mio has no priority interest on Windows: AFD is never asked for out-of-band data.
  assert.equal(afdFlags(Interest.PRIORITY), 0);
  assert.equal(afdFlags(Interest.AIO), 0);
  assert.equal(afdFlags(Interest.LIO), 0);
});

test("AFD poll events map to readiness as mio's event.rs (any OS)", () => {
  const cases: [number, number][] = [
    [AFD_POLL_RECEIVE, READABLE],
    [AFD_POLL_ACCEPT, READABLE],
    [AFD_POLL_SEND, WRITABLE],
    [AFD_POLL_DISCONNECT, READABLE | READ_CLOSED],
    [AFD_POLL_ABORT, READABLE | WRITABLE | READ_CLOSED | WRITE_CLOSED],
    [AFD_POLL_CONNECT_FAIL, READABLE | WRITABLE | ERROR | READ_CLOSED | WRITE_CLOSED],
    [AFD_POLL_RECEIVE_EXPEDITED, 0], // never asked for (PRIORITY is Unsupported on IOCP)
    [AFD_POLL_LOCAL_CLOSE, 0],
    [AFD_POLL_RECEIVE | AFD_POLL_SEND, READABLE | WRITABLE],
  ];
  for (const [events, readiness] of cases) {
    assert.equal(afdReadiness(events), readiness, `AFD events 0x${events.toString(16)}`);
  }
});

const CANCELLED =
  "a cancelled poll reports nothing: adding WRITABLE cancels the READABLE poll, then only writability";
test(CANCELLED, { skip: windowsOnly }, () => {
  const poll = new Poll();
  const events = new Events(16);
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, Token(1), Interest.READABLE);
    assert.deepEqual(collect(poll, events, 1), [], "nothing to read yet: the READABLE poll stays pending");
    // The pending poll does not watch SEND: it is cancelled (STATUS_CANCELLED) and a new one started.
    poll.registry().reregister(client, Token(2), Interest.add(Interest.READABLE, Interest.WRITABLE));
    assert.deepEqual(collect(poll, events, 2), ["2:writable"]);
    // Repeated changes, each cancelling the poll before, still report only what is true.
    for (let i = 0; i < 5; i++) {
      poll.registry().reregister(client, Token(10 + i), Interest.READABLE);
      poll.poll(events, 0);
      poll.registry().reregister(client, Token(20 + i), Interest.add(Interest.READABLE, Interest.WRITABLE));
    }
    assert.deepEqual(collect(poll, events, 2), ["24:writable"]);
    assert.equal(server.write(new Uint8Array([1])), 1);
    assert.deepEqual(collect(poll, events, 2), ["24:readable"]);
  } finally {
    closeAll(client, server, poll);
  }
});

const DEREGISTER_PENDING = "deregister with a poll in flight: the socket reports nothing after (mio #1205)";
test(DEREGISTER_PENDING, { skip: windowsOnly }, () => {
  const poll = new Poll();
  const events = new Events(16);
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  try {
    poll.registry().register(listener, Token(1), Interest.READABLE);
    poll.poll(events, 0); // the AFD poll is now pending in the kernel
    poll.registry().deregister(listener); // cancels it
    client = TcpStream.connect(listener.localAddr());
    assert.deepEqual(collect(poll, events, 2), [], "no event for a deregistered listener");
    poll.registry().register(listener, Token(2), Interest.READABLE);
    assert.deepEqual(
      collect(poll, events, 2),
      ["2:readable"],
      "registered again, it reports with its new token",
    );
  } finally {
    closeAll(client, listener, poll);
  }
});

const DEREGISTER_COMPLETED =
  "deregister after the poll completed, before the next poll: its event is dropped (mio #1205)";
test(DEREGISTER_COMPLETED, { skip: windowsOnly }, async () => {
  const poll = new Poll();
  const events = new Events(16);
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  try {
    poll.registry().register(listener, Token(1), Interest.READABLE);
    poll.poll(events, 0);
    client = TcpStream.connect(listener.localAddr());
    await sleep(200); // let the connection arrive: the poll's completion is queued on the port
    poll.registry().deregister(listener);
    assert.deepEqual(collect(poll, events, 2), [], "the queued completion reports nothing");
    poll.registry().register(listener, Token(2), Interest.READABLE);
    assert.deepEqual(collect(poll, events, 2), ["2:readable"]);
  } finally {
    closeAll(client, listener, poll);
  }
});

const MEMORY = "a deregistered socket's native memory is kept until its cancelled poll completed, then freed";
test(MEMORY, { skip: windowsOnly }, async () => {
  const { liveNativeBlocks } = await import("../sys/windows/native_memory.ts");
  const poll = new Poll();
  const events = new Events(64);
  const sockets = Array.from({ length: 16 }, () => UdpSocket.bind("127.0.0.1:0"));
  try {
    // Warm up: what the selector allocates once per process (NtCreateFile's arguments, the cancel block).
    poll.registry().register(sockets[0], Token(0), Interest.READABLE);
    poll.poll(events, 0);
    poll.registry().deregister(sockets[0]);
    poll.poll(events, 100);
    const before = liveNativeBlocks();
    sockets.forEach((s, i) => poll.registry().register(s, Token(i), Interest.READABLE));
    assert.equal(liveNativeBlocks(), before + 16, "one block per socket state");
    poll.poll(events, 0); // every socket's AFD poll is now pending in the kernel
    for (const s of sockets) poll.registry().deregister(s);
    assert.equal(liveNativeBlocks(), before + 16, "kept while the kernel may still write them");
    for (let i = 0; i < 20 && liveNativeBlocks() > before; i++) poll.poll(events, 50);
    assert.equal(liveNativeBlocks(), before, "freed once the cancelled polls' completions were dequeued");
    assert.equal(events.length, 0, "and they reported nothing");
    // With no poll started, deregister frees at once.
    poll.registry().register(sockets[1], Token(1), Interest.READABLE);
    poll.registry().deregister(sockets[1]);
    assert.equal(liveNativeBlocks(), before);
  } finally {
    closeAll(...sockets, poll);
  }
});

const DROPPED = "sources dropped with polls in flight are collected and closed, and the Poll stays sound";
test(DROPPED, { skip: windowsOnly }, () => {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const script = fileURLToPath(new URL(`./windows_selector/drop_polled.${ext}`, import.meta.url));
  const runtime = currentRuntime();
  const args = runtime === "deno"
    ? ["run", "-A", "--no-check", "--v8-flags=--expose-gc", script]
    : runtime === "node"
    ? ["--expose-gc", script]
    : [script];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, `child failed:\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
    leaked: number;
    open: number[];
    collected: boolean;
    sameOk: boolean;
    freshOk: boolean;
    heapOk: boolean;
    blocksLeft: number;
  };
  assert.equal(report.leaked, 3 * 2 * 24);
  assert.deepEqual(report.open, [], "every dropped socket was closed by the safety net");
  assert.ok(report.collected);
  assert.ok(report.sameOk, "the Poll reports a new socket's datagram after the drops");
  assert.ok(report.freshOk, "a new Poll works after the old one was closed with polls in flight");
  assert.ok(report.heapOk, "HeapValidate: the process heap is consistent");
  assert.equal(report.blocksLeft, 0, "every socket state's native memory was freed once its poll completed");
  assert.match(r.stderr, /garbage-collected without close\(\)/);
});

const REGISTER_WHILE_WAITING = "pollAsync: a socket registered while it waits is watched at once";
test(REGISTER_WHILE_WAITING, { skip: windowsOnly }, async () => {
  const poll = new Poll();
  const events = new Events(16);
  const [client, server] = tcpPair();
  try {
    const waiting = poll.pollAsync(events, 30_000);
    await sleep(50); // the off-thread wait is blocked in GetQueuedCompletionStatusEx
    poll.registry().register(client, Token(5), Interest.WRITABLE);
    await waiting;
    assert.deepEqual(tokensOf(events), [5]);
  } finally {
    closeAll(client, server, poll);
  }
});

const NOT_LOST = "pollAsync: packets its wait dequeued before an abort are reported by the next poll";
test(NOT_LOST, { skip: windowsOnly }, async () => {
  const poll = new Poll();
  const events = new Events(16);
  const waker = new Waker(poll.registry(), Token(9));
  try {
    for (let round = 0; round < 5; round++) {
      const abort = new AbortController();
      const waiting = poll.pollAsync(events, 30_000, { signal: abort.signal });
      waker.wake(); // dequeued by the off-thread wait...
      abort.abort(); // ...which the abort then ends: the promise rejects without a select
      await assert.rejects(waiting, (e: unknown) => e === abort.signal.reason);
      poll.poll(events, 1000);
      assert.deepEqual(tokensOf(events), [9], `round ${round}: the wake was kept for this poll`);
    }
  } finally {
    closeAll(waker, poll);
  }
});

const CLOSE_WHILE_WAITING = "close() during pollAsync rejects it with BadResource once the wait returned";
test(CLOSE_WHILE_WAITING, { skip: windowsOnly }, async () => {
  const poll = new Poll();
  const events = new Events(16);
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, Token(1), Interest.READABLE);
    const waiting = poll.pollAsync(events, 30_000);
    await sleep(50);
    poll.close();
    await assert.rejects(waiting, (e: unknown) => e instanceof IoError && e.kind === "BadResource");
    // The socket outlives the Poll and works.
    assert.equal(server.write(new Uint8Array([1, 2])), 2);
  } finally {
    closeAll(client, server, poll);
  }
});
