// Torture case (see cases.ts): the process, or a Worker, ends while a
// pollAsync() with no timeout waits (nothing will ever make it ready).
// Modes: "exit" (process.exit(3)), "throw" (an uncaught exception),
// "worker-exit" (a Worker calls process.exit(0)), "worker-terminate" (the
// parent calls worker.terminate()). In the Worker modes the parent prints
// "ok" once the Worker ended and then has nothing left to do.
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Events, Poll } from "../../mod.ts";

const mode = isMainThread ? process.argv[2] : "worker";
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** Starts a wait that never ends by itself; resolves once it reached its helper thread. */
async function waitForever(): Promise<void> {
  const poll = new Poll();
  poll.pollAsync(new Events(4), null).then(() => console.log("the wait resolved"));
  await new Promise((resolve) => setTimeout(resolve, 20));
}

if (mode === "exit" || mode === "throw") {
  await waitForever();
  console.log("waiting");
  if (mode === "exit") process.exit(3);
  setTimeout(() => {
    throw new Error("torture: uncaught on purpose");
  }, 0);
} else if (mode === "worker") {
  await waitForever();
  parentPort!.postMessage("waiting");
  if (workerData === "worker-exit") process.exit(0);
} else if (mode === "worker-exit" || mode === "worker-terminate") {
  const worker = new Worker(fileURLToPath(new URL(`./exit_during_wait.${ext}`, import.meta.url)), {
    workerData: mode,
  });
  const exited = new Promise<number>((resolve) => worker.on("exit", resolve));
  await new Promise<void>((resolve) => worker.on("message", (m) => m === "waiting" && resolve()));
  if (mode === "worker-terminate") await worker.terminate();
  console.log(`worker ended with ${await exited}`);
  console.log("ok");
} else {
  throw new Error(`unknown mode ${mode}`);
}
