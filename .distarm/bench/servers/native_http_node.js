/**
 * The HTTP server on Node's own `node:http`, the counterpart of `http.ts`:
 * answers every request with "Hello, World!" (keep-alive, pipelining as
 * `node:http` does it), on 127.0.0.1:PORT until SIGTERM.
 *
 *   node dist/bench/servers/native_http_node.js PORT   (after `tsc -p .`)
 *
 * @module
 */
import { createServer } from "node:http";
import { portArg } from "./port_arg.js";
const port = portArg();
const HEADERS = { "Content-Type": "text/plain", "Content-Length": "13" };
createServer((_request, response) => {
    response.writeHead(200, HEADERS);
    response.end("Hello, World!");
}).listen(port, "127.0.0.1", () => console.log(`http: node:http, 127.0.0.1:${port}`));
