/**
 * The mio-ts HTTP/1.1 server of the benchmarks, waiting with
 * `await poll.pollAsync(events, null)`, so the runtime's timers and other
 * I/O go on between batches: answers every request with "Hello, World!" on
 * 127.0.0.1:PORT until SIGTERM. `http_loop.ts` has the server, shared with
 * `http.ts`, which waits with a blocking `poll()`.
 *
 *   deno run -A bench/servers/http_async.ts PORT
 *   bun bench/servers/http_async.ts PORT
 *   node dist/bench/servers/http_async.js PORT   (after `tsc -p .`)
 *
 * @module
 */
import { Poll } from "../../mod.ts";
import { httpServer } from "./http_loop.ts";

const { poll, events, port, handle } = httpServer();
console.log(`http: mio-ts ${Poll.backend} on ${Poll.runtime}, pollAsync(), 127.0.0.1:${port}`);
for (;;) {
  await poll.pollAsync(events, null);
  handle();
}
