/**
 * mio's `tcp_server` example: an edge-triggered TCP server that greets each
 * connection with "Hello world!", echoes back what it receives and prints
 * every event it handles.
 *
 * Run: `deno run --allow-ffi examples/tcp_server.ts` (or `bun`, or `node` on
 * dist/examples/tcp_server.js). By default three scripted clients connect,
 * talk and hang up, and the program ends by itself. With `--listen ADDR` it
 * serves forever: try `nc 127.0.0.1 9000`.
 *
 * @module
 */
import { type Event, Events, Interest, Poll, type Registry, Token } from "../mod.ts";
import { TcpListener, TcpStream } from "../src/net/mod.ts";
import { commandLine } from "./command_line.ts";

const SERVER = Token(0);
const FIRST_CLIENT_TOKEN = 1000;
const GREETING = new TextEncoder().encode("Hello world!\n");
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One accepted connection: its socket and what it still has to send. */
interface Connection {
  stream: TcpStream;
  pending: Uint8Array[];
  greeted: boolean;
}

/** A scripted client: sends its lines one by one and checks the echoes. */
interface Client {
  name: string;
  stream: TcpStream;
  lines: string[];
  received: string;
  sent: number;
}

const USAGE = `usage: tcp_server [--listen ADDR]

By default three scripted clients connect, talk and hang up, and the program ends.
  --listen ADDR  serve forever on ADDR (e.g. 127.0.0.1:9000; port 0 picks one)
  -h, --help     print this and exit`;

const { listen } = commandLine(USAGE, ["listen"]);
const listenAddr = listen ?? "127.0.0.1:0";
const scripted = listen === undefined;

const poll = new Poll();
const events = new Events(128);
const registry = poll.registry();
const server = TcpListener.bind(listenAddr);
registry.register(server, SERVER, Interest.READABLE);
console.log(`mio-ts ${Poll.backend} on ${Poll.runtime}: listening on ${server.localAddr()}`);
if (!scripted) console.log(`connect with: nc ${server.localAddr().hostname} ${server.localAddr().port}`);

const connections = new Map<Token, Connection>();
let nextToken = 1;
const counts = { events: 0, accepted: 0, closed: 0, bytesEchoed: 0 };

/** Writes queued bytes until done or WouldBlock; returns false if the peer is gone. */
function flush(conn: Connection): boolean {
  while (conn.pending.length > 0) {
    const chunk = conn.pending[0];
    let n: number | null;
    try {
      n = conn.stream.write(chunk);
    } catch (e) {
      console.log(`  write failed: ${(e as Error).message}`);
      return false;
    }
    if (n === null) return true; // WouldBlock: wait for the next writable event
    if (n < chunk.length) conn.pending[0] = chunk.subarray(n);
    else conn.pending.shift();
  }
  return true;
}

/** mio's `handle_connection_event`, echoing; returns true when the connection is done. */
function handleConnectionEvent(registry: Registry, conn: Connection, event: Event): boolean {
  if (event.isWritable()) {
    if (!conn.greeted) {
      conn.greeted = true;
      conn.pending.unshift(GREETING);
    }
    if (!flush(conn)) return true;
  }
  if (event.isReadable()) {
    const buf = new Uint8Array(4096);
    for (;;) {
      let n: number | null;
      try {
        n = conn.stream.read(buf);
      } catch (e) {
        console.log(`  read failed: ${(e as Error).message}`);
        return true;
      }
      if (n === null) break; // drained: edge-triggered, wait for the next event
      if (n === 0) {
        console.log(`  connection ${event.token()} closed by peer`);
        return true;
      }
      console.log(`  received from ${event.token()}: ${JSON.stringify(decoder.decode(buf.subarray(0, n)))}`);
      conn.pending.push(buf.slice(0, n));
      counts.bytesEchoed += n;
    }
    if (!flush(conn)) return true;
  }
  const interest = conn.pending.length > 0 ? Interest.READABLE | Interest.WRITABLE : Interest.READABLE;
  registry.reregister(conn.stream, event.token(), interest);
  return false;
}

const clients = new Map<Token, Client>();
if (scripted) {
  for (let i = 0; i < 3; i++) {
    const token = Token(FIRST_CLIENT_TOKEN + i);
    const stream = TcpStream.connect(server.localAddr());
    registry.register(stream, token, Interest.READABLE | Interest.WRITABLE);
    clients.set(token, {
      name: `client ${i}`,
      stream,
      lines: [`ping ${i}\n`, `bye ${i}\n`],
      received: "",
      sent: 0,
    });
  }
}

/** Drives a scripted client: send a line after each echo; hang up after the last. */
function handleClientEvent(client: Client, event: Event): boolean {
  const buf = new Uint8Array(4096);
  if (event.isReadable()) {
    let n: number | null;
    while ((n = client.stream.read(buf)) !== null && n > 0) {
      client.received += decoder.decode(buf.subarray(0, n));
    }
  }
  const expected = "Hello world!\n" + client.lines.slice(0, client.sent).join("");
  if (client.received === expected) {
    if (client.sent === client.lines.length) {
      console.log(`  ${client.name} got ${JSON.stringify(client.received)} and hangs up`);
      client.stream.close();
      return true;
    }
    client.stream.write(encoder.encode(client.lines[client.sent++]));
  }
  return false;
}

while (!scripted || clients.size > 0 || connections.size > 0) {
  poll.poll(events, scripted ? 30_000 : null);
  if (scripted && events.isEmpty()) throw new Error("the scripted run stalled: no events for 30 s");
  for (const event of events) {
    counts.events++;
    console.log(`event: ${event}`);
    const token = event.token();
    if (token === SERVER) {
      let accepted;
      while ((accepted = server.accept()) !== null) {
        const [stream, address] = accepted;
        const t = Token(nextToken++);
        console.log(`  accepted connection ${t} from ${address}`);
        registry.register(stream, t, Interest.READABLE | Interest.WRITABLE);
        connections.set(t, { stream, pending: [], greeted: false });
        counts.accepted++;
      }
    } else if (connections.has(token)) {
      const conn = connections.get(token)!;
      if (handleConnectionEvent(registry, conn, event)) {
        conn.stream.close();
        connections.delete(token);
        counts.closed++;
      }
    } else if (clients.has(token)) {
      if (handleClientEvent(clients.get(token)!, event)) clients.delete(token);
    }
  }
}

console.log(
  `done: ${counts.events} events handled, ${counts.accepted} connections accepted and closed, ` +
    `${counts.bytesEchoed} bytes echoed`,
);
server.close();
poll.close();
