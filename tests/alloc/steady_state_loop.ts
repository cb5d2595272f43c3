// The steady-state loop whose allocations tests/alloc.test.ts counts: after a
// warm-up, CYCLES rounds of write and setReadiness → poll → iterate events →
// read (until WouldBlock), on a connected TCP pair and a Registration (whose
// events the Poll merges into the selector's), between the markers BEGIN and END,
// written to stdout (where V8's --trace-gc writes) and stderr (where JSC's
// logGC writes). Each cycle waits in poll() for the server's readable event:
// bytes written to loopback TCP are not always readable when write()
// returns (a busy machine defers their delivery to the kernel's softirq
// thread).
// Prints the cycle count and time on stderr. Arguments: [cycles] [warm-up cycles].
import process from "node:process";
import { Events, Interest, Poll, Registration, TcpListener, TcpStream, Token } from "../../mod.ts";

const CYCLES = Number(process.argv[2] ?? 1_000_000);
const WARMUP = Number(process.argv[3] ?? 200_000);

const poll = new Poll();
const events = new Events(16);
const listener = TcpListener.bind("127.0.0.1:0");
const client = TcpStream.connect(listener.localAddr());
let accepted = null;
while ((accepted = listener.accept()) === null) poll.poll(events, 10);
const server = accepted[0];
// Without Nagle's delay, each cycle's 64 bytes leave at once, not after the previous cycle's ACK.
client.setNodelay(true);
poll.registry().register(server, Token(1), Interest.READABLE);
const registration = new Registration();
poll.registry().register(registration, Token(2), Interest.READABLE);
const out = new Uint8Array(64).fill(7);
const into = new Uint8Array(64);
let seen = 0;
let set = 0;

function cycles(n: number): void {
  for (let i = 0; i < n; i++) {
    if (client.write(out) !== 64) throw new Error("short write");
    registration.setReadiness(Interest.READABLE);
    const before = seen;
    while (seen === before) {
      poll.poll(events, null);
      for (const event of events) {
        if (event.token() === 1 && event.isReadable()) seen++;
        if (event.token() === 2 && event.isReadable()) set++;
      }
    }
    if (server.read(into) !== 64) throw new Error("short read");
    // Read until WouldBlock, as mio's rules ask: the poll(2) backend re-arms there.
    if (server.read(into) !== null) throw new Error("expected WouldBlock after the only write");
  }
}

/**
 * V8's `gc()`, exposed on Windows runs (--expose-gc): there is no stdbuf there, so V8's GC trace
 * stays block-buffered and out of order with the markers, and a forced collection marks each spot
 * in V8's own trace instead.
 */
const gc = (globalThis as { gc?: () => void }).gc;

function mark(text: string): void {
  gc?.();
  process.stdout.write(`${text}\n`);
  process.stderr.write(`${text}\n`);
}

cycles(WARMUP);
mark("BEGIN");
const start = performance.now();
cycles(CYCLES);
const ms = performance.now() - start;
mark("END");
// More forced collections: their trace lines push the buffered trace out, which exit may drop.
for (let i = 0; i < 64 && gc !== undefined; i++) gc();
process.stderr.write(
  `cycles=${CYCLES} events=${seen - WARMUP} registration=${set - WARMUP} ms=${ms.toFixed(0)}\n`,
);
registration.close();
server.close();
client.close();
listener.close();
poll.close();
