/**
 * What tests/workers.test.ts and its Worker scripts share: steps in a
 * `SharedArrayBuffer` (the main thread may be blocked in `poll()` and
 * unable to take messages), and a look at whether a thread is blocked in a
 * wait for events, read from `/proc`.
 *
 * @module
 */
import { readFileSync, readlinkSync } from "node:fs";
import process from "node:process";
import { ffi } from "../../sys/ffi/load.ts";

const ON_WINDOWS = process.platform === "win32";
let getCurrentThreadId: (() => number) | null = null;

/** Cell 0: the step the main thread reached; cell 1: 1 once the test gave up. */
export type StepCells = Int32Array;

/** Fresh step cells (step 0, not aborted), to pass to a Worker in `workerData`. */
export function newSteps(): StepCells {
  return new Int32Array(new SharedArrayBuffer(8));
}

/** Announces step `n` to the Worker. */
export function setStep(cells: StepCells, n: number): void {
  Atomics.store(cells, 0, n);
  Atomics.notify(cells, 0);
}

/** Tells the Worker the test gave up: its `waitStep` throws, so it ends by itself. */
export function abortSteps(cells: StepCells): void {
  Atomics.store(cells, 1, 1);
  Atomics.store(cells, 0, -1);
  Atomics.notify(cells, 0);
}

/**
 * How long a Worker waits for the main thread (a step, a block in `poll()`,
 * bytes it sent) before giving up: 30 s, or 300 s under
 * qemu-user (MIO_TS_QEMU=1), where starting the other Workers of a test
 * (each loads the library afresh) can take longer than 30 s on a busy machine.
 */
export const STEP_TIMEOUT_S = process.env.MIO_TS_QEMU === "1" ? 300 : 30;

/** Blocks (a Worker) until the main thread reached step `n`; throws after `STEP_TIMEOUT_S` or on abort. */
export function waitStep(cells: StepCells, n: number): void {
  const deadline = Date.now() + STEP_TIMEOUT_S * 1000;
  for (;;) {
    if (Atomics.load(cells, 1) !== 0) throw new Error(`the test gave up before step ${n}`);
    const now = Atomics.load(cells, 0);
    if (now >= n) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`step ${n} not reached in ${STEP_TIMEOUT_S} s (at ${now})`);
    Atomics.wait(cells, 0, now, left);
  }
}

/** Sleeps the calling thread (a Worker) for `ms`. */
export function sleepThread(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The kernel's id of the calling thread (`/proc/thread-self` is `PID/task/TID`; Windows: `GetCurrentThreadId`). */
export function threadId(): number {
  if (ON_WINDOWS) {
    getCurrentThreadId ??= ffi.open("kernel32.dll", {
      GetCurrentThreadId: { c: "DWORD GetCurrentThreadId(void)", args: [], result: "u32" },
    }).GetCurrentThreadId;
    return getCurrentThreadId();
  }
  return Number(readlinkSync("/proc/thread-self").split("/").pop());
}

/**
 * Syscalls a thread waiting in `Poll.poll()` sits in: poll, epoll_wait,
 * epoll_pwait, ppoll, epoll_pwait2 (x86_64 numbers), and epoll_pwait and
 * ppoll (aarch64 numbers, for emulated runs).
 */
const WAITING_SYSCALLS = new Set([7, 232, 281, 271, 441, 22, 73]);

/** What `watchBlocked` saw. */
export type BlockedObservation = "blocked" | "unreadable" | "not-seen";

/**
 * Watches thread `tid` of this process (for up to `STEP_TIMEOUT_S`) until
 * `/proc/self/task/<tid>/syscall` shows it inside a wait for events.
 * `"unreadable"` where that file cannot be read (no ptrace access) or does
 * not exist (Windows).
 */
export function watchBlocked(tid: number): BlockedObservation {
  if (ON_WINDOWS) return "unreadable";
  const deadline = Date.now() + STEP_TIMEOUT_S * 1000;
  while (Date.now() < deadline) {
    let line: string;
    try {
      line = readFileSync(`/proc/self/task/${tid}/syscall`, "utf8");
    } catch {
      return "unreadable";
    }
    if (WAITING_SYSCALLS.has(Number(line.split(" ")[0]))) return "blocked";
    sleepThread(1);
  }
  return "not-seen";
}

/** An error as plain data, to post from a Worker. */
export interface ErrorData {
  /** `IoError.kind`, or the error's name. */
  kind: string;
  /** `IoError.code`. */
  code: string;
  /** `IoError.errno`. */
  errno: number;
  /** `IoError.syscall`. */
  syscall: string;
  /** The message. */
  message: string;
}

/** What `fn` threw, as `ErrorData`, or `null` if it returned. */
export function caught(fn: () => unknown): ErrorData | null {
  try {
    fn();
    return null;
  } catch (e) {
    const err = e as Partial<ErrorData> & Error;
    return {
      kind: err.kind ?? err.name,
      code: err.code ?? "",
      errno: err.errno ?? 0,
      syscall: err.syscall ?? "",
      message: err.message,
    };
  }
}

/** What a Worker role (tests/workers/*_roles.ts) gets. */
export interface RoleContext {
  /** The test's `workerData`. */
  readonly data: Record<string, unknown>;
  /** The step cells the test passed. */
  readonly cells: StepCells;
  /** Posts a message to the test. */
  post(message: unknown): void;
}

/** A part a Worker plays in a test; it returns once the Worker may end. */
export type Role = (ctx: RoleContext) => void;
