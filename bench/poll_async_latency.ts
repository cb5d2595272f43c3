// How much latency pollAsync() adds over poll() per wake-up, on the runtime
// that runs it, all measured in one run:
//
//   deno run -A bench/poll_async_latency.ts
//   bun bench/poll_async_latency.ts
//   node dist/bench/poll_async_latency.js   (after `tsc -p .`)
//   npm run bench:async                      (all three)
//
// Rounds (N of each, env N, default 5000, after 200 warm-up rounds of each;
// the kinds alternate round by round, so that each sees the same load); each
// ends when one byte written to a Unix socket pair is reported and read:
// - "data already there": write, then poll()/pollAsync() (which finds it at
//   once, without waiting off the thread);
// - "woken by a Worker": a writer Worker, armed by the main thread, waits
//   0.2 ms (the main thread's wait is parked by then), notes the time and
//   writes; measured from that write to the main thread having the event.
//   This is the comparison that counts: poll() blocked in the kernel vs
//   pollAsync() waiting on its helper thread, both woken from elsewhere;
// - "woken by this thread": pollAsync() parked, then the main thread itself
//   writes after 0.2 ms (the shared/probes/async "wake" mode).
import process from "node:process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Events, Interest, Poll, Token, UnixStream } from "../mod.ts";
import { ARMED, QUIT, WAKE_DELAY_MS, type WriterData, WRITTEN_AT } from "./poll_async_shared.ts";

const N = Number(process.env.N ?? 5000);
const WARMUP = 200;
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
/** Milliseconds on a clock every thread of the process shares. */
const clock = () => performance.timeOrigin + performance.now();

const poll = new Poll();
const events = new Events(4);
const [writer, reader] = UnixStream.pair();
poll.registry().register(reader, Token(1), Interest.READABLE);
const one = new Uint8Array([1]);
const sink = new Uint8Array(64);

const control = new SharedArrayBuffer(8);
const cells = new Int32Array(control);
const times = new SharedArrayBuffer(8);
const stamps = new Float64Array(times);
const workerData: WriterData = { fd: writer.fd, control, times };
const worker = new Worker(fileURLToPath(new URL(`./poll_async_writer.${ext}`, import.meta.url)), {
  workerData,
});

/** Checks the round's one event and reads until WouldBlock (which also re-arms, on poll(2)). */
function consume(): void {
  if (events.length !== 1) throw new Error(`expected 1 event, got ${events.length}`);
  while (reader.read(sink) !== null) {
    // Drain.
  }
}

/** Makes the writer Worker write once, WAKE_DELAY_MS from now. */
function armWriter(): void {
  Atomics.add(cells, ARMED, 1);
  Atomics.notify(cells, ARMED);
}

function spin(ms: number): void {
  const start = performance.now();
  while (performance.now() - start < ms) {
    // Busy-wait.
  }
}

/** The rounds, each returning its latency in ms. */
const rounds: [string, () => number | Promise<number>][] = [
  ["poll()       data already there", () => {
    const start = performance.now();
    writer.write(one);
    poll.poll(events, null);
    consume();
    return performance.now() - start;
  }],
  ["pollAsync()  data already there", async () => {
    const start = performance.now();
    writer.write(one);
    await poll.pollAsync(events, null);
    consume();
    return performance.now() - start;
  }],
  ["poll()       woken by a Worker", () => {
    armWriter();
    poll.poll(events, null);
    const latency = clock() - stamps[WRITTEN_AT];
    consume();
    return latency;
  }],
  ["pollAsync()  woken by a Worker", async () => {
    armWriter();
    await poll.pollAsync(events, null);
    const latency = clock() - stamps[WRITTEN_AT];
    consume();
    return latency;
  }],
  ["pollAsync()  woken by this thread", async () => {
    const waiting = poll.pollAsync(events, null);
    spin(WAKE_DELAY_MS);
    const start = performance.now();
    writer.write(one);
    await waiting;
    consume();
    return performance.now() - start;
  }],
];

/** `[median, p99]` of `samples`, in µs. */
function quantiles(samples: number[]): [number, number] {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 1000;
  return [at(0.5), at(0.99)];
}

const us = (v: number) => `${v.toFixed(1).padStart(8)} µs`;
const signed = (v: number) => `${(v >= 0 ? "+" : "") + v.toFixed(1)} µs`.padStart(11);

const version = process.versions[Poll.runtime] ?? "?";
console.log(
  `pollAsync latency: ${Poll.runtime} ${version}, ${Poll.backend} selector, ${process.arch}, N=${N}`,
);
console.log(`${"round".padEnd(36)}${"median".padStart(11)}${"p99".padStart(11)}`);
// The rounds alternate (one of each, N times) so that every kind sees the same load on the machine.
for (let i = 0; i < WARMUP; i++) {
  for (const [, round] of rounds) await round();
}
const samples: number[][] = rounds.map(() => []);
for (let i = 0; i < N; i++) {
  for (let r = 0; r < rounds.length; r++) samples[r].push(await rounds[r][1]());
}
const results = new Map<string, [number, number]>();
rounds.forEach(([name], r) => {
  const q = quantiles(samples[r]);
  results.set(name, q);
  console.log(`${name.padEnd(36)}${us(q[0])}${us(q[1])}`);
});
// Medians only: the difference of two p99s, each dominated by scheduling noise, means little.
const syncMedian = results.get(rounds[2][0])![0];
const asyncMedian = results.get(rounds[3][0])![0];
console.log(`${"added by pollAsync per wake-up".padEnd(36)}${signed(asyncMedian - syncMedian)}  (medians)`);

Atomics.store(cells, QUIT, 1);
armWriter();
await once(worker, "exit");
reader.close();
writer.close();
poll.close();
