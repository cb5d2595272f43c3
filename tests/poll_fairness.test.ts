// Fairness and liveness of poll() when more sources are ready than an
// `Events` holds (mio's poll selector reports every ready descriptor; epoll
// hands out its ready list in turn). Every backend must report each ready
// source within a bounded number of polls, so that busy sources share the
// loop and request/response traffic makes progress. The assertions count
// events and polls, never time.
import assert from "node:assert/strict";
import { Events, Interest, Poll, TcpListener, TcpStream, Token, UdpSocket } from "../mod.ts";
import { waitUntil } from "./util/events.ts";
import { closeAll } from "./util/io.ts";
import { tcpPair } from "./util/sockets.ts";
import { hangGuardMs, qemuScaled } from "./util/timing.ts";
import { test } from "./util/skips.ts";

/** A poll that must find something: a long hang guard, retried if a signal ended it empty. */
function pollSome(poll: Poll, events: Events): void {
  for (let i = 0; i < 3; i++) {
    poll.poll(events, hangGuardMs(10_000));
    if (!events.isEmpty()) return;
  }
  assert.fail("poll() found nothing ready for 30 s");
}

test("busy sources share the events: each of 8 is reported when Events holds 3", () => {
  const SOURCES = 8;
  const POLLS = 200;
  const poll = new Poll();
  const events = new Events(3);
  const receivers: UdpSocket[] = [];
  const sender = UdpSocket.bind("127.0.0.1:0");
  try {
    for (let i = 0; i < SOURCES; i++) {
      const socket = UdpSocket.bind("127.0.0.1:0");
      receivers.push(socket);
      poll.registry().register(socket, Token(i), Interest.READABLE);
    }
    const one = new Uint8Array([1]);
    const buf = new Uint8Array(16);
    for (const r of receivers) sender.sendTo(one, r.localAddr());
    for (const r of receivers) waitUntil(() => r.peekFrom(buf));
    const counts = new Array<number>(SOURCES).fill(0);
    for (let p = 0; p < POLLS; p++) {
      pollSome(poll, events);
      for (const event of events) {
        const i = event.token();
        counts[i]++;
        const r = receivers[i];
        while (r.recv(buf) !== null) {
          // Drain to WouldBlock (mio's rule), which re-arms the source.
        }
        // Busy: ready again at once (waited for: a busy machine may deliver the datagram later).
        sender.sendTo(one, r.localAddr());
        waitUntil(() => r.peekFrom(buf));
      }
    }
    console.log(`events per source over ${POLLS} polls with Events(3): [${counts.join(", ")}]`);
    const mean = counts.reduce((a, b) => a + b, 0) / SOURCES;
    for (let i = 0; i < SOURCES; i++) {
      assert.ok(
        counts[i] >= mean / 4,
        `source ${i} got ${counts[i]} events, the mean is ${mean}: [${counts}]`,
      );
    }
  } finally {
    closeAll(sender, ...receivers, poll);
  }
});

test("6 request/echo pairs with Events(4) all make progress (every pair completes its rounds)", () => {
  const PAIRS = 6;
  const ROUNDS = qemuScaled(200, 20);
  const poll = new Poll();
  const events = new Events(4);
  const pairs: [TcpStream, TcpStream][] = [];
  try {
    for (let i = 0; i < PAIRS; i++) {
      const [client, server] = tcpPair();
      pairs.push([client, server]);
      // Writable too, as a server loop registers: after each read to WouldBlock, writable is reported again.
      poll.registry().register(client, Token(2 * i), Interest.READABLE | Interest.WRITABLE);
      poll.registry().register(server, Token(2 * i + 1), Interest.READABLE | Interest.WRITABLE);
    }
    const request = new Uint8Array(64).fill(7);
    const buf = new Uint8Array(4096);
    const done = new Array<number>(PAIRS).fill(0);
    for (const [client] of pairs) assert.equal(client.write(request), request.length);
    let polls = 0;
    // Each round of each pair takes two events; a fair loop needs about PAIRS * 2 * ROUNDS / 4 polls.
    const limit = PAIRS * 2 * ROUNDS * 4;
    while (done.some((d) => d < ROUNDS) && polls < limit) {
      pollSome(poll, events);
      polls++;
      for (const event of events) {
        const pair = event.token() >> 1;
        const [client, server] = pairs[pair];
        if (event.token() & 1) {
          // The server echoes what it got.
          for (let n; (n = server.read(buf)) !== null && n > 0;) {
            assert.equal(server.write(buf.subarray(0, n)), n);
          }
        } else {
          let got = 0;
          for (let n; (n = client.read(buf)) !== null && n > 0;) got += n;
          if (got > 0 && ++done[pair] < ROUNDS) assert.equal(client.write(request), request.length);
        }
      }
    }
    console.log(`rounds per pair after ${polls} polls (limit ${limit}): [${done.join(", ")}]`);
    for (let i = 0; i < PAIRS; i++) {
      assert.equal(done[i], ROUNDS, `pair ${i} finished ${done[i]} of ${ROUNDS} rounds`);
    }
  } finally {
    for (const [client, server] of pairs) closeAll(client, server);
    poll.close();
  }
});

test("50 clients each send 256 KiB to an echo server on one Poll with Events(8): all get it back", () => {
  const CLIENTS = 50;
  const SIZE = qemuScaled(256 * 1024, 16 * 1024);
  const LISTENER = Token(1_000_000);
  const poll = new Poll();
  const events = new Events(8);
  const listener = TcpListener.bind("127.0.0.1:0");
  const clients: TcpStream[] = [];
  const servers = new Map<number, { stream: TcpStream; pending: Uint8Array | null }>();
  try {
    poll.registry().register(listener, LISTENER, Interest.READABLE);
    const payload = new Uint8Array(SIZE);
    for (let i = 0; i < SIZE; i++) payload[i] = i * 31;
    const sent = new Array<number>(CLIENTS).fill(0);
    const received = new Array<number>(CLIENTS).fill(0);
    for (let i = 0; i < CLIENTS; i++) {
      const client = TcpStream.connect(listener.localAddr());
      clients.push(client);
      poll.registry().register(client, Token(i), Interest.READABLE | Interest.WRITABLE);
    }
    const buf = new Uint8Array(64 * 1024);
    let nextServer = CLIENTS;
    let polls = 0;
    const total = CLIENTS * SIZE;
    let echoed = 0;
    // Generous: a poll moves at least one chunk of some connection when the loop is live.
    const limit = 100_000;
    const clientSend = (i: number) => {
      while (sent[i] < SIZE) {
        const n = clients[i].write(payload.subarray(sent[i]));
        if (n === null) return;
        sent[i] += n;
      }
    };
    const serverEcho = (s: { stream: TcpStream; pending: Uint8Array | null }) => {
      for (;;) {
        if (s.pending !== null) {
          const n = s.stream.write(s.pending);
          if (n === null) return; // a writable event resumes
          s.pending = n === s.pending.length ? null : s.pending.subarray(n);
          continue;
        }
        const n = s.stream.read(buf);
        if (n === null || n === 0) return;
        const w = s.stream.write(buf.subarray(0, n));
        const wrote = w ?? 0;
        if (wrote < n) s.pending = buf.slice(wrote, n);
      }
    };
    while (echoed < total && polls < limit) {
      pollSome(poll, events);
      polls++;
      for (const event of events) {
        const token = event.token();
        if (token === LISTENER) {
          for (let a; (a = listener.accept()) !== null;) {
            const t = nextServer++;
            servers.set(t, { stream: a[0], pending: null });
            poll.registry().register(a[0], Token(t), Interest.READABLE | Interest.WRITABLE);
          }
        } else if (token < CLIENTS) {
          if (event.isWritable()) clientSend(token);
          if (event.isReadable()) {
            for (let n; (n = clients[token].read(buf)) !== null && n > 0;) {
              received[token] += n;
              echoed += n;
            }
          }
        } else {
          serverEcho(servers.get(token)!);
        }
      }
    }
    const finished = received.filter((r) => r === SIZE).length;
    console.log(`${finished} of ${CLIENTS} clients got ${SIZE} bytes back in ${polls} polls`);
    assert.equal(finished, CLIENTS, `clients with everything back: ${finished} of ${CLIENTS}`);
  } finally {
    for (const s of servers.values()) s.stream.close();
    closeAll(listener, ...clients, poll);
  }
});
