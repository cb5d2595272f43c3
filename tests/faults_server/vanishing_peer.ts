// Child process of tests/faults_server.test.ts: a peer that vanishes in the
// middle of a message. It connects to the address given, sends the first
// half of a message, waits until (some of) the echo has come back, says so
// on stdout, and then waits forever without reading it; the parent kills it
// with SIGKILL, and the kernel closes its socket with that echo unread (a
// reset).
import { writeSync } from "node:fs";
import process from "node:process";
import { Events, Interest, Poll, TcpStream, Token } from "../../mod.ts";

const poll = new Poll();
const events = new Events(4);
const stream = TcpStream.connect(process.argv[2]);
poll.registry().register(stream, Token(1), Interest.WRITABLE);
while (stream.write(new Uint8Array(8192).fill(0x42)) === null) {
  poll.poll(events, 100);
  const error = stream.takeError();
  if (error !== null) throw error;
}
// The echo is waited for (peeked, never read): killed before it came back, this peer's socket
// would close with nothing unread, cleanly instead of with a reset.
poll.registry().reregister(stream, Token(1), Interest.READABLE);
while (stream.peek(new Uint8Array(1)) === null) poll.poll(events, null);
writeSync(1, "echo pending\n");
// Nothing is registered any more: this waits until the parent kills the process.
poll.registry().deregister(stream);
for (;;) poll.poll(events, null);
