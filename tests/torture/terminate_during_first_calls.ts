// Torture case (see cases.ts): Workers terminated at random points of their
// first calls into mio-ts, the calls that bind the C library's functions
// where a runtime binds them at first use: a Poll and its Waker, a UDP
// socket registered, poll() and pollAsync() (the off-thread wait), a shared
// Waker; then the same again in a loop until terminated.
//
// Each Worker tells the parent when its import of mio-ts has ended; the
// parent then terminates it after a random delay, spread over the time the
// first round's Worker (not terminated before then) took to make those
// calls. The delays only place the terminations; the verdict is the
// outcome: the process survives every round (a crash, e.g. Node's abort
// when koffi is terminated inside a declaration, fails the case with its
// signal) and the Workers end.
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { Events, Interest, Poll, Token, UdpSocket, Waker } from "../../mod.ts";
import { UNDER_QEMU, UNDER_WINE } from "../util/platform.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
// A koffi declaration among the first calls (Node binding libc at its first use) is about a millisecond: a
// round lands in it about one time in eight (Node aborted in rounds 1, 3, 4, 10 and 22 of five runs), so 30
// rounds miss it about 2% of the time. Under Wine a Worker takes seconds to start (deno.exe up to 8 s), and
// under qemu-user longer (Deno's 30 rounds outlasted the case's 300 s bound there): fewer rounds keep the case
// inside its bound.
const ROUNDS = UNDER_QEMU ? 6 : UNDER_WINE ? 10 : 30;

if (!isMainThread) {
  parentPort!.postMessage("imported");
  const events = new Events(8);
  for (let turn = 0;; turn++) {
    const poll = new Poll();
    const waker = new Waker(poll.registry(), Token(1));
    const udp = UdpSocket.bind("127.0.0.1:0");
    poll.registry().register(udp, Token(2), Interest.READABLE);
    waker.wake();
    poll.poll(events, 0);
    await poll.pollAsync(events, 0);
    Waker.fromShared(waker.share()).wake();
    udp.close();
    waker.close();
    poll.close();
    if (turn === 0) parentPort!.postMessage("first calls made");
  }
} else {
  const script = fileURLToPath(new URL(`./terminate_during_first_calls.${ext}`, import.meta.url));
  const said = (worker: Worker, what: string) =>
    new Promise<void>((resolve, reject) => {
      worker.once("message", (m) =>
        m === what ? resolve() : reject(new Error(`the Worker said ${m}, not ${what}`)));
    });
  let spreadMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const worker = new Worker(script);
    const ended = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.on("error", (e) => {
      console.error(`round ${round}: the Worker threw`, e);
      process.exit(1);
    });
    await said(worker, "imported");
    const started = performance.now();
    if (round === 0) {
      await said(worker, "first calls made");
      spreadMs = performance.now() - started;
    } else {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * spreadMs));
    }
    await worker.terminate();
    await ended;
  }
  console.log(`${ROUNDS - 1} Workers terminated 0 to ${spreadMs.toFixed(1)} ms after their import ended`);
  console.log("ok");
}
