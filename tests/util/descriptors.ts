/**
 * Descriptors: their flags, how many are open and what they refer to, read
 * from Linux's `/proc` (on Windows, from the handle table,
 * `windows_handles.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { ffi } from "../../sys/ffi/load.ts";
import { FORCE_WAKER_PIPE, KQUEUE_LIB, ON_LIBKQUEUE, ON_WINDOWS } from "./platform.ts";
import {
  assertNotInheritable,
  windowsHandleFlags,
  windowsHandles,
  windowsMioHandleCount,
} from "./windows_handles.ts";

/** The `flags:` of `/proc/self/fdinfo/<fd>`, in octal as the kernel prints it. */
export function fdFlags(fd: number): number {
  const info = readFileSync(`/proc/self/fdinfo/${fd}`, "utf8");
  const m = /^flags:\s+([0-7]+)/m.exec(info);
  assert.ok(m, `no flags in /proc/self/fdinfo/${fd}`);
  return parseInt(m[1], 8);
}

const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;

/**
 * Asserts `fd` is non-blocking and close-on-exec, as every mio-ts descriptor
 * is; on Windows, that the socket's handle is not inheritable (its
 * non-blocking mode cannot be read back).
 */
export function assertNonBlockingCloexec(fd: number): void {
  if (ON_WINDOWS) return assertNotInheritable(fd);
  const flags = fdFlags(fd);
  assert.ok(flags & O_NONBLOCK, `fd ${fd} is not non-blocking (flags 0${flags.toString(8)})`);
  assert.ok(flags & O_CLOEXEC, `fd ${fd} is not close-on-exec (flags 0${flags.toString(8)})`);
}

/**
 * How many descriptors this process has open (on Windows, File and
 * IoCompletion handles: the kinds mio-ts opens).
 */
export function openFdCount(): number {
  if (ON_WINDOWS) return windowsMioHandleCount();
  settleClosedKqueues();
  return readdirSync("/proc/self/fd").length;
}

/**
 * `openFdCount()` once it equals `expected`, or after 30 s (a hang guard)
 * whatever it is then. The runtime may hold a descriptor of its own for a
 * moment (Bun reads files on another thread), for longer on a busy machine;
 * a leaked descriptor stays, so waiting for the count hides no leak.
 */
export function settledFdCount(expected: number): number {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = performance.now() + 30_000;
  let count = openFdCount();
  while (count !== expected && performance.now() < deadline) {
    Atomics.wait(pause, 0, 0, 5);
    count = openFdCount();
  }
  return count;
}

/** Whether `fd` (on Windows, a handle) is open in this process. */
export function isFdOpen(fd: number): boolean {
  if (ON_WINDOWS) return windowsHandleFlags(fd) !== null;
  try {
    readFileSync(`/proc/self/fdinfo/${fd}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Descriptor number → what it refers to (`readlink /proc/self/fd/N`; on
 * Windows, handle → its object type name), to find the descriptors an
 * operation opened by comparing two snapshots.
 */
export function fdLinks(): Map<number, string> {
  if (ON_WINDOWS) return windowsHandles();
  settleClosedKqueues();
  const links = new Map<number, string>();
  for (const name of readdirSync("/proc/self/fd")) {
    try {
      links.set(Number(name), readlinkSync(`/proc/self/fd/${name}`));
    } catch {
      // The descriptor readdir itself used, already closed.
    }
  }
  return links;
}

/** Descriptors open now that were not open (or referred elsewhere) in `before`, with their links. */
export function newFds(before: Map<number, string>): Map<number, string> {
  const added = new Map<number, string>();
  for (const [fd, link] of fdLinks()) {
    if (before.get(fd) !== link && isFdOpen(fd)) added.set(fd, link);
  }
  return added;
}

/** What `readlink /proc/self/fd/N` shows for each descriptor of one waker: an eventfd, or two pipe ends. */
export const WAKER_FD_LINKS: readonly string[] = FORCE_WAKER_PIPE
  ? ["pipe", "pipe"]
  : ["anon_inode:[eventfd]"];

/** A descriptor link with the pipe inode number dropped (`pipe:[123]` → `pipe`), to compare with `WAKER_FD_LINKS`. */
export function fdKind(link: string): string {
  return link.startsWith("pipe:") ? "pipe" : link;
}

/**
 * libkqueue's `void libkqueue_drain_pending_close(void)`, "intended for tests
 * that need deterministic teardown": it returns once libkqueue's monitoring
 * thread has freed every kqueue closed so far. `null` when not on libkqueue.
 */
const drainPendingClose = ON_LIBKQUEUE
  ? ffi.open(KQUEUE_LIB, {
    libkqueue_drain_pending_close: {
      c: "void libkqueue_drain_pending_close(void)",
      args: [],
      result: "void",
    },
  }).libkqueue_drain_pending_close
  : null;

/**
 * Over libkqueue, waits until the descriptors of every kqueue closed so far
 * are closed (libkqueue closes them on its own thread); elsewhere a kqueue's
 * or epoll instance's descriptor is closed by `close()` itself.
 */
function settleClosedKqueues(): void {
  drainPendingClose?.();
}
