// The kqueue selector (sys/unix/kqueue.ts) built directly over libkqueue,
// whatever backend `Poll` uses in this run: mio's kqueue rules (separate
// read and write filters with one token, EV_CLEAR, EV_RECEIPT errors,
// reregister adding and deleting filters, deregister ignoring ENOENT, EV_EOF
// as closed), its two wakers (EVFILT_USER, and the pipe of
// MIO_FORCE_WAKER_PIPE=1), waitAsync's off-thread kevent and its cancel
// event, a target without EVFILT_USER (NetBSD, OpenBSD and DragonFly wake
// through a pipe: emulated here by hiding libkqueue's), and how
// MIO_KQUEUE_LIB selects it. They need libkqueue: MIO_KQUEUE_LIB names it;
// without it each is skipped with the reason.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import process from "node:process";
import {
  EventBuffer,
  INTEREST_AIO,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  READY_ERROR,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  type SysWaker,
} from "../sys/contract.ts";
import {
  KqueueSelector,
  type KqueueSystem,
  type KqueueTarget,
  libkqueueTarget,
  openKqueue,
} from "../sys/unix/kqueue.ts";
import { IoError, pipe, type Receiver, type Sender } from "../mod.ts";
import { WAIT_BOUND_MS, waitUntil } from "./util/events.ts";
import { bytes, closeAll } from "./util/io.ts";
import { tcpPair } from "./util/sockets.ts";
import { fdFlags, isFdOpen } from "./util/descriptors.ts";
import { test } from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";

import { PipeWaker } from "../sys/unix/wakers.ts";

const lib = process.env.MIO_KQUEUE_LIB ?? "";
const skip = process.platform !== "linux"
  ? `libkqueue runs the kqueue selector on Linux (this is ${process.platform})`
  : lib === ""
  ? "MIO_KQUEUE_LIB is not set (the path of a libkqueue.so)"
  : !existsSync(lib)
  ? `MIO_KQUEUE_LIB=${lib} does not exist`
  : false;

/** `test(name, fn)`, or a skip with its reason printed when libkqueue is not here. */
function kqueueTest(name: string, fn: () => void | Promise<void>): void {
  test(name, { skip }, fn);
}

let system: KqueueSystem | null = null;
/** libkqueue's functions, opened at the first test that needs them. */
function libkqueue(): KqueueSystem {
  return system ??= openKqueue(libkqueueTarget(lib));
}

/**
 * libkqueue seen as a target without `EVFILT_USER`, as NetBSD, OpenBSD and
 * DragonFly are to mio: its `Waker` and `waitAsync`'s cancel use pipes.
 */
function withoutUserFilter(): KqueueSystem {
  const real = libkqueueTarget(lib);
  const target: KqueueTarget = {
    ...real,
    name: "libkqueue without EVFILT_USER",
    constants: { ...real.constants, EVFILT_USER: null, NOTE_TRIGGER: null },
    waker: "pipe",
  };
  return openKqueue(target);
}

/** A selector over `sys` (libkqueue's unless given) and an event buffer of `capacity`, for `fn`; closed after. */
async function withSelector(
  fn: (selector: KqueueSelector, events: EventBuffer) => void | Promise<void>,
  options: { wakeWithPipe?: boolean; sys?: KqueueSystem; capacity?: number } = {},
): Promise<void> {
  const sys = options.sys ?? libkqueue();
  const selector = new KqueueSelector(sys, () => new PipeWaker(), options.wakeWithPipe ?? false);
  try {
    await fn(selector, new EventBuffer(options.capacity ?? 16, sys.target.kevent.size));
  } finally {
    selector.close();
  }
}

/**
 * The events of one `select` as "token:readiness" strings, sorted; by
 * default it waits up to `WAIT_BOUND_MS` for the first (a busy machine may
 * deliver loopback data late).
 */
function selected(selector: KqueueSelector, events: EventBuffer, timeoutMs = WAIT_BOUND_MS): string[] {
  selector.select(events, timeoutMs);
  const seen: string[] = [];
  for (let i = 0; i < events.length; i++) seen.push(`${events.tokens[i]}:${events.readiness[i]}`);
  return seen.sort();
}

/** Selects until an event with `token` has all of `readiness` (failing after `WAIT_BOUND_MS`); returns what was seen. */
function awaitEvent(
  selector: KqueueSelector,
  events: EventBuffer,
  token: number,
  readiness: number,
): string[] {
  const seen: string[] = [];
  const deadline = performance.now() + WAIT_BOUND_MS;
  while (performance.now() < deadline) {
    selector.select(events, WAIT_BOUND_MS);
    for (let i = 0; i < events.length; i++) {
      seen.push(`${events.tokens[i]}:${events.readiness[i]}`);
      if (events.tokens[i] === token && (events.readiness[i] & readiness) === readiness) return seen;
    }
  }
  assert.fail(`no event ${token} with readiness ${readiness}; seen ${seen.join(", ") || "none"}`);
}

const RW = INTEREST_READABLE | INTEREST_WRITABLE;

kqueueTest(
  "read and write are separate filters: one socket gives two events with its token",
  () =>
    withSelector((selector, events) => {
      const [client, server] = tcpPair();
      try {
        selector.register(client.fd, 5, RW, 0);
        assert.deepEqual(selected(selector, events), [`5:${READY_WRITABLE}`]);
        assert.equal(server.write(bytes("x")), 1);
        // libkqueue also re-reports the write filter on a read edge (tests/util LIBKQUEUE_SHARED_EDGE).
        const seen = awaitEvent(selector, events, 5, READY_READABLE);
        assert.ok(seen.every((e) => e === `5:${READY_READABLE}` || e === `5:${READY_WRITABLE}`), seen.join());
      } finally {
        closeAll(client, server);
      }
    }),
);

kqueueTest(
  "EV_EOF on the read filter is read-closed; EV_CLEAR reports it once",
  () =>
    withSelector((selector, events) => {
      const [client, server] = tcpPair();
      try {
        selector.register(client.fd, 6, INTEREST_READABLE, 0);
        server.close();
        awaitEvent(selector, events, 6, READY_READABLE | READY_READ_CLOSED);
        assert.deepEqual(selected(selector, events, 50), []);
      } finally {
        closeAll(client, server);
      }
    }),
);

kqueueTest(
  "reregister deletes the filter interest no longer asks for, and changes the token",
  () =>
    withSelector((selector, events) => {
      const [client, server] = tcpPair();
      try {
        selector.register(client.fd, 1, RW, 0);
        assert.deepEqual(selected(selector, events), [`1:${READY_WRITABLE}`]);
        selector.reregister(client.fd, 2, INTEREST_READABLE, 0);
        assert.equal(server.write(bytes("x")), 1);
        assert.deepEqual(selected(selector, events), [`2:${READY_READABLE}`], "no write filter left");
      } finally {
        closeAll(client, server);
      }
    }),
);

kqueueTest(
  "deregister deletes both filters; ENOENT is ignored, so twice is fine; register twice updates",
  () =>
    withSelector((selector, events) => {
      const [client, server] = tcpPair();
      try {
        selector.register(client.fd, 1, INTEREST_READABLE, 0);
        selector.register(client.fd, 3, INTEREST_READABLE, 0); // EV_ADD of an existing filter: updated
        assert.equal(server.write(bytes("x")), 1);
        assert.deepEqual(selected(selector, events), [`3:${READY_READABLE}`]);
        selector.deregister(client.fd);
        selector.deregister(client.fd);
        assert.equal(server.write(bytes("y")), 1);
        assert.deepEqual(selected(selector, events, 50), []);
      } finally {
        closeAll(client, server);
      }
    }),
);

kqueueTest(
  "a change's error comes back in its EV_RECEIPT entry: a closed descriptor is EBADF from kevent",
  () =>
    withSelector((selector) => {
      const [sender, receiver] = pipe();
      const fd = receiver.fd;
      receiver.close();
      sender.close();
      assert.ok(!isFdOpen(fd));
      let caught: unknown;
      try {
        selector.register(fd, 1, INTEREST_READABLE, 0);
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof IoError, String(caught));
      assert.deepEqual([caught.code, caught.syscall, caught.kind], ["EBADF", "kevent", "BadResource"]);
    }),
);

kqueueTest(
  "a pipe whose writer is gone registers (EPIPE would be ignored) and reports read-closed",
  () =>
    withSelector((selector, events) => {
      const [sender, receiver] = pipe();
      try {
        sender.close();
        selector.register(receiver.fd, 4, INTEREST_READABLE, 0);
        awaitEvent(selector, events, 4, READY_READ_CLOSED);
      } finally {
        closeAll(sender, receiver);
      }
    }),
);

kqueueTest(
  "an interest with neither readable nor writable (AIO alone) adds no filter",
  () =>
    withSelector((selector, events) => {
      const [sender, receiver] = pipe();
      try {
        selector.register(receiver.fd, 1, INTEREST_AIO, 0);
        assert.equal(sender.write(bytes("x")), 1);
        assert.deepEqual(selected(selector, events, 50), []);
      } finally {
        closeAll(sender, receiver);
      }
    }),
);

kqueueTest("a token up to 2^53 - 1 round-trips through udata", () =>
  withSelector((selector, events) => {
    const [sender, receiver] = pipe();
    try {
      selector.register(receiver.fd, 2 ** 53 - 1, INTEREST_READABLE, 0);
      assert.equal(sender.write(bytes("x")), 1);
      assert.deepEqual(selected(selector, events), [`${2 ** 53 - 1}:${READY_READABLE}`]);
    } finally {
      closeAll(sender, receiver);
    }
  }));

kqueueTest("the kqueue descriptor is close-on-exec (fcntl F_SETFD, as mio); close() closes it, once", () => {
  const selector = new KqueueSelector(libkqueue(), () => new PipeWaker(), false);
  const fd = selector.fd;
  try {
    assert.ok((fdFlags(fd) & 0o2000000) !== 0, "O_CLOEXEC");
    assert.equal(selector.backend, "kqueue");
    assert.equal(selector.closed, false);
  } finally {
    selector.close();
    selector.close();
  }
  assert.equal(selector.closed, true);
  assert.ok(!isFdOpen(fd), "the kqueue descriptor is closed");
});

/** Wakes `waker` three times, then expects exactly one event with `token`. */
function assertCoalesced(
  selector: KqueueSelector,
  events: EventBuffer,
  waker: SysWaker,
  token: number,
): void {
  waker.wake();
  waker.wake();
  waker.wake();
  assert.deepEqual(selected(selector, events), [`${token}:${READY_READABLE}`]);
  assert.deepEqual(selected(selector, events, 50), []);
}

kqueueTest(
  "the EVFILT_USER waker: wakes coalesce; closing it deletes a pending wake; a new one wakes",
  () =>
    withSelector((selector, events) => {
      const waker = selector.createWaker(9);
      assertCoalesced(selector, events, waker, 9);
      waker.wake();
      waker.close();
      waker.close();
      assert.deepEqual(selected(selector, events, 50), [], "the pending wake went with the event");
      const next = selector.createWaker(10);
      try {
        assertCoalesced(selector, events, next, 10);
      } finally {
        next.close();
      }
    }),
);

kqueueTest(
  "the pipe waker (MIO_FORCE_WAKER_PIPE=1) works on kqueue too",
  () =>
    withSelector((selector, events) => {
      const waker = selector.createWaker(11);
      try {
        assertCoalesced(selector, events, waker, 11);
      } finally {
        waker.close();
      }
    }, { wakeWithPipe: true }),
);

kqueueTest("a waker of a closed kqueue does nothing: its descriptor number is never touched again", () => {
  const selector = new KqueueSelector(libkqueue(), () => new PipeWaker(), false);
  const waker = selector.createWaker(1);
  selector.close();
  waker.wake();
  waker.close();
});

kqueueTest(
  "without EVFILT_USER (NetBSD, OpenBSD, DragonFly): a user waker is refused, a pipe waker works",
  async () => {
    const sys = withoutUserFilter();
    assert.throws(() => new KqueueSelector(sys, () => new PipeWaker(), false), /no EVFILT_USER/);
    await withSelector((selector, events) => {
      const waker = selector.createWaker(12);
      try {
        assertCoalesced(selector, events, waker, 12);
      } finally {
        waker.close();
      }
    }, { sys, wakeWithPipe: true });
  },
);

/** `n` pipes, each with one byte written, registered readable with tokens 100, 101, …. */
function readyPipes(selector: KqueueSelector, n: number): [Sender, Receiver][] {
  const pipes: [Sender, Receiver][] = [];
  for (let i = 0; i < n; i++) {
    const pair = pipe();
    pipes.push(pair);
    selector.register(pair[1].fd, 100 + i, INTEREST_READABLE, 0);
    assert.equal(pair[0].write(bytes("x")), 1);
  }
  return pipes;
}

kqueueTest(
  "waitAsync collects events off the thread; select hands them out capacity by capacity, none lost",
  () =>
    withSelector(async (selector, events) => {
      const pipes = readyPipes(selector, 10);
      try {
        await selector.waitAsync(1000);
        const tokens: number[] = [];
        for (let round = 0; round < 3; round++) {
          selector.select(events, 0);
          assert.ok(events.length <= 4);
          for (let i = 0; i < events.length; i++) tokens.push(events.tokens[i]);
        }
        assert.deepEqual(tokens.sort(), Array.from({ length: 10 }, (_, i) => 100 + i));
        await selector.waitAsync(0);
        assert.deepEqual(selected(selector, events, 0), []);
      } finally {
        closeAll(...pipes.flat());
      }
    }, { capacity: 4 }),
);

/** interruptWait ends a pending wait at once, and the cancel event is never reported. */
async function assertInterruptible(selector: KqueueSelector, events: EventBuffer): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const wait = selector.waitAsync(-1);
    selector.interruptWait();
    await wait;
    assert.deepEqual(selected(selector, events, 0), [], "the cancel event is waitAsync's own");
  }
  const waker = selector.createWaker(13);
  try {
    const wait = selector.waitAsync(-1);
    waker.wake();
    await wait;
    assert.deepEqual(selected(selector, events, 0), [`13:${READY_READABLE}`]);
  } finally {
    waker.close();
  }
}

kqueueTest(
  "interruptWait ends waitAsync through its EVFILT_USER cancel event, which select never reports",
  () => withSelector(assertInterruptible),
);

kqueueTest(
  "without EVFILT_USER, waitAsync's cancel is a pipe, which select never reports either",
  () => withSelector(assertInterruptible, { sys: withoutUserFilter(), wakeWithPipe: true }),
);

kqueueTest("close() during waitAsync: the wait returns, then the kqueue descriptor is closed", async () => {
  const selector = new KqueueSelector(libkqueue(), () => new PipeWaker(), false);
  const fd = selector.fd;
  const wait = selector.waitAsync(-1);
  selector.close();
  assert.ok(selector.closed);
  await wait;
  assert.ok(!isFdOpen(fd), "closed once the off-thread kevent returned");
});

kqueueTest(
  "a reset is EV_EOF with the socket's error in fflags: read-closed and error",
  () =>
    withSelector((selector, events) => {
      const [client, server] = tcpPair();
      try {
        selector.register(client.fd, 7, RW, 0);
        selected(selector, events);
        // The server closes with data unread: the kernel sends a reset.
        assert.equal(client.write(bytes("unread")), 6);
        waitUntil(() => server.peek(new Uint8Array(1)));
        server.close();
        awaitEvent(selector, events, 7, READY_READ_CLOSED | READY_ERROR);
      } finally {
        closeAll(client, server);
      }
    }),
);

// --- how MIO_KQUEUE_LIB selects the kqueue selector (in child processes) -------

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const g = globalThis as { Deno?: unknown };

/** Runs tests/poll_selector/report_backend with `env` as the only selector variables. */
function report(env: Record<string, string>): { backend: string; wakerOpened: string[] } {
  const file = fileURLToPath(new URL(`./poll_selector/report_backend.${ext}`, import.meta.url));
  const vars: Record<string, string | undefined> = { ...process.env };
  for (const name of ["MIO_FORCE_POLL_POLL", "MIO_FORCE_WAKER_PIPE", "MIO_KQUEUE_LIB"]) {
    vars[name] = env[name] ?? "";
  }
  const args = g.Deno ? ["run", "-A", file] : [file];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: vars, timeout: hangGuardMs(60_000) });
  assert.equal(r.status, 0, `report_backend failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

kqueueTest(
  "MIO_KQUEUE_LIB selects kqueue; with MIO_FORCE_WAKER_PIPE=1 its Waker is a pipe; MIO_FORCE_POLL_POLL=1 wins",
  () => {
    const user = report({ MIO_KQUEUE_LIB: lib });
    assert.equal(user.backend, "kqueue");
    assert.ok(!user.wakerOpened.includes("pipe"), `an EVFILT_USER event, not a pipe: ${user.wakerOpened}`);
    const piped = report({ MIO_KQUEUE_LIB: lib, MIO_FORCE_WAKER_PIPE: "1" });
    assert.deepEqual(piped, { ...piped, backend: "kqueue", wakerOpened: ["pipe", "pipe"] });
    assert.equal(report({ MIO_KQUEUE_LIB: lib, MIO_FORCE_POLL_POLL: "1" }).backend, "poll");
    assert.equal(report({}).backend, "epoll");
  },
);
