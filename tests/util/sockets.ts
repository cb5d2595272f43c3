/**
 * Sockets and addresses: loopback addresses of each family, connected
 * pairs, and an echo server. mio's tests run a peer on a thread; these drive
 * the peer from the same test, non-blocking, with the test's Poll or a
 * second one.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  Events,
  Interest,
  IoError,
  Poll,
  type SocketAddr,
  SourceFd,
  TcpListener,
  TcpStream,
  Token,
  UnixStream,
} from "../../mod.ts";
import { expect, expectEvents, Readiness, retryUntilReady, WAIT_BOUND_MS, waitUntil } from "./events.ts";
import { ON_WINDOWS } from "./platform.ts";
import { type Skip, test } from "./skips.ts";

/** Port-0 loopback addresses of each family, for `bothFamilies`. */
export const V4 = "127.0.0.1:0";
/** IPv6 loopback, port 0. */
export const V6 = "[::1]:0";

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
 * Defines test `name` for IPv4 and, where the machine has it, IPv6 loopback
 * (else a skip with its reason). `skip` (e.g. `onLibkqueue(...)`) skips
 * both.
 */
export function bothFamilies(name: string, fn: (any: string) => void, skip: Skip = false): void {
  test(`${name} (ipv4)`, { skip }, () => fn(V4));
  test(`${name} (ipv6)`, { skip: ipv6LoopbackUnavailable() ?? skip }, () => fn(V6));
}

/** Whether `addr` is a loopback address of its family. */
export function isLoopback(addr: SocketAddr): boolean {
  return addr.family === "ipv4" ? addr.hostname.startsWith("127.") : addr.hostname === "::1";
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

/**
 * A connected stream pair: `UnixStream.pair()`, or on Windows, which has no
 * Unix-domain sockets (as in mio), a TCP pair over loopback (`tcpPair()`).
 */
export function streamPair(): [TcpStream, TcpStream] | [UnixStream, UnixStream] {
  return ON_WINDOWS ? tcpPair() : UnixStream.pair();
}

/** Accepts one connection, waiting for it if it has not arrived yet (mio's blocking `accept`). */
export function acceptOne(listener: TcpListener): [TcpStream, SocketAddr] {
  return waitUntil(() => listener.accept());
}

/**
 * Waits until `stream` has connected (its peer address is known): a busy
 * machine may complete a loopback handshake well after `connect` returned.
 * Returns the peer's address.
 */
export function waitConnected(stream: TcpStream): SocketAddr {
  return waitUntil(() => {
    try {
      return stream.peerAddr();
    } catch (e) {
      if (e instanceof IoError && e.kind === "NotConnected") return null;
      throw e;
    }
  });
}

/**
 * On Unix, waits until `source`'s descriptor is readable (data or a
 * connection has arrived) without any I/O on it and without touching any
 * Poll of the test's: a Poll of its own watches the descriptor through a
 * `SourceFd`. On a busy machine loopback data may arrive well after the
 * peer's write returned. Windows has no `SourceFd`: returns `false` there
 * at once (else `true`).
 */
export function waitReadable(source: { readonly fd: number }): boolean {
  if (ON_WINDOWS) return false;
  const probe = new Poll();
  try {
    const fd = new SourceFd(source.fd);
    probe.registry().register(fd, Token(0), Interest.READABLE);
    expectEvents(probe, new Events(1), [expect(0, Readiness.READABLE)]);
    probe.registry().deregister(fd);
    return true;
  } finally {
    probe.close();
  }
}

/**
 * Waits until `client` has connected and, on Unix, until `listener` has the
 * connection waiting, without accepting it (`waitReadable`). Windows has no
 * `SourceFd`; there the client's connection is what is awaited.
 */
export function waitAcceptPending(listener: TcpListener, client: TcpStream): void {
  waitConnected(client);
  waitReadable(listener);
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

  /** Pumps until `n` connections have finished (mio's `handle.join()`); fails after `WAIT_BOUND_MS`. */
  finish(n: number): void {
    const deadline = performance.now() + WAIT_BOUND_MS;
    while (this.finished < n && performance.now() < deadline) this.pump(10);
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
