// Torture case (see cases.ts): what a Worker opened (a Poll with a Waker, a
// TCP listener, a UDP socket) is closed when the Worker ends, or stays
// closed when it closed it itself. Modes: "exit" (the Worker calls
// process.exit(0)), "terminate" (the parent calls worker.terminate()),
// "return" (the Worker closes its port and has nothing left to do),
// "close-exit" (the Worker closes all of it, then calls process.exit(0)).
// The parent counts its descriptors (/proc/self/fd; on Windows, its File
// and IoCompletion handles, the kinds mio-ts opens) after a first Worker of the same kind
// ended (the runtime opens some descriptors of its own for its first
// Worker, and keeps them), then after ROUNDS more, and prints "ok" when the
// count grew by less than ROUNDS: a Worker that leaves even one descriptor
// open adds ROUNDS, while the runtime may open a few more of its own later
// (Deno did: up to 4, under the simulated ABI). Linux and Windows.
import { readdirSync, readlinkSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Poll, TcpListener, Token, UdpSocket, Waker } from "../../mod.ts";
import { MIO_OBJECT_TYPES, windowsHandles } from "../util/windows_handles.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const ROUNDS = 8;
/** How long the ended Workers' threads are given to end, after their last "exit" event: a liveness bound. */
const SETTLE_MS = 20_000;

/** The open descriptors, each with what it links to (on Windows: the handles of the kinds mio-ts opens, with their type). */
function links(): string[] {
  if (process.platform === "win32") {
    return [...windowsHandles()].filter(([, type]) => MIO_OBJECT_TYPES.has(type)).map(([h, type]) =>
      `${h} ${type}`
    );
  }
  return readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      return [`${fd} ${readlinkSync(`/proc/self/fd/${fd}`)}`];
    } catch {
      return []; // the directory's own descriptor, closed already
    }
  });
}

if (!isMainThread) {
  const poll = new Poll();
  const waker = new Waker(poll.registry(), Token(1));
  const listener = TcpListener.bind("127.0.0.1:0");
  const udp = UdpSocket.bind("127.0.0.1:0");
  waker.wake();
  // Kept reachable to the end: only the Worker's ending may close them.
  (globalThis as { kept?: unknown }).kept = [poll, waker, listener, udp];
  parentPort!.once("message", () => {
    if (workerData === "close-exit") {
      waker.close();
      poll.close();
      listener.close();
      udp.close();
      process.exit(0);
    }
    if (workerData === "exit") process.exit(0);
    if (workerData === "return") parentPort!.close();
  });
  parentPort!.postMessage("ready");
} else {
  const mode = process.argv[2];
  if (process.platform !== "linux" && process.platform !== "win32") {
    console.log("torture-skip: reads /proc/self/fd (Linux) or the handle table (Windows)");
    process.exit(0);
  }
  const script = fileURLToPath(new URL(`./worker_exit_closes.${ext}`, import.meta.url));
  /** Starts a Worker, lets it open its descriptors, ends it as `mode` says; the descriptors it had open. */
  const round = async (): Promise<number> => {
    const worker = new Worker(script, { workerData: mode });
    const exited = new Promise<void>((resolve) => worker.on("exit", () => resolve()));
    await new Promise<void>((resolve) => worker.once("message", () => resolve()));
    const running = links().length;
    if (mode === "terminate") await worker.terminate();
    else worker.postMessage("end");
    await exited;
    return running;
  };
  await round();
  const before = links();
  let running = 0;
  for (let i = 0; i < ROUNDS; i++) running = await round();
  // A Worker's "exit" event can come before its thread has ended, and so before the thread's end closed
  // what it held (seen on a busy machine): wait for that, up to SETTLE_MS. A leaked descriptor stays.
  const settleEnd = performance.now() + SETTLE_MS;
  let after = links();
  while (after.length - before.length >= ROUNDS && performance.now() < settleEnd) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    after = links();
  }
  const added = after.filter((l) => !before.includes(l));
  if (after.length - before.length >= ROUNDS) {
    throw new Error(
      `${after.length - before.length} more descriptors open after ${ROUNDS} Workers ended (${mode}): ${
        added.join(", ")
      }`,
    );
  }
  console.log(
    `${before.length} descriptors before ${ROUNDS} Workers, ${running} while one ran, ${after.length} after`,
  );
  console.log("ok");
}
