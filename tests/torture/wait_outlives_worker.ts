// Torture case (see cases.ts): Workers are terminated while a pollAsync()
// with no timeout waits (a Poll with a UDP socket registered, nothing ever
// ready). The thread that runs each wait off the JavaScript thread (Deno's
// blocking pool, Bun's helper thread, a libuv pool thread on Node) must
// come back from it once its Worker is gone, not stay blocked for the rest
// of the process. The parent counts the threads of the process blocked in
// poll(2) (their /proc wait channel) with no Worker, then in each of ROUNDS
// rounds while the Worker's wait is pending (it must see more, or the count
// could not fail) and after the Worker is gone, when it must come back to
// the first within the bound; then it prints "ok". Linux only (/proc), on
// epoll and poll(2) (the waits of sys/unix/off_thread_wait.ts).
import { existsSync, readlinkSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { Events, Interest, Poll, Token, UdpSocket } from "../../mod.ts";
import { threadsInPoll } from "../util/threads.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const ROUNDS = 3;
/** How long a gone Worker's wait may take to come back, and the Worker's to be seen blocked: a liveness bound. */
const BOUND_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` holds, checking every 25 ms, for at most `BOUND_MS`; whether it held. */
async function within(done: () => boolean): Promise<boolean> {
  const end = performance.now() + BOUND_MS;
  while (!done()) {
    if (performance.now() > end) return false;
    await sleep(25);
  }
  return true;
}

if (!isMainThread) {
  const poll = new Poll();
  const udp = UdpSocket.bind("127.0.0.1:0");
  poll.registry().register(udp, Token(1), Interest.READABLE);
  // Kept reachable, and the Worker alive, until terminate() ends it.
  (globalThis as { kept?: unknown }).kept = [poll, udp];
  parentPort!.on("message", () => {});
  void poll.pollAsync(new Events(4), null);
  parentPort!.postMessage(readlinkSync("/proc/thread-self"));
} else {
  if (process.platform !== "linux") {
    console.log("torture-skip: reads /proc/self/task (Linux)");
    process.exit(0);
  }
  if (Poll.backend === "kqueue") {
    // The kqueue wait is kevent(2) itself: a kernel's close of the kqueue at the thread's end is what would end
    // it, and the simulated ABI's kevent (epoll_wait underneath) is not ended by one.
    console.log(
      "torture-skip: on kqueue the wait is kevent(2), which a close of the kqueue ends in a kernel only",
    );
    process.exit(0);
  }
  const script = fileURLToPath(new URL(`./wait_outlives_worker.${ext}`, import.meta.url));
  const before = threadsInPoll().length;
  for (let round = 0; round < ROUNDS; round++) {
    const worker = new Worker(script);
    const exited = new Promise<void>((resolve) => worker.on("exit", () => resolve()));
    const thread = await new Promise<string>((resolve) => worker.once("message", resolve));
    if (!await within(() => threadsInPoll().length > before)) {
      throw new Error(`round ${round}: the Worker's wait was never seen blocked in poll(2)`);
    }
    await worker.terminate();
    await exited;
    if (!await within(() => !existsSync(`/proc/${thread}`))) {
      throw new Error(`round ${round}: ${thread} still runs`);
    }
    if (!await within(() => threadsInPoll().length <= before)) {
      throw new Error(
        `round ${round}: ${
          threadsInPoll().length - before
        } more threads blocked in poll(2) than before any ` +
          `Worker, ${BOUND_MS} ms after the Worker whose wait one ran was terminated: ${
            threadsInPoll().join(", ")
          }`,
      );
    }
  }
  console.log("ok");
}
