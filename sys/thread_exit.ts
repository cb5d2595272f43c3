/**
 * Closing a Worker's descriptors when its thread ends with no JavaScript
 * left to run: `worker.terminate()` runs neither `exit` listeners nor
 * `FinalizationRegistry` callbacks, but the OS still runs the thread's
 * thread-local-storage destructors when the thread exits (pthread keys on
 * Unix, FLS callbacks on Windows). A descriptor held here has a slot of its
 * own (a key) whose destructor closes it (the C library's `close`;
 * `CloseHandle` or `closesocket`) and whose value, in the owning thread, is
 * the descriptor: when that thread exits, the OS calls the destructor with
 * it. Releasing it (before the descriptor is closed by JavaScript, given
 * away with `intoFd()`, or shared with other Workers) clears the value, so
 * the destructor is not called, and frees the slot: exactly one path closes
 * each descriptor.
 *
 * Slots are a process-wide resource (`PTHREAD_KEYS_MAX`,
 * `FLS_MAXIMUM_AVAILABLE`, shared with the runtime and every other
 * library), so a slot is taken only while its number is below a limit (half
 * the OS's maximum); beyond it, and wherever slots cannot be had at all
 * (the main thread, whose descriptors end with the process; a C library
 * without the calls), nothing is held and the descriptor is closed only by
 * JavaScript, as before.
 *
 * @module
 */
import type { ThreadExitClose } from "./contract.ts";

/** A NUL-terminated C string: the name of the function a slot's destructor is, for its address lookup. */
export function cString(s: string): Uint8Array {
  return new TextEncoder().encode(`${s}\0`);
}

/** The OS's per-thread slots whose destructor closes the value they hold (pthread keys, FLS slots). */
export interface ExitSlots {
  /** A new slot (its number), or `null` when the OS has none left. */
  create(): number | null;
  /** Sets the calling thread's value of `slot`: a descriptor, or 0 for none (its destructor is then not called). */
  set(slot: number, fd: number): void;
  /** Frees `slot`, whose value is 0 already; runs no destructor. */
  delete(slot: number): void;
}

/** Holds descriptors in `ExitSlots`, one slot each, within a limit on the slot numbers. */
export class ThreadExitCloser implements ThreadExitClose {
  readonly #slots: ExitSlots;
  readonly #limit: number;
  /** Each descriptor held, with its slot. */
  readonly #held = new Map<number, number>();

  /** Holds through `slots`; a slot numbered `limit` or above is given back at once (the budget). */
  constructor(slots: ExitSlots, limit: number) {
    this.#slots = slots;
    this.#limit = limit;
  }

  /** How many descriptors are held. */
  get size(): number {
    return this.#held.size;
  }

  /**
   * Has `fd` closed when this thread exits; `true` if it is held (already
   * or now), `false` if no slot within the budget was free, or `fd` is 0
   * (a slot's value 0 means none).
   */
  hold(fd: number): boolean {
    if (this.#held.has(fd)) return true;
    if (fd <= 0) return false;
    const slot = this.#slots.create();
    if (slot === null) return false;
    if (slot >= this.#limit) {
      this.#slots.delete(slot);
      return false;
    }
    this.#slots.set(slot, fd);
    this.#held.set(fd, slot);
    return true;
  }

  /** Stops holding `fd` (its slot is cleared, then freed); nothing if it is not held. */
  release(fd: number): void {
    const slot = this.#held.get(fd);
    if (slot === undefined) return;
    this.#held.delete(fd);
    this.#slots.set(slot, 0);
    this.#slots.delete(slot);
  }
}

/** Where nothing is held: the main thread, a C library or Windows without the calls. */
export const HOLD_NOTHING: ThreadExitClose = {
  hold: () => false,
  release: () => {},
};

/** Set while `keepingHeld` runs. */
let keeping = false;

/** Whether releases are suspended now (`keepingHeld` runs): a platform's `release` then does nothing. */
export function releasesSuspended(): boolean {
  return keeping;
}

/**
 * Runs `f`, during which the platform's `threadExit.release` does nothing:
 * for a waker's `share()` whose value only locates it in this Worker
 * (`Platform.locateWaker`), so its descriptors stay held until a value
 * really goes to another Worker.
 */
export function keepingHeld<T>(f: () => T): T {
  keeping = true;
  try {
    return f();
  } finally {
    keeping = false;
  }
}
