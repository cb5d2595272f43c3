/**
 * A TCP echo server on several cores: N Workers (`node:worker_threads`),
 * each with its own `Poll` and its own listener bound with
 * `{ reusePort: true }` (`SO_REUSEPORT`) on the same port, so the kernel
 * spreads the connections among them. The main thread stops each Worker by
 * setting a flag and waking the Worker's `Waker` (shared with
 * `waker.share()`); each Worker then closes everything and ends by itself.
 *
 * Run: `deno run --allow-ffi --allow-read examples/multi_worker_server.ts` (or `bun`, or
 * `node` on dist/examples/multi_worker_server.js). Options:
 * - `--workers N`: how many Workers (default 2);
 * - `--clients N`: scripted clients (default 16 per Worker); they connect,
 *   send a line, check its echo and hang up; then the Workers are stopped
 *   and each prints how many connections it served;
 * - `--listen ADDR`: serve on ADDR (e.g. `127.0.0.1:9000`; port 0 picks
 *   one) until SIGINT or SIGTERM, with no scripted clients: try
 *   `nc 127.0.0.1 9000`.
 *
 * @module
 */
import process from "node:process";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Events, Interest, IoError, Poll, type SharedWaker, Token, Waker } from "../mod.ts";
import { TcpListener, TcpStream } from "../src/net/mod.ts";
import { commandLine, usageError } from "./command_line.ts";

const WAKER = Token(0);
const SERVER = Token(1);
const FIRST_CONNECTION = 2;

/** What the main thread gives each Worker. */
interface WorkerConfig {
  /** The Worker's number, for the report. */
  index: number;
  /** The address to bind (its port already chosen). */
  addr: string;
  /** Cell 0 becomes 1 when the Workers must stop. */
  stop: SharedArrayBuffer;
}

/** What a Worker posts: first that it listens, last what it did. */
type WorkerMessage =
  | { kind: "listening"; waker: SharedWaker }
  | { kind: "stopped"; index: number; connections: number; bytes: number };

/** One accepted connection: its socket and the echo bytes not yet written. */
interface Connection {
  stream: TcpStream;
  buf: Uint8Array;
  start: number;
  end: number;
}

/** Echoes what `conn` has to read, until WouldBlock; returns false once the connection is done. */
function echo(conn: Connection, counts: { bytes: number }): boolean {
  try {
    for (;;) {
      while (conn.start < conn.end) {
        const n = conn.stream.write(conn.buf.subarray(conn.start, conn.end));
        if (n === null) return true; // the writable edge resumes us
        conn.start += n;
      }
      const n = conn.stream.read(conn.buf);
      if (n === null) return true;
      if (n === 0) return false;
      conn.start = 0;
      conn.end = n;
      counts.bytes += n;
    }
  } catch {
    return false; // reset by the peer: done
  }
}

/** A Worker: serves until the stop flag is set and its `Waker` wakes it. */
function serve(config: WorkerConfig): void {
  const stop = new Int32Array(config.stop);
  const poll = new Poll();
  const events = new Events(256);
  const registry = poll.registry();
  const listener = TcpListener.bind(config.addr, { reusePort: true });
  const waker = new Waker(registry, WAKER);
  const connections = new Map<number, Connection>();
  const counts = { connections: 0, bytes: 0 };
  let nextToken = FIRST_CONNECTION;
  try {
    registry.register(listener, SERVER, Interest.READABLE);
    parentPort!.postMessage({ kind: "listening", waker: waker.share() } satisfies WorkerMessage);
    while (Atomics.load(stop, 0) === 0) {
      poll.poll(events, null);
      for (const event of events) {
        const token = event.token();
        if (token === SERVER) {
          let accepted;
          while ((accepted = listener.accept()) !== null) {
            const stream = accepted[0];
            const t = nextToken++;
            registry.register(stream, Token(t), Interest.READABLE | Interest.WRITABLE);
            connections.set(t, { stream, buf: new Uint8Array(16 * 1024), start: 0, end: 0 });
            counts.connections++;
          }
        } else if (token !== WAKER) {
          const conn = connections.get(token);
          if (conn !== undefined && !echo(conn, counts)) {
            conn.stream.close();
            connections.delete(token);
          }
        }
      }
    }
  } finally {
    for (const conn of connections.values()) conn.stream.close();
    listener.close();
    waker.close();
    poll.close();
  }
  parentPort!.postMessage({ kind: "stopped", index: config.index, ...counts } satisfies WorkerMessage);
}

const USAGE = `usage: multi_worker_server [--workers N] [--clients N] [--listen ADDR]

By default scripted clients connect, send a line, check its echo and hang up;
then the Workers are stopped and each prints how many connections it served.
  --workers N    how many Workers (default 2)
  --clients N    scripted clients (default 16 per Worker)
  --listen ADDR  serve on ADDR (e.g. 127.0.0.1:9000; port 0 picks one) until
                 SIGINT or SIGTERM, with no scripted clients
  -h, --help     print this and exit`;

/** What the command line asks for. */
interface Options {
  workers: number;
  clients: number;
  listen: string | undefined;
}

/** A positive integer option's value. */
function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    usageError(USAGE, `--${name} must be a positive integer, not '${value}'`);
  }
  return n;
}

/** The command line (`--opt VALUE` or `--opt=VALUE`, and `--help`; see command_line.ts). */
function options(): Options {
  const values = commandLine(USAGE, ["workers", "clients", "listen"]);
  const workers = count("workers", values.workers, 2);
  return { workers, clients: count("clients", values.clients, 16 * workers), listen: values.listen };
}

/** A running Worker: its `Waker` (a shared copy), and its last message once it ended. */
interface ServerWorker {
  waker: Waker;
  stopped: Promise<WorkerMessage & { kind: "stopped" }>;
}

/** Starts a Worker on `addr` and waits until it listens. */
async function startWorker(config: WorkerConfig): Promise<ServerWorker> {
  const worker = new Worker(new URL(import.meta.url), { workerData: config });
  const messages: WorkerMessage[] = [];
  let notify = () => {};
  worker.on("message", (m: WorkerMessage) => {
    messages.push(m);
    notify();
  });
  // Listen for the end now: it may come right after the last message.
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  const failed = new Promise<never>((_, reject) => {
    worker.on("error", reject);
    exited.then((code) => reject(new Error(`Worker ${config.index} exited (${code}) too early`)));
  });
  failed.catch(() => {}); // raced in next()
  const next = async (): Promise<WorkerMessage> => {
    while (messages.length === 0) {
      await Promise.race([new Promise<void>((resolve) => notify = resolve), failed]);
    }
    return messages.shift()!;
  };
  const listening = await next();
  if (listening.kind !== "listening") throw new Error(`Worker ${config.index}: unexpected ${listening.kind}`);
  const stopped = (async () => {
    const last = await next();
    if (last.kind !== "stopped") throw new Error(`Worker ${config.index}: unexpected ${last.kind}`);
    const code = await exited;
    if (code !== 0) throw new Error(`Worker ${config.index} exited with ${code}`);
    return last;
  })();
  stopped.catch(() => {}); // awaited in stopAll
  return { waker: Waker.fromShared(listening.waker), stopped };
}

/** Sets the stop flag, wakes every Worker and waits until each ended by itself; prints what each did. */
async function stopAll(workers: ServerWorker[], stop: Int32Array): Promise<void> {
  Atomics.store(stop, 0, 1);
  for (const w of workers) {
    try {
      w.waker.wake();
    } catch (e) {
      // A Worker that saw the flag on its own (woken by a socket) has closed its Waker already.
      if (!(e instanceof IoError && e.kind === "BadResource")) throw e;
    }
  }
  for (const w of workers) {
    const report = await w.stopped;
    w.waker.close();
    console.log(`worker ${report.index}: ${report.connections} connections, ${report.bytes} bytes echoed`);
  }
  console.log(`done: ${workers.length} Workers stopped by themselves`);
}

/** The scripted clients: each connects, sends a line, checks its echo and hangs up. */
function runClients(addr: string, count: number): void {
  const poll = new Poll();
  const events = new Events(256);
  const clients = new Map<number, { stream: TcpStream; line: Uint8Array; got: number; sent: boolean }>();
  const encoder = new TextEncoder();
  const buf = new Uint8Array(256);
  let bytes = 0;
  try {
    for (let i = 0; i < count; i++) {
      const stream = TcpStream.connect(addr);
      clients.set(i, { stream, line: encoder.encode(`hello from client ${i}\n`), got: 0, sent: false });
      poll.registry().register(stream, Token(i), Interest.READABLE | Interest.WRITABLE);
    }
    while (clients.size > 0) {
      poll.poll(events, 30_000);
      if (events.isEmpty()) throw new Error("the scripted clients stalled: no events for 30 s");
      for (const event of events) {
        const client = clients.get(event.token());
        if (client === undefined) continue;
        if (!client.sent && event.isWritable()) {
          if (client.stream.write(client.line) !== client.line.byteLength) throw new Error("short write");
          client.sent = true;
        }
        let n: number | null;
        while ((n = client.stream.read(buf)) !== null && n > 0) {
          const expected = client.line.subarray(client.got, client.got + n);
          if (buf.subarray(0, n).some((b, i) => b !== expected[i])) throw new Error("echo mismatch");
          client.got += n;
        }
        if (client.got === client.line.byteLength) {
          bytes += client.got;
          client.stream.close();
          clients.delete(event.token());
        }
      }
    }
    console.log(`${count} clients: every echo matched (${bytes} bytes)`);
  } finally {
    for (const c of clients.values()) c.stream.close();
    poll.close();
  }
}

/** The main thread: reserve the port, start the Workers, run the clients or serve until a signal, stop. */
async function main(): Promise<void> {
  const { workers: workerCount, clients: clientCount, listen } = options();
  // A listener of our own reserves the port (port 0 picks one); it is closed once the Workers listen.
  const reserve = TcpListener.bind(listen ?? "127.0.0.1:0", { reusePort: true });
  const addr = String(reserve.localAddr());
  const stopBuffer = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopBuffer);
  const workers: ServerWorker[] = [];
  try {
    for (let index = 0; index < workerCount; index++) {
      workers.push(await startWorker({ index, addr, stop: stopBuffer }));
    }
  } catch (e) {
    await stopAll(workers, stop); // the ones that did start
    throw e;
  } finally {
    reserve.close();
  }
  console.log(
    `mio-ts ${Poll.backend} on ${Poll.runtime}: ${workerCount} Workers listening on ${addr} (SO_REUSEPORT)`,
  );
  if (listen === undefined) {
    try {
      runClients(addr, clientCount);
    } finally {
      await stopAll(workers, stop);
    }
    return;
  }
  console.log("serving until SIGINT or SIGTERM");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await stopAll(workers, stop);
  process.exit(0);
}

if (isMainThread) await main();
else serve(workerData as WorkerConfig);
