// The Worker of worker_ends_during_wait.ts: starts a pollAsync() with a
// 300 ms timeout, tells the parent it waits, and ends (or is ended) while
// the wait is pending: "exit" calls process.exit(0), "terminate" waits to be
// terminated, and as a Web Worker (no argv mode) it calls self.close().
import process from "node:process";
import { parentPort, workerData } from "node:worker_threads";
import { Events, Poll } from "../../mod.ts";

const poll = new Poll();
const events = new Events(4);
poll.pollAsync(events, 300).then(() => console.log("the Worker's wait resolved"));
// Let the wait reach its helper thread before ending.
await new Promise((resolve) => setTimeout(resolve, 20));
// A Web Worker is started with "?mode=close" in its URL; a node:worker_threads one gets workerData.
const mode = new URL(import.meta.url).searchParams.get("mode") ?? workerData;
const post = (m: string) =>
  mode === "close"
    ? (globalThis as unknown as { postMessage(m: string): void }).postMessage(m)
    : parentPort!.postMessage(m);
post("waiting");
if (mode === "exit") process.exit(0);
if (mode === "close") (globalThis as unknown as { close(): void }).close();
