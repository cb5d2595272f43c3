/**
 * The body of the mio-ts HTTP/1.1 server of the benchmarks, shared by the
 * one that waits with `poll()` (`http.ts`) and the one that waits with
 * `pollAsync()` (`http_async.ts`): it binds 127.0.0.1:PORT and handles
 * each batch of events; the entry file chooses how to wait for them.
 *
 * Every request gets the same 13-byte body, "Hello, World!"; connections
 * stay alive and pipelined requests are answered. A request ends at its
 * blank line (`\r\n\r\n`; bodies are not read: GET only, as `wrk` sends).
 * One edge-triggered loop, one preallocated 64 KiB buffer: each event
 * reads until the socket is empty (a short read, or WouldBlock), counts
 * the requests a read completed and writes all their responses with one
 * write, from a precomputed run of responses. What a short write leaves is
 * only a count (every response is the same), and the connection is not
 * read again until it is written, so a client that does not read cannot
 * make the server buffer.
 *
 * @module
 */
import { Events, Interest, Poll, Token } from "../../mod.ts";
import { TcpListener, type TcpStream } from "../../src/net/mod.ts";
import { portArg } from "./port_arg.ts";

const LISTENER = Token(0);
const BUFFER_SIZE = 64 * 1024;
/**
 * With a true edge-triggered selector, a read that fills less than the
 * buffer has emptied the socket (epoll(7), Q9; tokio, libuv and netty stop
 * there too): the next arrival brings a new event, so no read is spent on
 * WouldBlock. poll(2), which emulates edges by re-arming on WouldBlock,
 * needs that read.
 */
const SHORT_READ_DRAINS = Poll.backend === "epoll" || Poll.backend === "kqueue";
/** How many responses one precomputed write holds at most. */
const MAX_BATCH = 256;
const CR = 13;
const LF = 10;

const RESPONSE = new TextEncoder().encode(
  "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nHello, World!",
);
const L = RESPONSE.length;
/** `MAX_BATCH` responses back to back. */
const RUN = new Uint8Array(L * MAX_BATCH);
for (let i = 0; i < MAX_BATCH; i++) RUN.set(RESPONSE, i * L);
/** `BATCHES[k]`: the first `k` responses of `RUN`. */
const BATCHES = Array.from({ length: MAX_BATCH + 1 }, (_, k) => RUN.subarray(0, k * L));

/** A listening HTTP server: wait on `poll` into `events`, then call `handle()`. */
export interface HttpServer {
  /** The server's `Poll`. */
  poll: Poll;
  /** The `Events` to wait into. */
  events: Events;
  /** The port it listens on (127.0.0.1). */
  port: number;
  /** Serves the events `events` holds. */
  handle(): void;
}

/** Binds the HTTP server to 127.0.0.1:PORT (the first argument) and registers its listener. */
export function httpServer(): HttpServer {
  const port = portArg();
  const poll = new Poll();
  const registry = poll.registry();
  const events = new Events(1024);
  const listener = TcpListener.bind({ hostname: "127.0.0.1", port });
  registry.register(listener, LISTENER, Interest.READABLE);

  const buffer = new Uint8Array(BUFFER_SIZE);
  /** The connections, indexed by token (token 0 is the listener). */
  const streams: (TcpStream | null)[] = [null];
  /** Response bytes owed, by token: the tail of a run of whole responses. */
  const owed: number[] = [0];
  /** How much of "\r\n\r" the bytes read so far end with, by token (0–3). */
  const matched: number[] = [0];
  /** Tokens of closed connections, reused first. */
  const freeTokens: number[] = [];

  /** Accepts every pending connection and registers it. */
  function acceptAll(): void {
    let accepted;
    while ((accepted = listener.accept()) !== null) {
      const stream = accepted[0];
      stream.setNodelay(true);
      const token = freeTokens.pop() ?? streams.length;
      streams[token] = stream;
      owed[token] = 0;
      matched[token] = 0;
      registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
    }
  }

  /** Closes connection `token` and frees its token. */
  function drop(token: number): void {
    streams[token]!.close();
    streams[token] = null;
    freeTokens.push(token);
  }

  /** Counts the requests the first `n` bytes of `buffer` complete, carrying a partial "\r\n\r\n" over. */
  function countRequests(token: number, n: number): number {
    let state = matched[token];
    let count = 0;
    for (let i = 0; i < n; i++) {
      const b = buffer[i];
      if (b === CR) state = state === 2 ? 3 : 1;
      else if (b === LF) {
        if (state === 3) {
          count++;
          state = 0;
        } else state = state === 1 ? 2 : 0;
      } else state = 0;
    }
    matched[token] = state;
    return count;
  }

  /** Writes what connection `token` owes; true once nothing is owed. */
  function flush(token: number, stream: TcpStream): boolean {
    let left = owed[token];
    while (left > 0) {
      // What is owed ends with whole responses, so it starts `offset` bytes into one.
      const offset = (L - left % L) % L;
      const length = Math.min(left, RUN.length - offset);
      const view = offset === 0 && length % L === 0
        ? BATCHES[length / L]
        : RUN.subarray(offset, offset + length);
      const written = stream.write(view);
      if (written === null) break;
      left -= written;
    }
    owed[token] = left;
    return left === 0;
  }

  /**
   * Writes what is owed, then reads and answers until the socket is empty (or
   * a write comes up short); `readClosed`: the peer hung up, so read on to
   * the end of stream.
   */
  function serve(token: number, stream: TcpStream, readClosed: boolean): void {
    if (!flush(token, stream)) return;
    for (;;) {
      const n = stream.read(buffer);
      if (n === null) return;
      if (n === 0) return drop(token);
      const requests = countRequests(token, n);
      if (requests > 0) {
        owed[token] = requests * L;
        if (!flush(token, stream)) return;
      }
      if (n < BUFFER_SIZE && SHORT_READ_DRAINS && !readClosed) return;
    }
  }

  /** Serves the events `events` holds: accepts, reads requests, writes responses. */
  function handle(): void {
    for (const event of events) {
      const token = event.token();
      if (token === LISTENER) acceptAll();
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
