/**
 * The HTTP server on Deno's own `Deno.serve`, the counterpart of
 * `http.ts`: answers every request with "Hello, World!", on
 * 127.0.0.1:PORT until SIGTERM.
 *
 *   deno run -A bench/servers/native_http_deno.ts PORT
 *
 * @module
 */
import { portArg } from "./port_arg.js";
const port = portArg();
const { Deno } = globalThis;
const HEADERS = { "Content-Type": "text/plain" };
Deno.serve({ hostname: "127.0.0.1", port, onListen: () => console.log(`http: Deno.serve, 127.0.0.1:${port}`) }, () => new Response("Hello, World!", { headers: HEADERS }));
