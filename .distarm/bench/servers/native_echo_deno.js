/**
 * The echo server on Deno's own `Deno.listen`, the counterpart of
 * `echo.ts`: one read/write loop per connection with its own 64 KiB
 * buffer, on 127.0.0.1:PORT until SIGTERM.
 *
 *   deno run -A bench/servers/native_echo_deno.ts PORT
 *
 * @module
 */
import { portArg } from "./port_arg.js";
/** Echoes until the peer hangs up or the connection fails. */
async function echo(conn) {
    const buf = new Uint8Array(64 * 1024);
    try {
        conn.setNoDelay(true);
        for (;;) {
            const n = await conn.read(buf);
            if (n === null)
                break;
            for (let done = 0; done < n;)
                done += await conn.write(buf.subarray(done, n));
        }
    }
    catch {
        // Reset by the peer: nothing more to do for this connection.
    }
    finally {
        conn.close();
    }
}
const port = portArg();
const { Deno } = globalThis;
const listener = Deno.listen({ hostname: "127.0.0.1", port });
console.log(`echo: Deno.listen, 127.0.0.1:${port}`);
for await (const conn of listener)
    echo(conn);
