/**
 * The HTTP server on Bun's own `Bun.serve`, the counterpart of `http.ts`:
 * answers every request with "Hello, World!", on 127.0.0.1:PORT until
 * SIGTERM.
 *
 *   bun bench/servers/native_http_bun.ts PORT
 *
 * @module
 */
import { portArg } from "./port_arg.js";
const port = portArg();
const { Bun } = globalThis;
const HEADERS = { "Content-Type": "text/plain" };
Bun.serve({ hostname: "127.0.0.1", port, fetch: () => new Response("Hello, World!", { headers: HEADERS }) });
console.log(`http: Bun.serve, 127.0.0.1:${port}`);
