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
import { portArg } from "./port_arg.js";
/** Writes the queued chunks until one is not taken whole; true when the queue is empty. */
function flush(socket) {
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
const { Bun } = globalThis;
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
            if (flush(socket))
                socket.resume();
        },
        error() {
            // Reset by the peer: Bun closes the socket.
        },
    },
});
console.log(`echo: Bun.listen, 127.0.0.1:${port}`);
