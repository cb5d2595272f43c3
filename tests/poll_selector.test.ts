// The poll(2) selector (mio's selector/poll.rs) and the MIO_FORCE_* flags.
// The flags are checked in child processes, so both choices are seen in one
// run. The selector's own rules (edge-triggering emulated by disarming what
// was reported until rearm or reregister, descriptors dropped after
// POLLHUP/POLLNVAL and left out after POLLERR until rearm, the scan's
// rotating start, slot bookkeeping, its slot-0 waker) are checked
// on a PollSelector built directly, whatever backend `Poll` uses; the
// behaviour seen through `Poll` is checked on the backend in use.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { Interest, Poll, Token } from "../mod.ts";
import {
  EventBuffer,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  READY_ERROR,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
} from "../sys/contract.ts";
import type { PollSelector } from "../sys/unix/poll.ts";
import { expect, expectEvents, expectNoEvents, initWithPoll, Readiness, waitUntil } from "./util/events.ts";
import { assertIoError, assertWouldBlock, bytes, closeAll } from "./util/io.ts";
import { tcpPair, waitReadable } from "./util/sockets.ts";
import {
  LIBKQUEUE_NO_REARM,
  LINUX_ONLY,
  NOT_ON_WINDOWS,
  onLibkqueue,
  onSimulatedAbi,
  test,
  testUnlessWindows,
} from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";
import { libc, openPipe } from "../sys/unix/libc.ts";
import { EventfdWaker, PipeWaker } from "../sys/unix/wakers.ts";
import { UNIX } from "../sys/unix/unix_os.ts";
import * as unixPoll from "../sys/unix/poll.ts";

/** `test`, but on Windows each test is skipped with its reason printed: the poll(2) selector is Unix-only. */
const unixTest = testUnlessWindows(NOT_ON_WINDOWS.unixSelector);

const g = globalThis as { Deno?: unknown };
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

// --- the flags, seen from child processes ------------------------------------

interface Report {
  backend: string;
  pollOpened: string[];
  wakerOpened: string[];
}

/**
 * Runs tests/poll_selector/report_backend with `flags` as the only
 * MIO_FORCE_* variables (on Deno with `denoPermissions`, and then reporting
 * the backend alone unless they include `-A`: the rest reads /proc).
 */
function report(flags: Record<string, string>, denoPermissions = ["-A"]): Partial<Report> {
  const file = fileURLToPath(new URL(`./poll_selector/report_backend.${ext}`, import.meta.url));
  const env: Record<string, string | undefined> = { ...process.env };
  // Emptied, not deleted: Deno's spawnSync merges the parent's environment back in.
  for (const name of ["MIO_FORCE_POLL_POLL", "MIO_FORCE_WAKER_PIPE", "MIO_KQUEUE_LIB"]) {
    env[name] = flags[name] ?? "";
  }
  const args = g.Deno ? ["run", ...denoPermissions, file] : [file];
  if (!denoPermissions.includes("-A")) args.push("backend");
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env, timeout: hangGuardMs(60_000) });
  assert.equal(r.status, 0, `report_backend failed (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

unixTest(
  "MIO_FORCE_POLL_POLL=1 selects the poll(2) selector and MIO_FORCE_WAKER_PIPE=1 the pipe waker",
  { skip: onSimulatedAbi(LINUX_ONLY.proc) },
  () => {
    const pipe = ["pipe", "pipe"];
    const cases: [Record<string, string>, Report][] = [
      [{}, {
        backend: "epoll",
        pollOpened: ["anon_inode:[eventpoll]"],
        wakerOpened: ["anon_inode:[eventfd]"],
      }],
      [{ MIO_FORCE_WAKER_PIPE: "1" }, {
        backend: "epoll",
        pollOpened: ["anon_inode:[eventpoll]"],
        wakerOpened: pipe,
      }],
      // poll(2): the Poll opens its wake descriptor in slot 0; the Waker shares it.
      [{ MIO_FORCE_POLL_POLL: "1" }, {
        backend: "poll",
        pollOpened: ["anon_inode:[eventfd]"],
        wakerOpened: [],
      }],
      [{ MIO_FORCE_POLL_POLL: "1", MIO_FORCE_WAKER_PIPE: "1" }, {
        backend: "poll",
        pollOpened: pipe,
        wakerOpened: [],
      }],
      // Only "1" sets a flag.
      [{ MIO_FORCE_POLL_POLL: "0", MIO_FORCE_WAKER_PIPE: "yes" }, {
        backend: "epoll",
        pollOpened: ["anon_inode:[eventpoll]"],
        wakerOpened: ["anon_inode:[eventfd]"],
      }],
    ];
    for (const [flags, expected] of cases) assert.deepEqual(report(flags), expected, JSON.stringify(flags));
  },
);

const denoOnly = g.Deno ? false : "Deno's --allow-env permission only exists on Deno";
unixTest(
  "the flags need --allow-env on Deno: without it they are ignored, with no prompt",
  { skip: denoOnly },
  () => {
    const flags = { MIO_FORCE_POLL_POLL: "1", MIO_FORCE_WAKER_PIPE: "1" };
    assert.equal(report(flags, ["--allow-ffi", "--allow-read"]).backend, "epoll");
    assert.equal(
      report(flags, ["--allow-ffi", "--allow-read", "--allow-env=MIO_FORCE_POLL_POLL"]).backend,
      "poll",
    );
  },
);

// --- the selector's rules, on a PollSelector built directly -------------------

/** A poll(2) selector (an eventfd waker, or a pipe where there is no eventfd) and an event buffer of `capacity`. */
function pollSelector(capacity = 16): [PollSelector, EventBuffer] {
  const newWaker = UNIX.kqueueOs === null ? () => new EventfdWaker() : () => new PipeWaker();
  return [
    new unixPoll.PollSelector(UNIX.layouts.pollfd, newWaker),
    new EventBuffer(capacity, 0),
  ];
}

/** `[token, readiness]` of each event of one `select`. */
function select(selector: PollSelector, buffer: EventBuffer, timeoutMs = 0): [number, number][] {
  selector.select(buffer, timeoutMs);
  const out: [number, number][] = [];
  for (let i = 0; i < buffer.length; i++) out.push([buffer.tokens[i], buffer.readiness[i]]);
  return out;
}

/** A non-blocking, close-on-exec pipe: `[reader, writer]`. */
function rawPipe(): [number, number] {
  const ends = new Int32Array(2);
  openPipe(ends);
  return [ends[0], ends[1]];
}

const ONE = new Uint8Array([1]);
const sink = new Uint8Array(256);

function writeByte(fd: number): void {
  assert.equal(libc.write(fd, ONE, 1), 1);
}

/** Reads `fd` until it would block; returns the bytes read. */
function drain(fd: number): number {
  let total = 0;
  for (let n; (n = libc.read(fd, sink, sink.byteLength)) > 0;) total += n;
  return total;
}

function closeFds(...fds: number[]): void {
  for (const fd of fds) libc.close(fd);
}

unixTest("poll selector: reported readiness stays disarmed until rearm (mio's do_io re-registration)", () => {
  const [selector, buffer] = pollSelector();
  const [reader, writer] = rawPipe();
  try {
    selector.register(reader, 1, INTEREST_READABLE, 0);
    assert.deepEqual(select(selector, buffer), []);
    writeByte(writer);
    assert.deepEqual(select(selector, buffer), [[1, READY_READABLE]]);
    // poll(2) is level-triggered: the unread byte would be reported again, but readable is disarmed.
    assert.deepEqual(select(selector, buffer), []);
    writeByte(writer);
    assert.deepEqual(select(selector, buffer, 20), []);
    // An operation that returned WouldBlock re-arms every interest.
    assert.equal(drain(reader), 2);
    selector.rearm(reader);
    assert.deepEqual(select(selector, buffer), []);
    writeByte(writer);
    assert.deepEqual(select(selector, buffer), [[1, READY_READABLE]]);
    // Rearming with data still unread reports it at once (the level is there).
    selector.rearm(reader);
    assert.deepEqual(select(selector, buffer), [[1, READY_READABLE]]);
  } finally {
    selector.close();
    closeFds(reader, writer);
  }
});

unixTest("poll selector: reregister re-arms every interest with the new token", () => {
  const [selector, buffer] = pollSelector();
  const [reader, writer] = rawPipe();
  try {
    selector.register(writer, 1, INTEREST_WRITABLE, 0);
    assert.deepEqual(select(selector, buffer), [[1, READY_WRITABLE]]);
    assert.deepEqual(select(selector, buffer), []);
    selector.reregister(writer, 2, INTEREST_WRITABLE, 0);
    assert.deepEqual(select(selector, buffer), [[2, READY_WRITABLE]]);
    selector.register(reader, 3, INTEREST_READABLE, 0);
    writeByte(writer);
    assert.deepEqual(select(selector, buffer), [[3, READY_READABLE]]);
  } finally {
    selector.close();
    closeFds(reader, writer);
  }
});

unixTest(
  "poll selector: a descriptor that reported POLLHUP is dropped after the event, until reregistered",
  () => {
    const [selector, buffer] = pollSelector();
    const [reader, writer] = rawPipe();
    try {
      selector.register(reader, 1, INTEREST_READABLE, 0);
      libc.close(writer);
      assert.deepEqual(select(selector, buffer), [[1, READY_READ_CLOSED | READY_WRITE_CLOSED]]);
      // POLLHUP is reported even with no interest armed; dropped, the descriptor is not polled at all.
      assert.deepEqual(select(selector, buffer, 20), []);
      selector.rearm(reader);
      assert.deepEqual(select(selector, buffer), [], "rearm leaves a dropped descriptor dropped");
      selector.reregister(reader, 2, INTEREST_READABLE, 0);
      assert.deepEqual(select(selector, buffer), [[2, READY_READ_CLOSED | READY_WRITE_CLOSED]]);
      // Dropped again: deregister still succeeds, and so does registering it anew (mio forgot it).
      selector.deregister(reader);
      selector.register(reader, 3, INTEREST_READABLE, 0);
      assert.deepEqual(select(selector, buffer), [[3, READY_READ_CLOSED | READY_WRITE_CLOSED]]);
      selector.register(reader, 4, INTEREST_READABLE, 0);
      assert.deepEqual(select(selector, buffer), [[4, READY_READ_CLOSED | READY_WRITE_CLOSED]]);
    } finally {
      selector.close();
      closeFds(reader);
    }
  },
);

unixTest("poll selector: with 5 ready and room for 2, three selects report each once, then nothing", () => {
  const [selector, buffer] = pollSelector(2);
  const pipes = [0, 1, 2, 3, 4].map(() => rawPipe());
  try {
    pipes.forEach(([reader, writer], i) => {
      selector.register(reader, i, INTEREST_READABLE, 0);
      writeByte(writer);
    });
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) for (const [token] of select(selector, buffer)) seen.push(token);
    assert.deepEqual(seen.sort(), [0, 1, 2, 3, 4], "every ready descriptor, each once");
    assert.deepEqual(select(selector, buffer), [], "reported bits stay disarmed until rearm");
    // Re-armed (and still readable), each is reported again, in turn.
    for (const [reader] of pipes) selector.rearm(reader);
    const again: number[] = [];
    for (let i = 0; i < 3; i++) for (const [token] of select(selector, buffer)) again.push(token);
    assert.deepEqual(again.sort(), [0, 1, 2, 3, 4]);
  } finally {
    selector.close();
    closeFds(...pipes.flat());
  }
});

unixTest("poll selector: POLLERR alone leaves the descriptor out until rearm, then it reports again", () => {
  const [selector, buffer] = pollSelector();
  const [reader, writer] = rawPipe();
  try {
    selector.register(writer, 1, INTEREST_WRITABLE, 0);
    assert.deepEqual(select(selector, buffer), [[1, READY_WRITABLE]]);
    libc.close(reader);
    assert.deepEqual(select(selector, buffer), [[1, READY_ERROR | READY_WRITE_CLOSED]]);
    assert.deepEqual(select(selector, buffer, 20), [], "left out: POLLERR is not reported on every select");
    assertIoError(() => selector.register(writer, 2, INTEREST_WRITABLE, 0), "AlreadyExists");
    selector.rearm(writer);
    assert.deepEqual(select(selector, buffer), [[1, READY_WRITABLE | READY_ERROR | READY_WRITE_CLOSED]]);
  } finally {
    selector.close();
    closeFds(writer);
  }
});

unixTest("poll selector: POLLERR (a pipe's reader gone) is error and write-closed, then left out", () => {
  const [selector, buffer] = pollSelector();
  const [reader, writer] = rawPipe();
  try {
    selector.register(writer, 1, INTEREST_WRITABLE, 0);
    assert.deepEqual(select(selector, buffer), [[1, READY_WRITABLE]]);
    libc.close(reader);
    // Writable is disarmed, so revents is POLLERR alone: mio's `events == POLLERR` write-closed rule.
    assert.deepEqual(select(selector, buffer), [[1, READY_ERROR | READY_WRITE_CLOSED]]);
    assert.deepEqual(select(selector, buffer, 20), []);
    selector.reregister(writer, 1, INTEREST_WRITABLE, 0);
    assert.deepEqual(select(selector, buffer), [[1, READY_WRITABLE | READY_ERROR | READY_WRITE_CLOSED]]);
  } finally {
    selector.close();
    closeFds(writer);
  }
});

unixTest(
  "poll selector: a descriptor closed without deregistering is dropped without an event (POLLNVAL)",
  () => {
    const [selector, buffer] = pollSelector();
    const [reader, writer] = rawPipe();
    const [other, otherWriter] = rawPipe();
    try {
      selector.register(reader, 1, INTEREST_READABLE, 0);
      selector.register(other, 2, INTEREST_READABLE, 0);
      closeFds(reader, writer);
      assert.deepEqual(select(selector, buffer, 20), []);
      writeByte(otherWriter);
      assert.deepEqual(select(selector, buffer), [[2, READY_READABLE]]);
      selector.deregister(reader);
    } finally {
      selector.close();
      closeFds(other, otherWriter);
    }
  },
);

unixTest("poll selector: AlreadyExists for a second register, NotFound for unknown descriptors", () => {
  const [selector] = pollSelector();
  const [reader, writer] = rawPipe();
  try {
    selector.register(reader, 1, INTEREST_READABLE, 0);
    assert.equal(
      assertIoError(() => selector.register(reader, 2, INTEREST_READABLE, 0), "AlreadyExists").code,
      "EEXIST",
    );
    assert.equal(
      assertIoError(() => selector.reregister(writer, 1, INTEREST_WRITABLE, 0), "NotFound").code,
      "ENOENT",
    );
    assert.equal(assertIoError(() => selector.deregister(writer), "NotFound").code, "ENOENT");
    selector.rearm(writer); // not registered: nothing to re-arm, no error
    selector.deregister(reader);
    assert.equal(assertIoError(() => selector.deregister(reader), "NotFound").code, "ENOENT");
  } finally {
    selector.close();
    closeFds(reader, writer);
  }
});

unixTest("poll selector: grows past its first slots and keeps tokens right after swap-removals", () => {
  const [selector, buffer] = pollSelector(128);
  const pipes = Array.from({ length: 40 }, rawPipe);
  try {
    pipes.forEach(([reader], i) => selector.register(reader, 1000 + i, INTEREST_READABLE, 0));
    for (const [, writer] of pipes) writeByte(writer);
    const all = select(selector, buffer).map(([token]) => token).sort((a, b) => a - b);
    assert.deepEqual(all, pipes.map((_, i) => 1000 + i));
    // Remove every other one (each removal moves the last slot into the hole), re-arm the rest.
    pipes.forEach(([reader], i) => i % 2 === 0 ? selector.deregister(reader) : selector.rearm(reader));
    const odd = select(selector, buffer).map(([token]) => token).sort((a, b) => a - b);
    assert.deepEqual(odd, pipes.map((_, i) => 1000 + i).filter((t) => t % 2 === 1));
  } finally {
    selector.close();
    for (const [reader, writer] of pipes) closeFds(reader, writer);
  }
});

unixTest(
  "poll selector: more ready descriptors than the buffer holds are reported over several selects",
  () => {
    const [selector, buffer] = pollSelector(2);
    const pipes = Array.from({ length: 5 }, rawPipe);
    try {
      pipes.forEach(([reader], i) => selector.register(reader, i, INTEREST_READABLE, 0));
      for (const [, writer] of pipes) writeByte(writer);
      const seen = [...select(selector, buffer), ...select(selector, buffer), ...select(selector, buffer)];
      assert.deepEqual(seen.map(([token]) => token).sort(), [0, 1, 2, 3, 4]);
      assert.deepEqual(select(selector, buffer), []);
    } finally {
      selector.close();
      for (const [reader, writer] of pipes) closeFds(reader, writer);
    }
  },
);

unixTest("poll selector: its waker wakes slot 0 with the waker's token; wakes coalesce", () => {
  const [selector, buffer] = pollSelector();
  const waker = selector.createWaker(2 ** 53 - 1);
  try {
    waker.wake();
    waker.wake();
    assert.deepEqual(select(selector, buffer, 1000), [[2 ** 53 - 1, READY_READABLE]]);
    assert.deepEqual(select(selector, buffer), [], "the wake descriptor was drained");
    waker.close();
    // With no Waker, a wake-up of slot 0 reports nothing and the wait goes on to its timeout.
    selector.wake();
    assert.deepEqual(select(selector, buffer, 20), []);
    selector.close();
    selector.wake(); // the wake descriptor is gone: nothing is written anywhere
  } finally {
    closeAll(waker, selector);
  }
});

// --- the same rules seen through Poll, on the backend in use -----------------

test("a source's next event comes after an operation returned WouldBlock (re-arm, mio's do_io)", () => {
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, Token(1), Interest.READABLE);
    assert.equal(server.write(bytes("a")), 1);
    expectEvents(poll, events, [expect(1, Readiness.READABLE)]);
    const buf = new Uint8Array(1);
    assert.equal(client.read(buf), 1);
    // A read that did not reach WouldBlock: epoll still reports the next write (a new edge);
    // the poll(2) and IOCP backends keep readable disarmed, as mio's do.
    assert.equal(server.write(bytes("b")), 1);
    // "b" has arrived before the check (on Windows, without SourceFd, the read below waits for it).
    waitReadable(client);
    if (Poll.backend === "poll" || Poll.backend === "iocp") expectNoEvents(poll, events);
    else expectEvents(poll, events, [expect(1, Readiness.READABLE)]);
    assert.equal(waitUntil(() => client.read(buf)), 1);
    assertWouldBlock(client.read(buf));
    assert.equal(server.write(bytes("c")), 1);
    expectEvents(poll, events, [expect(1, Readiness.READABLE)]);
  } finally {
    closeAll(client, server, poll);
  }
});

const HUNG_UP = "a hung-up source reports it once; reregister reports it again; deregister succeeds";
test(HUNG_UP, { skip: onLibkqueue(LIBKQUEUE_NO_REARM) }, () => {
  const [poll, events] = initWithPoll();
  const [client, server] = tcpPair();
  try {
    poll.registry().register(client, Token(1), Interest.READABLE);
    client.shutdown("write");
    server.close();
    expectEvents(poll, events, [expect(1, Readiness.READ_CLOSED)]);
    // Dropped on poll(2) (POLLHUP), no new edge on epoll: nothing more.
    expectNoEvents(poll, events);
    poll.registry().reregister(client, Token(2), Interest.READABLE);
    expectEvents(poll, events, [expect(2, Readiness.READ_CLOSED)]);
    poll.registry().deregister(client);
    expectNoEvents(poll, events);
  } finally {
    closeAll(client, server, poll);
  }
});
