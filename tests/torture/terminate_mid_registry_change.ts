// Torture case (see cases.ts): a Worker is terminated in the middle of a
// shared Registry's register(), at each of the call's Atomics operations in
// turn; then the owner must still poll, and a registration made after it
// through the shared registry must still be applied and deliver its event.
//
// On poll(2) and IOCP the shared registry queues each change in a
// SharedArrayBuffer for the owner, so a change cut short leaves that queue
// in whatever state the Worker reached. The Worker first counts the Atomics
// operations of one register() (the queue's claims, stores and wake-ups,
// its guard's enter and leave); then, for each N, a fresh Worker does its
// N-th operation of the call, tells the parent, and loops until terminated.
// No clock decides: a queue left locked makes the owner's poll() or the
// later register() wait forever, which the harness's time bound reports.
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Events, Interest, Poll, Registry, Token, UdpSocket } from "../../mod.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
/** The Atomics functions a change may go through. */
const OPERATIONS = [
  "add",
  "and",
  "compareExchange",
  "exchange",
  "load",
  "notify",
  "or",
  "store",
  "sub",
  "wait",
  "xor",
] as const;

interface ChangerData {
  readonly value: unknown;
  /** 0: count the Atomics operations of one register(); N: stop after the N-th. */
  readonly stopAt: number;
}

if (!isMainThread) {
  const { value, stopAt } = workerData as ChangerData;
  const registry = Registry.fromShared(value);
  const socket = UdpSocket.bind("127.0.0.1:0");
  // One change before the stopped one: the C library is loaded (terminating a Worker inside koffi's load aborts Node).
  registry.register(socket, Token(7), Interest.READABLE);
  registry.deregister(socket);
  let done = 0;
  let counting = true;
  const atomics = Atomics as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of OPERATIONS) {
    const real = atomics[name]!;
    atomics[name] = (...args: unknown[]): unknown => {
      const result = real(...args);
      if (!counting) return result;
      done++;
      if (done === stopAt) {
        parentPort!.postMessage("inside");
        for (;;) {
          // Stopped inside register() until terminated.
        }
      }
      return result;
    };
  }
  registry.register(socket, Token(7), Interest.READABLE);
  counting = false;
  parentPort!.postMessage(stopAt === 0 ? done : "missed");
} else {
  const script = fileURLToPath(new URL(`./terminate_mid_registry_change.${ext}`, import.meta.url));
  const poll = new Poll();
  const value = poll.registry().share();
  const events = new Events(64);
  const run = async (stopAt: number): Promise<unknown> => {
    const changer = new Worker(script, { workerData: { value, stopAt } satisfies ChangerData });
    const ended = new Promise<void>((resolve) => changer.on("exit", () => resolve()));
    const said = await new Promise<unknown>((resolve) => changer.once("message", resolve));
    await changer.terminate();
    await ended;
    return said;
  };
  const operations = await run(0);
  if (typeof operations !== "number" || operations === 0) {
    throw new Error(`the counting Worker said ${String(operations)}: register() made no Atomics operation`);
  }
  console.log(`register() makes ${operations} Atomics operations (${Poll.backend})`);
  // The owner's own shared registry, as another Worker's would be: its changes go through the same queue.
  const later = Registry.fromShared(value);
  for (let stopAt = 1; stopAt <= operations; stopAt++) {
    const said = await run(stopAt);
    if (said !== "inside") throw new Error(`stop ${stopAt}: the Worker said ${String(said)}: update the case`);
    // The owner applies what is queued (a locked queue waits here forever).
    poll.poll(events, 0);
    // A registration made afterwards (a locked queue waits here, or leaves it unapplied) must deliver its event.
    const receiver = UdpSocket.bind("127.0.0.1:0");
    const sender = UdpSocket.bind("127.0.0.1:0");
    later.register(receiver, Token(100 + stopAt), Interest.READABLE);
    sender.sendTo(new Uint8Array([stopAt]), receiver.localAddr());
    let seen = false;
    while (!seen) {
      poll.poll(events, 1000);
      for (const event of events) if (event.token() === 100 + stopAt && event.isReadable()) seen = true;
    }
    later.deregister(receiver);
    receiver.close();
    sender.close();
    console.log(`stop ${stopAt}/${operations}: terminated inside register(); the queue still works`);
  }
  poll.close();
  console.log(`${operations} Workers terminated inside register(), one per Atomics operation: no hang, nothing lost`);
  console.log("ok");
  process.exit(0);
}
