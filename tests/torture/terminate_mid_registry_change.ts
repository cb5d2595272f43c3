// Torture case (see cases.ts): a Worker is terminated in the middle of a
// shared Registry's register(), at each of the call's Atomics operations in
// turn; then the owner must still poll, and a registration made after it
// through the shared registry must still be applied and deliver its event.
//
// On poll(2) and IOCP the shared registry queues each change in a
// SharedArrayBuffer for the owner, so a change cut short leaves that queue
// in whatever state the Worker reached. For N = 1, 2, ... a fresh Worker
// does the N-th Atomics operation of its register() that can change shared
// memory or wake a thread (the queue's claims, stores and wake-ups, its
// guard's enter and leave; not a load, which leaves things as the operation
// before it did), tells the parent, and loops until terminated; the first N
// the call does not reach ends the case.
// No clock decides: a queue left locked makes the owner's poll() or the
// later register() wait forever, which the harness's time bound reports.
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Events, Interest, Poll, Registry, Token, UdpSocket } from "../../mod.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
/** The Atomics functions a change may go through, but `load`. */
const OPERATIONS = [
  "add",
  "and",
  "compareExchange",
  "exchange",
  "notify",
  "or",
  "store",
  "sub",
  "wait",
  "xor",
] as const;

interface ChangerData {
  readonly value: unknown;
  /** Stop after the call's N-th Atomics operation. */
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
  parentPort!.postMessage("returned");
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
  // The owner's own shared registry, as another Worker's would be: its changes go through the same queue.
  const later = Registry.fromShared(value);
  let stops = 0;
  for (let returned = false; !returned;) {
    const stopAt = ++stops;
    const said = await run(stopAt);
    if (said !== "inside" && said !== "returned") {
      throw new Error(`stop ${stopAt}: the Worker said ${String(said)}`);
    }
    returned = said === "returned";
    if (returned && stopAt === 1) throw new Error("register() made no Atomics operation: update the case");
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
    console.log(
      `stop ${stopAt}: ${
        returned ? "register() returned" : "terminated inside register()"
      }; the queue still works`,
    );
  }
  poll.close();
  console.log(
    `${
      stops - 1
    } Workers terminated inside register() (${Poll.backend}), one per Atomics operation but loads: no hang, nothing lost`,
  );
  console.log("ok");
  process.exit(0);
}
