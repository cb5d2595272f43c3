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
import type { TcpStream } from "../../src/net/mod.ts";
import { BUFFER_SIZE, type LoopServer, SHORT_READ_DRAINS, tcpLoop } from "./tcp_loop.ts";

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

/** Binds the HTTP server to 127.0.0.1:PORT (the first argument) and registers its listener. */
export function httpServer(): LoopServer {
  const buffer = new Uint8Array(BUFFER_SIZE);
  /** Response bytes owed, by token: the tail of a run of whole responses (token 0 is the listener). */
  const owed: number[] = [0];
  /** How much of "\r\n\r" the bytes read so far end with, by token (0–3). */
  const matched: number[] = [0];

  const loop = tcpLoop({
    firstToken: 1,
    opened(token) {
      owed[token] = 0;
      matched[token] = 0;
    },
    closed() {},
    serve,
  });

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
      if (n === 0) return loop.drop(token);
      const requests = countRequests(token, n);
      if (requests > 0) {
        owed[token] = requests * L;
        if (!flush(token, stream)) return;
      }
      if (n < BUFFER_SIZE && SHORT_READ_DRAINS && !readClosed) return;
    }
  }

  return loop;
}
