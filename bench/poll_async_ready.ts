// The cost of a pollAsync() that finds its event ready at once (a woken
// Waker), in µs per call: since such a wait resolves from a macrotask
// (setImmediate) so that timers run between waits, this is that yield's
// price. Usage: deno run -A bench/poll_async_ready.ts [calls]
// (bun bench/poll_async_ready.ts; node dist/bench/poll_async_ready.js).
import process from "node:process";
import { Events, Poll, Token, Waker } from "../mod.ts";

const calls = Number(process.argv[2] ?? 100_000);
const poll = new Poll();
const events = new Events(8);
const waker = new Waker(poll.registry(), Token(1));

async function run(n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    waker.wake();
    await poll.pollAsync(events, null);
    if (events.isEmpty()) throw new Error("no event after a wake");
  }
  return performance.now() - start;
}

await run(Math.min(calls, 20_000)); // warm-up
const ms = await run(calls);
const perCallUs = (ms * 1000 / calls).toFixed(2);
console.log(`${Poll.runtime} ${Poll.backend}: ${perCallUs} µs per ready pollAsync (${calls} calls)`);
waker.close();
poll.close();
