// Child process of tests/faults_server.test.ts: an edge-triggered echo
// server whose accept runs out of descriptors. Four healthy clients are
// connected and exchanging; three more connect and wait in the listen
// queue; then RLIMIT_NOFILE is lowered (setrlimit) and the free
// descriptors are filled, so accept fails with EMFILE. The server keeps
// its listener registered and keeps serving the four; once the fillers are
// closed, its retry accepts the three. Prints one JSON report on stdout.
import { readdirSync, writeSync } from "node:fs";
import { Events, IoError, Poll, TcpListener, UnixDatagram } from "../../mod.js";
import { setNofileLimit } from "../util/rlimit.js";
import { EchoClients } from "../soak/echo_clients.js";
import { EchoServer } from "../soak/echo_server.js";
import { MessagePool } from "../soak/messages.js";
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
let late = null;
let listenerEvents = 0;
let polls = 0;
function pump(timeoutMs) {
    if (++polls > MAX_POLLS)
        throw new Error(`hung: ${JSON.stringify(report)}`);
    poll.poll(events, timeoutMs);
    for (const event of events) {
        const token = event.token();
        if (token === LISTENER)
            listenerEvents++;
        if (server.owns(token))
            server.handle(event);
        else if (healthy.owns(token))
            healthy.handle(event);
        else
            late?.handle(event);
    }
    server.tick();
}
/** Lowers the limit to a little above the highest open descriptor and opens sockets until EMFILE. */
function fillDescriptors() {
    const highest = Math.max(...readdirSync("/proc/self/fd").map(Number));
    setNofileLimit(highest + 1 + HEADROOM);
    const fillers = [];
    for (;;) {
        try {
            fillers.push(UnixDatagram.unbound());
        }
        catch (e) {
            if (e instanceof IoError && e.code === "EMFILE")
                return fillers;
            throw e;
        }
    }
}
const report = {};
// 1. The healthy clients are accepted and exchanging.
while (server.stats.accepted < 4 || healthy.verified < 50)
    pump(100);
// 2. Three more connect; the kernel queues them on the listener.
late = new EchoClients(poll, pool, { ...base, tcp: 3, messages: 20, base: 2000 });
// 3. No descriptor left.
const fillers = fillDescriptors();
report.fillers = fillers.length;
try {
    report.direct = listener.accept() === null ? "WouldBlock" : "accepted";
}
catch (e) {
    const err = e;
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
for (const f of fillers)
    f.close();
while (!late.done || !healthy.done || server.connections > 0)
    pump(10);
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
