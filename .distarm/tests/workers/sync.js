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
import { ffi } from "../../sys/ffi/load.js";
const ON_WINDOWS = process.platform === "win32";
let getCurrentThreadId = null;
/** Fresh step cells (step 0, not aborted), to pass to a Worker in `workerData`. */
export function newSteps() {
    return new Int32Array(new SharedArrayBuffer(8));
}
/** Announces step `n` to the Worker. */
export function setStep(cells, n) {
    Atomics.store(cells, 0, n);
    Atomics.notify(cells, 0);
}
/** Tells the Worker the test gave up: its `waitStep` throws, so it ends by itself. */
export function abortSteps(cells) {
    Atomics.store(cells, 1, 1);
    Atomics.store(cells, 0, -1);
    Atomics.notify(cells, 0);
}
/** Blocks (a Worker) until the main thread reached step `n`; throws after 30 s or on abort. */
export function waitStep(cells, n) {
    const deadline = Date.now() + 30_000;
    for (;;) {
        if (Atomics.load(cells, 1) !== 0)
            throw new Error(`the test gave up before step ${n}`);
        const now = Atomics.load(cells, 0);
        if (now >= n)
            return;
        const left = deadline - Date.now();
        if (left <= 0)
            throw new Error(`step ${n} not reached in 30 s (at ${now})`);
        Atomics.wait(cells, 0, now, left);
    }
}
/** Sleeps the calling thread (a Worker) for `ms`. */
export function sleepThread(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
/** The kernel's id of the calling thread (`/proc/thread-self` is `PID/task/TID`; Windows: `GetCurrentThreadId`). */
export function threadId() {
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
/**
 * Watches thread `tid` of this process (for up to 10 s) until
 * `/proc/self/task/<tid>/syscall` shows it inside a wait for events.
 * `"unreadable"` where that file cannot be read (no ptrace access) or does
 * not exist (Windows).
 */
export function watchBlocked(tid) {
    if (ON_WINDOWS)
        return "unreadable";
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
        let line;
        try {
            line = readFileSync(`/proc/self/task/${tid}/syscall`, "utf8");
        }
        catch {
            return "unreadable";
        }
        if (WAITING_SYSCALLS.has(Number(line.split(" ")[0])))
            return "blocked";
        sleepThread(1);
    }
    return "not-seen";
}
/** What `fn` threw, as `ErrorData`, or `null` if it returned. */
export function caught(fn) {
    try {
        fn();
        return null;
    }
    catch (e) {
        const err = e;
        return {
            kind: err.kind ?? err.name,
            code: err.code ?? "",
            errno: err.errno ?? 0,
            syscall: err.syscall ?? "",
            message: err.message,
        };
    }
}
