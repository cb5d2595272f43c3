/**
 * The mio-ts HTTP/1.1 server of the benchmarks, waiting with a blocking
 * `poll()`: answers every request with "Hello, World!" on 127.0.0.1:PORT,
 * keeping connections alive and answering pipelined requests, until
 * SIGTERM. `http_loop.ts` has the server; `http_async.ts` is the same
 * server waiting with `pollAsync()`.
 *
 *   deno run -A bench/servers/http.ts PORT
 *   bun bench/servers/http.ts PORT
 *   node dist/bench/servers/http.js PORT   (after `tsc -p .`)
 *
 * @module
 */
import { Poll } from "../../mod.ts";
import { httpServer } from "./http_loop.ts";

const { poll, events, port, handle } = httpServer();
console.log(`http: mio-ts ${Poll.backend} on ${Poll.runtime}, poll(), 127.0.0.1:${port}`);
for (;;) {
  poll.poll(events, null);
  handle();
}
