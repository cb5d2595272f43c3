// Worker of tests/thread_exit.test.ts: a Poll whose Waker and Registry it
// shares with the parent, which then terminates it. It stays alive (its
// message listener) until then: a Worker that ends by itself closes its Poll.
import { readlinkSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { Poll, Token, Waker } from "../../mod.ts";

const poll = new Poll();
const waker = new Waker(poll.registry(), Token(1));
(globalThis as { kept?: unknown }).kept = [poll, waker];
const wakerValue = waker.share();
const registryValue = poll.registry().share() as unknown as { fd?: number };
const fds = [(wakerValue as unknown as { fd: number }).fd, registryValue.fd].filter((fd) =>
  typeof fd === "number"
);
parentPort!.on("message", () => {});
parentPort!.postMessage({
  thread: readlinkSync("/proc/thread-self"),
  waker: wakerValue,
  links: fds.map((fd) => [fd, readlinkSync(`/proc/self/fd/${fd}`)]),
});
