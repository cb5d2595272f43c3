/**
 * A registry shared between Workers for selectors whose registrations live
 * in the owner's memory (poll(2), IOCP): mio's poll selector lets another
 * thread take its lock and wakes the waiting thread to apply a change; here
 * another Worker appends the change to a queue in a `SharedArrayBuffer`
 * (guarded by a lock cell) and wakes the owner's wait, and the owner
 * applies the queued changes, in order, before each wait and after each
 * wake-up.
 *
 * - Owner side: `ChangeQueue` (made by the selector's `share()`), whose
 *   `apply` costs one `Atomics.load` when nothing is queued.
 * - Other side: `SharedQueueRegistrar`, built from the shared value; its
 *   calls never block on the owner (a full queue waits for the owner's next
 *   wait, at most `FULL_LIMIT_MS`).
 *
 * What a shared registrar cannot know: the owner's own registrations. The
 * source checks (registered already, not registered here) are made where
 * the source lives, as on every backend; a change the owner's selector
 * refuses when it applies it (say, a descriptor the owner registered
 * itself) is dropped, as the calling Worker has moved on.
 *
 * @module
 */
import {
  type Backend,
  type ClonedRegistrar,
  hasType,
  isDescriptor,
  type Registrar,
  type SharedRegistry,
} from "./contract.ts";
import { SharedGuard } from "./shared_guard.ts";
import { RegistrarClone } from "./registrar_clone.ts";
import { badResource, IoError } from "./error.ts";

/** What a change does. */
const REGISTER = 1;
const REREGISTER = 2;
const DEREGISTER = 3;
const REARM = 4;

/** Changes the queue holds before a sender waits for the owner. */
const CAPACITY = 1024;
/** 32-bit words per change: op, fd, interest, mode. */
const WORDS = 4;
/** Header words: the lock cell and the count of queued changes. */
const LOCK = 0;
const COUNT = 1;
const HEADER = 2;
/** Bytes of the queue: header and records, then one `Float64` token per change. */
const TOKENS_AT = (HEADER + CAPACITY * WORDS) * 4;
const SIZE = TOKENS_AT + CAPACITY * 8;
/** How long a sender waits, in all, for a full queue to be drained before it gives up. */
const FULL_LIMIT_MS = 5000;

/** The selector calls the owner applies changes with. */
export interface ChangeTarget {
  register(fd: number, token: number, interest: number, mode: number): void;
  reregister(fd: number, token: number, interest: number, mode: number): void;
  deregister(fd: number): void;
  rearm(fd: number): void;
}

function lock(cells: Int32Array): void {
  while (Atomics.compareExchange(cells, LOCK, 0, 1) !== 0) Atomics.wait(cells, LOCK, 1, 1);
}

function unlock(cells: Int32Array): void {
  Atomics.store(cells, LOCK, 0);
  Atomics.notify(cells, LOCK, 1);
}

/** The owner's side of the queue: the buffer to share, and `apply`. */
export class ChangeQueue {
  /** The queue, to hand to other Workers inside the shared value. */
  readonly buffer = new SharedArrayBuffer(SIZE);
  readonly #cells = new Int32Array(this.buffer, 0, HEADER + CAPACITY * WORDS);
  readonly #tokens = new Float64Array(this.buffer, TOKENS_AT, CAPACITY);
  /** This Worker's copy of the changes taken, applied after the lock is released. */
  readonly #taken = new Int32Array(CAPACITY * WORDS);
  readonly #takenTokens = new Float64Array(CAPACITY);

  /** Whether another Worker queued changes not applied yet. */
  get pending(): boolean {
    return Atomics.load(this.#cells, COUNT) !== 0;
  }

  /**
   * Applies every queued change to `target`, in order. A change `target`
   * refuses is dropped (its sender has moved on). Allocates nothing.
   */
  apply(target: ChangeTarget): void {
    const cells = this.#cells;
    if (Atomics.load(cells, COUNT) === 0) return;
    lock(cells);
    const count = Atomics.load(cells, COUNT);
    for (let i = 0; i < count * WORDS; i++) this.#taken[i] = cells[HEADER + i]!;
    for (let i = 0; i < count; i++) this.#takenTokens[i] = this.#tokens[i]!;
    Atomics.store(cells, COUNT, 0);
    unlock(cells);
    Atomics.notify(cells, COUNT);
    for (let i = 0, w = 0; i < count; i++, w += WORDS) {
      const fd = this.#taken[w + 1]!;
      try {
        switch (this.#taken[w]) {
          case REGISTER:
            target.register(fd, this.#takenTokens[i]!, this.#taken[w + 2]!, this.#taken[w + 3]!);
            break;
          case REREGISTER:
            target.reregister(fd, this.#takenTokens[i]!, this.#taken[w + 2]!, this.#taken[w + 3]!);
            break;
          case DEREGISTER:
            target.deregister(fd);
            break;
          default:
            target.rearm(fd);
        }
      } catch {
        // Refused by the owner's selector (see the module's notes): nothing to report to.
      }
    }
  }
}

/** The shared value of a poll(2) or IOCP registry. */
export interface SharedQueueValue extends SharedRegistry {
  /** The selector. */
  readonly backend: Backend;
  /** The interests the selector can deliver (`Registrar.interests`). */
  readonly interests: number;
  /** The change queue. */
  readonly changes: SharedArrayBuffer;
  /** The owner's `SharedGuard` state: refuses changes once the `Poll` is closed. */
  readonly state: SharedArrayBuffer;
  /** What wakes the owner's wait: a descriptor (poll(2)) or the completion port's handle (IOCP). */
  readonly wakeFd: number;
  /** How to wake it, per backend (`"eventfd"`, `"pipe"`, `"iocp"`). */
  readonly wakeKind: string;
}

/** Whether `value` is a `SharedQueueValue` of `backend`, as `share()` made it. */
export function isSharedQueueValue(value: unknown, backend: Backend): value is SharedQueueValue {
  if (!hasType(value, "mio-ts/registry") || value.backend !== backend) return false;
  const changes = value.changes as SharedArrayBuffer;
  return Object.prototype.toString.call(changes) === "[object SharedArrayBuffer]" &&
    changes.byteLength === SIZE &&
    SharedGuard.isState(value.state) && isDescriptor(value.wakeFd) && typeof value.wakeKind === "string" &&
    Number.isInteger(value.interests);
}

/**
 * The registrar behind `Registry.fromShared` for poll(2) and IOCP: each call
 * queues a change for the owner and wakes its wait (`wake`, which the
 * platform builds from `wakeFd` and `wakeKind`).
 */
export class SharedQueueRegistrar implements Registrar {
  /** The owner's selector. */
  readonly backend: Backend;
  /** The interests the owner's selector can deliver. */
  readonly interests: number;
  /** Its own: a registry built in another Worker (or twice in one) is not the owner's. */
  readonly instance: object = {};
  readonly #value: SharedQueueValue;
  readonly #guard: SharedGuard;
  readonly #cells: Int32Array;
  readonly #tokens: Float64Array;
  readonly #wake: () => void;
  readonly #check: (fd: number) => void;

  /**
   * Wraps `value` (checked with `isSharedQueueValue`); `wake` interrupts the
   * owner's wait; `check` throws for a descriptor this Worker cannot
   * register with the owner (before anything is queued).
   */
  constructor(value: SharedQueueValue, wake: () => void, check: (fd: number) => void = () => {}) {
    this.backend = value.backend;
    this.interests = value.interests;
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#cells = new Int32Array(value.changes, 0, HEADER + CAPACITY * WORDS);
    this.#tokens = new Float64Array(value.changes, TOKENS_AT, CAPACITY);
    this.#wake = wake;
    this.#check = check;
  }

  /** Whether the owner closed its `Poll`. */
  get closed(): boolean {
    return this.#guard.closed;
  }

  #push(op: number, fd: number, token: number, interest: number, mode: number): void {
    if (!this.#guard.enter()) throw badResource("Poll");
    try {
      const cells = this.#cells;
      const give = Date.now() + FULL_LIMIT_MS;
      for (;;) {
        lock(cells);
        const count = Atomics.load(cells, COUNT);
        if (op === REARM && this.#queued(fd, count)) {
          // A queued change of `fd` arms it (or leaves it unregistered) already: a busy source's rearms add nothing.
          unlock(cells);
          return;
        }
        if (count < CAPACITY) {
          const w = HEADER + count * WORDS;
          cells[w] = op;
          cells[w + 1] = fd;
          cells[w + 2] = interest;
          cells[w + 3] = mode;
          this.#tokens[count] = token;
          Atomics.store(cells, COUNT, count + 1);
          unlock(cells);
          // The first change wakes the owner; later ones ride on that wake until it applied them.
          if (count === 0) this.#wake();
          return;
        }
        unlock(cells);
        this.#wake();
        const left = give - Date.now();
        if (left <= 0 || this.#guard.closed) {
          throw new IoError(
            "Other",
            `${CAPACITY} registry changes are waiting for the Poll's Worker to apply them (it applies them ` +
              "before and during each poll()): poll in that Worker, or register there",
          );
        }
        Atomics.wait(cells, COUNT, count, Math.min(left, 50));
      }
    } finally {
      this.#guard.leave();
    }
  }

  /** Whether one of the first `count` queued changes is about `fd` (the lock held). */
  #queued(fd: number, count: number): boolean {
    for (let w = HEADER + 1; w < HEADER + count * WORDS; w += WORDS) if (this.#cells[w] === fd) return true;
    return false;
  }

  /** Queues a registration. */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#check(fd);
    this.#push(REGISTER, fd, token, interest, mode);
  }

  /** Queues a change of token, interest and mode. */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#push(REREGISTER, fd, token, interest, mode);
  }

  /** Queues a deregistration. */
  deregister(fd: number): void {
    this.#push(DEREGISTER, fd, 0, 0, 0);
  }

  /** Queues a re-arm (mio's `do_io` rule, for a source whose operation said WouldBlock in this Worker). */
  rearm(fd: number): void {
    this.#push(REARM, fd, 0, 0, 0);
  }

  /** A registrar that queues through this one, closed on its own (the queue has no descriptor to duplicate). */
  tryClone(): ClonedRegistrar {
    if (this.#guard.closed) throw badResource("Poll");
    return new RegistrarClone(this);
  }

  /** The value this registry was built from, to hand on to another Worker. */
  share(): SharedQueueValue {
    if (this.#guard.closed) throw badResource("Poll");
    return { ...this.#value };
  }
}
