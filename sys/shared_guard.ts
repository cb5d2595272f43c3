/**
 * `SharedGuard`: keeps a descriptor that several Workers use from being
 * closed while one of them is inside a call on it, and refuses every use
 * after it was closed. It lives in a `SharedArrayBuffer` (two `Int32`
 * cells: a closed flag and a count of calls in progress), so every Worker
 * that holds a shared `Waker` or `Registry` sees the same state.
 *
 * The protocol, with sequentially consistent `Atomics`:
 * - a user calls `enter()` (count + 1, then reads the flag; if set, count
 *   - 1 and refuse), makes its call, then `leave()` (count - 1);
 * - the owner calls `close()` (sets the flag) and closes the descriptor
 *   through `closeGuarded`, which closes it at once when no call is in
 *   progress (the count is 0), and otherwise later.
 * Either the user's increment comes first and the count keeps the number
 * from being freed, or the owner's flag comes first and the user refuses:
 * no call can reach a closed descriptor, or a new one given the same number.
 *
 * Nothing waits for a call in progress: a Worker terminated in the middle
 * of one never leaves. `closeGuarded` then makes the number inert at once
 * (on Unix, a pipe's read end with no writer takes its place with `dup2`:
 * a late write, `epoll_ctl` or `fcntl` on it fails harmlessly, and the
 * descriptor itself is released) and frees the number only once every call
 * left — for a terminated Worker's, never: one inert number stays open.
 *
 * @module
 */

/** Index of the closed flag (1 once the owner closed). */
const CLOSED = 0;
/** Index of the count of calls in progress. */
const BUSY = 1;
/** Bytes of the shared state. */
const SIZE = 8;

/** The guards made in this realm for each descriptor number still open (`SharedGuard.create`). */
const guarding = new Map<number, SharedGuard[]>();
/** Numbers whose closing waits for calls in progress: their guards, and how to close them. */
const parked: { guards: readonly SharedGuard[]; close: () => void }[] = [];

/** The shared closed flag and in-progress count of a descriptor used from several Workers. */
export class SharedGuard {
  /** The state, to hand to other Workers (inside a shared value). */
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;

  /** The descriptor `within` made it for; -1 for the others. */
  readonly #fd: number;

  /** Wraps `cells` (two `Int32`s of `buffer`, from `create()`, `within()` or a shared value checked with `isState`). */
  private constructor(buffer: SharedArrayBuffer, cells: Int32Array, fd: number) {
    this.buffer = buffer;
    this.#cells = cells;
    this.#fd = fd;
  }

  /** Adds `guard` to those `closeGuarded(fd)` closes and waits for. */
  static #track(fd: number, guard: SharedGuard): SharedGuard {
    const guards = guarding.get(fd);
    if (guards === undefined) guarding.set(fd, [guard]);
    else guards.push(guard);
    return guard;
  }

  /**
   * A fresh guard (open, nothing in progress) over the descriptor or handle
   * `fd`, which this realm must then close with `closeGuarded`.
   */
  static create(fd: number): SharedGuard {
    const buffer = new SharedArrayBuffer(SIZE);
    return SharedGuard.#track(fd, new SharedGuard(buffer, new Int32Array(buffer), -1));
  }

  /**
   * A guard over the descriptor or handle `fd` whose state is `cells` (two
   * `Int32`s of a `SharedArrayBuffer` that other Workers use with the same
   * protocol: closed flag, then count of calls in progress), reopened: its
   * closed flag is cleared, its count kept. Close it with `retire()`; the
   * closing of `fd` (`closeGuarded`) waits for its calls as for the others.
   */
  static within(fd: number, cells: Int32Array): SharedGuard {
    if (cells.length !== SIZE >> 2) throw new RangeError("a guard's state is two Int32 cells");
    Atomics.store(cells, CLOSED, 0);
    return SharedGuard.#track(fd, new SharedGuard(cells.buffer as SharedArrayBuffer, cells, fd));
  }

  /** A guard over the state another Worker created; `state` must pass `isState`. */
  static attach(state: SharedArrayBuffer): SharedGuard {
    return new SharedGuard(state, new Int32Array(state), -1);
  }

  /** Whether `value` can be a guard's state: a `SharedArrayBuffer` (of any realm) of the right size. */
  static isState(value: unknown): value is SharedArrayBuffer {
    return Object.prototype.toString.call(value) === "[object SharedArrayBuffer]" &&
      (value as SharedArrayBuffer).byteLength === SIZE;
  }

  /** Whether the owner has closed the descriptor. */
  get closed(): boolean {
    return Atomics.load(this.#cells, CLOSED) !== 0;
  }

  /** Whether the owner closed it and no call is in progress (none can start any more). */
  get drained(): boolean {
    return Atomics.load(this.#cells, CLOSED) !== 0 && Atomics.load(this.#cells, BUSY) === 0;
  }

  /** Starts a call on the descriptor; `false` (and nothing to leave) once the owner closed it. */
  enter(): boolean {
    Atomics.add(this.#cells, BUSY, 1);
    if (Atomics.load(this.#cells, CLOSED) === 0) return true;
    this.leave();
    return false;
  }

  /** Ends a call that `enter()` allowed. */
  leave(): void {
    Atomics.sub(this.#cells, BUSY, 1);
  }

  /** Refuses every later `enter()`; idempotent, and waits for nothing. */
  close(): void {
    Atomics.store(this.#cells, CLOSED, 1);
  }

  /**
   * Closes a guard from `within()`, waiting for nothing; once no call is in
   * progress, `closeGuarded` no longer needs it, so it is forgotten. A call
   * still in progress keeps it until the descriptor is closed.
   */
  retire(): void {
    this.close();
    if (Atomics.load(this.#cells, BUSY) !== 0) return;
    const guards = guarding.get(this.#fd);
    const i = guards?.indexOf(this) ?? -1;
    if (i >= 0) guards!.splice(i, 1);
  }
}

/**
 * Closes the descriptor or handle `fd` that guards of this realm were made
 * for: closes those guards, then runs `close` at once when no call is in
 * progress on any of them; otherwise runs `neutralize` (which makes the
 * number inert without freeing it; failures ignored) and leaves `close` to
 * a later `closeGuarded` of this realm that finds every such call ended.
 * Without a guard made for `fd`, runs `close` at once.
 */
export function closeGuarded(fd: number, close: () => void, neutralize: () => void): void {
  const guards = guarding.get(fd) ?? [];
  guarding.delete(fd);
  for (const guard of guards) guard.close();
  for (let i = parked.length - 1; i >= 0; i--) {
    const waiting = parked[i]!;
    if (waiting.guards.every((g) => g.drained)) {
      parked.splice(i, 1);
      waiting.close();
    }
  }
  if (guards.every((g) => g.drained)) return close();
  try {
    neutralize();
  } catch {
    // The real descriptor then stays open instead, until the calls ended: still never a reused number.
  }
  parked.push({ guards, close });
}
