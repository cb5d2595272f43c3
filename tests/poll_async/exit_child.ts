// Run by tests/poll_async.test.ts in a child process of the same runtime, to
// see what keeps the process alive. Nothing else here holds the event loop:
// - "pending": a pollAsync with a 200 ms timeout is the only thing left to
//   wait for; the process must stay alive until it resolves, and print
//   "resolved";
// - "idle": one pollAsync resolved by a Waker woken from a timer, then
//   nothing pending (the Poll stays open); the process must end by itself
//   after printing "idle";
// - "readable-left": one pollAsync resolved by a level-triggered UDP
//   socket whose datagram is never read, so the Poll stays readable with no wait
//   pending; the process must end by itself after printing "left".
import process from "node:process";
import { Events, Interest, Poll, Token, UdpSocket, Waker } from "../../mod.ts";

const poll = new Poll();
const events = new Events(4);
const mode = process.argv[2];
if (mode === "pending") {
  poll.pollAsync(events, 200).then(() => console.log(`resolved with ${events.length} events`));
} else if (mode === "idle") {
  const waker = new Waker(poll.registry(), Token(1));
  setTimeout(() => waker.wake(), 10);
  await poll.pollAsync(events);
  console.log(`idle after ${events.length} event`);
} else if (mode === "readable-left") {
  const reader = UdpSocket.bind("127.0.0.1:0");
  const writer = UdpSocket.bind("127.0.0.1:0");
  poll.registry().register(reader, Token(1), Interest.READABLE, { trigger: "level" });
  setTimeout(() => writer.sendTo(new Uint8Array([1]), reader.localAddr()), 10);
  await poll.pollAsync(events);
  console.log(`left ${events.length} event unread`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
