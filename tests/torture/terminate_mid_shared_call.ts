// Torture case (see cases.ts): a Worker is terminated in the middle of a
// shared Waker's wake() ("wake") or of a shared Registry's register() or
// deregister() ("registry"); the owner then closes its Waker and Poll.
//
// First LOOSE_ROUNDS rounds: the Worker calls in a tight loop and is
// terminated wherever it is (a crash or a hang fails the case). Then
// STOPPED_ROUNDS rounds in which the Worker is terminated at a point known
// to be inside a call: for one call, its realm's Atomics.sub (which the
// call's guard uses to leave) tells the parent and loops forever, so the
// call never ends, as when a termination lands after its system call.
//
// The verdict of a stopped round needs no clock: after close() returns,
// the number the call still uses must not be free (a descriptor opened
// later would get that number and the call's late write or epoll_ctl). On
// epoll and poll(2) an inert pipe (no writer) takes the number and the real
// descriptor is released at once; where there is no inert stand-in
// (kqueue, or the simulated ABI's C library without dup2) the number stays
// as it is. A close() that waits for the call to end can only give up and
// close the number (the call never ends), which frees it: the round fails.
// Linux only (/proc/self/fd).
import { readdirSync, readlinkSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Interest, Poll, Registry, Token, UdpSocket, Waker } from "../../mod.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const LOOSE_ROUNDS = 6;
const STOPPED_ROUNDS = 3;

interface HolderData {
  readonly mode: "wake" | "registry";
  /** Whether the Worker stops inside its first call (else it says "ready" and loops on the call). */
  readonly stop: boolean;
  readonly value: unknown;
}

/** The open descriptor numbers, each with what it links to. */
function links(): Map<number, string> {
  const open = new Map<number, string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      open.set(Number(fd), readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // The directory's own descriptor, closed already.
    }
  }
  return open;
}

if (!isMainThread) {
  const { mode, stop, value } = workerData as HolderData;
  const call = mode === "wake"
    ? (() => {
      const waker = Waker.fromShared(value);
      return () => waker.wake();
    })()
    : (() => {
      const registry = Registry.fromShared(value);
      const socket = UdpSocket.bind("127.0.0.1:0");
      return () => {
        registry.register(socket, Token(7), Interest.READABLE);
        registry.deregister(socket);
      };
    })();
  if (stop) {
    const sub = Atomics.sub;
    let stopping = true;
    // The first Atomics.sub of the call is its guard's leave(): tell the parent, and never return.
    (Atomics as { sub: unknown }).sub = (cells: Int32Array, index: number, value: number): number => {
      if (!stopping) return sub(cells, index, value);
      parentPort!.postMessage("inside");
      for (;;) {
        // Stopped inside the call until terminated.
      }
    };
    call();
    stopping = false;
    parentPort!.postMessage("missed");
  } else {
    parentPort!.postMessage("ready");
    for (;;) {
      try {
        call();
      } catch {
        // Refused once the owner closed: keep calling until terminated.
      }
    }
  }
} else {
  const mode = process.argv[2] as "wake" | "registry";
  if (mode !== "wake" && mode !== "registry") throw new Error(`unknown mode ${mode}`);
  if (process.platform !== "linux") {
    console.log("torture-skip: decides by what close() leaves in /proc/self/fd (Linux)");
    process.exit(0);
  }
  // Where close() can put an inert pipe in place of a number still in use (dup2, on epoll and poll(2)).
  const standIn = (Poll.backend === "epoll" || Poll.backend === "poll") && !process.env.MIO_TS_SIMULATE_OS;
  const script = fileURLToPath(new URL(`./terminate_mid_shared_call.${ext}`, import.meta.url));
  for (let round = 1; round <= LOOSE_ROUNDS + STOPPED_ROUNDS; round++) {
    const stop = round > LOOSE_ROUNDS;
    const before = links();
    const poll = new Poll();
    const waker = new Waker(poll.registry(), Token(1));
    const value = mode === "wake" ? waker.share() : poll.registry().share();
    const opened = links();
    const holder = new Worker(script, { workerData: { mode, stop, value } satisfies HolderData });
    const ended = new Promise<void>((resolve) => holder.on("exit", () => resolve()));
    const said = await new Promise<unknown>((resolve) => holder.once("message", resolve));
    if (said === "missed") {
      throw new Error(
        `round ${round}: the Worker's call ended without Atomics.sub (the point this case stops it at): update the case`,
      );
    }
    // A loose round lets the Worker loop a while (a few turns of this event loop), then ends it wherever it is.
    if (!stop) { for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 1)); }
    console.log(`round ${round}: terminating${stop ? " inside a call" : ""}`);
    await holder.terminate();
    await ended;
    waker.close();
    poll.close();
    const after = links();
    if (stop) {
      const ours = [...opened.keys()].filter((fd) => before.get(fd) !== opened.get(fd));
      const known = new Set(opened.values());
      const kept = ours.filter((fd) => after.has(fd));
      const inert = kept.filter((fd) => after.get(fd)!.startsWith("pipe:") && !known.has(after.get(fd)!));
      const seen = ours.map((fd) => `${fd}: ${opened.get(fd)} -> ${after.get(fd) ?? "free"}`).join(", ");
      if ((standIn ? inert : kept).length === 0) {
        throw new Error(
          `round ${round}: close() freed every number the Poll and Waker had (${seen}) while a call still used one` +
            (standIn ? ", instead of putting an inert pipe in its place" : ""),
        );
      }
      console.log(`round ${round}: closed; ${seen}`);
    } else {
      console.log(`round ${round}: closed`);
    }
  }
  console.log(
    `${LOOSE_ROUNDS} rounds terminated anywhere, ${STOPPED_ROUNDS} inside a call: close() kept the number in use ` +
      (standIn ? "taken by an inert pipe" : "open"),
  );
  console.log("ok");
}
