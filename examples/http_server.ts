/**
 * A minimal HTTP/1.1 server on mio-ts: keep-alive, pipelining, requests
 * split anywhere across reads (bodies given by `Content-Length` are read and
 * dropped), and the same answer to every request: `200 OK` with the 13-byte
 * body `Hello, World!` (no body for `HEAD`). HTTP/1.0 clients get the
 * connection closed unless they ask for keep-alive. Malformed requests get
 * `400`, oversized headers `431`, `Transfer-Encoding` `501`, other
 * versions `505`, and the connection closed.
 *
 * Run: `deno run --allow-ffi examples/http_server.ts` (or `bun`, or `node` on
 * dist/examples/http_server.js). By default scripted clients send pipelined,
 * fragmented and malformed requests, check the answers, and the program
 * ends by itself. With `--listen ADDR` (e.g. `127.0.0.1:8080`, or just a
 * port on 127.0.0.1; port 0 picks one) it serves until SIGINT or SIGTERM,
 * then closes everything and prints what it served: try
 * `curl -i http://127.0.0.1:8080/` or `wrk -d 5 http://127.0.0.1:8080/`.
 *
 * @module
 */
import process from "node:process";
import { setImmediate } from "node:timers/promises";
import { Events, Interest, Poll, Token } from "../mod.ts";
import { TcpListener, TcpStream } from "../src/net/mod.ts";
import { commandLine } from "./command_line.ts";

const SERVER = Token(0);
const FIRST_SCRIPTED_TOKEN = 1_000_000;
/** The largest request head (request line and headers); larger ones get 431. */
const MAX_HEAD = 8 * 1024;
/** A connection's read buffer: room for a whole head and then some. */
const READ_SIZE = 16 * 1024;
/** Answers queued beyond this are written before more requests are read. */
const OUTPUT_HIGH = 256 * 1024;
/** With `--listen`: poll timeout, and the longest stretch without letting signal handlers run. */
const IDLE_MS = 50;
const YIELD_MS = 100;
const BODY = "Hello, World!";

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s);

/** What a request's answer says about the connection. */
enum Keep {
  /** HTTP/1.1 default: nothing said, the connection stays open. */
  Default,
  /** An HTTP/1.0 client asked for keep-alive. */
  KeepAlive,
  /** The connection closes after this answer. */
  Close,
}

/** The six answers (keep-alive state × with or without body), rebuilt when the `Date` second changes. */
let answers: Uint8Array[] = [];
let answersUntil = 0;

function refreshAnswers(now: number): void {
  if (now < answersUntil) return;
  answersUntil = Math.floor(now / 1000) * 1000 + 1000;
  const head = "HTTP/1.1 200 OK\r\nServer: mio-ts\r\n" +
    `Date: ${new Date(now).toUTCString()}\r\nContent-Type: text/plain\r\nContent-Length: ${BODY.length}\r\n`;
  const connection = ["", "Connection: keep-alive\r\n", "Connection: close\r\n"];
  answers = connection.flatMap((c) => [bytes(`${head}${c}\r\n${BODY}`), bytes(`${head}${c}\r\n`)]);
}

/** An error answer; the connection closes after it. */
function errorAnswer(status: string): Uint8Array {
  return bytes(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}
const BAD_REQUEST = errorAnswer("400 Bad Request");
const HEAD_TOO_LARGE = errorAnswer("431 Request Header Fields Too Large");
const NOT_IMPLEMENTED = errorAnswer("501 Not Implemented");
const BAD_VERSION = errorAnswer("505 HTTP Version Not Supported");

/** Answers waiting to be written. */
class Output {
  buf = new Uint8Array(64 * 1024);
  start = 0;
  end = 0;

  get pending(): number {
    return this.end - this.start;
  }

  push(b: Uint8Array): void {
    if (this.end + b.length > this.buf.length) {
      const live = this.end - this.start;
      if (live + b.length <= this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const next = new Uint8Array(Math.max(this.buf.length * 2, (live + b.length) * 2));
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(b, this.end);
    this.end += b.length;
  }
}

/** One connection: its socket, unparsed input, body bytes still to drop, answers not yet written. */
interface Conn {
  readonly stream: TcpStream;
  readonly input: Uint8Array;
  start: number;
  end: number;
  skip: number;
  readonly out: Output;
  /** Close once the answers are written (`Connection: close`, an error, or the peer hung up). */
  closing: boolean;
}

const stats = { requests: 0, connections: 0 };

/** Where `\r\n\r\n` ends in `b[pos, end)`, or -1. */
function headEnd(b: Uint8Array, pos: number, end: number): number {
  for (let i = pos + 3; i < end; i++) {
    if (b[i] === 10 && b[i - 1] === 13 && b[i - 2] === 10 && b[i - 3] === 13) return i + 1;
  }
  return -1;
}

/** Whether `b[s, e)` is `lower` (lower case ASCII), ignoring case. */
function same(b: Uint8Array, s: number, e: number, lower: string): boolean {
  if (e - s !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const c = b[s + i];
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether the comma-separated tokens of `b[s, e)` include `lower`, ignoring case. */
function hasToken(b: Uint8Array, s: number, e: number, lower: string): boolean {
  let i = s;
  while (i < e) {
    while (i < e && (b[i] === 32 || b[i] === 9 || b[i] === 44)) i++;
    const t = i;
    while (i < e && b[i] !== 44) i++;
    let u = i;
    while (u > t && (b[u - 1] === 32 || b[u - 1] === 9)) u--;
    if (same(b, t, u, lower)) return true;
  }
  return false;
}

/**
 * Answers the request whose head is `b[pos, head)`: queues the answer and
 * returns how many body bytes follow it, or -1 after an error answer.
 */
function answer(c: Conn, b: Uint8Array, pos: number, head: number): number {
  // Request line: METHOD SP TARGET SP HTTP/1.x CRLF (the head ends in CRLF CRLF: the scans stop).
  let lineEnd = pos;
  while (b[lineEnd] !== 13) lineEnd++;
  let methodEnd = pos;
  while (methodEnd < lineEnd && b[methodEnd] !== 32) methodEnd++;
  let targetEnd = methodEnd + 1;
  while (targetEnd < lineEnd && b[targetEnd] !== 32) targetEnd++;
  const versionStart = targetEnd + 1;
  if (
    b[lineEnd + 1] !== 10 || methodEnd === pos || targetEnd >= lineEnd || targetEnd === methodEnd + 1 ||
    lineEnd - versionStart !== 8 || !same(b, versionStart, versionStart + 7, "http/1.")
  ) {
    return reject(c, BAD_REQUEST);
  }
  const minor = b[versionStart + 7];
  if (minor !== 48 && minor !== 49) return reject(c, BAD_VERSION); // '0', '1'
  let keep = minor === 49 ? Keep.Default : Keep.Close;
  let length = 0;
  // Headers: NAME ":" VALUE CRLF, up to the empty line.
  for (let line = lineEnd + 2; line < head - 2;) {
    let e = line;
    while (b[e] !== 13) e++;
    if (b[e + 1] !== 10 || b[line] === 32 || b[line] === 9) return reject(c, BAD_REQUEST); // no obs-fold
    let colon = line;
    while (colon < e && b[colon] !== 58) colon++;
    if (colon === e || colon === line) return reject(c, BAD_REQUEST);
    let v = colon + 1;
    while (v < e && (b[v] === 32 || b[v] === 9)) v++;
    let ve = e;
    while (ve > v && (b[ve - 1] === 32 || b[ve - 1] === 9)) ve--;
    if (same(b, line, colon, "content-length")) {
      if (v === ve) return reject(c, BAD_REQUEST);
      let n = 0;
      for (let k = v; k < ve; k++) {
        const d = b[k] - 48;
        if (d < 0 || d > 9 || n > Number.MAX_SAFE_INTEGER / 10) return reject(c, BAD_REQUEST);
        n = n * 10 + d;
      }
      length = n;
    } else if (same(b, line, colon, "transfer-encoding")) {
      return reject(c, NOT_IMPLEMENTED);
    } else if (same(b, line, colon, "connection")) {
      if (hasToken(b, v, ve, "close")) keep = Keep.Close;
      else if (minor === 48 && hasToken(b, v, ve, "keep-alive")) keep = Keep.KeepAlive;
    }
    line = e + 2;
  }
  stats.requests++;
  const isHead = same(b, pos, methodEnd, "head");
  c.out.push(answers[keep * 2 + (isHead ? 1 : 0)]);
  if (keep === Keep.Close) c.closing = true;
  return length;
}

function reject(c: Conn, response: Uint8Array): number {
  c.out.push(response);
  c.closing = true;
  return -1;
}

/** Answers every complete request in `c`'s input, dropping bodies as they come. */
function serve(c: Conn): void {
  const b = c.input;
  let pos = c.start;
  while (!c.closing && c.out.pending < OUTPUT_HIGH) {
    if (c.skip > 0) {
      const n = Math.min(c.skip, c.end - pos);
      c.skip -= n;
      pos += n;
      if (c.skip > 0) break;
    }
    if (pos === c.end) break;
    const head = headEnd(b, pos, c.end);
    if (head < 0) {
      if (c.end - pos >= MAX_HEAD) reject(c, HEAD_TOO_LARGE);
      break;
    }
    if (head - pos > MAX_HEAD) {
      reject(c, HEAD_TOO_LARGE);
      break;
    }
    const body = answer(c, b, pos, head);
    pos = head;
    if (body > 0) c.skip = body;
  }
  if (c.closing) pos = c.end; // nothing after a closing answer is read
  if (pos === c.end) {
    c.start = c.end = 0;
  } else if (pos > 0 && c.end === b.length) {
    b.copyWithin(0, pos, c.end);
    c.end -= pos;
    c.start = 0;
  } else {
    c.start = pos;
  }
}

/** Writes queued answers until done or WouldBlock; returns false if the peer is gone. */
function flush(c: Conn): boolean {
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

/**
 * Handles an event of a connection: answers every complete request, writes
 * the answers, and reads on until WouldBlock. Returns true when it is done.
 */
function onConnEvent(c: Conn): boolean {
  for (;;) {
    serve(c);
    if (!flush(c)) return true;
    if (c.out.pending > 0) return false; // the peer reads slowly: go on at its writable event
    if (c.closing) return true;
    let n: number | null;
    try {
      n = c.stream.read(c.end === 0 ? c.input : c.input.subarray(c.end));
    } catch {
      return true;
    }
    if (n === null) return false; // drained: edge-triggered, wait for the next event
    if (n === 0) return true; // the peer is gone; a request it left unfinished gets no answer
    c.end += n;
  }
}

// ---- the server ----

const USAGE = `usage: http_server [--listen ADDR]

By default scripted clients check the answers, and the program ends by itself.
  --listen ADDR  serve on ADDR (e.g. 127.0.0.1:8080, or a port on 127.0.0.1; port 0 picks
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
console.log(`mio-ts HTTP server (${Poll.backend} on ${Poll.runtime}) listening on ${server.localAddr()}`);

const conns = new Map<number, Conn>();
let nextToken = 1;

function acceptAll(): void {
  let accepted;
  while ((accepted = server.accept()) !== null) {
    const stream = accepted[0];
    stream.setNodelay(true);
    const token = nextToken++;
    registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
    const input = new Uint8Array(READ_SIZE);
    conns.set(token, { stream, input, start: 0, end: 0, skip: 0, out: new Output(), closing: false });
    stats.connections++;
  }
}

// ---- scripted clients (the default): they check the answers, and the run ends when all are done ----

/** A scripted client: writes its requests a few bytes per loop turn, then reads until the server closes. */
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
  const ok = (connection = "", body = BODY) =>
    "HTTP/1.1 200 OK\r\nServer: mio-ts\r\nDate: *\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n" +
    `${connection}\r\n${body}`;
  const cases: [string, string, string, number][] = [
    [
      "keep-alive, pipelined, 5 bytes per write",
      "GET / HTTP/1.1\r\nHost: x\r\n\r\nPOST /form HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello" +
      "GET /last HTTP/1.1\r\nConnection: close\r\n\r\n",
      ok() + ok() + ok("Connection: close\r\n"),
      5,
    ],
    ["HTTP/1.0", "GET / HTTP/1.0\r\n\r\n", ok("Connection: close\r\n"), 1000],
    [
      "HTTP/1.0 keep-alive, then HEAD",
      "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nHEAD / HTTP/1.0\r\n\r\n",
      ok("Connection: keep-alive\r\n") + ok("Connection: close\r\n", ""),
      1000,
    ],
    [
      "malformed",
      "NONSENSE\r\n\r\n",
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
      1000,
    ],
  ];
  cases.forEach(([name, request, expected, chunk], i) => {
    const stream = TcpStream.connect(server.localAddr());
    const token = FIRST_SCRIPTED_TOKEN + i;
    registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
    scripts.set(token, { name, stream, request: bytes(request), expected, chunk, sent: 0, received: "" });
  });
}

const scratch = new Uint8Array(4096);

/** Drives a scripted client one step; returns true once the server closed and the answers matched. */
function onScriptEvent(s: Script): boolean {
  if (s.sent < s.request.length) {
    const n = s.stream.write(s.request.subarray(s.sent, Math.min(s.sent + s.chunk, s.request.length)));
    if (n !== null) s.sent += n;
  }
  let n: number | null;
  while ((n = s.stream.read(scratch)) !== null && n > 0) {
    s.received += String.fromCharCode(...scratch.subarray(0, n));
  }
  if (n !== 0) return false;
  const got = s.received.replace(/Date: [^\r]*/g, "Date: *");
  if (got !== s.expected) {
    throw new Error(`${s.name}: expected ${JSON.stringify(s.expected)}, got ${JSON.stringify(got)}`);
  }
  const statuses = [...got.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1]);
  console.log(`  ${s.name}: answers ${statuses.join(", ")}, then the server closed`);
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
  refreshAnswers(Date.now());
  for (const event of events) {
    const token = event.token();
    const conn = conns.get(token);
    if (conn !== undefined) {
      if (onConnEvent(conn)) {
        conn.stream.close();
        conns.delete(token);
      }
    } else if (token === SERVER) {
      acceptAll();
    } else {
      const script = scripts.get(token);
      if (script !== undefined && onScriptEvent(script)) scripts.delete(token);
    }
  }
  for (const [token, script] of scripts) if (onScriptEvent(script)) scripts.delete(token);
  if (!scripted && (events.isEmpty() || performance.now() >= yieldAt)) {
    await setImmediate(); // lets the signal handlers run
    yieldAt = performance.now() + YIELD_MS;
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.off(signal, onSignal);
for (const c of conns.values()) c.stream.close();
server.close();
poll.close();
console.log(`done: ${stats.requests} requests on ${stats.connections} connections`);
