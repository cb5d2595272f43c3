/**
 * Where the suite runs: the runtime, the OS (and Wine), qemu-user, and the
 * backend flags (mio's mio_unsupported_force_* cfgs) that tests/run_all.mjs
 * sets for its second and third runs.
 *
 * @module
 */
import process from "node:process";

/** The runtime running this test, as `Poll.runtime` should report it. */
export function currentRuntime(): "deno" | "bun" | "node" {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  if (g.Bun !== undefined) return "bun";
  if (g.Deno !== undefined) return "deno";
  return "node";
}

/** Whether the suite runs on Windows. */
export const ON_WINDOWS = process.platform === "win32";

/**
 * Whether the suite runs under Wine (tests/run_windows.mjs sets
 * `MIO_TS_WINE=1`): a test skips there only what Wine does differently from
 * Windows, and names it.
 */
export const UNDER_WINE = ON_WINDOWS && process.env.MIO_TS_WINE === "1";

/**
 * Whether the suite runs under qemu-user (tests/run_arm64.mjs sets
 * `MIO_TS_QEMU=1`): a test skips there only what qemu-user cannot do, and
 * names that limitation.
 */
export const UNDER_QEMU = process.env.MIO_TS_QEMU === "1";

/** Whether `MIO_FORCE_POLL_POLL=1` is set: every `Poll` then uses the poll(2) selector (Windows ignores it). */
export const FORCE_POLL_POLL = process.platform !== "win32" && process.env.MIO_FORCE_POLL_POLL === "1";

/** Whether `MIO_FORCE_WAKER_PIPE=1` is set: wakers then use a pipe, not an eventfd (Windows ignores it). */
export const FORCE_WAKER_PIPE = process.platform !== "win32" && process.env.MIO_FORCE_WAKER_PIPE === "1";

/**
 * The libkqueue that `MIO_KQUEUE_LIB` names (`""` when unset): Linux then
 * runs every `Poll` on the kqueue selector over it, unless
 * `MIO_FORCE_POLL_POLL=1` (tests/run_all.mjs runs the suite a third time so).
 */
export const KQUEUE_LIB = process.env.MIO_KQUEUE_LIB ?? "";

/**
 * The OS whose C ABI the simulated-ABI library presents in this run
 * (`MIO_TS_SIMULATE_OS`, set by tests/run_all.mjs with
 * `MIO_TS_SIMULATE_LIB`): mio-ts then runs as on that OS, on Linux; `""`
 * when unset.
 */
export const SIMULATED_OS = process.platform === "linux" ? process.env.MIO_TS_SIMULATE_OS ?? "" : "";

/** Whether mio-ts runs under the simulated ABI of macOS or FreeBSD in this run. */
export const ON_SIMULATED_ABI = SIMULATED_OS !== "";

/** The OS mio-ts runs as: the simulated one, else `process.platform`. */
export const TARGET_OS: string = ON_SIMULATED_ABI ? SIMULATED_OS : process.platform;

/**
 * The selector a `Poll` uses on Linux in this run: `"poll"`, `"kqueue"`
 * (over libkqueue, or the simulated ABI's kqueue) or `"epoll"`.
 */
export const LINUX_BACKEND = FORCE_POLL_POLL
  ? "poll"
  : KQUEUE_LIB !== "" || ON_SIMULATED_ABI
  ? "kqueue"
  : "epoll";

/** Whether this run's `Poll`s use the kqueue selector over libkqueue (a user-space kqueue on Linux). */
export const ON_LIBKQUEUE = process.platform === "linux" && LINUX_BACKEND === "kqueue" && !ON_SIMULATED_ABI;
