// Poll.pollAsync and Poll.events: waiting for events without blocking the
// runtime's event loop (the selector waits on another thread, see
// docs/async.md). No timing thresholds: a wait that an event, an abort or a
// close must end has no limit of its own, and fails the test if it is
// still pending after LONG (30 s, 150 s under qemu-user); the one that shows
// timers run while it waits has LONG as its own limit instead, so that a
// wait blocking the event loop would end with no events, its timer never
// having run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { Events, Interest, IoError, Poll, TcpListener, TcpStream, Token, Waker } from "../mod.ts";
import { tokensOf, waitUntil } from "./util/events.ts";
import { assertIoError, bytes, closeAll } from "./util/io.ts";
import { streamPair } from "./util/sockets.ts";
import { fdLinks, newFds, openFdCount, settledFdCount } from "./util/descriptors.ts";
import { hangGuardMs } from "./util/timing.ts";
import { test as skippable } from "./util/skips.ts";
import { threadsInPoll } from "./util/threads.ts";

/** How long a test gives an event to end a wait that has no limit of its own. */
const LONG = hangGuardMs(30_000);
const WAKER = Token(7);

const g = globalThis as { Deno?: unknown };
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** A Poll with a Waker (token 7) and an `Events(8)`, for `fn`; all closed afterwards. */
async function withPoll(fn: (poll: Poll, events: Events, waker: Waker) => Promise<void>): Promise<void> {
  const poll = new Poll();
  let waker: Waker | null = null;
  try {
    waker = new Waker(poll.registry(), WAKER);
    await fn(poll, new Events(8), waker);
  } finally {
    closeAll(waker, poll);
  }
}

/**
 * `promise`, or a rejection once `LONG` ms passed without it settling: for
 * waits with no limit of their own that `what` (an abort, a close) must end.
 */
async function settles<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end the wait within ${LONG} ms`)), LONG);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `e` is an `IoError` of `kind` (for `assert.rejects`). */
function isIoError(kind: string): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof IoError, `expected IoError ${kind}, got ${String(e)}`);
    assert.equal(e.kind, kind);
    return true;
  };
}

// --- pollAsync -----------------------------------------------------------------

test(
  "pollAsync: a setTimeout callback runs while it waits (and its wake ends the wait)",
  () =>
    withPoll(async (poll, events, waker) => {
      let fired = false;
      setTimeout(() => {
        fired = true;
        waker.wake();
      }, 10);
      // A finite wait: one that blocked the event loop would end at LONG with no events.
      await poll.pollAsync(events, LONG);
      assert.ok(fired, "the timer did not run");
      assert.deepEqual(tokensOf(events), [WAKER]);
    }),
);

test("pollAsync: an incoming connection resolves it", () =>
  withPoll(async (poll, events) => {
    const listener = TcpListener.bind("127.0.0.1:0");
    let client: TcpStream | null = null;
    try {
      poll.registry().register(listener, Token(0), Interest.READABLE);
      setTimeout(() => {
        client = TcpStream.connect(listener.localAddr());
      }, 10);
      await settles(poll.pollAsync(events, null), "an event");
      assert.deepEqual(tokensOf(events), [0]);
      assert.ok([...events][0].isReadable());
      const accepted = listener.accept();
      assert.ok(accepted !== null, "the event came before the connection could be accepted");
      accepted[0].close();
    } finally {
      closeAll(client, listener);
    }
  }));

test(
  "pollAsync: a Waker woken right after the wait began resolves it",
  () =>
    withPoll(async (poll, events, waker) => {
      const pending = poll.pollAsync(events, null);
      await Promise.resolve();
      waker.wake();
      await settles(pending, "an event");
      assert.deepEqual(tokensOf(events), [WAKER]);
    }),
);

test(
  "pollAsync: a timeout resolves it with no events (replacing the last ones)",
  () =>
    withPoll(async (poll, events, waker) => {
      waker.wake();
      await settles(poll.pollAsync(events, null), "an event");
      assert.deepEqual(tokensOf(events), [WAKER]);
      await poll.pollAsync(events, 20);
      assert.ok(events.isEmpty(), `expected no events, got ${[...events].map(String)}`);
    }),
);

test("pollAsync: timeout 0 resolves with what is ready now", () =>
  withPoll(async (poll, events, waker) => {
    waker.wake();
    await poll.pollAsync(events, 0);
    assert.deepEqual(tokensOf(events), [WAKER]);
    await poll.pollAsync(events, 0);
    assert.ok(events.isEmpty());
  }));

test(
  "pollAsync: an abort rejects it with the signal's reason, and the Poll works after",
  () =>
    withPoll(async (poll, events, waker) => {
      const controller = new AbortController();
      const reason = new Error("stop waiting");
      setTimeout(() => controller.abort(reason), 10);
      await assert.rejects(
        settles(poll.pollAsync(events, null, { signal: controller.signal }), "the abort"),
        (e) => e === reason,
      );
      waker.wake();
      await settles(poll.pollAsync(events, null, { signal: new AbortController().signal }), "an event");
      assert.deepEqual(tokensOf(events), [WAKER]);
    }),
);

test("pollAsync: an already aborted signal rejects at once, leaving ready events for the next wait", () =>
  withPoll(async (poll, events, waker) => {
    const controller = new AbortController();
    controller.abort();
    waker.wake();
    await assert.rejects(
      poll.pollAsync(events, null, { signal: controller.signal }),
      (e) => e === controller.signal.reason,
    );
    poll.poll(events, 0);
    assert.deepEqual(tokensOf(events), [WAKER]);
  }));

test(
  "pollAsync: a second poll() or pollAsync() while one is pending throws at once",
  () =>
    withPoll(async (poll, events, waker) => {
      const pending = poll.pollAsync(events, null);
      assert.throws(() => poll.poll(events, 0), /already waiting/);
      assert.throws(() => poll.pollAsync(events, 0), /already waiting/);
      assert.throws(() => poll.pollAsync(new Events(1), null), /already waiting/);
      await assert.rejects(poll.events(events).next(), /already waiting/);
      waker.wake();
      await settles(pending, "an event");
      assert.deepEqual(tokensOf(events), [WAKER]);
      poll.poll(events, 0);
      assert.ok(events.isEmpty());
      waker.wake();
      await settles(poll.pollAsync(events, null), "an event");
      assert.deepEqual(tokensOf(events), [WAKER]);
    }),
);

test(
  "pollAsync: close() during the wait rejects it with BadResource and leaks no descriptor",
  async () => {
    const links = fdLinks();
    const before = openFdCount();
    const poll = new Poll();
    const events = new Events(4);
    try {
      const pending = poll.pollAsync(events, null);
      setTimeout(() => poll.close(), 10);
      await assert.rejects(settles(pending, "close()"), isIoError("BadResource"));
      assert.equal(settledFdCount(before), before, `left open: ${JSON.stringify([...newFds(links)])}`);
      assertIoError(() => poll.pollAsync(events, 0), "BadResource");
    } finally {
      poll.close();
    }
  },
);

test(
  "pollAsync: a descriptor registered while it waits is watched (poll(2) waits again on a fresh set)",
  () =>
    withPoll(async (poll, events) => {
      const [a, b] = streamPair();
      try {
        const pending = poll.pollAsync(events, null);
        setTimeout(() => {
          a.write(bytes("x"));
          poll.registry().register(b, Token(3), Interest.READABLE);
        }, 10);
        await settles(pending, "an event");
        assert.deepEqual(tokensOf(events), [3]);
      } finally {
        closeAll(a, b);
      }
    }),
);

test(
  "pollAsync: a source re-armed by WouldBlock while it waits reports its next readiness",
  () =>
    withPoll(async (poll, events) => {
      const [a, b] = streamPair();
      try {
        poll.registry().register(b, Token(3), Interest.READABLE);
        a.write(bytes("x"));
        await settles(poll.pollAsync(events, null), "an event");
        assert.deepEqual(tokensOf(events), [3]);
        const pending = poll.pollAsync(events, null);
        setTimeout(() => {
          const buf = new Uint8Array(8);
          while (b.read(buf) !== null) {
            // Read until WouldBlock, which re-arms the source.
          }
          a.write(bytes("y"));
        }, 10);
        await settles(pending, "an event");
        assert.deepEqual(tokensOf(events), [3]);
      } finally {
        closeAll(a, b);
      }
    }),
);

test("pollAsync: two Polls wait at the same time, each woken by its own Waker", async () => {
  const polls = [new Poll(), new Poll()];
  const wakers: Waker[] = [];
  try {
    polls.forEach((poll, i) => wakers.push(new Waker(poll.registry(), Token(i + 1))));
    const events = [new Events(4), new Events(4)];
    const first = polls[0].pollAsync(events[0], null);
    const second = polls[1].pollAsync(events[1], null);
    setTimeout(() => wakers[1].wake(), 10);
    await settles(second, "the second Waker");
    assert.deepEqual(tokensOf(events[1]), [2]);
    wakers[0].wake();
    await settles(first, "the first Waker");
    assert.deepEqual(tokensOf(events[0]), [1]);
  } finally {
    closeAll(...wakers, ...polls);
  }
});

test("pollAsync and events: bad arguments and a closed Poll throw at once", () => {
  const poll = new Poll();
  const events = new Events(4);
  try {
    assert.throws(() => poll.pollAsync({} as Events), TypeError);
    assert.throws(() => poll.pollAsync(events, -1), RangeError);
    assert.throws(() => poll.pollAsync(events, NaN), RangeError);
    assert.throws(() => poll.pollAsync(events, 0, { signal: {} as AbortSignal }), TypeError);
    assert.throws(() => poll.pollAsync(events, 0, null as unknown as undefined), TypeError);
    assert.throws(() => poll.events({} as Events), TypeError);
    assert.throws(() => poll.events(events, { timeoutMs: -5 }), RangeError);
    poll.close();
    assertIoError(() => poll.pollAsync(events), "BadResource");
    assertIoError(() => poll.events(events), "BadResource");
  } finally {
    poll.close();
  }
});

// --- what keeps the process alive ------------------------------------------------

/** Runs tests/poll_async/exit_child in a child of this runtime (60 s at most); returns its stdout. */
function runChild(mode: string): string {
  const file = fileURLToPath(new URL(`./poll_async/exit_child.${ext}`, import.meta.url));
  const env = "--allow-env=MIO_FORCE_POLL_POLL,MIO_FORCE_WAKER_PIPE,MIO_KQUEUE_LIB";
  const args = g.Deno ? ["run", "--allow-ffi", env, file, mode] : [file, mode];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: hangGuardMs(60_000) });
  assert.equal(r.status, 0, `${mode} child failed (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test("a pending pollAsync keeps the process alive until it resolves", () => {
  assert.match(runChild("pending"), /resolved with 0 events/);
});

test("an idle Poll (no wait pending) lets the process exit", () => {
  assert.match(runChild("idle"), /idle after 1 event/);
});

test("a Poll left readable with no wait pending lets the process exit", () => {
  assert.match(runChild("readable-left"), /left 1 event unread/);
});

/** Why the event-loop wait test does not apply here, or `false`. */
const noEventLoopWait = Poll.runtime !== "node"
  ? `${Poll.runtime} has no event-loop watch: its pollAsync() waits on a thread of its own (docs/async.md)`
  : Poll.backend !== "epoll"
  ? `the ${Poll.backend} selector waits off the thread; only epoll's descriptor is watched by Node's loop`
  : false;

skippable(
  "on Node's main thread, a pending pollAsync() is watched by Node's own event loop: no thread blocks in poll(2) for it",
  { skip: noEventLoopWait },
  () =>
    withPoll(async (poll, events, waker) => {
      const before = threadsInPoll();
      const wait = poll.pollAsync(events, null);
      // A wait run off the thread is in poll(2) almost all the time (slices of 100 ms on Node): look for 0.5 s.
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        const now = threadsInPoll();
        assert.ok(now.length <= before.length, `threads in poll(2) during the wait: ${now.join(", ")}`);
      }
      waker.wake();
      await settles(wait, "the waker");
      assert.deepEqual(tokensOf(events), [WAKER]);
    }),
);

// --- for await ------------------------------------------------------------------

test(
  "events: for await delivers each event, and ends without error when the signal aborts",
  () =>
    withPoll(async (poll, events, waker) => {
      const controller = new AbortController();
      const timer = setInterval(() => waker.wake(), 5);
      const seen: number[] = [];
      try {
        for await (const event of poll.events(events, { signal: controller.signal })) {
          seen.push(event.token());
          if (seen.length === 3) controller.abort();
        }
      } finally {
        clearInterval(timer);
      }
      assert.deepEqual(seen, [WAKER, WAKER, WAKER]);
    }),
);

test(
  "events: an abort during a wait ends the loop without error",
  () =>
    withPoll(async (poll, events) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 10);
      let count = 0;
      const loop = async () => {
        for await (const _ of poll.events(events, { signal: controller.signal })) count++;
      };
      await settles(loop(), "the abort");
      assert.equal(count, 0);
      assert.ok(controller.signal.aborted);
    }),
);

test(
  "events: break ends the iteration and the Poll works after",
  () =>
    withPoll(async (poll, events, waker) => {
      const [a, b] = streamPair();
      try {
        poll.registry().register(b, Token(3), Interest.READABLE);
        waker.wake();
        a.write(bytes("x"));
        let first = -1;
        for await (const event of poll.events(events)) {
          first = event.token();
          break;
        }
        assert.ok(first === WAKER || first === 3, `unexpected token ${first}`);
        waker.wake();
        await settles(poll.pollAsync(events, null), "an event");
        assert.ok(tokensOf(events).includes(WAKER));
      } finally {
        closeAll(a, b);
      }
    }),
);

test(
  "events: timeoutMs ends the iteration once a wait brings nothing",
  () =>
    withPoll(async (poll, events, waker) => {
      waker.wake();
      const seen: number[] = [];
      for await (const event of poll.events(events, { timeoutMs: 20 })) seen.push(event.token());
      assert.deepEqual(seen, [WAKER]);
    }),
);

test("events: close() during the iteration throws BadResource into the loop", async () => {
  const poll = new Poll();
  try {
    setTimeout(() => poll.close(), 10);
    const loop = async () => {
      for await (const _ of poll.events(new Events(4))) {
        // No events: nothing is registered.
      }
    };
    await assert.rejects(settles(loop(), "close()"), isIoError("BadResource"));
  } finally {
    poll.close();
  }
});

test("an event pollAsync() collected is not handed out once its source is deregistered (mio: a deregistered token never comes back)", async () => {
  const poll = new Poll();
  const one = new Events(1);
  const [a, aPeer] = streamPair();
  const [b, bPeer] = streamPair();
  try {
    const registry = poll.registry();
    registry.register(a, Token(1), Interest.READABLE);
    registry.register(b, Token(2), Interest.READABLE);
    aPeer.write(bytes("a"));
    bPeer.write(bytes("b"));
    // Both are ready before the wait: one wait collects both, and hands out one.
    await poll.pollAsync(one, 5000);
    const [first] = tokensOf(one);
    assert.ok(first === Token(1) || first === Token(2), `one of the two tokens: ${tokensOf(one)}`);
    const other = first === Token(1) ? Token(2) : Token(1);
    registry.deregister(other === Token(1) ? a : b);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      poll.poll(one, 0);
      seen.push(...tokensOf(one));
      await poll.pollAsync(one, 0);
      seen.push(...tokensOf(one));
    }
    assert.ok(!seen.includes(other), `token ${other} came back after deregister: ${seen}`);
  } finally {
    closeAll(a, aPeer, b, bPeer);
    poll.close();
  }
});

test("an event a pending pollAsync() collects for a source deregistered meanwhile is dropped", async () => {
  const poll = new Poll();
  const events = new Events(8);
  const waker = new Waker(poll.registry(), Token(9));
  const [a, aPeer] = streamPair();
  try {
    poll.registry().register(a, Token(1), Interest.READABLE);
    for (let trial = 0; trial < 30; trial++) {
      const pending = poll.pollAsync(events, 5000);
      aPeer.write(bytes("a")); // the waiting thread may collect this event at any time from now
      poll.registry().deregister(a);
      waker.wake();
      await pending;
      assert.ok(!tokensOf(events).includes(Token(1)), `trial ${trial}: token 1 after deregister`);
      poll.poll(events, 0);
      assert.ok(!tokensOf(events).includes(Token(1)), `trial ${trial}: token 1 after deregister`);
      // Waited for: on Windows the pair is TCP over loopback, whose byte may arrive later.
      assert.equal(waitUntil(() => a.read(new Uint8Array(8))), 1);
      poll.registry().register(a, Token(1), Interest.READABLE);
      poll.poll(events, 0); // drains the re-registration's own events
    }
  } finally {
    closeAll(waker, a, aPeer);
    poll.close();
  }
});
