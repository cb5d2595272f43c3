/**
 * What the eventfd and pipe wakers share: a descriptor that turns readable
 * when woken. epoll registers it like any source; the poll(2) selector keeps
 * it in its slot 0 and drains it after each wake-up.
 *
 * @module
 */
import { INTEREST_READABLE, type Selector, type SysWaker } from "../contract.ts";
import type { SharedFdWakerValue } from "./shared_waker.ts";

/** A waker made of descriptors: an eventfd, or a pipe. */
export interface FdWaker extends SysWaker {
  /** The descriptor that turns readable on `wake()`. */
  readonly fd: number;
  /** Drains every pending wake, so the descriptor is no longer readable. */
  reset(): void;
  /** A plain value another Worker wakes this waker with (`Waker.fromShared`). */
  share(): SharedFdWakerValue;
  /**
   * Makes every copy shared so far refuse to wake (`BadResource`); `close()`
   * does it too, before closing the descriptor.
   */
  revokeShares(): void;
}

/** Creates an unregistered `FdWaker` (the kind `sys/select.ts` chose). */
export type FdWakerFactory = () => FdWaker;

/** Registers `waker.fd` with `selector` for readability with `token`; closes the waker if that fails. */
export function registerWaker(selector: Selector, token: number, waker: FdWaker): FdWaker {
  try {
    selector.register(waker.fd, token, INTEREST_READABLE);
  } catch (e) {
    waker.close();
    throw e;
  }
  return waker;
}
