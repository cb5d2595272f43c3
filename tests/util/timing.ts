/**
 * Hang guards and workload sizes, scaled for qemu-user; sleeping.
 *
 * @module
 */
import { UNDER_QEMU } from "./platform.ts";

/**
 * A hang guard's limit (a timeout that only ends a stuck test, never a
 * measurement): `ms` natively, five times `ms` under qemu-user, where each
 * runtime, child process or Worker spends seconds starting and the machine
 * may be busy with more.
 */
export function hangGuardMs(ms: number): number {
  return UNDER_QEMU ? ms * 5 : ms;
}

/**
 * The `timeout` of a test that is long by design (the million-cycle alloc
 * loop, the soak) or under Wine (2 GiB buffers), in node:test's options: a
 * hang guard of 15 minutes (five times that under qemu-user), above the
 * bounds such a test sets on its own children. `bun test` stops a test after
 * its `--timeout` (60 s in tests/run_all.mjs and tests/run_windows.mjs),
 * which a busy machine or Wine can exceed, unless the test gives its own in
 * these options, which Bun honours; Node and Deno set no limit of their own.
 */
export const LONG_TEST_TIMEOUT_MS = hangGuardMs(15 * 60_000);

/**
 * A workload's size: `native`, or `emulated` under qemu-user, where each
 * step costs about a hundred times more. The tests print the size they ran.
 */
export function qemuScaled(native: number, emulated: number): number {
  return UNDER_QEMU ? emulated : native;
}

/** Sleeps without blocking the runtime. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
