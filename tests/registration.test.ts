// Registration (mio 0.6's Registration/SetReadiness): a source with no
// descriptor whose readiness is set from any Worker. The tests of mio
// v0.6.23's test/test_custom_evented.rs, translated (smoke,
// set_readiness_before_register, single_threaded_poll,
// with_small_events_collection, drop_registration_from_non_main_thread;
// multi_threaded_poll has several threads poll one Poll, which a mio-ts
// Poll, owned by one Worker, does not allow), plus the contract of
// ../shared/API.md: edge, level and oneshot, readiness ∩ interest,
// coalescing, capacity, deregistration, closing, sharing, bad values.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Events, Interest, IoError, Poll, Registration, Registry, Token, Waker } from "../mod.ts";
import { expectNoEvents, tokensOf } from "./util/events.ts";
import { assertIoError, closeAll } from "./util/io.ts";
import { ON_WINDOWS } from "./util/platform.ts";
import { isFdOpen } from "./util/descriptors.ts";
import { LOCATION_OFFSET, REG } from "../src/user_events.ts";
import { skipPart, test } from "./util/skips.ts";
import {
  abortSteps,
  type BlockedObservation,
  newSteps,
  setStep,
  type StepCells,
  threadId,
} from "./workers/sync.ts";

const R = Interest.READABLE;
const W = Interest.WRITABLE;
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** The events of one `poll(events, timeout)` as `[token, readable, writable]` triples. */
function pollTriples(poll: Poll, events: Events, timeout: number | null = 0): [number, boolean, boolean][] {
  poll.poll(events, timeout);
  return [...events].map((e) => [e.token(), e.isReadable(), e.isWritable()]);
}

/**
 * Idle Workers of tests/workers/entry.ts in serving mode: a RoleWorker takes
 * one (or starts one) and gives it back once its role ended, since Deno
 * type-checks every new Worker. Idle ones are unref'd, so they do not keep
 * the process alive.
 */
const idle: Worker[] = [];

/** A role of tests/workers/registration_roles.ts played by a Worker; `ended` settles once the role returned or threw. */
class RoleWorker {
  readonly messages: unknown[] = [];
  readonly steps: StepCells = newSteps();
  readonly ended: Promise<void>;
  readonly #arrived: ((m: unknown) => void)[] = [];

  constructor(role: string, data: Record<string, unknown>) {
    const file = fileURLToPath(new URL(`./workers/entry.${ext}`, import.meta.url));
    const worker = idle.pop() ?? new Worker(file, { workerData: { serve: true } });
    worker.ref();
    this.ended = new Promise((resolve, reject) => {
      let error: Error | null = null;
      const onMessage = (m: unknown) => {
        if (m !== null && typeof m === "object" && "roleEnded" in m) {
          detach();
          worker.unref();
          idle.push(worker);
          const failure = (m as { roleEnded: string | null }).roleEnded;
          if (failure === null) resolve();
          else reject(new Error(`worker role ${role} threw: ${failure}`));
          return;
        }
        const waiter = this.#arrived.shift();
        if (waiter) waiter(m);
        else this.messages.push(m);
      };
      const onError = (e: Error) => error ??= e;
      const onExit = (code: number) => {
        detach();
        reject(new Error(`worker ${role} exited with ${code}: ${error?.stack}`));
      };
      const detach = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    });
    worker.postMessage({ ...data, role, steps: this.steps.buffer });
  }

  /** The next message. */
  next<T>(): Promise<T> {
    if (this.messages.length > 0) return Promise.resolve(this.messages.shift() as T);
    return new Promise((resolve) => this.#arrived.push(resolve as (m: unknown) => void));
  }

  /** Tells the Worker to give up (its role throws at its next step). */
  abort(): void {
    abortSteps(this.steps);
  }
}

/** Runs `fn`, then waits for the Workers to end (told to give up first if `fn` failed). */
async function withWorkers(workers: RoleWorker[], fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    for (const w of workers) w.abort();
    await Promise.all(workers.map((w) => w.ended.catch(() => {})));
    throw e;
  }
  await Promise.all(workers.map((w) => w.ended));
}

test("smoke (mio test_custom_evented smoke): nothing until setReadiness, then one event", () => {
  const poll = new Poll();
  const events = new Events(128);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(0), R);
    assert.deepEqual(pollTriples(poll, events), []);
    registration.setReadiness(R);
    assert.deepEqual(pollTriples(poll, events), [[0, true, false]]);
    assert.deepEqual(pollTriples(poll, events), [], "edge: reported once");
  } finally {
    closeAll(registration, poll);
  }
});

test("edge: one event per setReadiness; several before a poll coalesce; readiness() reads it back", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    assert.equal(registration.readiness(), 0);
    poll.registry().register(registration, Token(5), R | W);
    registration.setReadiness(R);
    registration.setReadiness(W);
    registration.setReadiness(R | W);
    assert.equal(registration.readiness(), R | W);
    assert.deepEqual(pollTriples(poll, events), [[5, true, true]]);
    assert.deepEqual(pollTriples(poll, events), []);
    registration.setReadiness(R | W);
    assert.deepEqual(pollTriples(poll, events), [[5, true, true]], "the same readiness again is a new edge");
  } finally {
    closeAll(registration, poll);
  }
});

test("the event carries readiness ∩ interest; a readiness outside the interest gives nothing", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(1), R);
    registration.setReadiness(W);
    assert.deepEqual(pollTriples(poll, events), []);
    registration.setReadiness(R | W);
    assert.deepEqual(pollTriples(poll, events), [[1, true, false]]);
    registration.setReadiness(Interest.PRIORITY);
    assert.deepEqual(pollTriples(poll, events), []);
  } finally {
    closeAll(registration, poll);
  }
});

test("setReadiness(0) before a poll cancels what was pending", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(1), R);
    registration.setReadiness(R);
    registration.setReadiness(0);
    assert.deepEqual(pollTriples(poll, events), []);
    assert.equal(registration.readiness(), 0);
  } finally {
    closeAll(registration, poll);
  }
});

test("readiness set before register is reported once registered (mio set_readiness_before_register, one thread)", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    registration.setReadiness(R);
    poll.registry().register(registration, Token(123), R);
    assert.deepEqual(pollTriples(poll, events, null), [[123, true, false]]);
    assert.deepEqual(pollTriples(poll, events), []);
  } finally {
    closeAll(registration, poll);
  }
});

test("reregister while readiness is pending reports it, with the new token and interest", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(1), W);
    registration.setReadiness(R);
    assert.deepEqual(pollTriples(poll, events), []);
    poll.registry().reregister(registration, Token(2), R);
    assert.deepEqual(pollTriples(poll, events), [[2, true, false]]);
    assert.deepEqual(pollTriples(poll, events), []);
  } finally {
    closeAll(registration, poll);
  }
});

test("level: an event on every poll while the readiness lasts, none once cleared", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(3), R, { trigger: "level" });
    assert.deepEqual(pollTriples(poll, events), []);
    registration.setReadiness(R);
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(pollTriples(poll, events, null), [[3, true, false]], `poll ${i}`);
    }
    registration.setReadiness(0);
    assert.deepEqual(pollTriples(poll, events), []);
    // Back to edge with reregister (no options: the defaults).
    registration.setReadiness(R);
    poll.registry().reregister(registration, Token(3), R);
    assert.deepEqual(pollTriples(poll, events), [[3, true, false]]);
    assert.deepEqual(pollTriples(poll, events), []);
  } finally {
    closeAll(registration, poll);
  }
});

test("oneshot: one event, then none (still registered) until reregister", () => {
  for (const trigger of ["edge", "level"] as const) {
    const poll = new Poll();
    const events = new Events(8);
    const registration = new Registration();
    try {
      poll.registry().register(registration, Token(4), R, { trigger, oneshot: true });
      registration.setReadiness(R);
      assert.deepEqual(pollTriples(poll, events), [[4, true, false]], trigger);
      registration.setReadiness(R);
      assert.deepEqual(pollTriples(poll, events), [], `${trigger}: disabled after one event`);
      assertIoError(() => poll.registry().register(registration, Token(4), R), "AlreadyExists");
      poll.registry().reregister(registration, Token(4), R, { trigger, oneshot: true });
      assert.deepEqual(pollTriples(poll, events), [[4, true, false]], `${trigger}: enabled by reregister`);
      assert.deepEqual(pollTriples(poll, events), []);
      poll.registry().deregister(registration);
    } finally {
      closeAll(registration, poll);
    }
  }
});

test("deregistered, its token never comes back, whatever setReadiness does", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(9), R, { trigger: "level" });
    registration.setReadiness(R);
    poll.registry().deregister(registration);
    assert.deepEqual(pollTriples(poll, events), []);
    registration.setReadiness(R | W);
    expectNoEvents(poll, events);
    assertIoError(() => poll.registry().deregister(registration), "NotFound");
    assertIoError(() => poll.registry().reregister(registration, Token(9), R), "NotFound");
    // Registered again: reported again (readiness already set).
    poll.registry().register(registration, Token(10), R);
    assert.deepEqual(pollTriples(poll, events), [[10, true, false]]);
  } finally {
    closeAll(registration, poll);
  }
});

test("more ready registrations than the Events holds: the rest come next, none starves, no blocking", () => {
  const poll = new Poll();
  const events = new Events(4);
  const registrations = Array.from({ length: 10 }, () => new Registration());
  try {
    registrations.forEach((r, i) => poll.registry().register(r, Token(i), R));
    for (const r of registrations) r.setReadiness(R);
    const seen: number[] = [];
    // A timeout of null: each poll must return at once with what was left over.
    for (let i = 0; i < 3; i++) {
      poll.poll(events, null);
      assert.ok(events.length <= 4);
      seen.push(...tokensOf(events));
    }
    assert.deepEqual(seen.sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(pollTriples(poll, events), []);

    // Level: every registration is reported within ceil(10 / 4) polls, again and again.
    registrations.forEach((r, i) => poll.registry().reregister(r, Token(i), R, { trigger: "level" }));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 30; i++) {
      poll.poll(events, null);
      for (const t of tokensOf(events)) counts[t]++;
    }
    assert.deepEqual(counts, new Array(10).fill(12), `level fairness: ${counts}`);
  } finally {
    closeAll(...registrations, poll);
  }
});

test("socket and Waker events and registrations share the Events capacity; nothing is lost", () => {
  const poll = new Poll();
  const events = new Events(2);
  const waker = new Waker(poll.registry(), Token(100));
  const registrations = Array.from({ length: 3 }, () => new Registration());
  try {
    registrations.forEach((r, i) => poll.registry().register(r, Token(i), R));
    for (const r of registrations) r.setReadiness(R);
    waker.wake();
    const seen: number[] = [];
    // Four events, two per poll; a timeout of null: each poll returns at once with what is left.
    for (let i = 0; i < 2; i++) seen.push(...tokensOf((poll.poll(events, null), events)));
    assert.deepEqual(seen.sort((a, b) => a - b), [0, 1, 2, 100]);
    assert.deepEqual(pollTriples(poll, events), []);
  } finally {
    closeAll(waker, ...registrations, poll);
  }
});

test("a Registration does not take the Poll's one Waker: new Waker works, a second is AlreadyExists", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  let waker: Waker | null = null;
  try {
    poll.registry().register(registration, Token(1), R);
    waker = new Waker(poll.registry(), Token(2));
    assertIoError(() => new Waker(poll.registry(), Token(3)), "AlreadyExists");
    registration.setReadiness(R);
    waker.wake();
    assert.deepEqual(tokensOf((poll.poll(events, null), events)).sort(), [1, 2]);
    waker.close();
    registration.setReadiness(R);
    assert.deepEqual(tokensOf((poll.poll(events, null), events)), [1], "no event of the closed Waker");
  } finally {
    closeAll(waker, registration, poll);
  }
});

test("setReadiness during a pending pollAsync() ends it with the event", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(6), W);
    const pending = poll.pollAsync(events, null);
    setTimeout(() => registration.setReadiness(W), 5);
    await pending;
    assert.deepEqual([...events].map((e) => [e.token(), e.isWritable()]), [[6, true]]);
  } finally {
    closeAll(registration, poll);
  }
});

test("close(): deregisters; setReadiness, readiness and share then throw BadResource; idempotent", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  const copy = Registration.fromShared(registration.share());
  try {
    poll.registry().register(registration, Token(1), R);
    registration.setReadiness(R);
    registration.close();
    registration.close();
    assert.deepEqual(pollTriples(poll, events), []);
    assertIoError(() => registration.setReadiness(R), "BadResource");
    assertIoError(() => registration.readiness(), "BadResource");
    assertIoError(() => registration.share(), "BadResource");
    assertIoError(() => copy.setReadiness(R), "BadResource");
    assertIoError(() => poll.registry().register(registration, Token(1), R), "BadResource");
  } finally {
    closeAll(registration, poll);
  }
});

test("Poll.close() leaves the Registration usable but unregistered", () => {
  const poll = new Poll();
  const registration = new Registration();
  const other = new Poll();
  const events = new Events(8);
  try {
    poll.registry().register(registration, Token(1), R);
    poll.close();
    registration.setReadiness(R);
    other.registry().register(registration, Token(2), R);
    assert.deepEqual(pollTriples(other, events), [[2, true, false]]);
  } finally {
    closeAll(registration, other, poll);
  }
});

// A Worker terminated in the middle of setReadiness() never ends its wake. Such a wake is made
// here by hand in the registration's shared state (one wake in progress, as wakeBound counts it):
// deregistering must not wait for it, nor free the channel's descriptor number while it lasts (a
// late wake would then write to whatever reused the number).
test("a setReadiness() that never ends (its Worker terminated mid-call) keeps the channel's number; deregister waits for nothing", () => {
  const poll = new Poll();
  const registration = new Registration();
  const state = registration.share().state;
  const cells = new Int32Array(state);
  const location = new Float64Array(state, LOCATION_OFFSET, 3);
  try {
    poll.registry().register(registration, Token(1), R);
    const channel = ON_WINDOWS ? location[0]! : location[1]!;
    assert.ok(isFdOpen(channel), `the channel's descriptor ${channel} is open while registered`);
    Atomics.add(cells, REG.BUSY, 1);
    // A drain would wait for this cell to change; nothing here changes it.
    poll.registry().deregister(registration);
    assert.equal(Atomics.load(cells, REG.BUSY), 1, "deregister returned with the wake still in progress");
    poll.close();
    assert.ok(isFdOpen(channel), `descriptor ${channel} stays taken while a wake through it may still run`);
    Atomics.sub(cells, REG.BUSY, 1);
    // The next guarded close of this realm (a Poll's) frees the number once the wake ended.
    new Poll().close();
    assert.ok(!isFdOpen(channel), `descriptor ${channel} is freed once the wake ended`);
  } finally {
    closeAll(registration, poll);
  }
});

test("a Registration registered through a tryClone registry reports to the Poll, and its own registry finds it", () => {
  const poll = new Poll();
  const clone = poll.registry().tryClone();
  const registration = new Registration();
  const events = new Events(8);
  try {
    clone.register(registration, Token(3), R);
    assertIoError(() => poll.registry().register(registration, Token(3), R), "AlreadyExists");
    registration.setReadiness(R);
    assert.deepEqual(pollTriples(poll, events), [[3, true, false]]);
    poll.registry().reregister(registration, Token(4), R, { trigger: "level" });
    assert.deepEqual(pollTriples(poll, events), [[4, true, false]]);
    assert.deepEqual(pollTriples(poll, events), [[4, true, false]], "level: again while ready");
    clone.close(); // the clone's close leaves the Poll's registrations alone
    assert.deepEqual(pollTriples(poll, events), [[4, true, false]]);
    poll.registry().deregister(registration);
    expectNoEvents(poll, events);
  } finally {
    closeAll(registration, clone, poll);
  }
});

test("bad readiness values are TypeError or RangeError; bad options too, before anything changes", () => {
  const poll = new Poll();
  const registration = new Registration();
  try {
    for (const bad of ["readable", null, undefined, {}, 1n]) {
      assert.throws(() => registration.setReadiness(bad as unknown as number), TypeError, String(bad));
    }
    for (const bad of [-1, 1.5, NaN, Infinity, 32, 0x100, 2 ** 32 + 1]) {
      assert.throws(() => registration.setReadiness(bad), RangeError, String(bad));
    }
    assert.equal(registration.readiness(), 0);
    const registry = poll.registry();
    for (const bad of [null, 7, "level", { trigger: 1 }, { oneshot: "yes" }, { oneshot: 1 }]) {
      assert.throws(
        () => registry.register(registration, Token(1), R, bad as never),
        TypeError,
        JSON.stringify(bad),
      );
    }
    for (const bad of [{ trigger: "sideways" }, { trigger: "Edge" }]) {
      assert.throws(
        () => registry.register(registration, Token(1), R, bad as never),
        RangeError,
        JSON.stringify(bad),
      );
    }
    assertIoError(() => registry.deregister(registration), "NotFound");
    registry.register(registration, Token(1), R, { trigger: "edge", oneshot: false });
    registry.reregister(registration, Token(1), R, {});
  } finally {
    closeAll(registration, poll);
  }
});

test("share(): a structured-cloneable value; fromShared refuses others; a copy cannot register; its close() detaches", () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    const value = registration.share();
    const cloned = structuredClone(value);
    const copy = Registration.fromShared(cloned);
    for (
      const bad of [undefined, null, 7, "mio-ts/registration", {}, { ...value, type: "mio-ts/waker" }, {
        ...value,
        state: new ArrayBuffer(64),
      }, { ...value, state: new SharedArrayBuffer(8) }]
    ) {
      assert.throws(() => Registration.fromShared(bad), TypeError, String(bad));
    }
    assertIoError(() => poll.registry().register(copy, Token(1), R), "Unsupported");
    poll.registry().register(registration, Token(1), R);
    copy.setReadiness(R);
    assert.equal(registration.readiness(), R);
    assert.deepEqual(pollTriples(poll, events), [[1, true, false]]);
    assertIoError(() => poll.registry().deregister(copy), "Unsupported");
    copy.close();
    assertIoError(() => copy.setReadiness(R), "BadResource");
    registration.setReadiness(R);
    assert.deepEqual(pollTriples(poll, events), [[1, true, false]], "the original goes on");
  } finally {
    closeAll(registration, poll);
  }
});

test("a registry from Registry.fromShared refuses a Registration (Unsupported): register it where the Poll is", () => {
  const poll = new Poll();
  const registration = new Registration();
  try {
    let value;
    try {
      value = poll.registry().share();
    } catch (e) {
      if (!(e instanceof IoError) || e.kind !== "Unsupported") throw e;
      skipPart(
        "registering a Registration through a shared registry",
        `${Poll.backend} refuses registry.share()`,
      );
      return;
    }
    const shared = Registry.fromShared(value);
    assertIoError(() => shared.register(registration, Token(1), R), "Unsupported");
  } finally {
    closeAll(registration, poll);
  }
});

test("setReadiness from a Worker wakes a poll() blocked in the main thread (30 s timeout)", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(42), R | W);
    const worker = new RoleWorker("set-readiness-when-blocked", {
      registrations: [registration.share()],
      readiness: W,
      tid: ON_WINDOWS ? null : threadId(),
    });
    await withWorkers([worker], async () => {
      setStep(worker.steps, 1);
      for (let i = 0; i < 3 && events.isEmpty(); i++) poll.poll(events, 30_000);
      assert.deepEqual([...events].map((e) => [e.token(), e.isReadable(), e.isWritable()]), [[
        42,
        false,
        true,
      ]]);
      const { seen } = await worker.next<{ seen: BlockedObservation }>();
      assert.notEqual(seen, "not-seen", "the Worker never saw the main thread blocked in poll()");
    });
  } finally {
    closeAll(registration, poll);
  }
});

test("setReadiness from a Worker ends a pending pollAsync()", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const registration = new Registration();
  try {
    poll.registry().register(registration, Token(8), R);
    const pending = poll.pollAsync(events, null);
    const worker = new RoleWorker("set-readiness", { registrations: [registration.share()], readiness: R });
    await withWorkers([worker], async () => {
      await pending;
      assert.deepEqual(tokensOf(events), [8]);
    });
  } finally {
    closeAll(registration, poll);
  }
});

test("set_readiness_before_register (mio): a Worker sets, then the owner registers: one event each time", async () => {
  const poll = new Poll();
  const events = new Events(128);
  try {
    // 3 rounds, not mio's 5,000: each round waits for a Worker's message.
    for (let i = 0; i < 3; i++) {
      const registration = new Registration();
      try {
        const worker = new RoleWorker("set-readiness", {
          registrations: [registration.share()],
          readiness: R,
        });
        await withWorkers([worker], async () => {
          await worker.next();
          poll.registry().register(registration, Token(123), R);
          let n = 0;
          while (n === 0) {
            poll.poll(events, null);
            n = events.length;
          }
          assert.deepEqual(tokensOf(events), [123]);
        });
      } finally {
        registration.close();
      }
    }
  } finally {
    poll.close();
  }
});

test("single_threaded_poll (mio): Workers churn readiness while the owner reregisters; all end readable", async () => {
  const REGISTRATIONS = 32;
  const poll = new Poll();
  const events = new Events(REGISTRATIONS);
  const registrations = Array.from({ length: REGISTRATIONS }, () => new Registration());
  try {
    registrations.forEach((r, i) => poll.registry().register(r, Token(i), R));
    const ready = new Array<string>(REGISTRATIONS).fill("none");
    const shared = registrations.map((r) => r.share());
    const workers = [0, 1].map(() =>
      new RoleWorker("readiness-churn", { registrations: shared, iterations: 200 })
    );
    let done = 0;
    for (const w of workers) void w.next().then(() => done++);
    await withWorkers(workers, async () => {
      const record = () => {
        for (const e of events) ready[e.token()] = `${e.isReadable() ? "r" : ""}${e.isWritable() ? "w" : ""}`;
      };
      while (done < workers.length) {
        registrations.forEach((r, i) => poll.registry().reregister(r, Token(i), W));
        poll.poll(events, 0);
        record();
        registrations.forEach((r, i) => poll.registry().reregister(r, Token(i), R));
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (;;) {
        poll.poll(events, 0);
        if (events.isEmpty()) break;
        record();
      }
    });
    assert.deepEqual(ready, new Array(REGISTRATIONS).fill("r"));
  } finally {
    closeAll(...registrations, poll);
  }
});

test("with_small_events_collection (mio): 2 Workers set 8 readinesses nonstop, Events(4): no deadlock, all seen", async () => {
  const N = 8;
  const poll = new Poll();
  const registrations = Array.from({ length: N }, () => new Registration());
  try {
    registrations.forEach((r, i) => poll.registry().register(r, Token(i), R));
    const shared = registrations.map((r) => r.share());
    const workers = [0, 1].map((w) =>
      new RoleWorker("set-until-step", { registrations: shared.filter((_, i) => i % 2 === w) })
    );
    const events = new Events(4);
    await withWorkers(workers, async () => {
      for (let i = 0; i < 200; i++) {
        poll.poll(events, 100);
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const w of workers) setStep(w.steps, 1);
      for (const w of workers) await w.next();
      const seen = new Array(N).fill(false);
      for (let i = 0; i < 5 && !seen.every(Boolean); i++) {
        poll.poll(events, 1000);
        for (const t of tokensOf(events)) seen[t] = true;
      }
      assert.deepEqual(seen, new Array(N).fill(true), "dead lock?");
    });
  } finally {
    closeAll(...registrations, poll);
  }
});

test("drop_registration_from_non_main_thread (mio): Workers set and drop copies of closed and live registrations", async () => {
  const poll = new Poll();
  const events = new Events(1024);
  const registrations: Registration[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      const r = new Registration();
      registrations.push(r);
      poll.registry().register(r, Token(i), R);
    }
    const shared = registrations.map((r) => r.share());
    // Every other one is closed by the owner before the Workers set it: BadResource for those.
    for (let i = 0; i < registrations.length; i += 2) registrations[i].close();
    const workers = [0, 1].map((w) =>
      new RoleWorker("set-then-drop", { registrations: shared.filter((_, i) => i < 100 === (w === 0)) })
    );
    await withWorkers(workers, async () => {
      for (const w of workers) {
        const { errors } = await w.next<{ errors: string[] }>();
        assert.deepEqual(errors, new Array(50).fill("BadResource"));
      }
      const seen = new Set<number>();
      for (let i = 0; i < 3 && seen.size < 100; i++) {
        poll.poll(events, 1000);
        for (const t of tokensOf(events)) seen.add(t);
      }
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        registrations.map((_, i) => i).filter((i) => i % 2 === 1),
      );
    });
  } finally {
    closeAll(...registrations, poll);
  }
});
