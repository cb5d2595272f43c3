/**
 * The echo server on Node's own `net`, the counterpart of `echo.ts`:
 * writes back every chunk it reads, pausing while a write is queued
 * (backpressure), on 127.0.0.1:PORT until SIGTERM.
 *
 *   node dist/bench/servers/native_echo_node.js PORT   (after `tsc -p .`)
 *
 * @module
 */
import { createServer } from "node:net";
import { portArg } from "./port_arg.js";
const port = portArg();
createServer({ noDelay: true }, (socket) => {
    socket.on("data", (chunk) => {
        if (!socket.write(chunk)) {
            socket.pause();
            socket.once("drain", () => socket.resume());
        }
    });
    socket.on("error", () => socket.destroy());
}).listen(port, "127.0.0.1", () => console.log(`echo: node net, 127.0.0.1:${port}`));
