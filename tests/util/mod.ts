/**
 * Test helpers, after mio's `tests/util`: `expectEvents`,
 * `expectNoEvents`, `assertWouldBlock`, and socket/descriptor checks read
 * from `/proc`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import {
  type Event,
  Events,
  Interest,
  IoError,
  Poll,
  type Source,
  TcpListener,
  TcpStream,
  Token,
  UnixStream,
} from "../../mod.ts";

/** Readiness an expected event must show (mio's `Readiness`). */
export const Readiness = {
  READABLE: 1,
  WRITABLE: 2,
  AIO: 4,
  LIO: 8,
  ERROR: 16,
  READ_CLOSED: 32,
  WRITE_CLOSED: 64,
  PRIORITY: 128,
  /** The readiness an `Interest` asks for. */
  of(interest: Interest): number {
    return (Interest.isReadable(interest) ? 1 : 0) | (Interest.isWritable(interest) ? 2 : 0) |
      (Interest.isAio(interest) ? 4 : 0) | (Interest.isLio(interest) ? 8 : 0);
  },
} as const;

/** An event `expectEvents` waits for: a token and the readiness it must show. */
export interface ExpectEvent {
  /** The token. */
  token: Token;
  /** `Readiness` bits that must all be set. */
  readiness: number;
}

/** Builds an `ExpectEvent`; `readiness` may be `Readiness` bits or an `Interest`. */
export function expect(token: number, readiness: number): ExpectEvent {
  return { token: Token(token), readiness };
}

function matches(e: ExpectEvent, event: Event): boolean {
  const r = e.readiness;
  return event.token() === e.token &&
    (!(r & Readiness.READABLE) || event.isReadable()) &&
    (!(r & Readiness.WRITABLE) || event.isWritable()) &&
    (!(r & Readiness.AIO) || event.isAio()) &&
    (!(r & Readiness.LIO) || event.isLio()) &&
    (!(r & Readiness.ERROR) || event.isError()) &&
    (!(r & Readiness.READ_CLOSED) || event.isReadClosed()) &&
    (!(r & Readiness.WRITE_CLOSED) || event.isWriteClosed()) &&
    (!(r & Readiness.PRIORITY) || event.isPriority());
}

/** A fresh `Poll` and `Events(16)` (mio's `init_with_poll`). */
export function initWithPoll(): [Poll, Events] {
  return [new Poll(), new Events(16)];
}

/**
 * Polls (up to 3 × 500 ms) until every expected event has been seen; other
 * events are allowed (mio's `expect_events`).
 */
export function expectEvents(poll: Poll, events: Events, expected: ExpectEvent[]): void {
  awaitExpected(poll, events, expected, 3, 500, () => {});
}

/** Polls `rounds` times for `sliceMs`, calling `pump()` before each, until every expected event was seen. */
function awaitExpected(
  poll: Poll,
  events: Events,
  expected: ExpectEvent[],
  rounds: number,
  sliceMs: number,
  pump: () => void,
): void {
  const left = [...expected];
  const seen: string[] = [];
  for (let round = 0; round < rounds && left.length > 0; round++) {
    pump();
    poll.poll(events, sliceMs);
    for (const event of events) {
      seen.push(String(event));
      const i = left.findIndex((e) => matches(e, event));
      if (i >= 0) left.splice(i, 1);
    }
  }
  assert.equal(
    left.length,
    0,
    `expected events not seen: ${JSON.stringify(left)}; seen: ${seen.join("; ") || "none"}`,
  );
}

/** Polls for 50 ms and fails if any event arrives (mio's `expect_no_events`). */
export function expectNoEvents(poll: Poll, events: Events): void {
  poll.poll(events, 50);
  const seen = [...events].map(String);
  assert.equal(seen.length, 0, `unexpected events: ${seen.join("; ")}`);
}

/** Asserts a non-blocking call reported WouldBlock, which mio-ts returns as `null`. */
export function assertWouldBlock(result: unknown): void {
  assert.equal(result, null, `expected WouldBlock (null), got ${String(result)}`);
}

/** Asserts `fn` throws an `IoError` of `kind`; returns it. */
export function assertIoError(fn: () => unknown, kind: string): IoError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof IoError, `expected IoError ${kind}, got ${String(caught)}`);
  assert.equal(caught.kind, kind, `expected kind ${kind}, got ${caught.kind}: ${caught.message}`);
  return caught;
}

/** The `flags:` of `/proc/self/fdinfo/<fd>`, in octal as the kernel prints it. */
export function fdFlags(fd: number): number {
  const info = readFileSync(`/proc/self/fdinfo/${fd}`, "utf8");
  const m = /^flags:\s+([0-7]+)/m.exec(info);
  assert.ok(m, `no flags in /proc/self/fdinfo/${fd}`);
  return parseInt(m[1], 8);
}

const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;

/**
 * Asserts `fd` is non-blocking and close-on-exec, as every mio-ts descriptor
 * is; on Windows, that the socket's handle is not inheritable (its
 * non-blocking mode cannot be read back).
 */
export function assertNonBlockingCloexec(fd: number): void {
  if (ON_WINDOWS) return assertNotInheritable(fd);
  const flags = fdFlags(fd);
  assert.ok(flags & O_NONBLOCK, `fd ${fd} is not non-blocking (flags 0${flags.toString(8)})`);
  assert.ok(flags & O_CLOEXEC, `fd ${fd} is not close-on-exec (flags 0${flags.toString(8)})`);
}

/**
 * How many descriptors this process has open (on Windows, File and
 * IoCompletion handles: the kinds mio-ts opens).
 */
export function openFdCount(): number {
  if (ON_WINDOWS) return windowsMioHandleCount();
  settleClosedKqueues();
  return readdirSync("/proc/self/fd").length;
}

/** Whether `fd` (on Windows, a handle) is open in this process. */
export function isFdOpen(fd: number): boolean {
  if (ON_WINDOWS) return windowsHandleFlags(fd) !== null;
  try {
    readFileSync(`/proc/self/fdinfo/${fd}`);
    return true;
  } catch {
    return false;
  }
}

/** Blocks (with short polls) until `fn` returns something other than `null`. */
export function retryUntilReady<T>(poll: Poll, events: Events, fn: () => T | null): T {
  for (let i = 0; i < 100; i++) {
    const r = fn();
    if (r !== null) return r;
    poll.poll(events, 50);
  }
  throw new Error("operation stayed WouldBlock for 5 s");
}

/** Bytes of `text`. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** An ASCII string of `buf`. */
export function text(buf: Uint8Array): string {
  return new TextDecoder().decode(buf);
}

/** Sleeps without blocking the runtime. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Asserts `fn` throws an `IoError` of `kind` raised before any syscall
 * (`errno` 0, `syscall` `""`, as the API promises); returns it.
 */
export function assertEarlyIoError(fn: () => unknown, kind: string): IoError {
  const e = assertIoError(fn, kind);
  assert.equal(e.errno, 0, `an error raised before any syscall has errno 0, got ${e.errno}`);
  assert.equal(
    e.syscall,
    "",
    `an error raised before any syscall has syscall "", got ${JSON.stringify(e.syscall)}`,
  );
  return e;
}

/** The tokens of the events of the last `poll()`, in order. */
export function tokensOf(events: Events): number[] {
  const tokens: number[] = [];
  for (const event of events) tokens.push(event.token());
  return tokens;
}

/**
 * A connected TCP pair over loopback: `[client, server]`, where `client`
 * came from `TcpStream.connect` and `server` from `accept()`. Neither is
 * registered anywhere; the listener used is closed. The caller closes both.
 */
export function tcpPair(): [TcpStream, TcpStream] {
  const listener = TcpListener.bind("127.0.0.1:0");
  const poll = new Poll();
  const events = new Events(4);
  let client: TcpStream | null = null;
  try {
    client = TcpStream.connect(listener.localAddr());
    poll.registry().register(listener, Token(0), Interest.READABLE);
    const [server] = retryUntilReady(poll, events, () => listener.accept());
    return [client, server];
  } catch (e) {
    client?.close();
    throw e;
  } finally {
    poll.close();
    listener.close();
  }
}

/** Closes each of `closeables` (nulls skipped), even if one throws; rethrows the first error. */
export function closeAll(...closeables: ({ close(): void } | null | undefined)[]): void {
  let first: unknown = null;
  for (const c of closeables) {
    try {
      c?.close();
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== null) throw first;
}

/**
 * A `Source` that only records the calls the `Registry` forwards to it (the
 * `TestEventSource` of mio's tests/poll.rs); with `fail`, each call throws
 * an `IoError` `"Other"` whose message is the method name instead.
 */
export class RecordingSource implements Source {
  /** `[token, interest]` of each `register` call. */
  readonly registrations: [Token, Interest][] = [];
  /** `[token, interest]` of each `reregister` call. */
  readonly reregistrations: [Token, Interest][] = [];
  /** How many times `deregister` was called. */
  deregisterCount = 0;
  /** The registry each call received, in order. */
  readonly registries: unknown[] = [];

  /** Records calls; throws from each when `fail` is true. */
  constructor(readonly fail = false) {}

  /** Records (or fails) a registration. */
  register(registry: unknown, token: Token, interest: Interest): void {
    this.registries.push(registry);
    if (this.fail) throw new IoError("Other", "register");
    this.registrations.push([token, interest]);
  }

  /** Records (or fails) a reregistration. */
  reregister(registry: unknown, token: Token, interest: Interest): void {
    this.registries.push(registry);
    if (this.fail) throw new IoError("Other", "reregister");
    this.reregistrations.push([token, interest]);
  }

  /** Records (or fails) a deregistration. */
  deregister(registry: unknown): void {
    this.registries.push(registry);
    if (this.fail) throw new IoError("Other", "deregister");
    this.deregisterCount++;
  }
}

/** The runtime running this test, as `Poll.runtime` should report it. */
export function currentRuntime(): "deno" | "bun" | "node" {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  if (g.Bun !== undefined) return "bun";
  if (g.Deno !== undefined) return "deno";
  return "node";
}

export { Interest, Token };

// ---------------------------------------------------------------------------
// TCP helpers (used by tcp*.test.ts, regressions.test.ts, tcp_faults.test.ts).
// mio's tests run a peer on a thread; ours drive the peer from the same test,
// non-blocking, either with the test's Poll or with a second Poll.
// ---------------------------------------------------------------------------
// (Imports are hoisted; these sit here so this block only appends to the file.)
import { readlinkSync } from "node:fs";
import type { SocketAddr } from "../../mod.ts";

let ipv6Reason: string | null | undefined;

/**
 * Why IPv6 loopback (`[::1]`) cannot be used on this machine, or `null` when
 * it can. Checked once (by binding `[::1]:0`); tests skip IPv6 with this
 * reason printed.
 */
export function ipv6LoopbackUnavailable(): string | null {
  if (ipv6Reason === undefined) {
    try {
      TcpListener.bind("[::1]:0").close();
      ipv6Reason = null;
    } catch (e) {
      ipv6Reason = `IPv6 loopback unavailable: ${(e as Error).message}`;
    }
  }
  return ipv6Reason;
}

/**
 * Calls `fn` until it returns something other than `null`, sleeping in a
 * Poll with nothing registered in between (so no test Poll's edge-triggered
 * events are consumed). Fails after about 5 s.
 */
export function waitUntil<T>(fn: () => T | null): T {
  const idle = new Poll();
  try {
    return retryUntilReady(idle, new Events(1), fn);
  } finally {
    idle.close();
  }
}

/** Accepts one connection, waiting for it if it has not arrived yet (mio's blocking `accept`). */
export function acceptOne(listener: TcpListener): [TcpStream, SocketAddr] {
  return waitUntil(() => listener.accept());
}

/** A listener, a client connected to it and the accepted server side. */
export interface TcpConnection {
  /** The listener (still open). */
  listener: TcpListener;
  /** The connecting side. */
  client: TcpStream;
  /** The accepted side. */
  server: TcpStream;
  /** Closes all three. */
  close(): void;
}

/** Binds a listener on `addr`, connects a client and accepts it (nothing registered). */
export function tcpConnection(addr = "127.0.0.1:0"): TcpConnection {
  const listener = TcpListener.bind(addr);
  let client: TcpStream | null = null;
  try {
    client = TcpStream.connect(listener.localAddr());
    const [server] = acceptOne(listener);
    const c = client;
    return {
      listener,
      client: c,
      server,
      close() {
        c.close();
        server.close();
        listener.close();
      },
    };
  } catch (e) {
    client?.close();
    listener.close();
    throw e;
  }
}

/** mio's `checked_write!`: asserts a write returned the full length of `data`. */
export function checkedWrite(n: number | null, data: Uint8Array): void {
  assert.notEqual(n, null, "unable to write to socket: WouldBlock");
  assert.equal(n, data.byteLength, "short write");
}

/** mio's `expect_read!`: asserts a read of `n` bytes into `buf` gave exactly `expected`. */
export function expectRead(n: number | null, buf: Uint8Array, expected: Uint8Array): void {
  assert.notEqual(n, null, "unable to read from socket: WouldBlock");
  assert.equal(n, expected.byteLength, "read length");
  // Compared as plain Uint8Arrays, so a Node Buffer matches too.
  assert.deepEqual(Uint8Array.from(buf.subarray(0, n as number)), Uint8Array.from(expected));
}

/**
 * Writes all of `data` to `stream`, waiting (in an idle Poll) whenever the
 * write would block (Rust's `write_all`).
 */
export function writeAll(stream: TcpStream, data: Uint8Array): void {
  let done = 0;
  while (done < data.byteLength) {
    const n = waitUntil(() => stream.write(data.subarray(done)));
    assert.ok(n > 0, "write returned 0");
    done += n;
  }
}

/**
 * `expectEvents` for a test whose peer is driven by `pump`: polls in short
 * slices (up to about 3 s) and calls `pump()` before each slice.
 */
export function expectEventsWhile(
  poll: Poll,
  events: Events,
  expected: ExpectEvent[],
  pump: () => void,
): void {
  awaitExpected(poll, events, expected, 300, 10, pump);
}

/** `expectNoEvents` while `pump()` drives the peer: about 50 ms of short polls, failing on any event. */
export function expectNoEventsWhile(poll: Poll, events: Events, pump: () => void): void {
  for (let round = 0; round < 5; round++) {
    pump();
    poll.poll(events, 10);
    const seen = [...events].map(String);
    assert.equal(seen.length, 0, `unexpected events: ${seen.join("; ")}`);
  }
}

interface EchoConnection {
  stream: TcpStream;
  pending: Uint8Array;
}

/**
 * mio's `echo_listener` without a thread: a listener on its own `Poll` that
 * accepts connections and echoes what it reads, one step per `pump()`.
 * A connection is closed once its peer has shut down (read 0 or reset).
 */
export class EchoServer {
  /** The address to connect to. */
  readonly address: SocketAddr;
  /** Connections accepted so far. */
  accepted = 0;
  /** Connections that reached end of stream and were closed. */
  finished = 0;
  readonly #listener: TcpListener;
  readonly #poll = new Poll();
  readonly #events = new Events(64);
  readonly #conns = new Map<number, EchoConnection>();
  readonly #buf = new Uint8Array(128);
  #nextToken = 1;

  /** Binds on `addr` (e.g. `"127.0.0.1:0"`, `"[::1]:0"`). */
  constructor(addr: string) {
    this.#listener = TcpListener.bind(addr);
    this.address = this.#listener.localAddr();
    this.#poll.registry().register(this.#listener, Token(0), Interest.READABLE);
  }

  /** Handles whatever is ready (waiting up to `timeoutMs`). */
  pump(timeoutMs = 0): void {
    this.#poll.poll(this.#events, timeoutMs);
    for (const event of this.#events) {
      if (event.token() === 0) this.#accept();
      else this.#serve(event.token());
    }
  }

  #accept(): void {
    let accepted;
    while ((accepted = this.#listener.accept()) !== null) {
      const token = this.#nextToken++;
      this.#poll.registry().register(accepted[0], Token(token), Interest.READABLE | Interest.WRITABLE);
      this.#conns.set(token, { stream: accepted[0], pending: new Uint8Array(0) });
      this.accepted++;
    }
  }

  #flush(conn: EchoConnection): void {
    while (conn.pending.byteLength > 0) {
      const n = conn.stream.write(conn.pending);
      if (n === null) return;
      conn.pending = conn.pending.subarray(n);
    }
  }

  #serve(token: number): void {
    const conn = this.#conns.get(token);
    if (conn === undefined) return;
    this.#flush(conn);
    for (;;) {
      let n: number | null;
      try {
        n = conn.stream.read(this.#buf);
      } catch (e) {
        // As mio's echo_listener: a reset after the peer shut down reads as the end.
        if (e instanceof IoError && (e.kind === "ConnectionReset" || e.kind === "ConnectionAborted")) n = 0;
        else throw e;
      }
      if (n === null) return;
      if (n === 0) {
        conn.stream.close();
        this.#conns.delete(token);
        this.finished++;
        return;
      }
      const joined = new Uint8Array(conn.pending.byteLength + n);
      joined.set(conn.pending);
      joined.set(this.#buf.subarray(0, n), conn.pending.byteLength);
      conn.pending = joined;
      this.#flush(conn);
    }
  }

  /** Pumps until `n` connections have finished (mio's `handle.join()`); fails after about 5 s. */
  finish(n: number): void {
    for (let i = 0; i < 500 && this.finished < n; i++) this.pump(10);
    assert.equal(this.finished, n, `echo server: ${this.finished} of ${n} connections finished`);
  }

  /** Closes every connection, the listener and the Poll. */
  close(): void {
    for (const conn of this.#conns.values()) conn.stream.close();
    this.#conns.clear();
    this.#listener.close();
    this.#poll.close();
  }
}

/**
 * Descriptor number → what it refers to (`readlink /proc/self/fd/N`; on
 * Windows, handle → its object type name), to find the descriptors an
 * operation opened by comparing two snapshots.
 */
export function fdLinks(): Map<number, string> {
  if (ON_WINDOWS) return windowsHandles();
  settleClosedKqueues();
  const links = new Map<number, string>();
  for (const name of readdirSync("/proc/self/fd")) {
    try {
      links.set(Number(name), readlinkSync(`/proc/self/fd/${name}`));
    } catch {
      // The descriptor readdir itself used, already closed.
    }
  }
  return links;
}

/** Descriptors open now that were not open (or referred elsewhere) in `before`, with their links. */
export function newFds(before: Map<number, string>): Map<number, string> {
  const added = new Map<number, string>();
  for (const [fd, link] of fdLinks()) {
    if (before.get(fd) !== link && isFdOpen(fd)) added.set(fd, link);
  }
  return added;
}

/** Port-0 loopback addresses of each family, for `bothFamilies`. */
export const V4 = "127.0.0.1:0";
/** IPv6 loopback, port 0. */
export const V6 = "[::1]:0";

/**
 * Defines test `name` for IPv4 and, where the machine has it, IPv6 loopback
 * (else a skip with its reason). `skip`, given each test's name, may skip
 * both (e.g. `skipOnLibkqueue`); it prints its own reason.
 */
export function bothFamilies(
  name: string,
  fn: (any: string) => void,
  skip: (name: string) => string | false = () => false,
): void {
  test(`${name} (ipv4)`, { skip: skip(`${name} (ipv4)`) }, () => fn(V4));
  const v6Skip = ipv6LoopbackUnavailable();
  if (v6Skip !== null) {
    console.log(`SKIP ${name} (ipv6): ${v6Skip}`);
    test(`${name} (ipv6)`, { skip: v6Skip }, () => {});
  } else {
    test(`${name} (ipv6)`, { skip: skip(`${name} (ipv6)`) }, () => fn(V6));
  }
}

/** Whether `addr` is a loopback address of its family. */
export function isLoopback(addr: SocketAddr): boolean {
  return addr.family === "ipv4" ? addr.hostname.startsWith("127.") : addr.hostname === "::1";
}

// ---------------------------------------------------------------------------
// Unix helpers (unix_*.test.ts, source_fd.test.ts): temporary directories
// for socket paths, and the SIGPIPE check of tcp_faults.test.ts, shared.
// ---------------------------------------------------------------------------
import { mkdtempSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ffi } from "../../sys/ffi/load.ts";

/**
 * Runs `fn` with a fresh temporary directory (short, so socket paths fit
 * `sun_path`), removing it and whatever `fn` left in it afterwards.
 */
export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-"));
  try {
    return fn(dir);
  } finally {
    removeDir(dir);
  }
}

const SIGPIPE = 13;
let signalFns: ReturnType<typeof openSignalFns> | null = null;

function openSignalFns() {
  return ffi.open("libc.so.6", {
    pthread_sigmask: {
      c: "int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset)",
      args: ["i32", "buffer", "buffer"],
      result: "i32",
    },
    sigpending: { c: "int sigpending(sigset_t *set)", args: ["buffer"], result: "i32" },
    sigtimedwait: {
      c: "int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)",
      args: ["buffer", "buffer", "buffer"],
      result: "i32",
    },
  });
}

/**
 * Runs `fn` with SIGPIPE blocked on this thread and reports whether it
 * raised one (a blocked signal stays pending even when ignored, as every
 * runtime ignores SIGPIPE). A pending SIGPIPE is consumed and the old mask
 * restored.
 */
export function raisesSigpipe(fn: () => void): boolean {
  const SIG_BLOCK = 0;
  const SIG_SETMASK = 2;
  const signals = signalFns ??= openSignalFns();
  const set = new Uint8Array(128); // sigset_t
  set[(SIGPIPE - 1) >> 3] |= 1 << ((SIGPIPE - 1) & 7);
  const old = new Uint8Array(128);
  assert.equal(signals.pthread_sigmask(SIG_BLOCK, set, old), 0, "pthread_sigmask");
  let raised = false;
  try {
    fn();
  } finally {
    const pending = new Uint8Array(128);
    assert.equal(signals.sigpending(pending), 0, "sigpending");
    raised = (pending[(SIGPIPE - 1) >> 3] & (1 << ((SIGPIPE - 1) & 7))) !== 0;
    if (raised) signals.sigtimedwait(set, new Uint8Array(128), new Uint8Array(16));
    signals.pthread_sigmask(SIG_SETMASK, old, new Uint8Array(128));
  }
  return raised;
}

/** Whether this process ignores SIGPIPE (its bit in `SigIgn:` of /proc/self/status). */
export function sigpipeIgnored(): boolean {
  const status = readFileSync("/proc/self/status", "utf8");
  const m = /^SigIgn:\s+([0-9a-f]+)/m.exec(status);
  assert.ok(m, "no SigIgn in /proc/self/status");
  return ((BigInt(`0x${m[1]}`) >> BigInt(SIGPIPE - 1)) & 1n) === 1n;
}

// ---------------------------------------------------------------------------
// Backend flags (mio's mio_unsupported_force_* cfgs): tests/run_all.mjs runs
// the suite a second time with both set.
// ---------------------------------------------------------------------------
import process from "node:process";

/** Whether `MIO_FORCE_POLL_POLL=1` is set: every `Poll` then uses the poll(2) selector (Windows ignores it). */
export const FORCE_POLL_POLL = process.platform !== "win32" && process.env.MIO_FORCE_POLL_POLL === "1";
/** Whether `MIO_FORCE_WAKER_PIPE=1` is set: wakers then use a pipe, not an eventfd (Windows ignores it). */
export const FORCE_WAKER_PIPE = process.platform !== "win32" && process.env.MIO_FORCE_WAKER_PIPE === "1";

/** What `readlink /proc/self/fd/N` shows for each descriptor of one waker: an eventfd, or two pipe ends. */
export const WAKER_FD_LINKS: readonly string[] = FORCE_WAKER_PIPE
  ? ["pipe", "pipe"]
  : ["anon_inode:[eventfd]"];

/** A descriptor link with the pipe inode number dropped (`pipe:[123]` → `pipe`), to compare with `WAKER_FD_LINKS`. */
export function fdKind(link: string): string {
  return link.startsWith("pipe:") ? "pipe" : link;
}

/**
 * The libkqueue that `MIO_KQUEUE_LIB` names (`""` when unset): Linux then
 * runs every `Poll` on the kqueue selector over it, unless
 * `MIO_FORCE_POLL_POLL=1` (tests/run_all.mjs runs the suite a third time so).
 */
export const KQUEUE_LIB = process.env.MIO_KQUEUE_LIB ?? "";

/** The selector a `Poll` uses on Linux in this run: `"poll"`, `"kqueue"` (over libkqueue) or `"epoll"`. */
export const LINUX_BACKEND = FORCE_POLL_POLL ? "poll" : KQUEUE_LIB !== "" ? "kqueue" : "epoll";

/** Whether this run's `Poll`s use the kqueue selector over libkqueue (a user-space kqueue on Linux). */
export const ON_LIBKQUEUE = process.platform === "linux" && LINUX_BACKEND === "kqueue";

/**
 * The `skip` option of a test that libkqueue cannot pass: when the suite
 * runs over libkqueue, prints `SKIP name: limitation` and returns the
 * reason; otherwise `false`. `limitation` names what libkqueue does
 * differently from a BSD kernel, and where.
 */
export function skipOnLibkqueue(name: string, limitation: string): string | false {
  if (!ON_LIBKQUEUE) return false;
  const reason = `libkqueue limitation: ${limitation}`;
  console.log(`SKIP ${name}: ${reason}`);
  return reason;
}

/** The descriptors of a libkqueue kqueue are libkqueue's own. */
export const LIBKQUEUE_OWN_DESCRIPTORS = "a libkqueue kqueue is seven descriptors of its own making " +
  "(src/linux/platform.c): the kqueue descriptor is the write end of a close-detection pipe, beside its " +
  "read end, an epoll instance created without O_NONBLOCK, an eventfd, a socketpair and a signalfd, and " +
  "the first kqueue opens two process-wide ones; a BSD kernel's kqueue is one descriptor";

/** libkqueue does not re-evaluate readiness when `EV_ADD` modifies an existing filter. */
export const LIBKQUEUE_NO_REARM = "EV_ADD on a descriptor's existing read or write filter only updates " +
  "udata/fflags (evfilt_read_knote_modify in src/linux/read.c, likewise write.c): it does not re-check " +
  "readiness, so reregister() does not report a source that is still ready; a BSD kernel re-evaluates the " +
  "filter on EV_ADD (FreeBSD kqueue_register calls f_event) and reports it";

/** libkqueue reads, and so clears, a socket's pending error when epoll reports EPOLLERR. */
export const LIBKQUEUE_TAKES_SO_ERROR = "on EPOLLERR libkqueue calls getsockopt(SO_ERROR) to fill the " +
  "event's fflags (src/linux/read.c, write.c), which clears the socket's pending error, so takeError(), " +
  "read() and write() no longer see it; a BSD kernel copies so_error into fflags without clearing it";

/** libkqueue drops a descriptor's write readiness when its read filter took the last slot of the event list. */
export const LIBKQUEUE_FULL_EVENT_LIST = "a descriptor's write readiness is dropped when its read " +
  "filter took the last free slot of kevent's event list (linux_kevent_copyout in src/linux/platform.c, " +
  "its 'no more available kevent slots' path), and the edge-triggered epoll registration does not report " +
  "it again; a BSD kernel keeps the unreported filter queued for the next kevent";

/** libkqueue's read and write filters of one descriptor share one edge-triggered epoll registration. */
export const LIBKQUEUE_SHARED_EDGE = "a descriptor's read and write filters share one edge-triggered epoll " +
  "registration (struct fd_state, src/linux/platform.c), and epoll reports every ready bit on each edge, " +
  "so a read edge also reports the still-writable write filter again; a BSD kernel activates only the " +
  "filter whose state changed";

/**
 * libkqueue's `void libkqueue_drain_pending_close(void)`, "intended for tests
 * that need deterministic teardown": it returns once libkqueue's monitoring
 * thread has freed every kqueue closed so far. `null` when not on libkqueue.
 */
const drainPendingClose = ON_LIBKQUEUE
  ? ffi.open(KQUEUE_LIB, {
    libkqueue_drain_pending_close: {
      c: "void libkqueue_drain_pending_close(void)",
      args: [],
      result: "void",
    },
  }).libkqueue_drain_pending_close
  : null;

/**
 * Over libkqueue, waits until the descriptors of every kqueue closed so far
 * are closed (libkqueue closes them on its own thread); elsewhere a kqueue's
 * or epoll instance's descriptor is closed by `close()` itself.
 */
function settleClosedKqueues(): void {
  drainPendingClose?.();
}

/**
 * Whether the suite runs under qemu-user (tests/run_arm64.mjs sets
 * `MIO_TS_QEMU=1`): a test skips there only what qemu-user cannot do, and
 * names that limitation.
 */
export const UNDER_QEMU = process.env.MIO_TS_QEMU === "1";

/**
 * A hang guard's limit (a timeout that only ends a stuck test, never a
 * measurement): `ms` natively, five times `ms` under qemu-user, where each
 * runtime, child process or Worker spends seconds starting and the machine
 * may be busy with more.
 */
export function hangGuardMs(ms: number): number {
  return UNDER_QEMU ? ms * 5 : ms;
}

/**
 * A workload's size: `native`, or `emulated` under qemu-user, where each
 * step costs about a hundred times more. The tests print the size they ran.
 */
export function qemuScaled(native: number, emulated: number): number {
  return UNDER_QEMU ? emulated : native;
}

/** Why Bun cannot make a resizable or growable ArrayBuffer under qemu-user, or null where it can. */
export const QEMU_BUN_RESIZABLE_SKIP = UNDER_QEMU && currentRuntime() === "bun"
  ? "qemu-user 7.2 fails mprotect(addr, 0, prot) with ENOMEM for any page-aligned non-null addr " +
    "(Linux returns 0), and Bun's JSC, creating a resizable ArrayBuffer or growable SharedArrayBuffer, " +
    'calls mprotect(addr, 0, PROT_NONE) and aborts ("mprotect failed: Cannot allocate memory") when it fails'
  : null;

// ---------------------------------------------------------------------------
// Windows (tests/run_windows.mjs runs the suite there, under Wine): what a
// test skips on Windows and why, the handle table that stands in for
// /proc/self/fd in the descriptor checks above, and error numbers by OS.
// ---------------------------------------------------------------------------
import { LINUX_ERRNO } from "../../sys/unix/errno_linux.ts";
import { WINDOWS_ERRORS } from "../../sys/windows/errno_windows.ts";

/** Whether the suite runs on Windows. */
export const ON_WINDOWS = process.platform === "win32";

/**
 * Whether the suite runs under Wine (tests/run_windows.mjs sets
 * `MIO_TS_WINE=1`): a test skips there only what Wine does differently from
 * Windows, and names it.
 */
export const UNDER_WINE = ON_WINDOWS && process.env.MIO_TS_WINE === "1";

/** Why a test does not apply to Windows, by what it needs. */
export const NOT_ON_WINDOWS = {
  /** Unix-domain sockets. */
  uds: "Unix-domain sockets are Unix-only (mio's UnixListener, UnixStream and UnixDatagram are " +
    "cfg(unix)); on Windows they throw IoError Unsupported",
  /** pipe(2) and its `Sender`/`Receiver`. */
  pipe: "pipe(2) and mio::unix::pipe are Unix-only; Windows has NamedPipe " +
    "(tests/windows_named_pipe.test.ts)",
  /** `SourceFd`. */
  sourceFd: "SourceFd registers a raw Unix file descriptor (mio::unix::SourceFd is cfg(unix)); " +
    "Windows registers sockets and named pipes only",
  /** The selectors and wakers of Unix. */
  unixSelector: "tests the Unix selectors and wakers themselves (epoll, poll(2), kqueue, eventfd, pipes " +
    "through libc); Windows has one selector, IOCP with AFD polls",
  /** Signals. */
  sigpipe: "SIGPIPE is a Unix signal; Windows has none (a write to a reset connection fails with " +
    "WSAECONNRESET or WSAECONNABORTED)",
  /** /proc. */
  proc: "reads Linux's /proc",
  /** SO_REUSEPORT. */
  reusePort: "SO_REUSEPORT is Unix-only; Windows has no option that lets two sockets share a port and " +
    "balances connections between them (TcpListener.bind's reusePort throws Unsupported there)",
} as const;

/**
 * The `skip` option of a test that does not apply to Windows: there, prints
 * `SKIP name: reason` and returns the reason; elsewhere `false`.
 */
export function skipOnWindows(name: string, reason: string): string | false {
  if (!ON_WINDOWS) return false;
  console.log(`SKIP ${name}: ${reason}`);
  return reason;
}

/**
 * The `skip` option of a test that Wine cannot pass though Windows would:
 * under Wine, prints `SKIP name: Wine limitation: ...` and returns it;
 * elsewhere `false`. `limitation` names what Wine does differently.
 */
export function skipUnderWine(name: string, limitation: string): string | false {
  if (!UNDER_WINE) return false;
  const reason = `Wine limitation: ${limitation}`;
  console.log(`SKIP ${name}: ${reason}`);
  return reason;
}

/** A test body, as `test` takes it. */
type TestBody = () => void | Promise<void>;

/**
 * `test` (node:test's, passed in) for a file none of whose tests apply to
 * Windows: there each is skipped with `reason` printed, so that it still
 * counts; elsewhere it is `test(name, [options,] fn)` unchanged.
 */
export function testUnlessWindows(
  nodeTest: typeof test,
  reason: string,
): (name: string, optionsOrFn: { skip?: string | boolean } | TestBody, fn?: TestBody) => void {
  return (name, optionsOrFn, fn) => {
    const body = typeof optionsOrFn === "function" ? optionsOrFn : fn!;
    const options = typeof optionsOrFn === "function" ? {} : optionsOrFn;
    nodeTest(name, { ...options, skip: skipOnWindows(name, reason) || options.skip }, body);
  };
}

let windowsApi: ReturnType<typeof openWindowsApi> | null = null;

function openWindowsApi() {
  return {
    ...ffi.open("kernel32.dll", {
      GetCurrentProcessId: { c: "DWORD GetCurrentProcessId(void)", args: [], result: "u32" },
      GetHandleInformation: {
        c: "BOOL GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags)",
        args: ["isize", "buffer"],
        result: "i32",
      },
    }),
    ...ffi.open("ntdll.dll", {
      NtQuerySystemInformation: {
        c: "NTSTATUS NtQuerySystemInformation(SYSTEM_INFORMATION_CLASS SystemInformationClass, " +
          "PVOID SystemInformation, ULONG SystemInformationLength, PULONG ReturnLength)",
        args: ["u32", "buffer", "u32", "buffer"],
        result: "i32",
      },
      NtQueryObject: {
        c: "NTSTATUS NtQueryObject(HANDLE Handle, OBJECT_INFORMATION_CLASS ObjectInformationClass, " +
          "PVOID ObjectInformation, ULONG ObjectInformationLength, PULONG ReturnLength)",
        args: ["isize", "u32", "buffer", "u32", "buffer"],
        result: "i32",
      },
    }),
  };
}

const SYSTEM_EXTENDED_HANDLE_INFORMATION = 64;
const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004 | 0;
const HANDLE_FLAG_INHERIT = 1;
/** SYSTEM_HANDLE_INFORMATION_EX: NumberOfHandles, Reserved (ULONG_PTR each), then the entries. */
const HANDLES_HEADER = 16;
/**
 * SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX: Object, UniqueProcessId, HandleValue
 * (pointer-sized each), GrantedAccess (ULONG), CreatorBackTraceIndex,
 * ObjectTypeIndex (USHORT each), HandleAttributes, Reserved (ULONG each).
 */
const HANDLE_ENTRY = { size: 40, pid: 8, handle: 16 };
let handleTable = new Uint8Array(1 << 16);
const OBJECT_TYPE_INFORMATION = 2;
/** OBJECT_TYPE_INFORMATION starts with the type's name: a UNICODE_STRING (Length, then Buffer at 8). */
const typeInfo = new Uint8Array(1024);
const typeInfoView = new DataView(typeInfo.buffer);
/** The kinds of object mio-ts opens: sockets and AFD handles are File objects, a Poll's port an IoCompletion. */
const MIO_OBJECT_TYPES = new Set(["File", "IoCompletion"]);

/** `handle`'s object type name (`NtQueryObject`), e.g. "File", "Event", "IoCompletion"; "?" if unknown. */
function windowsHandleType(handle: number): string {
  const api = windowsApi ??= openWindowsApi();
  const length = new Uint32Array(1);
  const status = api.NtQueryObject(handle, OBJECT_TYPE_INFORMATION, typeInfo, typeInfo.byteLength, length);
  if (status !== 0) return "?";
  // The name lies in `typeInfo` (off the engine's moving heap: 1 KiB), where Buffer points.
  const name = ffi.view(Number(typeInfoView.getBigUint64(8, true)), typeInfoView.getUint16(0, true));
  return new TextDecoder("utf-16le").decode(new Uint8Array(name));
}

/**
 * This process's open handles (Windows): handle → its object type name,
 * from `NtQuerySystemInformation(SystemExtendedHandleInformation)`, which
 * Wine implements (its `GetProcessHandleCount` reports 0), and
 * `NtQueryObject`.
 */
function windowsHandles(): Map<number, string> {
  const api = windowsApi ??= openWindowsApi();
  const needed = new Uint32Array(1);
  for (;;) {
    const status = api.NtQuerySystemInformation(
      SYSTEM_EXTENDED_HANDLE_INFORMATION,
      handleTable,
      handleTable.byteLength,
      needed,
    );
    if (status === 0) break;
    assert.equal(
      status,
      STATUS_INFO_LENGTH_MISMATCH,
      `NtQuerySystemInformation: status 0x${(status >>> 0).toString(16)}`,
    );
    handleTable = new Uint8Array(Math.max(handleTable.byteLength * 2, needed[0] + 4096));
  }
  const view = new DataView(handleTable.buffer);
  const pid = api.GetCurrentProcessId();
  const handles = new Map<number, string>();
  const count = Number(view.getBigUint64(0, true));
  for (let i = 0; i < count; i++) {
    const entry = HANDLES_HEADER + i * HANDLE_ENTRY.size;
    if (Number(view.getBigUint64(entry + HANDLE_ENTRY.pid, true)) !== pid) continue;
    const handle = Number(view.getBigUint64(entry + HANDLE_ENTRY.handle, true));
    handles.set(handle, windowsHandleType(handle));
  }
  return handles;
}

/**
 * How many File and IoCompletion handles this process has open (Windows):
 * the kinds mio-ts opens. The runtime's threads, events and semaphores come
 * and go on their own (Bun starts pool threads at any time), so they are not
 * counted.
 */
function windowsMioHandleCount(): number {
  let n = 0;
  for (const type of windowsHandles().values()) if (MIO_OBJECT_TYPES.has(type)) n++;
  return n;
}

/** `GetHandleInformation`'s flags of `handle`, or `null` when it is not an open handle. */
function windowsHandleFlags(handle: number): number | null {
  const api = windowsApi ??= openWindowsApi();
  const flags = new Uint32Array(1);
  return api.GetHandleInformation(handle, flags) !== 0 ? flags[0] : null;
}

/** Asserts `handle` is open and not inherited by child processes (mio's WSA_FLAG_NO_HANDLE_INHERIT). */
function assertNotInheritable(handle: number): void {
  const flags = windowsHandleFlags(handle);
  assert.notEqual(flags, null, `handle ${handle} is not open`);
  assert.equal(flags! & HANDLE_FLAG_INHERIT, 0, `handle ${handle} is inheritable`);
}

/**
 * Imports a module that loads on Unix only (it opens libc.so.6 at import).
 * On Windows, where the tests that use it skip, each of its exports is a
 * stand-in that throws if a test uses it after all.
 */
export async function importUnix<T extends object>(load: () => Promise<T>): Promise<T> {
  if (!ON_WINDOWS) return await load();
  const fail = (): never => {
    throw new Error("a Unix-only module was used on Windows by a test that does not skip there");
  };
  const standIn = new Proxy(() => {}, { get: fail, apply: fail, construct: fail });
  // No `then`: the stand-in module must not look like a promise to `await`.
  return new Proxy({} as T, { get: (_, name) => name === "then" ? undefined : standIn });
}

/**
 * The error number this OS gives the error `code` names, as `IoError.errno`
 * carries it: Linux's errno, or on Windows the Winsock error (`WSAE...`)
 * with that code. Throws for a code the table of this OS does not have.
 */
export function errnoOf(code: string): number {
  const found = ON_WINDOWS
    ? Object.entries(WINDOWS_ERRORS).find(([, [name, c]]) => c === code && name.startsWith("WSA"))
    : Object.entries(LINUX_ERRNO).find(([, [c]]) => c === code);
  if (found === undefined) throw new RangeError(`no error number for ${code} on ${process.platform}`);
  return Number(found[0]);
}

/**
 * Asserts `fn` throws an `IoError` from the OS (errno non-zero) that
 * `syscall` reported; returns it. For the cases where Linux and Windows
 * report different errors and a test only claims "the OS's error".
 */
export function assertOsError(fn: () => unknown, syscall: string): IoError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof IoError, `expected an IoError from ${syscall}, got ${String(caught)}`);
  assert.ok(caught.errno > 0, `expected an OS error number, got ${caught.errno}: ${caught.message}`);
  assert.equal(caught.syscall, syscall, caught.message);
  return caught;
}

/**
 * A connected stream pair: `UnixStream.pair()`, or on Windows, which has no
 * Unix-domain sockets (as in mio), a TCP pair over loopback (`tcpPair()`).
 */
export function streamPair(): [TcpStream, TcpStream] | [UnixStream, UnixStream] {
  return ON_WINDOWS ? tcpPair() : UnixStream.pair();
}

/**
 * Removes directory `dir` and everything in it, one entry at a time: Bun
 * under Wine 8 fails every recursive removal with EFAULT (`rmSync` and
 * `rmdirSync` with `recursive`), while it removes files and empty
 * directories.
 */
export function removeDir(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeDir(path);
    else rmSync(path, { force: true });
  }
  rmdirSync(dir);
}
