// Child process for tests/safety_net.test.ts: drops 100 Polls, each with a
// Waker (half of the Polls closed first, so their Waker alone holds what
// they leave open), and, on a Poll that it keeps, 10 Wakers in turn, all
// without close(); forces garbage collection until none of the descriptors
// the Polls opened is open (at most 50 rounds), and reports on stdout how
// many they opened, those still open, and whether the kept Poll takes a new
// Waker. Run with the engine's gc exposed (node --expose-gc, deno
// --v8-flags=--expose-gc; Bun has Bun.gc). Linux only: it reads
// /proc/self/fd.
import { readdirSync, readlinkSync } from "node:fs";
import process from "node:process";
import { Events, Poll, Token, Waker } from "../../mod.ts";

const g = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
const collect = () => (g.gc ? g.gc() : g.Bun?.gc(true));
/** The open descriptors, each with what it links to (so a reused number is told apart). */
const links = () =>
  new Set(
    readdirSync("/proc/self/fd").flatMap((fd) => {
      try {
        return [`${fd} ${readlinkSync(`/proc/self/fd/${fd}`)}`];
      } catch {
        return []; // the directory's own descriptor, closed already
      }
    }),
  );

const kept = new Poll();
const before = links();

/**
 * Opens Polls and Wakers in a scope that ends, so nothing keeps them alive;
 * half the Polls are closed first, leaving what their Waker holds (their
 * Waker outlives them, as mio's) to the Waker's safety net.
 */
function drop(): void {
  for (let i = 0; i < 100; i++) {
    const poll = new Poll();
    new Waker(poll.registry(), Token(i)).wake();
    if (i % 2 === 0) poll.close();
  }
}

/** A Waker of `kept`, dropped: the next one of the same Poll is refused until it is collected. */
function dropWaker(i: number): boolean {
  let refused = false;
  try {
    new Waker(kept.registry(), Token(i)).wake();
  } catch {
    refused = true;
  }
  return refused;
}

drop();
const opened = [...links()].filter((l) => !before.has(l));
// Collections are forced until what they must free is free, for up to 30 s in all: on a busy
// machine the finalizers may run many collections later than on an idle one.
const deadline = performance.now() + 30_000;
let refusedWakers = 0;
for (let i = 0; i < 10; i++) {
  if (dropWaker(i)) refusedWakers++;
  while (!wakerSlotFree() && performance.now() < deadline) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const stillOpen = () => {
  const now = links();
  return opened.filter((l) => now.has(l));
};
while (stillOpen().length > 0 && performance.now() < deadline) {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Whether `kept` takes a Waker now (the previous one was collected); closes it at once. */
function wakerSlotFree(): boolean {
  try {
    new Waker(kept.registry(), Token(99)).close();
    return true;
  } catch {
    return false;
  }
}

// Measured before the kept Poll's new Waker opens a descriptor, which may take a freed number whose link
// (an eventfd's, a kqueue's) reads as one of those the dropped Polls opened.
const open = stillOpen();
// The kept Poll still works: its last Waker was collected, so it takes a new one, which wakes it.
const waker = new Waker(kept.registry(), Token(7));
waker.wake();
const events = new Events(4);
kept.poll(events, 1000);
const tokens = [...events].map((e) => e.token());
process.stdout.write(
  `${JSON.stringify({ opened: opened.length, open, refusedWakers, tokens })}\n`,
);
waker.close();
kept.close();
