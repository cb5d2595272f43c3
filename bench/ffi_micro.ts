/**
 * The FFI layer's cost: nanoseconds per call of `epoll_wait` with nothing
 * ready and of `read`/`write` of 64 bytes on a socket pair, through mio-ts
 * (`Poll.poll(events, 0)`, `UnixStream`/`TcpStream` `read`/`write`) and
 * through the runtime's own FFI with nothing around the call, in the same
 * run. The issue's target: mio-ts adds at most 10% to the raw call.
 *
 *   deno run -A bench/ffi_micro.ts
 *   bun bench/ffi_micro.ts
 *   node dist/bench/ffi_micro.js       (after `tsc -p .`)
 *
 * Prints markdown only (a heading and two tables) and exits 0. Scale:
 * `BENCH_SECONDS` (default 10) is the whole run's length on one runtime,
 * `BENCH_ROUNDS` (default 5) how many rounds, after one warm-up round, each
 * figure is the median of (the spread is the rounds' min–max). Within a
 * round, the batches (64 calls) of mio-ts and of each raw way of the same
 * call alternate, so that they share the machine's noise, and the round's
 * figure is the median batch.
 *
 * "Raw" is the cheapest of the ways the runtime can make the same call:
 * glibc's wrapper with every integer declared 32-bit, or `syscall(2)`; the
 * second table shows each way, and what a `size_t` declared as such costs.
 *
 * @module
 */
import process from "node:process";
import { Events, Poll, TcpListener, TcpStream, UnixStream } from "../mod.ts";
import { LINUX as C, LINUX_SYSCALLS } from "../sys/unix/tables_linux.ts";
import { rawLibc } from "./raw_libc.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 5)));
const CAPACITY = 128;
const SIZE = 64;
/** Calls per timed batch: writes stay below a socket's send buffer. */
const BATCH = 64;
const EPOLL_EVENT_SIZE = 12;

const raw = await rawLibc();
const f = raw.fn;
const ARCH = process.arch === "arm64" ? "aarch64" : "x86_64";
const SYS = LINUX_SYSCALLS[ARCH];

// What is measured: an empty Poll and an empty epoll, a Unix socket pair, a loopback TCP connection.
const poll = new Poll();
const events = new Events(CAPACITY);
const ep = f.epoll_create1(C.EPOLL_CLOEXEC);
const rawEvents = new Uint8Array(CAPACITY * EPOLL_EVENT_SIZE);
const [unixA, unixB] = UnixStream.pair();
const [tcpA, tcpB, listener] = tcpPair();
const buf = new Uint8Array(SIZE).fill(7);

/** A connected loopback TCP pair (and its listener), with Nagle off so every write is sent at once. */
function tcpPair(): [TcpStream, TcpStream, TcpListener] {
  const l = TcpListener.bind("127.0.0.1:0");
  const a = TcpStream.connect(l.localAddr());
  let accepted = l.accept();
  for (let i = 0; accepted === null && i < 1_000_000; i++) accepted = l.accept();
  if (accepted === null) throw new Error("the loopback connection was not accepted");
  const b = accepted[0];
  a.setNodelay(true);
  b.setNodelay(true);
  return [a, b, l];
}

function fail(what: string, got: unknown): never {
  throw new Error(`${what}: unexpected result ${String(got)}`);
}

/** Runs `k` calls; the timed unit. */
type Loop = (k: number) => void;

/** A stream under test: its two ends, as mio-ts objects. */
interface Pair {
  readonly a: { write(b: Uint8Array): number | null; readonly fd: number };
  readonly b: { read(b: Uint8Array): number | null; readonly fd: number };
}

const mio = {
  poll: (k: number) => {
    for (let i = 0; i < k; i++) poll.poll(events, 0);
  },
  readAgain: (k: number) => {
    for (let i = 0; i < k; i++) if (unixB.read(buf) !== null) fail("read", "data");
  },
  write: (p: Pair) => (k: number) => {
    for (let i = 0; i < k; i++) {
      const n = p.a.write(buf);
      if (n !== SIZE) fail("write", n);
    }
  },
  read: (p: Pair) => (k: number) => {
    for (let i = 0; i < k; i++) {
      const n = p.b.read(buf);
      if (n !== SIZE) fail("read", n);
    }
  },
};

const rawLoops = {
  epollWait: (k: number) => {
    for (let i = 0; i < k; i++) if (f.epoll_wait(ep, rawEvents, CAPACITY, 0) !== 0) fail("epoll_wait", "");
  },
  /** `epoll_wait` through syscall(2), as sys/unix/libc.ts makes it (`epoll_pwait` where there is no other). */
  sysEpollWait: SYS.SYS_epoll_wait !== null
    ? (k: number) => {
      const nr = SYS.SYS_epoll_wait as number;
      for (let i = 0; i < k; i++) {
        if (f.syscall5(nr, ep, rawEvents, CAPACITY, 0) !== 0) fail("epoll_wait", "");
      }
    }
    : (k: number) => {
      const nr = SYS.SYS_epoll_pwait;
      for (let i = 0; i < k; i++) {
        if (f.syscall6(nr, ep, rawEvents, CAPACITY, 0, 0) !== 0) fail("epoll_pwait", "");
      }
    },
  // A read that finds nothing checks errno, as any caller must, to tell EAGAIN from a failure.
  readAgain: (fd: number) => (k: number) => {
    for (let i = 0; i < k; i++) {
      if (f.read(fd, buf, SIZE) !== -1 || raw.errno() !== C.EAGAIN) fail("read", "data");
    }
  },
  readAgainUsize: (fd: number) => (k: number) => {
    for (let i = 0; i < k; i++) {
      if (f.readUsize(fd, buf, SIZE) !== -1 || raw.errno() !== C.EAGAIN) fail("read", "data");
    }
  },
  sysReadAgain: (fd: number) => (k: number) => {
    for (let i = 0; i < k; i++) {
      if (f.syscall4(SYS.SYS_read, fd, buf, SIZE) !== -1 || raw.errno() !== C.EAGAIN) fail("read", "data");
    }
  },
  send: (fd: number) => (k: number) => {
    for (let i = 0; i < k; i++) if (f.send(fd, buf, SIZE, C.MSG_NOSIGNAL) !== SIZE) fail("send", "");
  },
  read: (fd: number) => (k: number) => {
    for (let i = 0; i < k; i++) if (f.read(fd, buf, SIZE) !== SIZE) fail("read", "");
  },
  sysSendto: (fd: number) => (k: number) => {
    for (let i = 0; i < k; i++) {
      if (f.syscall7(SYS.SYS_sendto, fd, buf, SIZE, C.MSG_NOSIGNAL, 0, 0) !== SIZE) fail("sendto", "");
    }
  },
  sysRead: (fd: number) => (k: number) => {
    for (let i = 0; i < k; i++) {
      if (f.syscall4(SYS.SYS_read, fd, buf, SIZE) !== SIZE) fail("read", "");
    }
  },
};

/**
 * One thing timed: a single loop (a call repeated), or a write loop and a
 * read loop timed apart (the reads drain what the writes queued).
 */
interface Cell {
  readonly name: string;
  readonly loops: readonly Loop[];
  /** Nanoseconds per call of each loop, one entry per measured round. */
  readonly samples: number[][];
}

function cell(name: string, ...loops: Loop[]): Cell {
  return { name, loops, samples: loops.map(() => []) };
}

const unix: Pair = { a: unixA, b: unixB };
const tcp: Pair = { a: tcpA, b: tcpB };
const cells = {
  mioPoll: cell("mio poll", mio.poll),
  epollWait: cell("epoll_wait", rawLoops.epollWait),
  sysEpollWait: cell("syscall epoll_wait", rawLoops.sysEpollWait),
  mioReadAgain: cell("mio read EAGAIN", mio.readAgain),
  readAgain: cell("read EAGAIN", rawLoops.readAgain(unixB.fd)),
  readAgainUsize: cell("read EAGAIN usize", rawLoops.readAgainUsize(unixB.fd)),
  sysReadAgain: cell("syscall read EAGAIN", rawLoops.sysReadAgain(unixB.fd)),
  mioUnix: cell("mio unix", mio.write(unix), mio.read(unix)),
  unix: cell("unix", rawLoops.send(unixA.fd), rawLoops.read(unixB.fd)),
  sysUnix: cell("syscall unix", rawLoops.sysSendto(unixA.fd), rawLoops.sysRead(unixB.fd)),
  mioTcp: cell("mio tcp", mio.write(tcp), mio.read(tcp)),
  tcp: cell("tcp", rawLoops.send(tcpA.fd), rawLoops.read(tcpB.fd)),
  sysTcp: cell("syscall tcp", rawLoops.sysSendto(tcpA.fd), rawLoops.sysRead(tcpB.fd)),
};
/** The cells of one operation, measured together: their batches alternate, so that they share the machine's noise. */
const groups: Cell[][] = [
  [cells.mioPoll, cells.epollWait, cells.sysEpollWait],
  [cells.mioReadAgain, cells.readAgain, cells.readAgainUsize, cells.sysReadAgain],
  [cells.mioUnix, cells.unix, cells.sysUnix],
  [cells.mioTcp, cells.tcp, cells.sysTcp],
];
const groupMs = (SECONDS * 1000) / ((ROUNDS + 1) * groups.length);
/** Per-batch times of one group's run: one row per cell and loop, room for every batch it can take. */
const MAX_BATCHES = 1 << 16;
const batchNs = groups.map((g) => g.map((c) => c.loops.map(() => new Float64Array(MAX_BATCHES))));

function median(xs: ArrayLike<number>, n = xs.length): number {
  const s = Array.prototype.slice.call(xs, 0, n).sort((a: number, b: number) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs group `gi` for about `groupMs`: each cell's loops in turn, BATCH
 * calls each, round-robin over the cells; returns ns per call of each
 * loop of each cell, the median over its batches (robust to a batch that
 * was preempted).
 */
function run(gi: number): number[][] {
  const group = groups[gi];
  const times = batchNs[gi];
  let batches = 0;
  const end = performance.now() + groupMs;
  do {
    for (let c = 0; c < group.length; c++) {
      const loops = group[c].loops;
      for (let j = 0; j < loops.length; j++) {
        const t0 = performance.now();
        loops[j](BATCH);
        times[c][j][batches] = performance.now() - t0;
      }
    }
    batches++;
  } while (performance.now() < end && batches < MAX_BATCHES);
  return times.map((loops) => loops.map((t) => (median(t, batches) * 1e6) / BATCH));
}

for (let round = 0; round <= ROUNDS; round++) {
  for (let gi = 0; gi < groups.length; gi++) {
    const ns = run(gi);
    // Round 0 warms up the JIT.
    if (round > 0) groups[gi].forEach((c, ci) => ns[ci].forEach((v, j) => c.samples[j].push(v)));
  }
}

/** `median (min–max)` of loop `j` of `c`. */
function show(c: Cell, j = 0): string {
  const xs = c.samples[j];
  return `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
}

/** A main-table row: mio-ts against the cheapest raw way of the same call. */
function row(what: string, m: Cell, raws: Cell[], j = 0): string {
  const best = raws.reduce((a, b) => median(b.samples[j]) < median(a.samples[j]) ? b : a);
  const added = median(m.samples[j]) / median(best.samples[j]) - 1;
  const pct = `${added >= 0 ? "+" : ""}${(added * 100).toFixed(1)}%`;
  const verdict = added <= 0.1 ? "met" : `missed by ${((added - 0.1) * 100).toFixed(1)} points`;
  return `| ${what} | ${show(best, j)} (${best.name}) | ${show(m, j)} | ${pct} | ${verdict} |`;
}

const out = [
  `#### FFI layer: mio-ts against raw FFI calls — ${raw.version} (${raw.ffi}), ${ARCH}`,
  "",
  `Nanoseconds per call: the median over ${ROUNDS} rounds (min–max) of each round's median batch ` +
  `of ${BATCH} calls, the batches of mio-ts and of the raw calls alternating; ` +
  `BENCH_SECONDS=${SECONDS}. Raw: the cheapest way the runtime's own FFI makes the same call.`,
  "",
  "| call | raw FFI, ns | mio-ts, ns | mio-ts adds | target ≤ +10% |",
  "|---|---|---|---|---|",
  row("epoll_wait, nothing ready — `poll.poll(events, 0)`", cells.mioPoll, [
    cells.epollWait,
    cells.sysEpollWait,
  ]),
  row("read, nothing ready (EAGAIN, from errno) — `UnixStream.read`", cells.mioReadAgain, [
    cells.readAgain,
    cells.sysReadAgain,
  ]),
  row("write 64 B — `UnixStream.write` (socket pair)", cells.mioUnix, [cells.unix, cells.sysUnix], 0),
  row("read 64 B — `UnixStream.read` (socket pair)", cells.mioUnix, [cells.unix, cells.sysUnix], 1),
  row("write 64 B — `TcpStream.write` (loopback)", cells.mioTcp, [cells.tcp, cells.sysTcp], 0),
  row("read 64 B — `TcpStream.read` (loopback)", cells.mioTcp, [cells.tcp, cells.sysTcp], 1),
  "",
  `Raw ${raw.ffi} declarations compared, ns per call (what \`sys/unix/libc.ts\` chose from):`,
  "",
  "| call | glibc wrapper, `size_t` declared 64-bit | glibc wrapper, 32-bit integers | `syscall(2)`, 32-bit integers |",
  "|---|---|---|---|",
  `| read, nothing ready (and errno) | ${show(cells.readAgainUsize)} | ${show(cells.readAgain)} | ${
    show(cells.sysReadAgain)
  } |`,
  `| epoll_wait, nothing ready | — | ${show(cells.epollWait)} | ${show(cells.sysEpollWait)} |`,
  `| send 64 B, Unix | — | ${show(cells.unix, 0)} | ${show(cells.sysUnix, 0)} (sendto) |`,
  `| read 64 B, Unix | — | ${show(cells.unix, 1)} | ${show(cells.sysUnix, 1)} |`,
  "",
];
console.log(out.join("\n"));

f.close(ep);
for (const s of [unixA, unixB, tcpA, tcpB, listener]) s.close();
poll.close();
