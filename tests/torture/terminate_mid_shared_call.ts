// Torture case (see cases.ts): a Worker is terminated while it calls a
// shared Waker's wake() ("wake") or a shared Registry's register() and
// deregister() ("registry") in a tight loop, so the termination may land
// between the start and the end of one call; the owner then closes its
// Waker and Poll. Each of ROUNDS rounds checks that close() does not wait
// for the terminated Worker: a witness Worker, told just before close()
// starts, waits WITNESS_MS and then sets a marker unless close() returned
// first. close() makes a few system calls; WITNESS_MS is half a second, so
// only a close() that waits for a Worker that can never leave (the failure
// this case looks for) lets the marker be set.
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Interest, Poll, Registry, Token, UdpSocket, Waker } from "../../mod.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const ROUNDS = 6;
const WITNESS_MS = 500;
/**
 * The witness's cells, each holding a round's number: 0 the round's close()
 * starts, 1 it returned, 2 the witness's verdict is in, 3 the marker (the
 * witness's wait ran out before close() returned).
 */
type Cells = Int32Array;

interface HolderData {
  readonly role: "holder";
  readonly mode: "wake" | "registry";
  readonly value: unknown;
}
interface WitnessData {
  readonly role: "witness";
  readonly cells: SharedArrayBuffer;
}

if (!isMainThread) {
  const data = workerData as HolderData | WitnessData;
  if (data.role === "witness") {
    const cells: Cells = new Int32Array(data.cells);
    parentPort!.postMessage("ready");
    for (let round = 1; round <= ROUNDS; round++) {
      while (Atomics.load(cells, 0) < round) Atomics.wait(cells, 0, round - 1);
      if (Atomics.wait(cells, 1, round - 1, WITNESS_MS) === "timed-out") Atomics.store(cells, 3, round);
      Atomics.store(cells, 2, round);
      Atomics.notify(cells, 2);
    }
  } else if (data.mode === "wake") {
    const waker = Waker.fromShared(data.value);
    // One call before "ready": the C library is loaded (terminating a Worker inside koffi's load aborts Node).
    waker.wake();
    parentPort!.postMessage("ready");
    for (;;) {
      try {
        waker.wake();
      } catch {
        // Refused once the owner closed: keep calling until terminated.
      }
    }
  } else {
    const registry = Registry.fromShared(data.value);
    const socket = UdpSocket.bind("127.0.0.1:0");
    registry.register(socket, Token(7), Interest.READABLE);
    registry.deregister(socket);
    parentPort!.postMessage("ready");
    for (;;) {
      try {
        registry.register(socket, Token(7), Interest.READABLE);
        registry.deregister(socket);
      } catch {
        // Refused once the owner closed: keep calling until terminated.
      }
    }
  }
} else {
  const mode = process.argv[2] as "wake" | "registry";
  if (mode !== "wake" && mode !== "registry") throw new Error(`unknown mode ${mode}`);
  const script = fileURLToPath(new URL(`./terminate_mid_shared_call.${ext}`, import.meta.url));
  const cells: Cells = new Int32Array(new SharedArrayBuffer(16));
  const witness = new Worker(script, { workerData: { role: "witness", cells: cells.buffer } });
  const witnessEnded = new Promise<void>((resolve) => witness.on("exit", () => resolve()));
  await new Promise<void>((resolve) => witness.once("message", () => resolve()));
  for (let round = 1; round <= ROUNDS; round++) {
    const poll = new Poll();
    const waker = new Waker(poll.registry(), Token(1));
    const value = mode === "wake" ? waker.share() : poll.registry().share();
    const holder = new Worker(script, { workerData: { role: "holder", mode, value } });
    const ended = new Promise<void>((resolve) => holder.on("exit", () => resolve()));
    await new Promise<void>((resolve) => holder.once("message", () => resolve()));
    // Let it loop a while (a few turns of this event loop), then end it wherever it is.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    console.log(`round ${round}: terminating`);
    await holder.terminate();
    await ended;
    Atomics.store(cells, 0, round);
    Atomics.notify(cells, 0);
    waker.close();
    poll.close();
    Atomics.store(cells, 1, round);
    Atomics.notify(cells, 1);
    while (Atomics.load(cells, 2) < round) Atomics.wait(cells, 2, round - 1);
    if (Atomics.load(cells, 3) === round) {
      throw new Error(`round ${round}: close() waited ${WITNESS_MS} ms or more for the terminated Worker`);
    }
    console.log(`round ${round}: closed`);
  }
  await witnessEnded;
  console.log(`${ROUNDS} rounds: close() never waited for the terminated Worker`);
  console.log("ok");
}
