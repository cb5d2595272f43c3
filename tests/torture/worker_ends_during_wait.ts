// Torture case (see cases.ts): a Worker ends while one of its pollAsync()
// waits is pending, and that wait's poll(2) returns afterwards (its 300 ms
// timeout). Modes: "exit" (the Worker calls process.exit(0)), "terminate"
// (the parent calls worker.terminate()), "close" (a Web Worker calls
// self.close()). The parent then outlives the wait's return by a second,
// runs a pollAsync() of its own, and prints "ok".
import process from "node:process";
import { fileURLToPath } from "node:url";
import { Worker as NodeWorker } from "node:worker_threads";
import { Events, Poll, Token, Waker } from "../../mod.ts";

const mode = process.argv[2];
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const workerUrl = new URL(`./worker_ends_during_wait_worker.${ext}`, import.meta.url);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type WebWorker = {
  onmessage: ((e: { data: unknown }) => void) | null;
  addEventListener(type: string, fn: () => void): void;
  terminate(): void;
};
const WebWorkerClass = (globalThis as { Worker?: new (url: URL, o: { type: string }) => WebWorker }).Worker;

if (mode === "close") {
  if (WebWorkerClass === undefined) {
    console.log("torture-skip: this runtime has no Web Worker (globalThis.Worker)");
    process.exit(0);
  }
  const worker = new WebWorkerClass(new URL("?mode=close", workerUrl), { type: "module" });
  await new Promise<void>((resolve) => {
    worker.onmessage = (e) => {
      if (e.data === "waiting") resolve();
    };
  });
} else if (mode === "exit" || mode === "terminate") {
  if (mode === "terminate" && process.platform === "win32" && "Bun" in globalThis) {
    // Open defect (issue 19, item 1 on Windows): seen once in a full Wine run, Bun 1.4.5 segfaulted
    // ("Segmentation fault at address 0x1") after terminate(); it passed in other runs.
    console.log(
      "torture-skip: Bun on Windows can still crash when terminate() ends a Worker whose pollAsync() waits (open)",
    );
    process.exit(0);
  }
  const worker = new NodeWorker(fileURLToPath(workerUrl), { workerData: mode });
  const exited = new Promise<number>((resolve) => worker.on("exit", resolve));
  await new Promise<void>((resolve) => worker.on("message", (m) => m === "waiting" && resolve()));
  if (mode === "terminate") await worker.terminate();
  console.log(`worker ended with ${await exited}`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
// The Worker's wait times out 300 ms after it started: be here well after that.
await sleep(1000);
const poll = new Poll();
const waker = new Waker(poll.registry(), Token(1));
const events = new Events(4);
setTimeout(() => waker.wake(), 10);
await poll.pollAsync(events);
waker.close();
poll.close();
console.log(`main pollAsync saw ${events.length} event`);
console.log("ok");
