/**
 * A Redis-protocol (RESP2) server on mio-ts: `PING`, `ECHO`, `SET`, `GET`,
 * `DEL` and `INCR` on an in-memory map, with Redis 7's replies and error
 * messages, for real clients (`redis-cli`, `redis-benchmark`). Commands may
 * be pipelined and split anywhere across reads; inline commands (`PING`
 * typed into `nc`, `redis-benchmark`'s PING_INLINE) work too. `SET` takes
 * no options: `EX`, `NX`… get `ERR syntax error` where Redis would apply
 * them. `CONFIG GET save` and `CONFIG GET appendonly` (which
 * `redis-benchmark` asks) say there is no persistence; other `CONFIG GET`s
 * answer an empty list.
 *
 * Run: `deno run --allow-ffi examples/resp_server.ts` (or `bun`, or `node` on
 * dist/examples/resp_server.js). By default scripted clients send pipelined,
 * fragmented and wrong commands, check the replies, and the program ends by
 * itself. With `--listen ADDR` (e.g. `127.0.0.1:6380`, or just a port on
 * 127.0.0.1; port 0 picks one) it
 * serves until SIGINT or SIGTERM, then closes everything and prints what it
 * served: try `redis-cli -p 6380 ping` or
 * `redis-benchmark -p 6380 -t ping,set,get,incr -q`.
 *
 * @module
 */
import process from "node:process";
import { Buffer } from "node:buffer";
import { setImmediate } from "node:timers/promises";
import { Events, Interest, Poll, Token } from "../mod.ts";
import { TcpListener, TcpStream } from "../src/net/mod.ts";
import { commandLine } from "./command_line.ts";

const SERVER = Token(0);
const FIRST_SCRIPTED_TOKEN = 1_000_000;
/** A connection's read buffer starts at this size and doubles up to MAX_REQUEST. */
const READ_SIZE = 16 * 1024;
/** The largest command (all its arguments) accepted; Redis allows more, an example needs no more. */
const MAX_REQUEST = 64 * 1024 * 1024;
/** Redis's limits: an inline command or a `*`/`$` header line, and arguments per command. */
const MAX_INLINE = 64 * 1024;
const MAX_ARGS = 1024 * 1024;
/** Replies queued beyond this are written before more commands are read. */
const OUTPUT_HIGH = 256 * 1024;
/** With `--listen`: poll timeout, and the longest stretch without letting signal handlers run. */
const IDLE_MS = 50;
const YIELD_MS = 100;

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s);
const OK = bytes("+OK\r\n");
const PONG = bytes("+PONG\r\n");
const NIL = bytes("$-1\r\n");
const EMPTY_ARRAY = bytes("*0\r\n");
const CONFIG_SAVE = bytes("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
const CONFIG_APPENDONLY = bytes("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
const CRLF = bytes("\r\n");

/** What went wrong in a request the parser cannot go past; the connection is closed after the reply. */
class ProtocolError extends Error {}

/** Replies waiting to be written: a growable buffer. */
class Output {
  buf = new Uint8Array(64 * 1024);
  start = 0;
  end = 0;

  get pending(): number {
    return this.end - this.start;
  }

  #room(n: number): void {
    if (this.end + n <= this.buf.length) return;
    const live = this.end - this.start;
    if (live + n <= this.buf.length) {
      this.buf.copyWithin(0, this.start, this.end);
    } else {
      const next = new Uint8Array(Math.max(this.buf.length * 2, (live + n) * 2));
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
    }
    this.start = 0;
    this.end = live;
  }

  raw(b: Uint8Array): void {
    this.#room(b.length);
    this.buf.set(b, this.end);
    this.end += b.length;
  }

  /** ASCII text (replies are built from ASCII and latin1-decoded arguments). */
  text(s: string): void {
    this.#room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.end++] = s.charCodeAt(i) & 0xff;
  }

  int(n: number | bigint): void {
    this.text(`:${n}\r\n`);
  }

  bulk(src: Uint8Array, start = 0, end = src.length): void {
    this.text(`$${end - start}\r\n`);
    this.#room(end - start + 2);
    this.buf.set(src.subarray(start, end), this.end);
    this.end += end - start;
    this.raw(CRLF);
  }

  error(message: string): void {
    // Error replies are one line: Redis turns line breaks in them into spaces.
    this.text(`-${message.replace(/[\r\n]/g, " ")}\r\n`);
  }
}

/** One connection: its socket, unparsed input, and replies not yet written. */
interface Client {
  readonly stream: TcpStream;
  input: Buffer;
  start: number;
  end: number;
  readonly out: Output;
  /** Close once the replies are written (after a protocol error, or the peer hung up). */
  closing: boolean;
}

// The arguments of the command being run: [start, end) pairs in its client's input.
let argv = new Int32Array(64);
let argc = 0;

/** The integer the last `readHeader` read. */
let headerValue = 0;

/**
 * Reads a `*N`/`$N` header's integer from `pos` (just after the prefix)
 * into `headerValue`; returns where the line after it starts, or -1 when the
 * line is incomplete.
 */
function readHeader(b: Buffer, pos: number, end: number, what: string): number {
  const lineEnd = b.indexOf(13, pos); // '\r'
  if (lineEnd < 0 || lineEnd + 1 >= end) {
    if (end - pos > MAX_INLINE) throw new ProtocolError(`Protocol error: too big ${what} count string`);
    return -1;
  }
  let n = 0;
  let i = pos;
  const negative = b[i] === 45; // '-'
  if (negative) i++;
  if (i === lineEnd) throw new ProtocolError(`Protocol error: invalid ${what} length`);
  for (; i < lineEnd; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9 || n > MAX_REQUEST) throw new ProtocolError(`Protocol error: invalid ${what} length`);
    n = n * 10 + d;
  }
  headerValue = negative ? -n : n;
  return lineEnd + 2;
}

function pushArg(start: number, end: number): void {
  if (argc * 2 + 2 > argv.length) {
    const next = new Int32Array(argv.length * 2);
    next.set(argv);
    argv = next;
  }
  argv[argc * 2] = start;
  argv[argc * 2 + 1] = end;
  argc++;
}

/**
 * Parses one command at `pos` into `argv`/`argc`; returns where the next
 * one starts, or `-1` if the command is not complete yet.
 */
function parse(b: Buffer, pos: number, end: number): number {
  argc = 0;
  if (b[pos] !== 42) return parseInline(b, pos, end); // not '*'
  let p = readHeader(b, pos + 1, end, "multibulk");
  if (p === -1) return -1;
  const count = headerValue;
  if (count > MAX_ARGS) throw new ProtocolError("Protocol error: invalid multibulk length");
  for (let i = 0; i < count; i++) {
    if (p >= end) return -1;
    if (b[p] !== 36) { // '$'
      throw new ProtocolError(`Protocol error: expected '$', got '${String.fromCharCode(b[p])}'`);
    }
    const data = readHeader(b, p + 1, end, "bulk");
    if (data === -1) return -1;
    const len = headerValue;
    if (len < 0 || len > MAX_REQUEST) throw new ProtocolError("Protocol error: invalid bulk length");
    if (data + len + 2 > end) return -1;
    pushArg(data, data + len);
    p = data + len + 2;
  }
  return p;
}

/** An inline command: one line, arguments separated by spaces (no quoting). */
function parseInline(b: Buffer, pos: number, end: number): number {
  const nl = b.indexOf(10, pos); // '\n'
  if (nl < 0 || nl >= end) {
    if (end - pos > MAX_INLINE) throw new ProtocolError("Protocol error: too big inline request");
    return -1;
  }
  const lineEnd = nl > pos && b[nl - 1] === 13 ? nl - 1 : nl;
  let i = pos;
  while (i < lineEnd) {
    while (i < lineEnd && (b[i] === 32 || b[i] === 9)) i++;
    const s = i;
    while (i < lineEnd && b[i] !== 32 && b[i] !== 9) i++;
    if (i > s) pushArg(s, i);
  }
  return nl + 1;
}

/** Whether argument `k` is `name` (lower case ASCII), ignoring case. */
function argIs(b: Buffer, k: number, name: string): boolean {
  const s = argv[k * 2];
  if (argv[k * 2 + 1] - s !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = b[s + i];
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** Argument `k` as a string, one character per byte (keys, and text for error messages). */
function argText(b: Buffer, k: number): string {
  return b.toString("latin1", argv[k * 2], argv[k * 2 + 1]);
}

const store = new Map<string, Uint8Array>();
const stats = { commands: 0, connections: 0 };

/**
 * Redis's `string2ll`: a decimal that fits in 64 bits, no sign but `-`, no
 * spaces, no leading zero; a number when it is safe as one, else a bigint.
 */
function toInteger(v: Uint8Array): number | bigint | null {
  if (v.length === 0 || v.length > 20) return null;
  const neg = v[0] === 45; // '-'
  const first = neg ? 1 : 0;
  if (first === v.length || (v[first] === 48 && (neg || v.length > 1))) return null; // "-", "-0", "01"
  let n = 0;
  for (let i = first; i < v.length; i++) {
    const d = v[i] - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  if (v.length - first <= 15) return neg ? -n : n;
  const big = BigInt(String.fromCharCode(...v));
  return big > 0x7fffffffffffffffn || big < -0x8000000000000000n ? null : big;
}

function arity(out: Output, name: string): void {
  out.error(`ERR wrong number of arguments for '${name}' command`);
}

/** Runs the command in `argv` (argc > 0), queuing its reply. */
function execute(b: Buffer, out: Output): void {
  stats.commands++;
  const first = argv[0];
  switch (argv[1] - first) {
    case 3:
      if (argIs(b, 0, "get")) {
        if (argc !== 2) return arity(out, "get");
        const v = store.get(argText(b, 1));
        return v === undefined ? out.raw(NIL) : out.bulk(v);
      }
      if (argIs(b, 0, "set")) {
        if (argc < 3) return arity(out, "set");
        if (argc > 3) return out.error("ERR syntax error");
        store.set(argText(b, 1), b.subarray(argv[4], argv[5]).slice());
        return out.raw(OK);
      }
      if (argIs(b, 0, "del")) {
        if (argc < 2) return arity(out, "del");
        let n = 0;
        for (let k = 1; k < argc; k++) if (store.delete(argText(b, k))) n++;
        return out.int(n);
      }
      break;
    case 4:
      if (argIs(b, 0, "ping")) {
        if (argc > 2) return arity(out, "ping");
        return argc === 2 ? out.bulk(b, argv[2], argv[3]) : out.raw(PONG);
      }
      if (argIs(b, 0, "echo")) {
        if (argc !== 2) return arity(out, "echo");
        return out.bulk(b, argv[2], argv[3]);
      }
      if (argIs(b, 0, "incr")) {
        if (argc !== 2) return arity(out, "incr");
        const key = argText(b, 1);
        const old = store.get(key);
        const n = old === undefined ? 0 : toInteger(old);
        if (n === null) return out.error("ERR value is not an integer or out of range");
        if (n === 0x7fffffffffffffffn) return out.error("ERR increment or decrement would overflow");
        const next = typeof n === "number" && n < Number.MAX_SAFE_INTEGER ? n + 1 : BigInt(n) + 1n;
        store.set(key, bytes(String(next)));
        return out.int(next);
      }
      break;
    case 6:
      if (argIs(b, 0, "config") && argc === 3 && argIs(b, 1, "get")) {
        // What redis-benchmark asks before it starts: no persistence here.
        if (argIs(b, 2, "save")) return out.raw(CONFIG_SAVE);
        return out.raw(argIs(b, 2, "appendonly") ? CONFIG_APPENDONLY : EMPTY_ARRAY);
      }
      break;
  }
  let message = `ERR unknown command '${argText(b, 0).slice(0, 128)}', with args beginning with: `;
  for (let k = 1; k < argc && message.length < 256; k++) message += `'${argText(b, k).slice(0, 128)}' `;
  out.error(message);
}

/** Runs every complete command in `c`'s input. */
function serve(c: Client): void {
  let pos = c.start;
  try {
    while (pos < c.end && c.out.pending < OUTPUT_HIGH) {
      const next = parse(c.input, pos, c.end);
      if (next < 0) break;
      if (argc > 0) execute(c.input, c.out);
      pos = next;
    }
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    c.out.error(`ERR ${e.message}`);
    c.closing = true;
    pos = c.end;
  }
  c.start = pos;
  if (c.start === c.end) c.start = c.end = 0;
}

/** Writes queued replies until done or WouldBlock; returns false if the peer is gone. */
function flush(c: Client): boolean {
  const out = c.out;
  while (out.pending > 0) {
    let n: number | null;
    try {
      n = c.stream.write(out.buf.subarray(out.start, out.end));
    } catch {
      return false;
    }
    if (n === null) return true;
    out.start += n;
  }
  out.start = out.end = 0;
  return true;
}

/** Makes room at the end of `c`'s input: moves what is unparsed to the front, or grows the buffer. */
function makeRoom(c: Client): void {
  if (c.start > 0) {
    c.input.copyWithin(0, c.start, c.end);
    c.end -= c.start;
    c.start = 0;
    return;
  }
  if (c.input.length >= MAX_REQUEST) throw new ProtocolError("Protocol error: request too big");
  const next = Buffer.alloc(Math.min(c.input.length * 2, MAX_REQUEST));
  next.set(c.input.subarray(0, c.end));
  c.input = next;
}

/**
 * Handles an event of a connection: runs every complete command, writes the
 * replies, and reads on until WouldBlock. Returns true when it is done.
 */
function onClientEvent(c: Client): boolean {
  for (;;) {
    serve(c);
    if (!flush(c)) return true;
    if (c.out.pending > 0) return false; // the peer reads slowly: go on at its writable event
    if (c.closing) return true;
    if (c.end === c.input.length) {
      try {
        makeRoom(c);
      } catch (e) {
        if (!(e instanceof ProtocolError)) throw e;
        c.out.error(`ERR ${e.message}`);
        c.closing = true;
        continue;
      }
    }
    let n: number | null;
    try {
      n = c.stream.read(c.end === 0 ? c.input : c.input.subarray(c.end));
    } catch {
      return true;
    }
    if (n === null) return false; // drained: edge-triggered, wait for the next event
    if (n === 0) c.closing = true;
    c.end += n;
  }
}

// ---- the server ----

const USAGE = `usage: resp_server [--listen ADDR]

By default scripted clients check the answers, and the program ends by itself.
  --listen ADDR  serve on ADDR (e.g. 127.0.0.1:6380, or a port on 127.0.0.1; port 0 picks
                 one) until SIGINT or SIGTERM
  -h, --help     print this and exit`;

const { listen } = commandLine(USAGE, ["listen"]);
const scripted = listen === undefined;
const poll = new Poll();
const events = new Events(1024);
const registry = poll.registry();
/** `--listen`'s value: an address, or a bare port on 127.0.0.1. */
const listenAddr = listen ?? "127.0.0.1:0";
const server = TcpListener.bind(/^\d+$/.test(listenAddr) ? `127.0.0.1:${listenAddr}` : listenAddr);
registry.register(server, SERVER, Interest.READABLE);
console.log(`mio-ts RESP server (${Poll.backend} on ${Poll.runtime}) listening on ${server.localAddr()}`);

const clients = new Map<number, Client>();
let nextToken = 1;

function acceptAll(): void {
  let accepted;
  while ((accepted = server.accept()) !== null) {
    const stream = accepted[0];
    stream.setNodelay(true);
    const token = nextToken++;
    registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
    clients.set(token, {
      stream,
      input: Buffer.alloc(READ_SIZE),
      start: 0,
      end: 0,
      out: new Output(),
      closing: false,
    });
    stats.connections++;
  }
}

// ---- scripted clients (the default): they check the replies, and the run ends when all are done ----

/** A scripted client: writes its request a few bytes per loop turn, then reads until it has the expected replies. */
interface Script {
  readonly name: string;
  readonly stream: TcpStream;
  readonly request: Uint8Array;
  readonly expected: string;
  readonly chunk: number;
  sent: number;
  received: string;
}

const scripts = new Map<number, Script>();
if (scripted) {
  const cases: [string, string, string, number][] = [
    [
      "pipelined, 7 bytes per write",
      "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n1\r\n*2\r\n$4\r\nincr\r\n$1\r\nk\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n" +
      "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
      "+OK\r\n:2\r\n$1\r\n2\r\n:1\r\n$-1\r\n",
      7,
    ],
    ["inline", "PING\r\nECHO hello\r\nping  pong\r\n", "+PONG\r\n$5\r\nhello\r\n$4\r\npong\r\n", 1000],
    [
      "errors",
      "*1\r\n$3\r\nFLY\r\n*1\r\n$3\r\nGET\r\nSET n x\r\nINCR n\r\nSET a b EX\r\n",
      "-ERR unknown command 'FLY', with args beginning with: \r\n" +
      "-ERR wrong number of arguments for 'get' command\r\n+OK\r\n" +
      "-ERR value is not an integer or out of range\r\n-ERR syntax error\r\n",
      1000,
    ],
    ["protocol error", "*1\r\n%3\r\n", "-ERR Protocol error: expected '$', got '%'\r\n", 1000],
  ];
  cases.forEach(([name, request, expected, chunk], i) => {
    const stream = TcpStream.connect(server.localAddr());
    const token = FIRST_SCRIPTED_TOKEN + i;
    registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
    scripts.set(token, { name, stream, request: bytes(request), expected, chunk, sent: 0, received: "" });
  });
}

const scratch = new Uint8Array(4096);

/** Drives a scripted client one step; returns true once it is done. */
function onScriptEvent(s: Script): boolean {
  if (s.sent < s.request.length) {
    const n = s.stream.write(s.request.subarray(s.sent, Math.min(s.sent + s.chunk, s.request.length)));
    if (n !== null) s.sent += n;
  }
  let n: number | null;
  while ((n = s.stream.read(scratch)) !== null && n > 0) {
    s.received += String.fromCharCode(...scratch.subarray(0, n));
  }
  const hungUp = n === 0;
  if (s.received.length < s.expected.length && !hungUp) return false;
  if (s.received !== s.expected) {
    throw new Error(`${s.name}: expected ${JSON.stringify(s.expected)}, got ${JSON.stringify(s.received)}`);
  }
  console.log(`  ${s.name}: ${JSON.stringify(s.received)}`);
  s.stream.close();
  return true;
}

// ---- the event loop ----

const stop = new AbortController();
const onSignal = () => stop.abort();
if (!scripted) {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, onSignal);
  console.log("serving until SIGINT or SIGTERM");
}

let yieldAt = performance.now() + YIELD_MS;
while (scripted ? scripts.size > 0 : !stop.signal.aborted) {
  // Scripted clients with bytes still to send write them on the next turn: do not wait then.
  const sending = scripted && [...scripts.values()].some((s) => s.sent < s.request.length);
  const timeout = scripted ? (sending ? 0 : 30_000) : IDLE_MS;
  poll.poll(events, timeout);
  if (timeout === 30_000 && events.isEmpty()) throw new Error("the scripted run stalled: no events for 30 s");
  for (const event of events) {
    const token = event.token();
    const client = clients.get(token);
    if (client !== undefined) {
      if (onClientEvent(client)) {
        client.stream.close();
        clients.delete(token);
      }
    } else if (token === SERVER) {
      acceptAll();
    } else {
      const script = scripts.get(token);
      if (script !== undefined && onScriptEvent(script)) scripts.delete(token);
    }
  }
  // Scripted clients write their next bytes on their next turn: give every one a turn.
  for (const [token, script] of scripts) if (onScriptEvent(script)) scripts.delete(token);
  if (!scripted && (events.isEmpty() || performance.now() >= yieldAt)) {
    await setImmediate(); // lets the signal handlers run
    yieldAt = performance.now() + YIELD_MS;
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.off(signal, onSignal);
for (const c of clients.values()) c.stream.close();
server.close();
poll.close();
console.log(
  `done: ${stats.commands} commands on ${stats.connections} connections, ${store.size} keys left`,
);
