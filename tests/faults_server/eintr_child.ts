// Child process of tests/faults_server.test.ts: poll() interrupted by a
// signal. A SIGUSR2 handler is installed (so the signal does not kill the
// process), stdin (a pipe from the parent) is registered for READABLE, and
// the child blocks in poll() with no timeout while the parent sends SIGUSR2
// to this very thread. API.md: "a poll() interrupted by a signal returns
// early, possibly with no events, and never throws". Each step is reported
// on stdout as a JSON line; the parent answers by signalling and writing.
import { readlinkSync, readSync, writeSync } from "node:fs";
import process from "node:process";
import { Events, Interest, Poll, SourceFd, Token } from "../../mod.ts";

const STDIN = Token(7);
let handled = 0;
const deno = (globalThis as { Deno?: { addSignalListener(signal: string, fn: () => void): void } }).Deno;
if (deno !== undefined) deno.addSignalListener("SIGUSR2", () => handled++);
else process.on("SIGUSR2", () => handled++);

const say = (report: Record<string, unknown>) => writeSync(1, `${JSON.stringify(report)}\n`);
/** This JavaScript thread's id (the parent signals this thread, not just the process). */
const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
const poll = new Poll();
const events = new Events(8);
const stdin = new SourceFd(0);
poll.registry().register(stdin, STDIN, Interest.READABLE);

/** One poll with no timeout: what came back, or what it threw. */
function waitOnce(): { tokens: number[]; error: string | null } {
  try {
    poll.poll(events, null);
    return { tokens: [...events].map((e) => e.token()), error: null };
  } catch (e) {
    return { tokens: [], error: String(e) };
  }
}

/** Reads the byte the parent wrote and re-arms stdin (a SourceFd is never re-armed by mio-ts). */
function consumeByte(): void {
  readSync(0, new Uint8Array(1));
  poll.registry().reregister(stdin, STDIN, Interest.READABLE);
}

// 1. Nothing to report: each signal ends the wait, with no events.
for (let round = 0; round < 3; round++) {
  say({ step: "waiting", round, tid, backend: Poll.backend });
  say({ step: "returned", round, ...waitOnce() });
}
// 2. The registration survived the interruptions: a byte on stdin is reported.
say({ step: "waiting", round: "data", tid });
say({ step: "returned", round: "data", ...waitOnce() });
consumeByte();
// 3. A signal and a byte close together: polls return (without throwing) until the byte's event comes.
say({ step: "waiting", round: "race", tid });
const returns = [];
for (let i = 0; i < 10; i++) {
  const r = waitOnce();
  returns.push(r);
  if (r.error !== null || r.tokens.includes(STDIN)) break;
}
say({ step: "returned", round: "race", returns });
// 4. Back in the event loop, the handler runs (Deno may coalesce signals that arrived while it was
// blocked, and hands them over from a thread of its own, which on a busy or emulated machine may take
// a while): reported once it ran, or after 30 s without it.
const until = Date.now() + 30_000;
function done(): void {
  if (handled === 0 && Date.now() < until) {
    setTimeout(done, 50);
    return;
  }
  say({ step: "done", handled });
  poll.close();
  process.exit(0);
}
setTimeout(done, 50);
