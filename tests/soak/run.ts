/**
 * Runs a soak: the echo server and its clients on one `Poll` in this
 * process (one thread: every byte crosses the kernel four times, and the
 * figures measure mio-ts on both ends), until every client has checked
 * every echo and every connection is closed, or the time limit passes.
 *
 * @module
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Events, Poll, TcpListener, UnixListener } from "../../mod.ts";
import { EchoClients, SoakFailure } from "./echo_clients.ts";
import { EchoServer, type EchoServerStats } from "./echo_server.ts";
import { MessagePool } from "./messages.ts";
import { removeDir } from "../util/files.ts";

/** How big a soak is. */
export interface SoakOptions {
  /** TCP connections. */
  readonly tcp: number;
  /** Unix-domain stream connections. */
  readonly unix: number;
  /** Messages each connection sends and gets back. */
  readonly messages: number;
  /** The seed of the message sizes and contents. */
  readonly seed: number;
  /** The largest payload (the smallest is 1 byte; sizes are log-uniform). */
  readonly maxSize: number;
  /** The most bytes a connection has in flight. */
  readonly window: number;
  /** The run fails if it takes longer than this. */
  readonly timeLimitMs: number;
  /** Called about every 10 s with the messages checked so far and the seconds elapsed. */
  readonly onProgress?: (messages: number, seconds: number) => void;
}

/** What a soak did. */
export interface SoakFigures {
  /** The FFI that ran it. */
  readonly runtime: string;
  /** The selector. */
  readonly backend: string;
  /** TCP connections. */
  readonly tcp: number;
  /** Unix-domain connections. */
  readonly unix: number;
  /** Messages echoed and checked, in all. */
  readonly messages: number;
  /** Bytes echoed and checked (each way; headers included). */
  readonly bytes: number;
  /** Wall-clock seconds, connecting included. */
  readonly seconds: number;
  /** Peak resident memory of the process (`VmHWM`), in KiB. */
  readonly peakRssKiB: number;
  /** What the server saw. */
  readonly server: EchoServerStats;
}

/** The pool payloads are cut from: 1 MiB more than the largest payload. */
const POOL_EXTRA = 1 << 20;

/** Peak resident set size of this process, in KiB, from `/proc/self/status` (NaN where there is none: Windows). */
export function peakRssKiB(): number {
  if (!existsSync("/proc/self/status")) return NaN;
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
  return m === null ? NaN : Number(m[1]);
}

/** Runs the soak; throws `SoakFailure` on any byte lost, repeated, reordered or corrupted, or on the time limit. */
export function runSoak(options: SoakOptions): SoakFigures {
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-soak-"));
  const poll = new Poll();
  const events = new Events(1024);
  const tcpListener = TcpListener.bind("127.0.0.1:0");
  let unixListener: UnixListener | null = null;
  let server: EchoServer | null = null;
  let clients: EchoClients | null = null;
  try {
    const unixPath = join(dir, "echo.sock");
    // No Unix listener without Unix clients: Windows has no Unix-domain sockets (as in mio).
    if (options.unix > 0) unixListener = UnixListener.bind(unixPath);
    server = new EchoServer(poll, unixListener === null ? [tcpListener] : [tcpListener, unixListener], 1);
    const pool = new MessagePool(options.seed, options.maxSize + POOL_EXTRA);
    clients = new EchoClients(poll, pool, {
      ...options,
      tcpAddr: tcpListener.localAddr().toString(),
      unixPath,
      base: 1 << 30,
    });
    let nextProgress = started + 10_000;
    while (!clients.done || server.connections > 0) {
      const now = performance.now();
      if (now > nextProgress) {
        options.onProgress?.(clients.verified, (now - started) / 1000);
        nextProgress = now + 10_000;
      }
      if (now > deadline) {
        throw new SoakFailure(
          "soak",
          `time limit of ${options.timeLimitMs / 1000} s passed: ${clients.verified} messages checked`,
        );
      }
      poll.poll(events, server.retryingAccept ? 10 : 1000);
      for (const event of events) {
        if (server.owns(event.token())) server.handle(event);
        else clients.handle(event);
      }
      server.tick();
    }
    const connections = options.tcp + options.unix;
    const s = server.stats;
    if (s.accepted !== connections || s.finished !== connections || Object.keys(s.failed).length > 0) {
      throw new SoakFailure("server", `expected ${connections} clean connections, saw ${JSON.stringify(s)}`);
    }
    if (s.bytes !== clients.bytes) {
      throw new SoakFailure("server", `echoed ${s.bytes} bytes, the clients checked ${clients.bytes}`);
    }
    return {
      runtime: Poll.runtime,
      backend: Poll.backend,
      tcp: options.tcp,
      unix: options.unix,
      messages: clients.verified,
      bytes: clients.bytes,
      seconds: (performance.now() - started) / 1000,
      peakRssKiB: peakRssKiB(),
      server: s,
    };
  } finally {
    clients?.close();
    server?.close();
    tcpListener.close();
    unixListener?.close();
    poll.close();
    removeDir(dir);
  }
}
