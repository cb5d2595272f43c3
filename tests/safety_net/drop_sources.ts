// Child process for tests/safety_net.test.ts: opens one source of each kind,
// registers some, drops them without close(), forces garbage collection,
// and reports on stdout whether their descriptors were closed; then opens
// sockets that reuse the freed numbers, registers them with the same Poll,
// and reports what that Poll says. Run with the engine's gc exposed (node
// --expose-gc, deno --v8-flags=--expose-gc; Bun has Bun.gc).
import { readlinkSync } from "node:fs";
import process from "node:process";
import {
  Events,
  Interest,
  IoError,
  pipe,
  Poll,
  TcpListener,
  TcpStream,
  Token,
  UdpSocket,
  UnixDatagram,
  UnixStream,
} from "../../mod.ts";
import { ffi } from "../../sys/ffi/load.ts";
import { ON_WINDOWS } from "../util/platform.ts";

const g = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
const collect = () => (g.gc ? g.gc() : g.Bun?.gc(true));
/** Winsock's `getsockname`, on Windows (the process has called WSAStartup: the library did). */
const getsockname = ON_WINDOWS
  ? ffi.open("ws2_32.dll", {
    getsockname: {
      c: "int getsockname(SOCKET s, struct sockaddr *name, int *namelen)",
      args: ["isize", "buffer", "buffer"],
      result: "i32",
    },
  }).getsockname
  : null;

/**
 * What `/proc/self/fd/<fd>` links to (e.g. `socket:[1234]`), or null when
 * closed. On Windows the socket's local address, or null when the handle is
 * not a socket: handle numbers are reused at once there (the runtime's own
 * handles take them), and Wine shows no object identity to tell them apart.
 */
const linkOf = (fd: number): string | null => {
  if (getsockname !== null) {
    const name = new Uint8Array(128);
    const length = new Int32Array([name.byteLength]);
    return getsockname(fd, name, length) === 0 ? name.subarray(0, length[0]).join(".") : null;
  }
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
};

const poll = new Poll();
/** Opens sources of every kind in a scope that ends, so nothing keeps them alive; registers three. */
function leak(): number[] {
  const listener = TcpListener.bind("127.0.0.1:0");
  const stream = TcpStream.connect(listener.localAddr());
  poll.registry().register(stream, Token(1), Interest.WRITABLE);
  const closedProperly = TcpStream.connect(listener.localAddr());
  closedProperly.close();
  const udp = UdpSocket.bind("127.0.0.1:0");
  if (ON_WINDOWS) {
    // No Unix-domain sockets or pipes there (as in mio): two UDP sockets, registered as those are.
    const [udp2, udp3] = [UdpSocket.bind("127.0.0.1:0"), UdpSocket.bind("127.0.0.1:0")];
    poll.registry().register(udp2, Token(2), Interest.READABLE | Interest.WRITABLE);
    poll.registry().register(udp3, Token(3), Interest.READABLE);
    return [listener, stream, udp, udp2, udp3].map((s) => s.fd);
  }
  const [unixA, unixB] = UnixStream.pair();
  poll.registry().register(unixA, Token(2), Interest.READABLE | Interest.WRITABLE);
  const datagram = UnixDatagram.unbound();
  const [sender, receiver] = pipe();
  poll.registry().register(receiver, Token(3), Interest.READABLE);
  return [listener, stream, udp, unixA, unixB, datagram, sender, receiver].map((s) => s.fd);
}

const fds = leak();
// A descriptor number may be reused once closed: compare the socket it named.
const links = fds.map(linkOf);
const isOpen = (fd: number, i: number) => linkOf(fd) === links[i];
// Collections are forced until the descriptors are closed, for up to 30 s: on a busy machine the
// finalizers may run many collections later than on an idle one.
const deadline = performance.now() + 30_000;
while (fds.some(isOpen) && performance.now() < deadline) {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

// New sockets take the lowest free numbers, the ones just freed: registering them with the same
// Poll must work (the safety net deregistered the old ones first), and only their tokens come back.
const [a, b] = ON_WINDOWS
  ? [UdpSocket.bind("127.0.0.1:0"), UdpSocket.bind("127.0.0.1:0")]
  : UnixStream.pair();
let registerError: string | null = null;
const tokens: number[] = [];
try {
  poll.registry().register(a, Token(10), Interest.READABLE | Interest.WRITABLE);
  poll.registry().register(b, Token(11), Interest.WRITABLE);
  const events = new Events(16);
  poll.poll(events, 100);
  for (const event of events) tokens.push(event.token());
} catch (e) {
  registerError = e instanceof IoError ? `${e.kind}: ${e.message}` : String(e);
}
const reused = [a.fd, b.fd].filter((fd) => fds.includes(fd));
process.stdout.write(`${JSON.stringify({ fds, open: fds.filter(isOpen), reused, registerError, tokens })}\n`);
a.close();
b.close();
poll.close();
