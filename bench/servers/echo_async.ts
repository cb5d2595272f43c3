/**
 * The mio-ts echo server of the benchmarks, waiting with
 * `await poll.pollAsync(events, null)`, so the runtime's timers and other
 * I/O go on between batches: writes back every byte it reads, on
 * 127.0.0.1:PORT, until SIGTERM. `echo_loop.ts` has the server, shared
 * with `echo.ts`, which waits with a blocking `poll()`.
 *
 *   deno run -A bench/servers/echo_async.ts PORT [--control]
 *   bun bench/servers/echo_async.ts PORT [--control]
 *   node dist/bench/servers/echo_async.js PORT [--control]   (after `tsc -p .`)
 *
 * @module
 */
import { Poll } from "../../mod.ts";
import { echoServer } from "./echo_loop.ts";

const { poll, events, port, handle } = echoServer();
console.log(`echo: mio-ts ${Poll.backend} on ${Poll.runtime}, pollAsync(), 127.0.0.1:${port}`);
for (;;) {
  await poll.pollAsync(events, null);
  handle();
}
