// Child process for tests/safety_net.test.ts: opens sources, registers one,
// drops them without close(), forces garbage collection, and reports on
// stdout whether their descriptors were closed. Run with the engine's gc
// exposed (node --expose-gc, deno --v8-flags=--expose-gc; Bun has Bun.gc).
import { readlinkSync } from "node:fs";
import process from "node:process";
import { Interest, Poll, TcpListener, TcpStream, Token } from "../../mod.ts";

const g = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
const collect = () => (g.gc ? g.gc() : g.Bun?.gc(true));
/** What `/proc/self/fd/<fd>` links to (e.g. `socket:[1234]`), or null when closed. */
const linkOf = (fd: number): string | null => {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
};

const poll = new Poll();
/** Opens three sources in a scope that ends, so nothing keeps them alive. */
function leak(): number[] {
  const listener = TcpListener.bind("127.0.0.1:0");
  const stream = TcpStream.connect(listener.localAddr());
  poll.registry().register(stream, Token(1), Interest.WRITABLE);
  const closedProperly = TcpStream.connect(listener.localAddr());
  closedProperly.close();
  return [listener.fd, stream.fd];
}

const fds = leak();
// A descriptor number may be reused once closed: compare the socket it named.
const links = fds.map(linkOf);
const isOpen = (fd: number, i: number) => linkOf(fd) === links[i];
for (let i = 0; i < 50 && fds.some(isOpen); i++) {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.stdout.write(`${JSON.stringify({ fds, open: fds.filter(isOpen) })}\n`);
poll.close();
