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
import { Interest, Token } from "../../mod.ts";
import type { TcpStream } from "../../src/net/mod.ts";
import { Receiver } from "../../src/unix/mod.ts";
import { heapUsedAfterGc } from "./heap.ts";
import { BUFFER_SIZE, type LoopServer, SHORT_READ_DRAINS, tcpLoop } from "./tcp_loop.ts";

const CONTROL = Token(1);

/** Binds the echo server to 127.0.0.1:PORT (the first argument) and registers its listener (and stdin with `--control`). */
export function echoServer(): LoopServer {
  const buffer = new Uint8Array(BUFFER_SIZE);
  /** `buffer.subarray(0, n)` for each `n` met so far: echoing allocates nothing once warm. */
  const prefixes: Uint8Array[] = [];
  /** Bytes read but not yet written back, by token: set when a write came up short (tokens 0 and 1 are the listener and stdin). */
  const unsent: (Uint8Array | null)[] = [null, null];
  let open = 0;

  const loop = tcpLoop({
    firstToken: 2,
    opened(token) {
      unsent[token] = null;
      open++;
    },
    closed(token) {
      unsent[token] = null;
      open--;
    },
    serve,
    other: () => control(stdin!),
  });

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
      if (n === 0) return loop.drop(token);
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
    loop.registry.register(stdin, CONTROL, Interest.READABLE);
  }

  return loop;
}
