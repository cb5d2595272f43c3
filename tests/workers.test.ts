// Wakers, registries and sockets across Workers (node:worker_threads, on
// every runtime), after mio's waker.rs and poll.rs tests that use threads:
// a Waker woken from a Worker wakes a poll() blocked in the main thread; a
// Registry shared to a Worker registers sockets there whose events arrive
// in the main thread's poll(); sockets move with intoFd()/fromFd(); errno
// is read per thread; shared copies are refused once the owner closed.
// Every Worker ends by itself (never terminate() one inside a blocking
// FFI call: it hangs Deno and Node). The Worker script is workers/entry.ts;
// the parts it plays ("roles") are in workers/*_roles.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import {
  Events,
  Interest,
  IoError,
  Poll,
  Registry,
  TcpListener,
  TcpStream,
  Token,
  UdpSocket,
  type UnixStream,
  Waker,
} from "../mod.ts";
import { expect, expectEvents, expectNoEvents, Readiness, tokensOf, waitUntil } from "./util/events.ts";
import { assertIoError, closeAll, errnoOf } from "./util/io.ts";
import { acceptOne, streamPair, tcpPair } from "./util/sockets.ts";
import { withTempDir } from "./util/files.ts";
import { ON_WINDOWS } from "./util/platform.ts";
import {
  abortSteps,
  type BlockedObservation,
  type ErrorData,
  newSteps,
  setStep,
  type StepCells,
  threadId,
  watchBlocked,
} from "./workers/sync.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const WAKER = Token(10);

/** A Worker playing a role of `tests/workers/`, with its messages queued and its end awaited. */
class TestWorker {
  readonly #worker: Worker;
  readonly #messages: unknown[] = [];
  readonly #waiting: { resolve: (m: unknown) => void; reject: (e: Error) => void }[] = [];
  readonly #exit: Promise<number>;
  #error: Error | null = null;
  #exited = false;

  constructor(role: string, data: Record<string, unknown>) {
    const file = fileURLToPath(new URL(`./workers/entry.${ext}`, import.meta.url));
    this.#worker = new Worker(file, { workerData: { ...data, role } });
    this.#worker.on("message", (m) => {
      const waiter = this.#waiting.shift();
      if (waiter) waiter.resolve(m);
      else this.#messages.push(m);
    });
    this.#worker.on("error", (e) => this.#error ??= e);
    this.#exit = new Promise((resolve) => {
      this.#worker.on("exit", (code) => {
        this.#exited = true;
        for (const w of this.#waiting.splice(0)) w.reject(this.#failure(`ended (${code}) before posting`));
        resolve(code);
      });
    });
  }

  #failure(what: string): Error {
    return new Error(`worker ${what}${this.#error ? `: ${this.#error.stack ?? this.#error}` : ""}`);
  }

  /** The next message the Worker posts. */
  next<T>(): Promise<T> {
    if (this.#messages.length > 0) return Promise.resolve(this.#messages.shift() as T);
    if (this.#exited) return Promise.reject(this.#failure("ended before posting"));
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ resolve: resolve as (m: unknown) => void, reject });
    });
  }

  /** Waits until the Worker ended by itself; fails unless it ended well. */
  async ended(): Promise<void> {
    const code = await this.#exit;
    if (this.#error !== null || code !== 0) throw this.#failure(`exited with ${code}`);
  }
}

/** A Worker to start: its role, its data and its step cells. */
interface WorkerSpec {
  role: string;
  data: Record<string, unknown>;
  steps: StepCells;
}

/**
 * Runs `fn` with Workers, then waits until each ended; if `fn` failed,
 * each is told to give up first (so each still ends by itself).
 */
async function withWorkers(specs: WorkerSpec[], fn: (workers: TestWorker[]) => Promise<void>): Promise<void> {
  const workers = specs.map((s) => new TestWorker(s.role, { ...s.data, steps: s.steps.buffer }));
  try {
    await fn(workers);
  } catch (e) {
    for (const s of specs) abortSteps(s.steps);
    await Promise.all(workers.map((w) => w.ended().catch(() => {})));
    throw e;
  }
  for (const w of workers) await w.ended();
}

/** `withWorkers` with one Worker. */
function withWorker(
  role: string,
  data: Record<string, unknown>,
  steps: StepCells,
  fn: (worker: TestWorker) => Promise<void>,
): Promise<void> {
  return withWorkers([{ role, data, steps }], ([worker]) => fn(worker));
}

/** Checks what a Worker saw of the main thread's poll(); `unreadable` only prints a note. */
function assertSawBlocked(seen: BlockedObservation): void {
  if (seen === "unreadable") {
    console.log("NOTE: /proc/self/task/<tid>/syscall is unreadable here; the block was not observed");
  }
  assert.notEqual(seen, "not-seen", "the Worker never saw the main thread blocked in poll()");
}

/**
 * `poll()` with a 30 s timeout, polling again if a signal ended it with no
 * events (at most 3 times).
 */
function pollLong(poll: Poll, events: Events): void {
  for (let i = 0; i < 3; i++) {
    poll.poll(events, 30_000);
    if (!events.isEmpty()) return;
  }
}

/** Polls with a long timeout until an event with `token` came (at most `rounds` polls); returns its readiness. */
function pollUntil(
  poll: Poll,
  events: Events,
  token: Token,
  rounds = 3,
): { readable: boolean; writable: boolean } {
  const seen: number[] = [];
  for (let i = 0; i < rounds; i++) {
    poll.poll(events, 30_000);
    for (const event of events) {
      if (event.token() === token) return { readable: event.isReadable(), writable: event.isWritable() };
      seen.push(event.token());
    }
  }
  assert.fail(`no event with token ${token} in ${rounds} polls; saw tokens ${seen.join(", ") || "none"}`);
}

test("a Waker woken from a Worker wakes a poll() blocked in the main thread (30 s timeout)", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const waker = new Waker(poll.registry(), WAKER);
  const steps = newSteps();
  try {
    await withWorker(
      "wake-when-blocked",
      {
        waker: waker.share(),
        tid: threadId(),
      },
      steps,
      async (worker) => {
        setStep(steps, 1);
        // Blocks this thread (its event loop too) until the Worker's wake.
        pollLong(poll, events);
        assert.deepEqual(tokensOf(events), [WAKER]);
        assert.ok([...events][0].isReadable());
        assertSawBlocked((await worker.next<{ seen: BlockedObservation }>()).seen);
      },
    );
    expectNoEvents(poll, events);
  } finally {
    closeAll(waker, poll);
  }
});

test("wakes from two Workers coalesce into one event (mio waker_multiple_wakeups_different_thread)", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const waker = new Waker(poll.registry(), WAKER);
  const steps = newSteps();
  try {
    const data = { waker: waker.share(), times: 500 };
    const specs = [{ role: "wake-burst", data, steps }, { role: "wake-burst", data, steps: newSteps() }];
    await withWorkers(specs, async (workers) => {
      for (const w of workers) assert.deepEqual(await w.next(), { woke: 500 });
    });
    pollLong(poll, events);
    assert.deepEqual(tokensOf(events), [WAKER], "a thousand wakes give one event");
    expectNoEvents(poll, events);
    waker.wake();
    pollLong(poll, events);
    assert.deepEqual(tokensOf(events), [WAKER], "the waker works on afterwards");
  } finally {
    closeAll(waker, poll);
  }
});

test("a shared Waker is refused once its owner closed, and never writes to the reused descriptor number", async () => {
  const poll = new Poll();
  const waker = new Waker(poll.registry(), WAKER);
  const steps = newSteps();
  const shared = waker.share() as unknown as { fd: number };
  let pair = null as [UnixStream, UnixStream] | [TcpStream, TcpStream] | null;
  try {
    await withWorker("wake-after-close", { waker: shared }, steps, async (worker) => {
      // Closing the Poll too frees the poll(2) selector's wake descriptor, which its Waker shares.
      closeAll(waker, poll);
      // The lowest free numbers come back: one end of this pair gets the number the copy held.
      pair = streamPair();
      const reused = pair[0].fd === shared.fd || pair[1].fd === shared.fd;
      if (!reused) console.log(`NOTE: descriptor ${shared.fd} was not reused by the pair; checked anyway`);
      setStep(steps, 1);
      const r = await worker.next<{ wake: ErrorData | null; share: ErrorData | null }>();
      assert.equal(r.wake?.kind, "BadResource", `wake after close: ${JSON.stringify(r.wake)}`);
      assert.equal(r.share?.kind, "BadResource", `share after close: ${JSON.stringify(r.share)}`);
    });
    const buf = new Uint8Array(16);
    assert.equal(pair![0].read(buf), null, "nothing was written to the reused descriptor");
    assert.equal(pair![1].read(buf), null, "nothing was written to the reused descriptor");
    assertIoError(() => Waker.fromShared(shared).wake(), "BadResource");
  } finally {
    closeAll(waker, poll, pair?.[0], pair?.[1]);
  }
});

test("closing a shared copy only detaches it; the owner and other copies go on", () => {
  const poll = new Poll();
  const events = new Events(8);
  const waker = new Waker(poll.registry(), WAKER);
  try {
    const value = waker.share();
    const copy = Waker.fromShared(value);
    const other = Waker.fromShared(copy.share());
    copy.close();
    copy.close();
    assertIoError(() => copy.wake(), "BadResource");
    other.wake();
    expectEvents(poll, events, [expect(WAKER, Readiness.READABLE)]);
    waker.wake();
    expectEvents(poll, events, [expect(WAKER, Readiness.READABLE)]);
    other.close();
  } finally {
    closeAll(waker, poll);
  }
});

test("Waker.fromShared and Registry.fromShared take only what share() returned (TypeError)", () => {
  const poll = new Poll();
  const waker = new Waker(poll.registry(), WAKER);
  try {
    const good = waker.share() as unknown as Record<string, unknown>;
    const bad: unknown[] = [
      undefined,
      null,
      7,
      "mio-ts/waker",
      {},
      { ...good, type: "mio-ts/registry" },
      { ...good, kind: "signalfd" },
      { ...good, fd: -1 },
      { ...good, fd: 1.5 },
      { ...good, fd: "3" },
      { ...good, state: new ArrayBuffer(8) },
      { ...good, state: new SharedArrayBuffer(4) },
    ];
    for (const value of bad) {
      assert.throws(() => Waker.fromShared(value), TypeError, `Waker.fromShared(${JSON.stringify(value)})`);
      assert.throws(
        () => Registry.fromShared(value),
        TypeError,
        `Registry.fromShared(${JSON.stringify(value)})`,
      );
    }
    const registryLike = { ...good, type: "mio-ts/registry", backend: "epoll" };
    assert.throws(() => Waker.fromShared(registryLike), TypeError);
    // A registry of the other selector kind than this platform's.
    const foreign = Poll.backend === "kqueue" ? "epoll" : "kqueue";
    assert.throws(() => Registry.fromShared({ ...registryLike, backend: foreign }), TypeError);
  } finally {
    closeAll(waker, poll);
  }
});

test("a Registry shared to a Worker registers a socket there whose events arrive in the main thread's poll()", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const listener = TcpListener.bind("127.0.0.1:0");
  const steps = newSteps();
  const WORKER = Token(7);
  let server: TcpStream | null = null;
  try {
    const data = {
      registry: poll.registry().share(),
      addr: String(listener.localAddr()),
      token: 7,
    };
    await withWorker("register-stream", data, steps, async (worker) => {
      const { local } = await worker.next<{ local: string }>();
      assert.ok(pollUntil(poll, events, WORKER).writable, "the Worker's stream connected: writable");
      [server] = acceptOne(listener);
      assert.equal(String(server.peerAddr()), local);
      assert.equal(server.write(new TextEncoder().encode("hello")), 5);
      assert.ok(pollUntil(poll, events, WORKER).readable, "the Worker's stream got data: readable");
      setStep(steps, 1);
      assert.deepEqual(await worker.next(), { got: "hello" });
      const answer = waitUntil(() => server!.read(new Uint8Array(5)));
      assert.equal(answer, 5);
      setStep(steps, 2);
      assert.equal(await worker.next(), "deregistered");
      server.write(new TextEncoder().encode("more"));
      expectNoEvents(poll, events);
      setStep(steps, 3);
    });
  } finally {
    closeAll(server, listener, poll);
  }
});

test("a Worker registers while the main thread is blocked in poll() (mio register_during_poll)", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const steps = newSteps();
  try {
    const data = { registry: poll.registry().share(), token: 1, tid: threadId() };
    await withWorker("register-during-poll", data, steps, async (worker) => {
      setStep(steps, 1);
      pollLong(poll, events);
      assert.deepEqual(tokensOf(events), [1], "the Worker's UDP socket, and nothing else");
      assert.ok([...events][0].isWritable());
      assertSawBlocked((await worker.next<{ seen: BlockedObservation }>()).seen);
      setStep(steps, 2);
    });
  } finally {
    poll.close();
  }
});

test("a Worker registers a ready socket while the main thread is blocked in poll(events, null): it wakes with the event", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const steps = newSteps();
  try {
    const receiver = UdpSocket.bind("127.0.0.1:0");
    // A datagram is queued before the Worker registers: the socket is readable already.
    const sender = UdpSocket.bind("127.0.0.1:0");
    sender.sendTo(new TextEncoder().encode("ready"), receiver.localAddr());
    sender.close();
    const data = { registry: poll.registry().share(), token: 5, fd: receiver.intoFd(), tid: threadId() };
    await withWorker("register-ready-during-poll", data, steps, async (worker) => {
      setStep(steps, 1);
      poll.poll(events, null); // no timeout: only the Worker's registration can end it
      assert.deepEqual(tokensOf(events), [5], "the Worker's socket, and nothing else");
      assert.ok([...events][0].isReadable());
      assertSawBlocked((await worker.next<{ seen: BlockedObservation }>()).seen);
      setStep(steps, 2);
      const { got, addr } = await worker.next<{ got: string; addr: string }>();
      assert.equal(got, "ready");
      // The Worker deregistered it: a new datagram reports nothing here.
      const late = UdpSocket.bind("127.0.0.1:0");
      late.sendTo(new TextEncoder().encode("late"), addr);
      late.close();
      expectNoEvents(poll, events);
      setStep(steps, 3);
    });
  } finally {
    poll.close();
  }
});

test("registry operations from three Workers at once (mio registry_operations_are_thread_safe)", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    const registry = poll.registry().tryClone().share();
    const addr = String(listener.localAddr());
    // As in mio, the listener moves to its thread (here: by descriptor), and the stream connects to it.
    const fd = listener.intoFd();
    const specs = ["listener", "udp", "stream"].map((source, i) => ({
      role: "ops-flow",
      data: { registry, addr, fd, token: i + 1, source },
      steps: newSteps(),
    }));
    await withWorkers(specs, async (workers) => {
      for (const w of workers) assert.equal(await w.next(), "done");
      expectEvents(poll, events, [
        expect(1, Readiness.READABLE), // the listener: the stream's connection
        expect(2, Readiness.WRITABLE), // the UDP socket
        expect(3, Readiness.WRITABLE), // the stream, connected
      ]);
      for (const spec of specs) setStep(spec.steps, 1);
    });
  } finally {
    closeAll(listener, poll);
  }
});

test("a tryClone()d registry shares too; once the Poll and the clone are closed the shared registry is BadResource", async () => {
  const poll = new Poll();
  const socket = UdpSocket.bind("127.0.0.1:0");
  const steps = newSteps();
  try {
    const clone = poll.registry().tryClone();
    const value = clone.share();
    const here = Registry.fromShared(value);
    const again = Registry.fromShared(here.share()); // a shared registry shares on
    again.register(socket, Token(3), Interest.READABLE);
    again.deregister(socket);
    assert.throws(
      () => new Waker(here, WAKER),
      (e: unknown) => e instanceof IoError && e.kind === "Unsupported",
    );
    await withWorker(
      "register-after-close",
      { registry: value, token: 2 },
      steps,
      async (worker) => {
        // The clone works on its own (on epoll it owns a duplicate descriptor): both are closed.
        poll.close();
        clone.close();
        setStep(steps, 1);
        const r = await worker.next<{ register: ErrorData | null }>();
        assert.equal(r.register?.kind, "BadResource", JSON.stringify(r.register));
      },
    );
    assertIoError(() => here.register(socket, Token(3), Interest.READABLE), "BadResource");
    assertIoError(() => again.register(socket, Token(3), Interest.READABLE), "BadResource");
    assertIoError(() => here.share(), "BadResource");
    assertIoError(() => clone.share(), "BadResource");
  } finally {
    closeAll(socket, poll);
  }
});

test("a socket handed to a Worker with intoFd() echoes there and comes back with fromFd()", async () => {
  const [client, server] = tcpPair();
  let back: TcpStream | null = null;
  try {
    const fd = server.intoFd();
    assertIoError(() => server.fd, "BadResource");
    await withWorker("echo-and-return", { fd, length: 4 }, newSteps(), async (worker) => {
      assert.equal(client.write(new TextEncoder().encode("ping")), 4);
      const r = await worker.next<{ echoed: string; fd: number }>();
      assert.equal(r.echoed, "ping");
      assert.equal(r.fd, fd, "the same descriptor comes back");
    });
    const buf = new Uint8Array(8);
    assert.equal(waitUntil(() => client.read(buf)), 4);
    assert.equal(new TextDecoder().decode(buf.subarray(0, 4)), "ping");
    back = TcpStream.fromFd(fd);
    assert.equal(back.write(new TextEncoder().encode("pong")), 4);
    assert.equal(waitUntil(() => client.read(buf)), 4);
    assert.equal(new TextDecoder().decode(buf.subarray(0, 4)), "pong");
    assert.equal(client.write(new TextEncoder().encode("bye")), 3);
    assert.equal(waitUntil(() => back!.read(buf)), 3);
  } finally {
    closeAll(client, back);
  }
});

test("errors inside a Worker carry that thread's errno (kind, code, errno, syscall)", async () => {
  const busy = TcpListener.bind("127.0.0.1:0");
  try {
    await withTempDir(async (dir) => {
      // This thread's errno is EADDRNOTAVAIL now: a Worker reading it would report the wrong error.
      assertIoError(() => TcpListener.bind("192.0.2.1:0"), "AddrNotAvailable");
      const data = { busyAddr: String(busy.localAddr()), missingPath: `${dir}/missing.sock` };
      await withWorker("provoke-errors", data, newSteps(), async (worker) => {
        const r = await worker.next<{ bind: ErrorData | null; connect: ErrorData | null }>();
        assert.deepEqual(
          r.bind && [r.bind.kind, r.bind.code, r.bind.errno, r.bind.syscall],
          ["AddrInUse", "EADDRINUSE", errnoOf("EADDRINUSE"), "bind"],
          JSON.stringify(r.bind),
        );
        // Windows has no Unix-domain sockets (as in mio): the Worker connects nowhere there.
        if (ON_WINDOWS) return assert.equal(r.connect, null);
        assert.deepEqual(
          r.connect && [r.connect.kind, r.connect.code, r.connect.errno, r.connect.syscall],
          ["NotFound", "ENOENT", 2, "connect"],
          JSON.stringify(r.connect),
        );
      });
    });
  } finally {
    busy.close();
  }
});

test("a Worker blocked in its own poll() with no timeout is stopped through its shared Waker and ends by itself", async () => {
  const steps = newSteps();
  let waker = null as Waker | null;
  try {
    await withWorker("blocked-owner", {}, steps, async (worker) => {
      const ready = await worker.next<{ waker: unknown; tid: number }>();
      waker = Waker.fromShared(ready.waker);
      assertSawBlocked(watchBlocked(ready.tid));
      setStep(steps, 1);
      waker.wake();
      const { wakeups } = await worker.next<{ wakeups: number }>();
      assert.ok(wakeups >= 1, `the Worker saw its waker's event (${wakeups})`);
    });
    // The Worker closed its Waker on the way out: the copy here is refused now.
    assertIoError(() => waker!.wake(), "BadResource");
  } finally {
    waker?.close();
  }
});
