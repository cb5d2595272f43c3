// Torture case (see cases.ts): a Worker is terminated in the middle of a
// shared Registry's register(), at each of the call's Atomics operations in
// turn; then the owner must still poll, and a registration another Worker
// makes through the shared registry while the owner's pollAsync() waits
// with no timeout must still wake it, be applied and deliver its event.
//
// On poll(2) and IOCP the shared registry queues each change in a
// SharedArrayBuffer for the owner, so a change cut short leaves that queue
// in whatever state the Worker reached. For N = 1, 2, ... a fresh Worker
// does the N-th Atomics operation of its register() that can change shared
// memory or wake a thread (the queue's claims, stores and wake-ups, its
// guard's enter and leave; not a load, which leaves things as the operation
// before it did), tells the parent, and loops until terminated; the first N
// the call does not reach ends the case.
// No clock decides: a queue left locked, or a wake left to a Worker that
// never makes it, makes the owner's poll(), the later register() or the
// owner's wait last forever, which the harness's time bound reports.
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
  /** Stop after the call's N-th Atomics operation; 0: register a socket of this Worker when told to. */
  readonly stopAt: number;
}

/** The later Worker: on "go", registers a socket of its own with `token` and sends it a datagram. */
function laterWorker(registry: Registry, token: number): void {
  const receiver = UdpSocket.bind("127.0.0.1:0");
  const sender = UdpSocket.bind("127.0.0.1:0");
  parentPort!.on("message", (what: unknown) => {
    if (what === "go") {
      registry.register(receiver, Token(token), Interest.READABLE);
      sender.sendTo(new Uint8Array([1]), receiver.localAddr());
    } else {
      registry.deregister(receiver);
      receiver.close();
      sender.close();
      parentPort!.postMessage("closed");
    }
  });
  parentPort!.postMessage("ready");
}

if (!isMainThread) {
  const { value, stopAt } = workerData as ChangerData;
  const registry = Registry.fromShared(value);
  if (stopAt <= 0) laterWorker(registry, -stopAt);
  else {
    const socket = UdpSocket.bind("127.0.0.1:0");
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
  }
} else if (process.platform === "win32" && process.env.MIO_TS_WINE === "1" && Poll.runtime === "deno") {
  console.log(
    "torture-skip: Deno 2.9 under Wine 8 ended this child once with no exit status and no output (1 of 5 runs, " +
      "on a loaded machine; open): it runs on Deno natively and on Node and Bun under Wine",
  );
} else {
  const script = fileURLToPath(new URL(`./terminate_mid_registry_change.${ext}`, import.meta.url));
  const poll = new Poll();
  const value = poll.registry().share();
  const events = new Events(64);
  const start = (stopAt: number) => {
    const worker = new Worker(script, { workerData: { value, stopAt } satisfies ChangerData });
    const ended = new Promise<void>((resolve) => worker.on("exit", () => resolve()));
    const said = () => new Promise<unknown>((resolve) => worker.once("message", resolve));
    const end = async () => {
      await worker.terminate();
      await ended;
    };
    return { worker, said, end };
  };
  const run = async (stopAt: number): Promise<unknown> => {
    const changer = start(stopAt);
    const said = await changer.said();
    await changer.end();
    return said;
  };
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
    // Another Worker's registration, made while the owner waits with no timeout, must wake it and deliver its event.
    const token = 100 + stopAt;
    const later = start(-token);
    if (await later.said() !== "ready") throw new Error(`stop ${stopAt}: the later Worker did not start`);
    let seen = false;
    for (let first = true; !seen; first = false) {
      const waiting = poll.pollAsync(events);
      if (first) later.worker.postMessage("go");
      await waiting;
      for (const event of events) if (event.token() === token && event.isReadable()) seen = true;
    }
    later.worker.postMessage("done");
    if (await later.said() !== "closed") throw new Error(`stop ${stopAt}: the later Worker did not close`);
    await later.end();
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
