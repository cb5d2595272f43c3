/**
 * The echo server on Bun's own `Bun.listen`, the counterpart of `echo.ts`:
 * writes back every chunk it reads; what a write does not take is queued
 * and reading pauses until `drain` (backpressure), on 127.0.0.1:PORT until
 * SIGTERM.
 *
 *   bun bench/servers/native_echo_bun.ts PORT
 *
 * @module
 */
import { portArg } from "./port_arg.ts";

/** The part of Bun's `Socket` used here (declared so that `tsc` and `deno check` take this file too). */
interface Socket {
  /** Bytes not yet written, oldest first (the server's per-socket data). */
  data: Uint8Array[];
  write(data: Uint8Array): number;
  setNoDelay(noDelay: boolean): boolean;
  pause(): void;
  resume(): void;
}

/** The part of the `Bun` namespace used here. */
interface BunNet {
  listen(options: {
    hostname: string;
    port: number;
    socket: {
      open(socket: Socket): void;
      data(socket: Socket, data: Uint8Array): void;
      drain(socket: Socket): void;
      error(socket: Socket, error: Error): void;
    };
  }): unknown;
}

/** Writes the queued chunks until one is not taken whole; true when the queue is empty. */
function flush(socket: Socket): boolean {
  const queue = socket.data;
  while (queue.length > 0) {
    const chunk = queue[0];
    const written = Math.max(socket.write(chunk), 0);
    if (written < chunk.length) {
      queue[0] = chunk.subarray(written);
      return false;
    }
    queue.shift();
  }
  return true;
}

const port = portArg();
const { Bun } = globalThis as unknown as { Bun: BunNet };
Bun.listen({
  hostname: "127.0.0.1",
  port,
  socket: {
    open(socket) {
      socket.data = [];
      socket.setNoDelay(true);
    },
    data(socket, data) {
      if (socket.data.length > 0) {
        socket.data.push(data.slice());
        return;
      }
      const written = Math.max(socket.write(data), 0);
      if (written < data.length) {
        socket.data.push(data.slice(written));
        socket.pause();
      }
    },
    drain(socket) {
      if (flush(socket)) socket.resume();
    },
    error() {
      // Reset by the peer: Bun closes the socket.
    },
  },
});
console.log(`echo: Bun.listen, 127.0.0.1:${port}`);
