/**
 * The mio-ts echo server of the benchmarks, waiting with a blocking
 * `poll()`: writes back every byte it reads, on 127.0.0.1:PORT, until
 * SIGTERM. `echo_loop.ts` has the server; `echo_async.ts` is the same
 * server waiting with `pollAsync()`.
 *
 *   deno run -A bench/servers/echo.ts PORT [--control]
 *   bun bench/servers/echo.ts PORT [--control]
 *   node dist/bench/servers/echo.js PORT [--control]   (after `tsc -p .`)
 *
 * @module
 */
import { Poll } from "../../mod.ts";
import { echoServer } from "./echo_loop.ts";

const { poll, events, port, handle } = echoServer();
console.log(`echo: mio-ts ${Poll.backend} on ${Poll.runtime}, poll(), 127.0.0.1:${port}`);
for (;;) {
  poll.poll(events, null);
  handle();
}
