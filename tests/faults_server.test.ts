// A busy edge-triggered echo server under faults (tests/soak/echo_server.ts,
// the soak's server): it keeps serving healthy clients while other peers
// reset mid-stream, half-close, stall, vanish (their process killed) or
// connect and never speak; accept hitting the descriptor limit (EMFILE,
// RLIMIT_NOFILE lowered with setrlimit in a child process); and a signal
// arriving while poll() blocks (EINTR), on the epoll and poll(2) backends.
// The single-connection fault cases (reset, half-close, write to a vanished
// peer, SIGPIPE) are in tcp_faults.test.ts.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { Events, Poll, TcpListener, TcpStream, UnixListener } from "../mod.ts";
import { ffi } from "../sys/ffi/load.ts";
import { EchoClients } from "./soak/echo_clients.ts";
import { EchoServer } from "./soak/echo_server.ts";
import { MessagePool } from "./soak/messages.ts";
import { removeDir } from "./util/files.ts";
import { currentRuntime, KQUEUE_LIB, ON_SIMULATED_ABI, ON_WINDOWS } from "./util/platform.ts";
import { LIBKQUEUE_TAKES_SO_ERROR, onLibkqueue, onWindows, test } from "./util/skips.ts";
import { hangGuardMs, sleep } from "./util/timing.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const script = (name: string) => fileURLToPath(new URL(`./faults_server/${name}.${ext}`, import.meta.url));

/** Runs `script` with this runtime, its stdout piped. */
function spawnChild(path: string, args: string[] = [], env: Record<string, string> = {}): ChildProcess {
  const runtime = currentRuntime();
  const argv = runtime === "deno" ? ["run", "-A", "--no-check", path, ...args] : [path, ...args];
  return spawn(process.execPath, argv, { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
}

/** The lines a child writes on stdout, awaited one at a time; stderr is kept for failure messages. */
class ChildLines {
  readonly #lines: string[] = [];
  #stderr = "";
  #exit: number | null | undefined = undefined;
  #wake: (() => void) | null = null;

  constructor(readonly child: ChildProcess) {
    let partial = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      partial += chunk;
      for (let i; (i = partial.indexOf("\n")) >= 0; partial = partial.slice(i + 1)) {
        this.#lines.push(partial.slice(0, i));
      }
      this.#wake?.();
    });
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => (this.#stderr += chunk));
    child.on("exit", (code) => {
      this.#exit = code;
      this.#wake?.();
    });
  }

  /** Whether a line is waiting. */
  get ready(): boolean {
    return this.#lines.length > 0;
  }

  /** The next line, parsed as JSON when it is JSON; fails if the child exits first or after `timeoutMs`. */
  async next(timeoutMs = hangGuardMs(60_000)): Promise<Record<string, unknown>> {
    const until = Date.now() + timeoutMs;
    while (this.#lines.length === 0) {
      if (this.#exit !== undefined) assert.fail(`child exited (${this.#exit}) early:\n${this.#stderr}`);
      if (Date.now() > until) assert.fail(`no line from the child in ${timeoutMs} ms:\n${this.#stderr}`);
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    const line = this.#lines.shift()!;
    return line.startsWith("{") ? JSON.parse(line) : { line };
  }

  /** The exit code, once the child has exited. */
  async exitCode(timeoutMs = hangGuardMs(60_000)): Promise<number | null> {
    const until = Date.now() + timeoutMs;
    while (this.#exit === undefined) {
      if (Date.now() > until) assert.fail(`the child did not exit in ${timeoutMs} ms:\n${this.#stderr}`);
      await sleep(20);
    }
    return this.#exit;
  }

  /** What the child wrote on stderr so far. */
  get stderr(): string {
    return this.#stderr;
  }
}

// --- a busy server with misbehaving peers ---------------------------------------------

/** A peer that sends 32 KiB, waits until some echo is back (unread), and closes: a reset. Five times. */
class ResettingPeer {
  resets = 0;
  #stream: TcpStream | null = null;
  #sent = 0;
  readonly #chunk = new Uint8Array(32 * 1024).fill(0x52);

  constructor(readonly addr: string, readonly cycles: number) {}

  get done(): boolean {
    return this.resets === this.cycles;
  }

  step(): void {
    if (this.done) return;
    if (this.#stream === null) {
      this.#stream = TcpStream.connect(this.addr);
      this.#sent = 0;
    }
    const s = this.#stream;
    if (this.#sent < this.#chunk.byteLength) {
      this.#sent += s.write(this.#chunk.subarray(this.#sent)) ?? 0;
    } else if (s.peek(new Uint8Array(1)) !== null) {
      s.close(); // with the echo unread: the kernel sends a reset
      this.#stream = null;
      this.resets++;
    }
  }

  close(): void {
    this.#stream?.close();
  }
}

/** A peer that sends 20 KiB, shuts down its write half, and must read exactly that back, then the end. */
class HalfClosingPeer {
  readonly #stream: TcpStream;
  readonly #data = Uint8Array.from({ length: 20 * 1024 }, (_, i) => i % 251);
  readonly #echo = new Uint8Array(24 * 1024);
  #sent = 0;
  #got = 0;
  #shut = false;
  ended = false;

  constructor(addr: string) {
    this.#stream = TcpStream.connect(addr);
  }

  step(): void {
    const s = this.#stream;
    if (this.ended) return;
    if (this.#sent < this.#data.byteLength) this.#sent += s.write(this.#data.subarray(this.#sent)) ?? 0;
    else if (!this.#shut) {
      s.shutdown("write");
      this.#shut = true;
    }
    for (let n; (n = s.read(this.#echo.subarray(this.#got))) !== null;) {
      if (n === 0) {
        this.ended = true;
        return;
      }
      this.#got += n;
    }
  }

  /** Whether exactly the bytes sent came back. */
  get echoedExactly(): boolean {
    if (this.#got !== this.#data.byteLength) return false;
    return this.#echo.subarray(0, this.#got).every((b, i) => b === this.#data[i]);
  }

  close(): void {
    this.#stream.close();
  }
}

/** A peer that writes and never reads: the server's echo to it backs up, then so does what it sends. */
class StallingPeer {
  readonly #stream: TcpStream;
  readonly #chunk = new Uint8Array(64 * 1024).fill(0x53);
  #written = 0;
  /** Whether 1 MiB went out and a write then would block. */
  stalled = false;

  constructor(addr: string) {
    this.#stream = TcpStream.connect(addr);
  }

  step(): void {
    for (let n; !this.stalled && (n = this.#stream.write(this.#chunk)) !== null;) this.#written += n;
    this.stalled = this.#written >= 1 << 20;
  }

  close(): void {
    this.#stream.close();
  }
}

const BUSY_SERVER =
  "a busy echo server keeps serving while peers reset mid-stream, half-close, stall, vanish, or never speak";
test(BUSY_SERVER, { skip: onLibkqueue(LIBKQUEUE_TAKES_SO_ERROR) }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-faults-"));
  const poll = new Poll();
  const events = new Events(256);
  const tcp = TcpListener.bind("127.0.0.1:0");
  const addr = tcp.localAddr().toString();
  const opened: { close(): void }[] = [];
  let unix: UnixListener | null = null;
  let vanishing: ChildProcess | null = null;
  // Windows has no Unix-domain sockets (as in mio): its healthy clients are all TCP.
  const unixClients = ON_WINDOWS ? 0 : 4;
  try {
    if (unixClients > 0) unix = UnixListener.bind(join(dir, "echo.sock"));
    const server = new EchoServer(poll, unix === null ? [tcp] : [tcp, unix], 1);
    opened.push(server);
    const healthy = new EchoClients(poll, new MessagePool(3, 1 << 20), {
      tcpAddr: addr,
      tcp: 16,
      unixPath: join(dir, "echo.sock"),
      unix: unixClients,
      messages: 300,
      seed: 3,
      maxSize: 16 * 1024,
      window: 64 * 1024,
      base: 1 << 20,
    });
    opened.push(healthy);
    const resetters = Array.from({ length: 10 }, () => new ResettingPeer(addr, 5));
    const halfClosers = Array.from({ length: 10 }, () => new HalfClosingPeer(addr));
    const stallers = Array.from({ length: 3 }, () => new StallingPeer(addr));
    const silent = Array.from({ length: 10 }, () => TcpStream.connect(addr));
    opened.push(...resetters, ...halfClosers, ...stallers, ...silent);
    vanishing = spawnChild(script("vanishing_peer"), [addr]);
    const vanishingLines = new ChildLines(vanishing);
    let vanished = false;
    let killedAt = -1;

    const pump = () => {
      poll.poll(events, 5);
      for (const event of events) {
        if (server.owns(event.token())) server.handle(event);
        else healthy.handle(event);
      }
      for (const p of [...resetters, ...halfClosers, ...stallers]) p.step();
      server.tick();
    };
    const deadline = Date.now() + hangGuardMs(120_000);
    for (let i = 0;; i++) {
      pump();
      if (!vanished && vanishingLines.ready) {
        await vanishingLines.next();
        killedAt = i; // the echo is back at the peer, unread: kill it now
        vanished = true;
      }
      if (i === killedAt) vanishing.kill("SIGKILL");
      const settled = healthy.done && resetters.every((p) => p.done) && halfClosers.every((p) => p.ended) &&
        stallers.every((p) => p.stalled) && vanished && i > killedAt &&
        server.connections === stallers.length + silent.length;
      if (settled) break;
      assert.ok(Date.now() < deadline, `not settled: ${JSON.stringify(server.stats)}`);
      await sleep(0); // lets the child's output in
    }
    // Windows has no signals: a killed process exits with a status (TerminateProcess's) instead.
    const vanishingExit = await vanishingLines.exitCode();
    assert.ok(vanishingExit === null || (ON_WINDOWS && vanishingExit !== 0), `killed, not ${vanishingExit}`);

    const { stats } = server;
    const failures = Object.values(stats.failed).reduce((a, b) => a + b, 0);
    console.log(`busy server under faults: ${JSON.stringify(stats)}`);
    const healthyClients = 16 + unixClients;
    assert.equal(healthy.verified, healthyClients * 300, "every healthy message echoed and checked");
    assert.ok(halfClosers.every((p) => p.echoedExactly), "each half-closing peer got exactly its bytes back");
    // 20 healthy (16 on Windows) + 50 resetting + 10 half-closing + 3 stalling + 10 silent + 1 vanished.
    assert.equal(stats.accepted, healthyClients + 50 + 10 + 3 + 10 + 1);
    if (ON_WINDOWS) {
      // Whether a peer closing with unread data (or killed) resets the connection or ends it cleanly is
      // the OS's choice there (under Wine 8 they all end cleanly): only the sum is fixed.
      assert.equal(stats.finished + failures, healthyClients + 10 + 50 + 1, JSON.stringify(stats));
    } else {
      assert.equal(stats.finished, healthyClients + 10, "healthy and half-closing connections end cleanly");
      assert.equal(
        failures,
        50 + 1,
        `each reset and the vanished peer closed one connection: ${JSON.stringify(stats.failed)}`,
      );
    }
    const resetKinds = ["ConnectionReset", "BrokenPipe", ...(ON_WINDOWS ? ["ConnectionAborted"] : [])];
    assert.ok(Object.keys(stats.failed).every((k) => resetKinds.includes(k)), JSON.stringify(stats.failed));
    assert.equal(server.connections, 3 + 10, "the stalled and silent connections are still open");
  } finally {
    vanishing?.kill("SIGKILL");
    for (const c of opened) c.close();
    tcp.close();
    unix?.close();
    poll.close();
    removeDir(dir);
  }
});

// --- EMFILE ---------------------------------------------------------------------

const EMFILE =
  "accept at the descriptor limit (EMFILE): the server keeps serving, then accepts once descriptors free up";
const NO_DESCRIPTOR_LIMIT = "lowers RLIMIT_NOFILE with setrlimit, which is Unix-only: Windows has no " +
  "per-process limit on open handles to reach";
test(EMFILE, { skip: onWindows(NO_DESCRIPTOR_LIMIT) }, async () => {
  const lines = new ChildLines(spawnChild(script("emfile_child")));
  const report = await lines.next();
  assert.equal(await lines.exitCode(), 0, lines.stderr);
  console.log(`EMFILE child: ${JSON.stringify(report)}`);
  const direct = report.direct as Record<string, unknown>;
  assert.equal(direct.isIoError, true, "accept throws IoError");
  assert.equal(direct.code, "EMFILE");
  assert.equal(direct.errno, 24);
  assert.ok((report.fillers as number) > 0);
  const whileFull = report.whileFull as Record<string, unknown>;
  assert.ok(
    ((whileFull.acceptErrors as Record<string, number>).EMFILE ?? 0) > 0,
    "the server's accept failed",
  );
  assert.equal(whileFull.accepted, 4, "nothing more was accepted while full");
  assert.equal(whileFull.lateChecked, 0);
  assert.ok((whileFull.healthyChecked as number) >= 100, "the healthy connections kept going");
  // mio's edge-triggered listener: the queued connections bring no new event after the failed
  // accept, so the server has to retry by itself.
  assert.equal(whileFull.listenerEventsAfterFailure, 0);
  assert.equal(whileFull.retrying, true);
  const after = report.after as Record<string, unknown>;
  assert.equal(after.accepted, 7, "the three waiting connections were accepted");
  assert.equal(after.finished, 7);
  assert.deepEqual(after.failed, {});
  assert.equal(after.lateChecked, 3 * 20);
  assert.equal(after.retrying, false);
});

// --- EINTR ----------------------------------------------------------------------

const SIGUSR2 = 12;
let tgkill: ((tgid: number, tid: number, signal: number) => number) | null = null;

/** Sends `signal` to thread `tid` of process `pid` (`tgkill(2)`): the thread blocked in poll(), not any thread. */
function signalThread(pid: number, tid: number, signal: number): void {
  tgkill ??= ffi.open("libc.so.6", {
    tgkill: { c: "int tgkill(pid_t tgid, pid_t tid, int sig)", args: ["i32", "i32", "i32"], result: "i32" },
  }).tgkill;
  assert.equal(tgkill(pid, tid, signal), 0, "tgkill");
}

/**
 * The architecture whose syscall numbers /proc shows: the kernel's. Under
 * qemu-user that is the host's, not `process.arch` (the kernel sees qemu's own
 * system calls); /proc/sys/kernel/arch names it where the kernel has it.
 */
const KERNEL_ARCH = (() => {
  try {
    return readFileSync("/proc/sys/kernel/arch", "utf8").trim();
  } catch {
    return process.arch === "arm64" ? "aarch64" : "x86_64";
  }
})();

/** The blocking wait syscalls: epoll_wait, epoll_pwait, epoll_pwait2, poll, ppoll (x86_64; aarch64). */
const WAIT_SYSCALLS = KERNEL_ARCH === "aarch64" ? new Set([22, 441, 73]) : new Set([232, 281, 441, 7, 271]);

/** Waits until thread `tid` of `pid` sits in a wait syscall (its `/proc/…/syscall` names it). */
async function blockedInWait(pid: number, tid: number): Promise<string> {
  const until = Date.now() + hangGuardMs(30_000);
  for (;;) {
    const now = readFileSync(`/proc/${pid}/task/${tid}/syscall`, "utf8").trim();
    if (WAIT_SYSCALLS.has(Number(now.split(" ")[0]))) return now;
    assert.ok(Date.now() < until, `thread ${tid} never blocked in a wait: ${now}`);
    await sleep(5);
  }
}

/**
 * The backends of the EINTR test: kqueue too where MIO_KQUEUE_LIB names
 * libkqueue (its kevent waits in epoll_wait); under the simulated ABI (whose
 * kevent waits in epoll_wait too, and which the children inherit), kqueue
 * instead of epoll.
 */
const EINTR_BACKENDS = ON_SIMULATED_ABI
  ? ["kqueue", "poll"]
  : KQUEUE_LIB === ""
  ? ["epoll", "poll"]
  : ["epoll", "poll", "kqueue"];
const NO_SIGNALS = "a signal interrupting a blocking wait (EINTR) is Unix-only: Windows has no signals, " +
  "and GetQueuedCompletionStatusEx is not interrupted";
for (const backend of EINTR_BACKENDS) {
  const name =
    `a signal during a blocking poll() (${backend}) ends it early with no events and no exception; nothing is lost`;
  test(name, { skip: onWindows(NO_SIGNALS) }, async () => {
    const child = spawnChild(script("eintr_child"), [], {
      MIO_FORCE_POLL_POLL: backend === "poll" ? "1" : "",
      MIO_KQUEUE_LIB: backend === "kqueue" ? KQUEUE_LIB : "",
    });
    const lines = new ChildLines(child);
    const pid = child.pid!;
    try {
      for (let round = 0; round < 3; round++) {
        const waiting = await lines.next();
        assert.deepEqual([waiting.step, waiting.round, waiting.backend], ["waiting", round, backend]);
        await blockedInWait(pid, waiting.tid as number);
        signalThread(pid, waiting.tid as number, SIGUSR2);
        const back = await lines.next();
        assert.deepEqual(back, { step: "returned", round, tokens: [], error: null });
      }
      // A byte written after the interruptions is reported: the registration is intact.
      const waiting = await lines.next();
      await blockedInWait(pid, waiting.tid as number);
      child.stdin!.write("x");
      assert.deepEqual(await lines.next(), { step: "returned", round: "data", tokens: [7], error: null });
      // A signal and a byte together: the polls return without throwing until the byte's event.
      const racing = await lines.next();
      await blockedInWait(pid, racing.tid as number);
      signalThread(pid, racing.tid as number, SIGUSR2);
      child.stdin!.write("y");
      const race = (await lines.next()).returns as { tokens: number[]; error: string | null }[];
      assert.ok(race.every((r) => r.error === null), JSON.stringify(race));
      assert.deepEqual(race[race.length - 1].tokens, [7], `the byte's event came: ${JSON.stringify(race)}`);
      assert.ok(race.length <= 2, `at most one return without it: ${JSON.stringify(race)}`);
      const done = await lines.next();
      assert.ok((done.handled as number) >= 1, "the runtime's SIGUSR2 handler ran");
      assert.equal(await lines.exitCode(), 0, lines.stderr);
    } finally {
      child.kill("SIGKILL");
    }
  });
}
