// Closing a Worker's descriptors when its thread ends with no JavaScript to
// run (sys/thread_exit.ts): the budget and fallback of `ThreadExitCloser`
// over fake slots, and, on Linux, real pthread keys: a descriptor held in a
// Worker is closed when terminate() ends it, a released one is not, and the
// main thread holds nothing; on Linux and Windows (FLS slots), a socket a
// terminated Worker registered through a shared registry does not block its
// number's next registration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { Worker } from "node:worker_threads";
import { Events, Interest, IoError, Poll, Token, Waker } from "../mod.ts";
import { type ExitSlots, ThreadExitCloser } from "../sys/thread_exit.ts";
import { test as skippable } from "./util/skips.ts";
import { waitFor } from "./util/events.ts";
import { socketNumbered } from "./thread_exit/socket_numbered.ts";
import { windowsHandleFlags } from "./util/windows_handles.ts";

/** Fake slots numbered from `first`, recording every call; `create` fails once `left` reaches 0. */
function fakeSlots(first: number, left = Infinity) {
  const calls: string[] = [];
  const values = new Map<number, number>();
  let next = first;
  const slots: ExitSlots = {
    create: () => {
      if (left-- <= 0) return null;
      calls.push(`create ${next}`);
      return next++;
    },
    set: (slot, fd) => {
      calls.push(`set ${slot} ${fd}`);
      values.set(slot, fd);
    },
    delete: (slot) => {
      calls.push(`delete ${slot}`);
      assert.equal(values.get(slot) ?? 0, 0, `slot ${slot} deleted with a value`);
      values.delete(slot);
    },
  };
  return { slots, calls, values };
}

test("hold() sets a slot to the descriptor; release() clears it before freeing it", () => {
  const { slots, calls, values } = fakeSlots(3);
  const closer = new ThreadExitCloser(slots, 10);
  assert.equal(closer.hold(7), true);
  assert.deepEqual([...values], [[3, 7]]);
  closer.release(7);
  assert.deepEqual(calls, ["create 3", "set 3 7", "set 3 0", "delete 3"]);
  assert.equal(closer.size, 0);
});

test("hold() of a descriptor held already takes no second slot; release() of one not held does nothing", () => {
  const { slots, calls } = fakeSlots(0);
  const closer = new ThreadExitCloser(slots, 10);
  assert.equal(closer.hold(5), true);
  assert.equal(closer.hold(5), true);
  closer.release(6);
  assert.deepEqual(calls, ["create 0", "set 0 5"]);
  assert.equal(closer.size, 1);
});

test("a slot numbered at the limit or above is freed at once: the descriptor is not held (the budget)", () => {
  const { slots, calls, values } = fakeSlots(4);
  const closer = new ThreadExitCloser(slots, 6);
  assert.equal(closer.hold(10), true);
  assert.equal(closer.hold(11), true);
  assert.equal(closer.hold(12), false);
  assert.deepEqual(calls.slice(-2), ["create 6", "delete 6"]);
  assert.deepEqual([...values], [[4, 10], [5, 11]]);
  closer.release(12);
  assert.equal(closer.size, 2);
});

test("no slot left, or descriptor 0 (a slot's value 0 means none): not held, nothing set", () => {
  const { slots, calls } = fakeSlots(0, 0);
  assert.equal(new ThreadExitCloser(slots, 10).hold(9), false);
  const zero = fakeSlots(0);
  assert.equal(new ThreadExitCloser(zero.slots, 10).hold(0), false);
  assert.deepEqual([...calls, ...zero.calls], []);
});

const NOT_LINUX = process.platform !== "linux" ? "reads /proc/self/fd (Linux)" : false;
const NOT_LINUX_OR_WINDOWS = process.platform !== "linux" && process.platform !== "win32"
  ? "reads /proc/self/fd (Linux) or the handle table (Windows)"
  : false;

skippable(
  "the main thread holds nothing: its descriptors end with the process",
  { skip: NOT_LINUX },
  async () => {
    const { threadExit } = await import("../sys/unix/thread_exit_keys.ts");
    assert.equal(threadExit.hold(1), false);
  },
);

/**
 * Waits until the thread `/proc/thread-self` named (`<pid>/task/<tid>`) is
 * gone, so its keys' destructors have run: a runtime may report a Worker's
 * exit before its thread ends. Bounded, against a hang.
 */
async function threadGone(thread: string): Promise<void> {
  for (let i = 0; i < 400 && existsSync(`/proc/${thread}`); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(!existsSync(`/proc/${thread}`), `thread ${thread} still runs`);
}

/**
 * Waits until the handle `handle` is closed (Windows), as the thread of the
 * Worker that held it ends: a runtime may report a Worker's exit before its
 * thread ends. Bounded, against a hang.
 */
async function handleClosed(handle: number): Promise<void> {
  for (let i = 0; i < 400 && windowsHandleFlags(handle) !== null; i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(windowsHandleFlags(handle), null, `handle ${handle} is still open`);
}

/** Whether descriptor or handle `fd` is open. */
function isOpen(fd: number): boolean {
  return process.platform === "win32" ? windowsHandleFlags(fd) !== null : existsSync(`/proc/self/fd/${fd}`);
}

/** The descriptors of this process that link to `link`. */
function linkedTo(link: string): string[] {
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === link;
    } catch {
      return false;
    }
  });
}

skippable(
  "a Worker's held descriptor is closed when terminate() ends it; one it released stays open",
  { skip: NOT_LINUX },
  async () => {
    const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
    const worker = new Worker(fileURLToPath(new URL(`./thread_exit/held_worker.${ext}`, import.meta.url)));
    const exited = new Promise<void>((resolve) => worker.on("exit", () => resolve()));
    const m = await new Promise<
      {
        thread: string;
        reader: number;
        writer: number;
        readerHeld: boolean;
        writerHeld: boolean;
        link: string;
      }
    >(
      (resolve) => worker.once("message", resolve),
    );
    assert.equal(m.readerHeld, true);
    assert.equal(m.writerHeld, true);
    // Given time to end by itself, as a Worker with nothing left to run does: it must not (its thread's end
    // would close the read end before the parent looks).
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(linkedTo(m.link).sort(), [String(m.reader), String(m.writer)].sort());
    await worker.terminate();
    await exited;
    await threadGone(m.thread);
    assert.deepEqual(
      linkedTo(m.link),
      [String(m.writer)],
      "the read end is closed, the released write end open",
    );
    const { libc } = await import("../sys/unix/libc.ts");
    assert.equal(libc.close(m.writer), 0);
  },
);

skippable(
  "descriptors shared with another Worker stay open when terminate() ends their owner: that Worker may use them",
  { skip: NOT_LINUX },
  async () => {
    const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
    const worker = new Worker(fileURLToPath(new URL(`./thread_exit/shared_worker.${ext}`, import.meta.url)));
    const exited = new Promise<void>((resolve) => worker.on("exit", () => resolve()));
    const m = await new Promise<{ thread: string; waker: unknown; links: [number, string][] }>((resolve) =>
      worker.once("message", resolve)
    );
    const copy = Waker.fromShared(m.waker);
    await worker.terminate();
    await exited;
    await threadGone(m.thread);
    let closedByOwner = false;
    try {
      for (let i = 0; i < 3; i++) copy.wake();
    } catch (e) {
      // Deno at times runs the Worker's exit listeners on terminate(): the owner then closed its Waker and Poll
      // through their guards, which is what a copy's BadResource says.
      assert.ok(e instanceof IoError && e.kind === "BadResource", `wake(): ${e}`);
      closedByOwner = true;
    } finally {
      copy.close();
    }
    if (closedByOwner) return;
    for (const [fd, link] of m.links) {
      assert.equal(readlinkSync(`/proc/self/fd/${fd}`), link, `descriptor ${fd}`);
    }
  },
);

/**
 * Starts tests/thread_exit/registering_worker with `data`; returns its first
 * report, a function that waits for the next one, and a function that
 * terminates it and waits until its thread is gone (on Windows: until the
 * socket of its first report is closed, as its thread ends).
 */
async function registeringWorker(data: { value: unknown; token: number; fd: number | null }) {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const worker = new Worker(
    fileURLToPath(new URL(`./thread_exit/registering_worker.${ext}`, import.meta.url)),
    {
      workerData: data,
    },
  );
  const exited = new Promise<void>((resolve) => worker.on("exit", () => resolve()));
  const next = () =>
    new Promise<{ thread: string; fd: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  const report = await next();
  const end = async () => {
    await worker.terminate();
    await exited;
    if (process.platform === "win32") await handleClosed(report.fd);
    else await threadGone(report.thread);
  };
  return { worker, report, next, end };
}

/**
 * A Poll with a socket of a Worker registered through its shared registry
 * (and applied), then that Worker terminated: its socket is closed by the
 * thread's exit, never deregistered. Returns the Poll and the closed number.
 */
async function pollWithClosedRegistration(): Promise<{ poll: Poll; events: Events; fd: number }> {
  const poll = new Poll();
  const events = new Events(8);
  const first = await registeringWorker({ value: poll.registry().share(), token: 7, fd: null });
  poll.poll(events, 0);
  await first.end();
  assert.ok(!isOpen(first.report.fd), "the Worker's socket is closed at its exit");
  return { poll, events, fd: first.report.fd };
}

skippable(
  "a descriptor a terminated Worker registered through a shared registry does not block its number's next registration (the owner's)",
  { skip: NOT_LINUX_OR_WINDOWS },
  async () => {
    const { poll, events, fd } = await pollWithClosedRegistration();
    const socket = socketNumbered(fd);
    try {
      poll.registry().register(socket, Token(9), Interest.READABLE);
      socket.send(new Uint8Array([1]));
      assert.equal(waitFor(poll, events, Token(9)).readable, true);
    } finally {
      socket.close();
      poll.close();
    }
  },
);

skippable(
  "a descriptor a terminated Worker registered through a shared registry does not block its number's next registration (another Worker's)",
  {
    skip: process.platform === "win32"
      ? "a freed handle number goes to whichever thread opens a handle first, and a Worker's start and the " +
        "runtime's own threads open many: the Worker cannot be sure to get it back (seen under load)"
      : NOT_LINUX,
  },
  async () => {
    const { poll, events, fd } = await pollWithClosedRegistration();
    // The Worker's own start takes descriptors: the number is kept taken until it is ready.
    const reserved = socketNumbered(fd);
    const second = await registeringWorker({ value: poll.registry().share(), token: 9, fd });
    try {
      reserved.close();
      const registered = second.next();
      second.worker.postMessage("go");
      assert.equal((await registered).fd, fd);
      assert.equal(waitFor(poll, events, Token(9)).readable, true);
    } finally {
      await second.end();
      poll.close();
    }
  },
);
