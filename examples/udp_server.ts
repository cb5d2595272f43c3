/**
 * mio's `udp_server` example: an edge-triggered UDP echo server. On each
 * readable event it receives every queued datagram and sends each back to
 * where it came from.
 *
 * Run: `deno run --allow-ffi examples/udp_server.ts` (or `bun`, or `node` on
 * dist/examples/udp_server.js). By default three scripted clients send two
 * datagrams each, one after the other's echo, and the program ends by
 * itself. With `--listen ADDR` it serves forever: try `nc -u 127.0.0.1 9000`.
 *
 * @module
 */
import { type Event, Events, Interest, Poll, Token } from "../mod.ts";
import { UdpSocket } from "../src/net/mod.ts";
import { commandLine } from "./command_line.ts";

const UDP_SOCKET = Token(0);
const FIRST_CLIENT_TOKEN = 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A scripted client: sends its lines one at a time, each after the previous one's echo. */
interface Client {
  name: string;
  socket: UdpSocket;
  lines: string[];
  sent: number;
  echoed: number;
}

const USAGE = `usage: udp_server [--listen ADDR]

By default three scripted clients send two datagrams each, and the program ends.
  --listen ADDR  serve forever on ADDR (e.g. 127.0.0.1:9000; port 0 picks one)
  -h, --help     print this and exit`;

const { listen } = commandLine(USAGE, ["listen"]);
const listenAddr = listen ?? "127.0.0.1:0";
const scripted = listen === undefined;

const poll = new Poll();
const events = new Events(128);
const registry = poll.registry();
const socket = UdpSocket.bind(listenAddr);
const address = socket.localAddr();
registry.register(socket, UDP_SOCKET, Interest.READABLE);
console.log(`mio-ts ${Poll.backend} on ${Poll.runtime}: UDP echo server on ${address}`);
if (!scripted) {
  console.log(`You can connect to the server using nc: nc -u ${address.hostname} ${address.port}`);
  console.log("Anything you type will be echoed back to you.");
}

// The largest UDP payload fits: a smaller buffer would truncate datagrams.
const buf = new Uint8Array(1 << 16);
const counts = { events: 0, datagrams: 0, bytes: 0 };

/** Receives every queued datagram and echoes it (mio's loop until WouldBlock). */
function echoAll(): void {
  let received;
  while ((received = socket.recvFrom(buf)) !== null) {
    const [size, from] = received;
    const sent = socket.sendTo(buf.subarray(0, size), from);
    if (sent === null) {
      console.log(`  echo to ${from} dropped: the send buffer is full`);
      continue;
    }
    console.log(`  echoed ${JSON.stringify(decoder.decode(buf.subarray(0, size)))} to ${from}`);
    counts.datagrams++;
    counts.bytes += sent;
  }
}

const clients = new Map<Token, Client>();
if (scripted) {
  for (let i = 0; i < 3; i++) {
    const token = Token(FIRST_CLIENT_TOKEN + i);
    const client = UdpSocket.bind("127.0.0.1:0");
    client.connect(address);
    registry.register(client, token, Interest.READABLE | Interest.WRITABLE);
    clients.set(token, {
      name: `client ${i}`,
      socket: client,
      lines: [`ping ${i}`, `bye ${i}`],
      sent: 0,
      echoed: 0,
    });
  }
}

/** Drives a scripted client; returns true when all its lines came back. */
function handleClientEvent(client: Client, event: Event): boolean {
  const reply = new Uint8Array(64);
  if (event.isReadable()) {
    let n;
    while ((n = client.socket.recv(reply)) !== null) {
      const got = decoder.decode(reply.subarray(0, n));
      const expected = client.lines[client.echoed];
      if (got !== expected) throw new Error(`${client.name} sent ${expected} but got ${got} back`);
      client.echoed++;
    }
  }
  // Send the next line once the previous one came back (and again on a writable event if it would block).
  if (client.sent === client.echoed && client.sent < client.lines.length) {
    if (client.socket.send(encoder.encode(client.lines[client.sent])) !== null) client.sent++;
  }
  if (client.echoed < client.lines.length) return false;
  console.log(`  ${client.name} got ${client.lines.map((l) => JSON.stringify(l)).join(", ")} back and stops`);
  client.socket.close();
  return true;
}

while (!scripted || clients.size > 0) {
  poll.poll(events, scripted ? 30_000 : null);
  if (scripted && events.isEmpty()) throw new Error("the scripted run stalled: no events for 30 s");
  for (const event of events) {
    counts.events++;
    console.log(`event: ${event}`);
    const token = event.token();
    if (token === UDP_SOCKET) {
      echoAll();
    } else if (clients.has(token)) {
      if (handleClientEvent(clients.get(token)!, event)) clients.delete(token);
    } else {
      console.log(`  event for an unexpected token: ${event}`);
    }
  }
}

console.log(
  `done: ${counts.events} events handled, ${counts.datagrams} datagrams (${counts.bytes} bytes) echoed`,
);
socket.close();
poll.close();
