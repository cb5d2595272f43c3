/**
 * The mio-ts echo server of the benchmarks: writes back every byte it
 * reads, on 127.0.0.1:PORT, until SIGTERM.
 *
 *   deno run -A bench/servers/echo.ts PORT [--control]
 *   bun bench/servers/echo.ts PORT [--control]
 *   node dist/bench/servers/echo.js PORT [--control]   (after `tsc -p .`)
 *
 * One edge-triggered loop, one preallocated 64 KiB buffer: each event
 * reads until the socket is empty (a short read, or WouldBlock) and writes
 * each chunk straight back. A write that
 * comes up short keeps the rest (the only allocation) and stops reading
 * that connection until its writable event, so a client that does not
 * read cannot make the server buffer without bound.
 *
 * `--control` reads commands from stdin (a pipe): the line `heap` prints
 * `heap BYTES CONNECTIONS gc|nogc` — the JS heap in use after a collection
 * (start Node with `--expose-gc`, Deno with `--v8-flags=--expose-gc`) and
 * the connections open.
 *
 * @module
 */
import process from "node:process";
import { Events, Interest, Poll, Token } from "../../mod.js";
import { TcpListener } from "../../src/net/mod.js";
import { Receiver } from "../../src/unix/mod.js";
import { heapUsedAfterGc } from "./heap.js";
import { portArg } from "./port_arg.js";
const LISTENER = Token(0);
const CONTROL = Token(1);
const BUFFER_SIZE = 64 * 1024;
/**
 * With a true edge-triggered selector, a read that fills less than the
 * buffer has emptied the socket (epoll(7), Q9; tokio, libuv and netty stop
 * there too): the next arrival brings a new event, so no read is spent on
 * WouldBlock. poll(2), which emulates edges by re-arming on WouldBlock,
 * needs that read.
 */
const SHORT_READ_DRAINS = Poll.backend === "epoll" || Poll.backend === "kqueue";
const port = portArg();
const poll = new Poll();
const registry = poll.registry();
const events = new Events(1024);
const listener = TcpListener.bind({ hostname: "127.0.0.1", port });
registry.register(listener, LISTENER, Interest.READABLE);
const buffer = new Uint8Array(BUFFER_SIZE);
/** `buffer.subarray(0, n)` for each `n` met so far: echoing allocates nothing once warm. */
const prefixes = [];
/** The connections, indexed by token (tokens 0 and 1 are the listener and stdin). */
const streams = [null, null];
/** Bytes read but not yet written back, by token: set when a write came up short. */
const unsent = [null, null];
/** Tokens of closed connections, reused first. */
const freeTokens = [];
let open = 0;
/** Accepts every pending connection and registers it. */
function acceptAll() {
    let accepted;
    while ((accepted = listener.accept()) !== null) {
        const stream = accepted[0];
        stream.setNodelay(true);
        const token = freeTokens.pop() ?? streams.length;
        streams[token] = stream;
        unsent[token] = null;
        registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
        open++;
    }
}
/** Closes connection `token` and frees its token. */
function drop(token) {
    streams[token].close();
    streams[token] = null;
    unsent[token] = null;
    freeTokens.push(token);
    open--;
}
/**
 * Writes back what is left over, then echoes until the socket is empty (or
 * a write comes up short); `readClosed`: the peer hung up, so read on to
 * the end of stream.
 */
function serve(token, stream, readClosed) {
    const rest = unsent[token];
    if (rest !== null) {
        const written = stream.write(rest);
        if (written === null)
            return;
        if (written < rest.length) {
            unsent[token] = rest.subarray(written);
            return;
        }
        unsent[token] = null;
    }
    for (;;) {
        const n = stream.read(buffer);
        if (n === null)
            return;
        if (n === 0)
            return drop(token);
        const written = stream.write(prefixes[n] ??= buffer.subarray(0, n)) ?? 0;
        if (written < n) {
            unsent[token] = buffer.slice(written, n);
            return;
        }
        if (n < BUFFER_SIZE && SHORT_READ_DRAINS && !readClosed)
            return;
    }
}
/** Answers the control lines waiting on stdin; closes it at end of file. */
function control(stdin) {
    const line = new Uint8Array(256);
    let n;
    while ((n = stdin.read(line)) !== null) {
        if (n === 0) {
            stdin.close();
            return;
        }
        if (new TextDecoder().decode(line.subarray(0, n)).includes("heap")) {
            const { heapUsed, collected } = heapUsedAfterGc();
            console.log(`heap ${heapUsed} ${open} ${collected ? "gc" : "nogc"}`);
        }
    }
}
let stdin = null;
if (process.argv.includes("--control")) {
    stdin = Receiver.fromFd(0);
    stdin.setNonblocking(true);
    registry.register(stdin, CONTROL, Interest.READABLE);
}
console.log(`echo: mio-ts ${Poll.backend} on ${Poll.runtime}, 127.0.0.1:${port}`);
for (;;) {
    poll.poll(events, null);
    for (const event of events) {
        const token = event.token();
        if (token === LISTENER)
            acceptAll();
        else if (token === CONTROL)
            control(stdin);
        else {
            const stream = streams[token];
            if (stream === null)
                continue; // closed earlier in this batch
            try {
                serve(token, stream, event.isReadClosed());
            }
            catch {
                drop(token); // reset by the peer, or another error of this connection alone
            }
        }
    }
}
