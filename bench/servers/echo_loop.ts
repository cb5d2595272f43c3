/**
 * The body of the mio-ts echo server of the benchmarks, shared by the one
 * that waits with `poll()` (`echo.ts`) and the one that waits with
 * `pollAsync()` (`echo_async.ts`): it binds 127.0.0.1:PORT and handles
 * each batch of events; the entry file chooses how to wait for them.
 *
 * One edge-triggered loop, one preallocated 64 KiB buffer: each event
 * reads until the socket is empty (a short read, or WouldBlock) and writes
 * each chunk straight back. A write that comes up short keeps the rest
 * (the only allocation) and stops reading that connection until its
 * writable event, so a client that does not read cannot make the server
 * buffer without bound.
 *
 * `--control` reads commands from stdin (a pipe): the line `heap` prints
 * `heap BYTES CONNECTIONS gc|nogc` — the JS heap in use after a collection
 * (start Node with `--expose-gc`, Deno with `--v8-flags=--expose-gc`) and
 * the connections open.
 *
 * @module
 */
import process from "node:process";
import { Events, Interest, Poll, Token } from "../../mod.ts";
import { TcpListener, type TcpStream } from "../../src/net/mod.ts";
import { Receiver } from "../../src/unix/mod.ts";
import { heapUsedAfterGc } from "./heap.ts";
import { portArg } from "./port_arg.ts";

const LISTENER = Token(0);
const CONTROL = Token(1);
const BUFFER_SIZE = 64 * 1024;
/**
 * With a true edge-triggered selector, a read that fills less than the
 * buffer has emptied the socket (epoll(7), Q9; tokio, libuv and netty stop
 * there too): the next arrival brings a new event, so no read is spent on
 * WouldBlock. poll(2), which emulates edges by re-arming on WouldBlock,
 * needs that read.
 */
const SHORT_READ_DRAINS = Poll.backend === "epoll" || Poll.backend === "kqueue";

/** A listening echo server: wait on `poll` into `events`, then call `handle()`. */
export interface EchoServer {
  /** The server's `Poll`. */
  poll: Poll;
  /** The `Events` to wait into. */
  events: Events;
  /** The port it listens on (127.0.0.1). */
  port: number;
  /** Serves the events `events` holds. */
  handle(): void;
}

/** Binds the echo server to 127.0.0.1:PORT (the first argument) and registers its listener (and stdin with `--control`). */
export function echoServer(): EchoServer {
  const port = portArg();
  const poll = new Poll();
  const registry = poll.registry();
  const events = new Events(1024);
  const listener = TcpListener.bind({ hostname: "127.0.0.1", port });
  registry.register(listener, LISTENER, Interest.READABLE);

  const buffer = new Uint8Array(BUFFER_SIZE);
  /** `buffer.subarray(0, n)` for each `n` met so far: echoing allocates nothing once warm. */
  const prefixes: Uint8Array[] = [];
  /** The connections, indexed by token (tokens 0 and 1 are the listener and stdin). */
  const streams: (TcpStream | null)[] = [null, null];
  /** Bytes read but not yet written back, by token: set when a write came up short. */
  const unsent: (Uint8Array | null)[] = [null, null];
  /** Tokens of closed connections, reused first. */
  const freeTokens: number[] = [];
  let open = 0;

  /** Accepts every pending connection and registers it. */
  function acceptAll(): void {
    let accepted;
    while ((accepted = listener.accept()) !== null) {
      const stream = accepted[0];
      stream.setNodelay(true);
      const token = freeTokens.pop() ?? streams.length;
      streams[token] = stream;
      unsent[token] = null;
      registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
      open++;
    }
  }

  /** Closes connection `token` and frees its token. */
  function drop(token: number): void {
    streams[token]!.close();
    streams[token] = null;
    unsent[token] = null;
    freeTokens.push(token);
    open--;
  }

  /**
   * Writes back what is left over, then echoes until the socket is empty (or
   * a write comes up short); `readClosed`: the peer hung up, so read on to
   * the end of stream.
   */
  function serve(token: number, stream: TcpStream, readClosed: boolean): void {
    const rest = unsent[token];
    if (rest !== null) {
      const written = stream.write(rest);
      if (written === null) return;
      if (written < rest.length) {
        unsent[token] = rest.subarray(written);
        return;
      }
      unsent[token] = null;
    }
    for (;;) {
      const n = stream.read(buffer);
      if (n === null) return;
      if (n === 0) return drop(token);
      const written = stream.write(prefixes[n] ??= buffer.subarray(0, n)) ?? 0;
      if (written < n) {
        unsent[token] = buffer.slice(written, n);
        return;
      }
      if (n < BUFFER_SIZE && SHORT_READ_DRAINS && !readClosed) return;
    }
  }

  /** Answers the control lines waiting on stdin; closes it at end of file. */
  function control(stdin: Receiver): void {
    const line = new Uint8Array(256);
    let n;
    while ((n = stdin.read(line)) !== null) {
      if (n === 0) {
        stdin.close();
        return;
      }
      if (new TextDecoder().decode(line.subarray(0, n)).includes("heap")) {
        const { heapUsed, collected } = heapUsedAfterGc();
        console.log(`heap ${heapUsed} ${open} ${collected ? "gc" : "nogc"}`);
      }
    }
  }

  let stdin: Receiver | null = null;
  if (process.argv.includes("--control")) {
    stdin = Receiver.fromFd(0);
    stdin.setNonblocking(true);
    registry.register(stdin, CONTROL, Interest.READABLE);
  }

  /** Serves the events `events` holds: accepts, echoes, answers control lines. */
  function handle(): void {
    for (const event of events) {
      const token = event.token();
      if (token === LISTENER) acceptAll();
      else if (token === CONTROL) control(stdin!);
      else {
        const stream = streams[token];
        if (stream === null) continue; // closed earlier in this batch
        try {
          serve(token, stream, event.isReadClosed());
        } catch {
          drop(token); // reset by the peer, or another error of this connection alone
        }
      }
    }
  }

  return { poll, events, port, handle };
}
