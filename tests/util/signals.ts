/**
 * SIGPIPE: whether a call raised it, and whether the process ignores it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ffi } from "../../sys/ffi/load.ts";

const SIGPIPE = 13;
let signalFns: ReturnType<typeof openSignalFns> | null = null;

function openSignalFns() {
  return ffi.open("libc.so.6", {
    pthread_sigmask: {
      c: "int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset)",
      args: ["i32", "buffer", "buffer"],
      result: "i32",
    },
    sigpending: { c: "int sigpending(sigset_t *set)", args: ["buffer"], result: "i32" },
    sigtimedwait: {
      c: "int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)",
      args: ["buffer", "buffer", "buffer"],
      result: "i32",
    },
  });
}

/**
 * Runs `fn` with SIGPIPE blocked on this thread and reports whether it
 * raised one (a blocked signal stays pending even when ignored, as every
 * runtime ignores SIGPIPE). A pending SIGPIPE is consumed and the old mask
 * restored.
 */
export function raisesSigpipe(fn: () => void): boolean {
  const SIG_BLOCK = 0;
  const SIG_SETMASK = 2;
  const signals = signalFns ??= openSignalFns();
  const set = new Uint8Array(128); // sigset_t
  set[(SIGPIPE - 1) >> 3] |= 1 << ((SIGPIPE - 1) & 7);
  const old = new Uint8Array(128);
  assert.equal(signals.pthread_sigmask(SIG_BLOCK, set, old), 0, "pthread_sigmask");
  let raised = false;
  try {
    fn();
  } finally {
    const pending = new Uint8Array(128);
    assert.equal(signals.sigpending(pending), 0, "sigpending");
    raised = (pending[(SIGPIPE - 1) >> 3] & (1 << ((SIGPIPE - 1) & 7))) !== 0;
    if (raised) signals.sigtimedwait(set, new Uint8Array(128), new Uint8Array(16));
    signals.pthread_sigmask(SIG_SETMASK, old, new Uint8Array(128));
  }
  return raised;
}

/** Whether this process ignores SIGPIPE (its bit in `SigIgn:` of /proc/self/status). */
export function sigpipeIgnored(): boolean {
  const status = readFileSync("/proc/self/status", "utf8");
  const m = /^SigIgn:\s+([0-9a-f]+)/m.exec(status);
  assert.ok(m, "no SigIgn in /proc/self/status");
  return ((BigInt(`0x${m[1]}`) >> BigInt(SIGPIPE - 1)) & 1n) === 1n;
}
