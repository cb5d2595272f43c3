// Child process of tests/faults_server.test.ts: an edge-triggered echo
// server whose accept runs out of descriptors. Four healthy clients are
// connected and exchanging; three more connect and wait in the listen
// queue; then RLIMIT_NOFILE is lowered (setrlimit) and the free
// descriptors are filled, so accept fails with EMFILE. The server keeps
// its listener registered and keeps serving the four; once the fillers are
// closed, its retry accepts the three. Prints one JSON report on stdout.
import { readdirSync, readFileSync, writeSync } from "node:fs";
import { Events, IoError, Poll, TcpListener, UnixDatagram } from "../../mod.ts";
import { setNofileLimit } from "../util/rlimit.ts";
import { EchoClients } from "../soak/echo_clients.ts";
import { EchoServer } from "../soak/echo_server.ts";
import { MessagePool } from "../soak/messages.ts";
import { waitUntil } from "../util/events.ts";

const LISTENER = 1;
/** Descriptors left free below the new limit, for the fillers to take. */
const HEADROOM = 16;
/** Polls the run may take before it counts as hung. */
const MAX_POLLS = 3000;

const poll = new Poll();
const events = new Events(256);
const listener = TcpListener.bind("127.0.0.1:0");
const server = new EchoServer(poll, [listener], LISTENER);
const pool = new MessagePool(7, 1 << 20);
const base = {
  tcpAddr: listener.localAddr().toString(),
  unixPath: "",
  unix: 0,
  seed: 7,
  maxSize: 2048,
  window: 16 * 1024,
};
const healthy = new EchoClients(poll, pool, { ...base, tcp: 4, messages: 8000, base: 1000 });
let late: EchoClients | null = null;
let listenerEvents = 0;
let polls = 0;

function pump(timeoutMs: number): void {
  if (++polls > MAX_POLLS) throw new Error(`hung: ${JSON.stringify(report)}`);
  poll.poll(events, timeoutMs);
  for (const event of events) {
    const token = event.token();
    if (token === LISTENER) listenerEvents++;
    if (server.owns(token)) server.handle(event);
    else if (healthy.owns(token)) healthy.handle(event);
    else late?.handle(event);
  }
  server.tick();
}

/**
 * How many connections wait in the accept queue of the listener on 127.0.0.1
 * `port`: the rx_queue /proc/net/tcp shows for a listening socket (Linux).
 */
function acceptQueue(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1] === local && f[3] === "0A") return parseInt(f[4].split(":")[1], 16);
  }
  throw new Error(`no listener on 127.0.0.1:${port} in /proc/net/tcp`);
}

/** Lowers the limit to a little above the highest open descriptor and opens sockets until EMFILE. */
function fillDescriptors(): UnixDatagram[] {
  const highest = Math.max(...readdirSync("/proc/self/fd").map(Number));
  setNofileLimit(highest + 1 + HEADROOM);
  const fillers: UnixDatagram[] = [];
  for (;;) {
    try {
      fillers.push(UnixDatagram.unbound());
    } catch (e) {
      if (e instanceof IoError && e.code === "EMFILE") return fillers;
      throw e;
    }
  }
}

const report: Record<string, unknown> = {};

// 1. The healthy clients are accepted and exchanging.
while (server.stats.accepted < 4 || healthy.verified < 50) pump(100);
// 2. Three more connect; the kernel queues them on the listener. All three are waited for: one that
// a busy machine queued after the failed accept below would be a new edge, a listener event.
late = new EchoClients(poll, pool, { ...base, tcp: 3, messages: 20, base: 2000 });
const port = listener.localAddr().port;
waitUntil(() => acceptQueue(port) >= 3 ? true : null);
// 3. No descriptor left.
const fillers = fillDescriptors();
report.fillers = fillers.length;
try {
  report.direct = listener.accept() === null ? "WouldBlock" : "accepted";
} catch (e) {
  const err = e as IoError;
  report.direct = {
    isIoError: e instanceof IoError,
    kind: err.kind,
    code: err.code,
    errno: err.errno,
    syscall: err.syscall,
  };
}
// 4. While full: accept fails, the listener stays registered, the healthy clients go on.
const healthyBefore = healthy.verified;
let eventsAfterFailure = -1;
for (let i = 0; i < 30 || healthy.verified - healthyBefore < 100; i++) {
  pump(10);
  if (eventsAfterFailure < 0 && (server.stats.acceptErrors.EMFILE ?? 0) > 0) {
    eventsAfterFailure = 0;
    listenerEvents = 0;
  }
}
report.whileFull = {
  acceptErrors: { ...server.stats.acceptErrors },
  accepted: server.stats.accepted,
  healthyChecked: healthy.verified - healthyBefore,
  lateChecked: late.verified,
  listenerEventsAfterFailure: listenerEvents,
  retrying: server.retryingAccept,
};
// 5. Descriptors free up: the server's retry accepts the three waiting connections.
for (const f of fillers) f.close();
while (!late.done || !healthy.done || server.connections > 0) pump(10);
report.after = {
  accepted: server.stats.accepted,
  finished: server.stats.finished,
  failed: server.stats.failed,
  lateChecked: late.verified,
  healthyChecked: healthy.verified,
  retrying: server.retryingAccept,
};
writeSync(1, `${JSON.stringify(report)}\n`);
healthy.close();
late.close();
server.close();
listener.close();
poll.close();
