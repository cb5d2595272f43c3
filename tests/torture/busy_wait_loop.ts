// Torture case (see cases.ts): a loop of waits that always find events ready
// must let timers run. A Waker woken before each wait keeps an event ready;
// a setInterval counts its ticks, and an AbortSignal.timeout(200) must end
// the loop. Modes: "events" (for await over poll.events()), "poll-async"
// (pollAsync() with no timeout, in a while loop), "timeout-zero"
// (pollAsync(events, 0) with nothing registered: nothing is ever ready).
// Prints "ok" once the loop ended by the abort with the interval having
// ticked; a starved runtime never gets there (the case's time bound fails
// it).
import process from "node:process";
import { Events, Poll, Token, Waker } from "../../mod.ts";

const mode = process.argv[2];
const poll = new Poll();
const events = new Events(8);
const waker = new Waker(poll.registry(), Token(1));
let ticks = 0;
const interval = setInterval(() => ticks++, 1);
const signal = AbortSignal.timeout(200);
let waits = 0;

if (mode === "events") {
  waker.wake();
  for await (const _event of poll.events(events, { signal })) {
    waits++;
    waker.wake();
  }
} else if (mode === "poll-async") {
  try {
    for (;;) {
      waker.wake();
      await poll.pollAsync(events, null, { signal });
      if (events.isEmpty()) throw new Error("a wait with a woken Waker found no event");
      waits++;
    }
  } catch (e) {
    if (e !== signal.reason) throw e;
  }
} else if (mode === "timeout-zero") {
  while (!signal.aborted) {
    await poll.pollAsync(events, 0);
    waits++;
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
clearInterval(interval);
waker.close();
poll.close();
if (!signal.aborted) throw new Error("the loop ended without the abort");
if (ticks < 1) throw new Error(`the interval never ran during ${waits} waits`);
console.log(`${waits} waits, ${ticks} interval ticks`);
console.log("ok");
