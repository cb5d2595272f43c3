/**
 * The fuzzer's harness: a sequence of actions on real
 * sockets (TCP pairs over loopback and, except on Windows, `UnixStream.pair()`s) and one
 * `Poll` with its `Waker` — open, register, reregister (token and interest
 * changes), deregister, close, descriptor reuse (close, then open sockets
 * that get the same number, registered or not), `intoFd`/`fromFd`, write,
 * flood until WouldBlock, read, drain, peek, shutdown, wake, and poll with
 * `Events` of several capacities — each reported to the model
 * (`model.ts`), which checks every event and, at each settle, that every
 * owed event came. Bytes carry a position-dependent pattern, so every byte
 * read is checked too.
 *
 * The sequences are fast-check's model-based tests (`fc.commands`,
 * `fc.modelRun`): each action is a `Step` (its name and the raw numbers
 * that pick its socket, size and options, read relative to the state when
 * it runs), so fast-check generates them from a seed and, when one fails,
 * shrinks the sequence to a minimal one that still fails (dropping steps
 * and simplifying their numbers). The same seed gives the same sequences
 * (what the OS does in between, such as when TCP data lands, may differ).
 *
 * @module
 */
import fc from "fast-check";
import {
  Events,
  type Events as EventsType,
  Interest,
  IoError,
  Poll,
  TcpListener,
  TcpStream,
  Token,
  UnixStream,
  Waker,
} from "../../mod.ts";
import { type End, Model, ModelViolation, type PairKind } from "./model.ts";
import { retryUntilReady, WAIT_BOUND_MS } from "../util/events.ts";
import process from "node:process";

const ON_WINDOWS = process.platform === "win32";

/** A broken rule in one sequence: the step it broke at, and the actions that led there. */
class SequenceFailure extends Error {
  /** Wraps `cause` with the step and the last actions. */
  constructor(step: number, trace: readonly string[], cause: unknown) {
    super(
      `step ${step}: ${cause instanceof Error ? cause.message : String(cause)}\nlast actions:\n  ${
        trace.join("\n  ")
      }`,
    );
    this.name = "SequenceFailure";
  }
}

/**
 * A failed run: the seed that replays it (with the same sequences and
 * lengths), the shrunk sequence, and what broke.
 */
export class FuzzFailure extends Error {
  /** The steps of the shrunk sequence. */
  readonly steps: readonly string[];
  /** How many times fast-check shrank the failing sequence. */
  readonly shrinks: number;

  /** Describes the failure fast-check found and shrank. */
  constructor(seed: number, steps: readonly string[], shrinks: number, cause: unknown) {
    super(
      `fuzz failed: seed ${seed} (FUZZ_SEED=${seed} replays it), shrunk ${shrinks} time(s) to ${steps.length} ` +
        `steps:\n  ${steps.join("\n  ")}\n${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = "FuzzFailure";
    this.steps = steps;
    this.shrinks = shrinks;
  }
}

/** What a run did (over all its sequences). */
export interface FuzzStats {
  /** Sequences run. */
  sequences: number;
  /** Steps run. */
  steps: number;
  /** Actions taken, by name. */
  actions: Record<string, number>;
  /** Events checked. */
  events: number;
  /** Obligations answered by an event. */
  answered: number;
  /** Events that answered no obligation (spurious, which mio allows). */
  spurious: number;
  /** Times a new socket got the descriptor number of one just closed. */
  fdReused: number;
  /** Settles (waits until every owed event came). */
  settles: number;
  /** Bytes written and checked on reading. */
  bytes: number;
}

type Stream = TcpStream | UnixStream;

/** One end as the harness holds it: the model's view, the socket, and its byte positions. */
interface Socket {
  readonly end: End;
  stream: Stream;
  /** Bytes written so far (the pattern position of the next byte written). */
  written: number;
  /** Bytes read so far. */
  readPos: number;
  /** This end's pattern offset; the peer checks what it reads against it. */
  readonly salt: number;
  peer: Socket;
}

/** The most ends open at once. */
const MAX_ENDS = 12;
/** The largest read or write. */
const MAX_IO = 64 * 1024;
/** Actions and their weights. */
const ACTIONS = [
  ["open", 4],
  ["register", 10],
  ["reregister", 8],
  ["deregister", 4],
  ["close", 3],
  ["reuse", 2],
  ["rewrap", 2],
  ["write", 14],
  ["flood", 1],
  ["read", 10],
  ["drain", 6],
  ["peek", 3],
  ["shutdown", 1],
  ["wake", 5],
  ["rewaker", 1],
  ["poll", 20],
  ["settle", 2],
  ["misuse", 2],
] as const satisfies readonly (readonly [string, number])[];

/** An action's name. */
export type Action = (typeof ACTIONS)[number][0];

/**
 * One step of a sequence: the action, and the numbers that choose what it
 * acts on, read when it runs: `target` picks a socket (modulo how many are
 * open) or a closed one, `size` is a log-uniform byte count (1 byte at 0,
 * 64 KiB at 16,000), `bits` picks the interest (`bits % 3`), an `Events`
 * capacity (`bits % 5`), whether `reregister` keeps the token
 * (`(bits >> 2) % 10 < 3`), and whether `open` makes a Unix pair
 * (`bits >> 6 & 1`) and `reuse` registers the new end (`bits >> 7 & 1`).
 * Every number shrinks towards 0, the simplest choice.
 */
export interface Step {
  action: Action;
  target: number;
  size: number;
  bits: number;
}

/** The steps fast-check draws: each action with its weight, and its numbers. */
const STEP: fc.Arbitrary<Step> = fc.oneof(
  ...ACTIONS.map(([action, weight]) => ({
    weight,
    arbitrary: fc.record({
      action: fc.constant(action),
      target: fc.nat(0xffff),
      size: fc.nat(16_000),
      bits: fc.nat(0xffff),
    }),
  })),
);

/** A step as fast-check runs it: `fc.modelRun` calls `run` on the harness, which is model and system at once. */
class StepCommand implements fc.Command<Harness, Harness> {
  constructor(readonly step: Step) {}
  check(): boolean {
    return true;
  }
  run(_model: Harness, harness: Harness): void {
    harness.act(this.step);
  }
  toString(): string {
    const { action, target, size, bits } = this.step;
    return `${action}(target ${target}, size ${size}, bits ${bits})`;
  }
}

/** How `runFuzz` runs. */
export interface FuzzOptions {
  /** Sequences to run (fast-check's `numRuns`). */
  sequences: number;
  /** The longest sequence; lengths are drawn from 0 to this. */
  maxSteps: number;
  /** Called after each sequence with its length. */
  onSequence?: (steps: number) => void;
}

/** `pattern[(position + salt) & 255 + i]` is the byte at `position + i` of a stream with `salt`. */
const PATTERN = Uint8Array.from({ length: MAX_IO + 256 }, (_, i) => (i * 131 + 7) & 0xff);

/**
 * Runs `options.sequences` sequences drawn from `seed`, each on a fresh
 * `Poll` and sockets, settling at its end; throws `FuzzFailure` with the
 * shrunk sequence on the first broken rule.
 */
export function runFuzz(seed: number, options: FuzzOptions): FuzzStats {
  // kqueue reports read and write filters as separate events; the model allows it there.
  const kqueue = Poll.backend === "kqueue";
  const total: FuzzStats = {
    sequences: 0,
    steps: 0,
    actions: {},
    events: 0,
    answered: 0,
    spurious: 0,
    fdReused: 0,
    settles: 0,
    bytes: 0,
  };
  /** Set once a sequence failed: the runs after it are fast-check's shrinking, not counted. */
  let failed = false;
  const property = fc.property(
    fc.commands([STEP.map((step) => new StepCommand(step))], { maxCommands: options.maxSteps, size: "max" }),
    (commands) => {
      const harness = new Harness(kqueue);
      let passed = false;
      try {
        harness.runSequence(commands);
        passed = true;
      } finally {
        if (!failed) {
          add(total, harness.stats);
          options.onSequence?.(harness.stats.steps);
        }
        if (!passed) failed = true;
      }
    },
  );
  const details = fc.check(property, { seed, numRuns: options.sequences });
  if (details.failed) {
    const steps = [...(details.counterexample?.[0] ?? [])].map(String);
    throw new FuzzFailure(seed, steps, details.numShrinks, details.errorInstance);
  }
  return total;
}

/** Adds one sequence's stats to the run's. */
function add(total: FuzzStats, one: FuzzStats): void {
  total.sequences++;
  for (const key of ["steps", "events", "answered", "spurious", "fdReused", "settles", "bytes"] as const) {
    total[key] += one[key];
  }
  for (const [name, n] of Object.entries(one.actions)) total.actions[name] = (total.actions[name] ?? 0) + n;
}

/** One sequence's sockets, `Poll`, `Waker` and model. */
class Harness {
  readonly #model: Model;
  readonly #poll = new Poll();
  readonly #events: EventsType[] = [1, 2, 3, 8, 64].map((n) => new Events(n));
  readonly #listener = TcpListener.bind("127.0.0.1:0");
  /** Where the listener waits for connections, apart from the Poll under test. */
  readonly #acceptPoll = new Poll();
  readonly #acceptEvents = new Events(1);
  readonly #sockets: Socket[] = [];
  /** Closed objects, to check that using them throws `BadResource`. */
  readonly #graveyard: Stream[] = [];
  readonly #buf = new Uint8Array(MAX_IO);
  readonly #trace: string[] = [];
  #waker: Waker | null = null;
  /** The step running now. */
  #step: Step = { action: "poll", target: 0, size: 0, bits: 0 };
  #nextToken = 1;
  #nextName = 0;
  readonly stats: FuzzStats = {
    sequences: 1,
    steps: 0,
    actions: {},
    events: 0,
    answered: 0,
    spurious: 0,
    fdReused: 0,
    settles: 0,
    bytes: 0,
  };

  constructor(kqueue: boolean) {
    this.#model = new Model(kqueue, Poll.backend === "iocp");
    this.#acceptPoll.registry().register(this.#listener, Token(0), Interest.READABLE);
  }

  /** Runs `commands` through `fc.modelRun`, then settles; throws what broke, with the last actions. */
  runSequence(commands: Iterable<fc.Command<Harness, Harness>>): void {
    try {
      this.#newWaker();
      fc.modelRun(() => ({ model: this, real: this }), commands);
      this.#settle();
    } catch (e) {
      throw new SequenceFailure(this.stats.steps, this.#trace, e);
    } finally {
      Object.assign(this.stats, this.#model.stats);
      for (const s of this.#sockets) s.stream.close();
      this.#waker?.close();
      this.#listener.close();
      this.#acceptPoll.close();
      this.#poll.close();
    }
  }

  #log(line: string): void {
    this.#trace.push(`${this.stats.steps}: ${line}`);
    if (this.#trace.length > 40) this.#trace.shift();
  }

  /** Runs one step (an action that needs a socket opens one while none is open). */
  act(step: Step): void {
    this.stats.steps++;
    this.#step = step;
    let name: Action = step.action;
    const s = this.#sockets.length > 0 ? this.#sockets[step.target % this.#sockets.length] : null;
    if (s === null && !["wake", "rewaker", "poll", "settle"].includes(name)) name = "open";
    if (name === "open" && this.#sockets.length >= MAX_ENDS) name = "close";
    this.stats.actions[name] = (this.stats.actions[name] ?? 0) + 1;
    switch (name) {
      case "open":
        return void this.#open();
      case "register":
        return this.#register(s!);
      case "reregister":
        return this.#reregister(s!);
      case "deregister":
        return this.#deregister(s!);
      case "close":
        return void this.#close(s!);
      case "reuse":
        return this.#reuse(s!);
      case "rewrap":
        return this.#rewrap(s!);
      case "write":
        return void this.#write(s!, this.#size());
      case "flood":
        return this.#flood(s!);
      case "read":
        return void this.#read(s!, this.#size(), false);
      case "drain":
        return this.#drain(s!);
      case "peek":
        return void this.#read(s!, this.#size(), true);
      case "shutdown":
        return this.#shutdown(s!);
      case "wake":
        return this.#wake();
      case "rewaker":
        return this.#newWaker();
      case "poll":
        return this.#pollOnce();
      case "settle":
        return this.#settle();
      case "misuse":
        return this.#misuse(s);
    }
  }

  /** The step's size: log-uniform from 1 byte to 64 KiB. */
  #size(): number {
    return Math.max(1, Math.floor(2 ** (this.#step.size / 1000)));
  }

  /** The step's interest, and whether it is readable and writable. */
  #interest(): [Interest, boolean, boolean] {
    return ([
      [Interest.READABLE, true, false],
      [Interest.WRITABLE, false, true],
      [Interest.READABLE | Interest.WRITABLE, true, true],
    ] as [Interest, boolean, boolean][])[this.#step.bits % 3];
  }

  // --- sockets ---------------------------------------------------------------------

  #open(): Socket[] {
    // Windows has no Unix-domain sockets (as in mio): TCP pairs only there, from the same draws.
    const kind: PairKind = ((this.#step.bits >> 6) & 1) === 0 || ON_WINDOWS ? "tcp" : "unix";
    let a: Stream, b: Stream;
    if (kind === "unix") [a, b] = UnixStream.pair();
    else {
      a = TcpStream.connect(this.#listener.localAddr());
      b = this.#accept();
    }
    const n = this.#nextName++;
    const [endA, endB] = this.#model.pair(kind, `${kind}${n}a (fd ${a.fd})`, `${kind}${n}b (fd ${b.fd})`);
    const sa: Socket = {
      end: endA,
      stream: a,
      written: 0,
      readPos: 0,
      salt: (n * 89 + 17) & 255,
      peer: null!,
    };
    const sb: Socket = { end: endB, stream: b, written: 0, readPos: 0, salt: (n * 89 + 106) & 255, peer: sa };
    sa.peer = sb;
    this.#sockets.push(sa, sb);
    this.#log(`open ${endA.name} + ${endB.name}`);
    return [sa, sb];
  }

  /** The accepted side of a connect to the fuzzer's listener (registered with a Poll of its own). */
  #accept(): TcpStream {
    return retryUntilReady(this.#acceptPoll, this.#acceptEvents, () => this.#listener.accept())[0];
  }

  #register(s: Socket): void {
    const [interest, r, w] = this.#interest();
    if (s.end.token !== null) {
      // Registering twice: mio-ts refuses it (AlreadyExists) and the registration stays as it was.
      this.#expectError(
        () => this.#poll.registry().register(s.stream, Token(this.#nextToken), interest),
        "AlreadyExists",
      );
      return;
    }
    const token = this.#nextToken++;
    this.#poll.registry().register(s.stream, Token(token), interest);
    this.#model.registered(s.end, token, r, w);
    this.#log(`register ${s.end.name} token ${token} ${r ? "R" : ""}${w ? "W" : ""}`);
  }

  #reregister(s: Socket): void {
    const [interest, r, w] = this.#interest();
    if (s.end.token === null) {
      this.#expectError(
        () => this.#poll.registry().reregister(s.stream, Token(this.#nextToken), interest),
        "NotFound",
      );
      return;
    }
    const token = (this.#step.bits >> 2) % 10 < 3 ? s.end.token : this.#nextToken++;
    this.#poll.registry().reregister(s.stream, Token(token), interest);
    this.#model.reregistered(s.end, token, r, w);
    this.#log(`reregister ${s.end.name} token ${token} ${r ? "R" : ""}${w ? "W" : ""}`);
  }

  #deregister(s: Socket): void {
    if (s.end.token === null) {
      this.#expectError(() => this.#poll.registry().deregister(s.stream), "NotFound");
      return;
    }
    this.#poll.registry().deregister(s.stream);
    this.#model.deregistered(s.end);
    this.#log(`deregister ${s.end.name}`);
  }

  #close(s: Socket): number {
    const fd = s.stream.fd;
    s.stream.close();
    this.#graveyard.push(s.stream);
    if (this.#graveyard.length > 16) this.#graveyard.shift();
    this.#model.closed(s.end);
    this.#sockets.splice(this.#sockets.indexOf(s), 1);
    this.#log(`close ${s.end.name}`);
    return fd;
  }

  /** Closes `s` and opens a pair at once: the lowest free number, `s`'s, is usually reused. */
  #reuse(s: Socket): void {
    const fd = this.#close(s);
    const pair = this.#open();
    const reused = pair.find((p) => p.stream.fd === fd);
    if (reused !== undefined) {
      this.stats.fdReused++;
      this.#log(`fd ${fd} reused by ${reused.end.name}`);
      if (((this.#step.bits >> 7) & 1) === 1) this.#register(reused);
    }
  }

  /** `intoFd()` then `fromFd()`: the same socket, number and peer in a new object, unregistered. */
  #rewrap(s: Socket): void {
    const old = s.stream;
    const fd = old.intoFd();
    s.stream = s.end.kind === "tcp" ? TcpStream.fromFd(fd) : UnixStream.fromFd(fd);
    this.#graveyard.push(old);
    this.#model.deregistered(s.end);
    this.#log(`rewrap ${s.end.name} (intoFd/fromFd)`);
  }

  #shutdown(s: Socket): void {
    if (s.end.shutWrite) return;
    try {
      s.stream.shutdown("write");
    } catch (e) {
      // A TCP socket already reset is no longer connected.
      if (!(e instanceof IoError && e.kind === "NotConnected" && s.end.peerGone)) throw e;
    }
    this.#model.shutdownWrite(s.end);
    this.#log(`shutdown write ${s.end.name}`);
  }

  // --- bytes -------------------------------------------------------------------------

  /** One write of `size` pattern bytes; `false` if it would block or failed. */
  #write(s: Socket, size: number): boolean {
    const start = (s.written + s.salt) & 255;
    let n: number | null;
    try {
      n = s.stream.write(PATTERN.subarray(start, start + size));
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      this.#model.writeFailed(s.end, e.kind);
      this.#log(`write ${size} to ${s.end.name}: ${e.kind}`);
      return false;
    }
    if (n === null) {
      this.#model.writeWouldBlock(s.end);
      this.#log(`write ${size} to ${s.end.name}: WouldBlock`);
      return false;
    }
    if (s.end.shutWrite) this.#model.wroteAfterShutdown(s.end);
    s.written += n;
    this.stats.bytes += n;
    this.#model.wrote(s.end, n);
    this.#log(`write ${size} to ${s.end.name}: ${n}`);
    return true;
  }

  /** Writes until WouldBlock (or an error): the send buffer fills. */
  #flood(s: Socket): void {
    for (let i = 0; i < 4096 && this.#write(s, MAX_IO); i++);
  }

  /** One read (or peek) of up to `size`; checks the bytes. `true` if it returned bytes. */
  #read(s: Socket, size: number, peek: boolean): boolean {
    const what = peek ? "peek" : "read";
    let n: number | null;
    try {
      n = peek ? s.stream.peek(this.#buf.subarray(0, size)) : s.stream.read(this.#buf.subarray(0, size));
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      this.#model.readFailed(s.end, e.kind);
      this.#log(`${what} ${size} from ${s.end.name}: ${e.kind}`);
      return false;
    }
    if (n === null) {
      this.#model.readWouldBlock(s.end);
      this.#log(`${what} ${size} from ${s.end.name}: WouldBlock`);
      return false;
    }
    if (n === 0) {
      this.#model.readEnd(s.end);
      this.#log(`${what} ${size} from ${s.end.name}: end of stream`);
      return false;
    }
    this.#model.read(s.end, n, peek);
    this.#checkBytes(s, n);
    if (!peek) s.readPos += n;
    this.#log(`${what} ${size} from ${s.end.name}: ${n}`);
    return true;
  }

  /** Checks that the `n` bytes just read are the next ones the peer wrote. */
  #checkBytes(s: Socket, n: number): void {
    const start = (s.readPos + s.peer.salt) & 255;
    for (let i = 0; i < n; i++) {
      if (this.#buf[i] !== PATTERN[start + i]) {
        throw new ModelViolation(
          `${s.end.name}: byte ${s.readPos + i} of the stream is ${this.#buf[i]}, expected ${
            PATTERN[start + i]
          } (bytes lost, repeated or reordered)`,
        );
      }
    }
  }

  #drain(s: Socket): void {
    for (let i = 0; i < 4096 && this.#read(s, MAX_IO, false); i++);
  }

  // --- the waker and polling ---------------------------------------------------------------

  #newWaker(): void {
    this.#waker?.close();
    this.#waker = null;
    this.#model.waker(null);
    const token = this.#nextToken++;
    this.#waker = new Waker(this.#poll.registry(), Token(token));
    this.#model.waker(token);
    this.#log(`new waker token ${token}`);
  }

  #wake(): void {
    this.#waker!.wake();
    this.#model.woke();
    this.#log("wake");
  }

  #pollOnce(): void {
    const events = this.#events[this.#step.bits % this.#events.length];
    this.#poll.poll(events, 0);
    this.#log(`poll(capacity ${events.capacity}): ${events.length} events`);
    this.#model.observe(events);
  }

  /**
   * Polls (20 ms at a time) until every owed event has come; fails if one has
   * not after `WAIT_BOUND_MS` (a busy machine may deliver loopback data late).
   */
  #settle(): void {
    this.stats.settles++;
    const events = this.#events[this.#events.length - 1];
    const deadline = performance.now() + WAIT_BOUND_MS;
    while (performance.now() < deadline) {
      if (this.#model.unmet().length === 0) return;
      this.#poll.poll(events, 20);
      this.#model.observe(events);
    }
    const missing = this.#model.unmet().map((o) =>
      `${o.kind} event for ${o.what} (token ${o.token}): ${o.why}`
    );
    if (missing.length > 0) throw new ModelViolation(`events owed and not seen:\n  ${missing.join("\n  ")}`);
  }

  // --- misuse --------------------------------------------------------------------------

  /** Calls on closed objects throw `BadResource`; register/deregister misuse throws as documented. */
  #misuse(s: Socket | null): void {
    const dead = this.#graveyard.length > 0
      ? this.#graveyard[this.#step.target % this.#graveyard.length]
      : null;
    if (dead !== null) {
      this.#expectError(() => dead.read(this.#buf), "BadResource");
      this.#expectError(() => dead.fd, "BadResource");
      this.#expectError(
        () => this.#poll.registry().register(dead, Token(this.#nextToken), Interest.READABLE),
        "BadResource",
      );
    }
    if (s !== null && s.end.token === null) this.#deregister(s); // NotFound
    this.#log("misuse");
  }

  #expectError(fn: () => unknown, kind: string): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof IoError && e.kind === kind) return;
      throw new ModelViolation(`expected IoError ${kind}, got ${String(e)}`);
    }
    throw new ModelViolation(`expected IoError ${kind}, nothing was thrown`);
  }
}
