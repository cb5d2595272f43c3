/**
 * Test helpers, after mio's `tests/util`: `expectEvents`,
 * `expectNoEvents`, `assertWouldBlock`, and socket/descriptor checks read
 * from `/proc`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { type Event, Events, Interest, IoError, Poll, type Source, TcpListener, TcpStream, Token } from "../../mod.ts";

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
  const left = [...expected];
  const seen: string[] = [];
  for (let round = 0; round < 3 && left.length > 0; round++) {
    poll.poll(events, 500);
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

/** Asserts `fd` is non-blocking and close-on-exec, as every mio-ts descriptor is. */
export function assertNonBlockingCloexec(fd: number): void {
  const flags = fdFlags(fd);
  assert.ok(flags & O_NONBLOCK, `fd ${fd} is not non-blocking (flags 0${flags.toString(8)})`);
  assert.ok(flags & O_CLOEXEC, `fd ${fd} is not close-on-exec (flags 0${flags.toString(8)})`);
}

/** How many descriptors this process has open. */
export function openFdCount(): number {
  return readdirSync("/proc/self/fd").length;
}

/** Whether `fd` is open in this process. */
export function isFdOpen(fd: number): boolean {
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
  assert.equal(e.syscall, "", `an error raised before any syscall has syscall "", got ${JSON.stringify(e.syscall)}`);
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
