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
