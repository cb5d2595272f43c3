/**
 * A registry shared between Workers for selectors whose registrations live
 * in the owner's memory (poll(2), IOCP): mio's poll selector lets another
 * thread take its lock and wakes the waiting thread to apply a change; here
 * another Worker puts the change in a slot of a `SharedArrayBuffer` and
 * wakes the owner's wait, and the owner applies the queued changes, in
 * order, before each wait and after each wake-up.
 *
 * No lock: a Worker may be terminated between any two of its steps, and
 * nothing it leaves half done may stop the owner or another Worker. A
 * sender claims a free slot (`Atomics.compareExchange`), counts it as
 * pending, writes the change, takes a ticket and marks the slot ready; the
 * owner takes only ready slots, in ticket order (a Worker's next change
 * takes its ticket after its last one was ready, so each Worker's changes
 * are applied in the order it made them). A sender ended before its slot
 * is ready leaves that slot claimed (one slot fewer) and, at worst, the
 * pending count above zero (the owner then looks at the slots at each
 * apply); nothing waits on it. A sender wakes the owner unless another
 * sender woke it since the owner's last apply began (each apply counts
 * itself; a sender notes that count once its wake is made, never before,
 * so a sender ended before waking leaves the next one to wake).
 *
 * - Owner side: `ChangeQueue` (made by the selector's `share()`), whose
 *   `apply` costs an `Atomics.add` and an `Atomics.load` when nothing is queued.
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
/** 32-bit words per slot: its state, its ticket, then the change (op, fd, interest, mode). */
const WORDS = 6;
const STATE = 0;
const TICKET = 1;
const OP = 2;
/** A slot's states. */
const FREE = 0;
const WRITING = 1;
const READY = 2;
/**
 * Header words: the next ticket, the count of changes claimed and not taken,
 * the count of frees, one past the highest slot claimed, the count of the
 * owner's applies, and that count as a sender read it before its wake.
 */
const TICKETS = 0;
const PENDING = 1;
const FREED = 2;
const HIGH = 3;
const APPLIES = 4;
const WOKEN = 5;
const HEADER = 6;
/** Bytes of the queue: header and slots, then one `Float64` token per slot. */
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

/**
 * The target another Worker's changes are applied to: `selector`'s own
 * calls, but a registration goes to `register`, which may replace what a
 * terminated Worker left registered under the same descriptor number (its
 * descriptors are closed as its thread ends, never deregistered).
 */
export function changesFromElsewhere(
  selector: ChangeTarget,
  register: ChangeTarget["register"],
): ChangeTarget {
  return {
    register,
    reregister: (fd, token, interest, mode) => selector.reregister(fd, token, interest, mode),
    deregister: (fd) => selector.deregister(fd),
    rearm: (fd) => selector.rearm(fd),
  };
}

/** The owner's side of the queue: the buffer to share, and `apply`. */
export class ChangeQueue {
  /** The queue, to hand to other Workers inside the shared value. */
  readonly buffer = new SharedArrayBuffer(SIZE);
  readonly #cells = new Int32Array(this.buffer, 0, HEADER + CAPACITY * WORDS);
  readonly #tokens = new Float64Array(this.buffer, TOKENS_AT, CAPACITY);
  /** This Worker's copy of the changes taken (op, fd, interest, mode), applied after their slots are freed. */
  readonly #taken = new Int32Array(CAPACITY * 4);
  readonly #takenTokens = new Float64Array(CAPACITY);
  /** Each taken change's ticket, relative to the first ticket not taken, and the order to apply them in. */
  readonly #takenTickets = new Int32Array(CAPACITY);
  readonly #order = new Int32Array(CAPACITY);

  /**
   * Applies every queued change to `target`, in order. A change `target`
   * refuses is dropped (its sender has moved on). Allocates nothing.
   */
  apply(target: ChangeTarget): void {
    const cells = this.#cells;
    // A wake noted before this count covers changes this pass takes; later ones wake again.
    Atomics.add(cells, APPLIES, 1);
    if (Atomics.load(cells, PENDING) === 0) return;
    // Changes ready before this ticket: a later one may belong to a Worker whose earlier change this pass missed.
    const end = Atomics.load(cells, TICKETS);
    const high = Atomics.load(cells, HIGH);
    let count = 0;
    for (let slot = 0, at = HEADER; slot < high; slot++, at += WORDS) {
      if (Atomics.load(cells, at + STATE) !== READY) continue;
      const ticket = (cells[at + TICKET]! - end) | 0;
      if (ticket >= 0) continue;
      const w = count * 4;
      this.#taken[w] = cells[at + OP]!;
      this.#taken[w + 1] = cells[at + OP + 1]!;
      this.#taken[w + 2] = cells[at + OP + 2]!;
      this.#taken[w + 3] = cells[at + OP + 3]!;
      this.#takenTokens[count] = this.#tokens[slot]!;
      this.#takenTickets[count] = ticket;
      Atomics.store(cells, at + STATE, FREE);
      // In ticket order (insertion: slots are claimed lowest first, so mostly in order already).
      let i = count;
      for (; i > 0 && this.#takenTickets[this.#order[i - 1]!]! > ticket; i--) {
        this.#order[i] = this.#order[i - 1]!;
      }
      this.#order[i] = count;
      count++;
    }
    if (count === 0) return;
    Atomics.sub(cells, PENDING, count);
    Atomics.add(cells, FREED, 1);
    Atomics.notify(cells, FREED);
    for (let i = 0; i < count; i++) {
      const w = this.#order[i]! * 4;
      const token = this.#takenTokens[this.#order[i]!]!;
      const fd = this.#taken[w + 1]!;
      try {
        switch (this.#taken[w]) {
          case REGISTER:
            target.register(fd, token, this.#taken[w + 2]!, this.#taken[w + 3]!);
            break;
          case REREGISTER:
            target.reregister(fd, token, this.#taken[w + 2]!, this.#taken[w + 3]!);
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
      // A queued change of `fd` arms it (or leaves it unregistered) already: a busy source's rearms add nothing.
      if (op === REARM && this.#queued(fd)) return;
      const give = Date.now() + FULL_LIMIT_MS;
      for (;;) {
        const freed = Atomics.load(cells, FREED);
        const slot = this.#claim();
        if (slot >= 0) {
          const at = HEADER + slot * WORDS;
          Atomics.add(cells, PENDING, 1);
          cells[at + OP] = op;
          cells[at + OP + 1] = fd;
          cells[at + OP + 2] = interest;
          cells[at + OP + 3] = mode;
          this.#tokens[slot] = token;
          Atomics.store(cells, at + TICKET, Atomics.add(cells, TICKETS, 1));
          Atomics.store(cells, at + STATE, READY);
          // The owner's next apply takes this change: wake it unless a wake since its last apply began is made.
          const applies = Atomics.load(cells, APPLIES);
          if (Atomics.load(cells, WOKEN) !== applies) {
            this.#wake();
            Atomics.store(cells, WOKEN, applies);
          }
          return;
        }
        this.#wake();
        const left = give - Date.now();
        if (left <= 0 || this.#guard.closed) {
          throw new IoError(
            "Other",
            `${CAPACITY} registry changes are waiting for the Poll's Worker to apply them (it applies them ` +
              "before and during each poll()): poll in that Worker, or register there",
          );
        }
        Atomics.wait(cells, FREED, freed, Math.min(left, 50));
      }
    } finally {
      this.#guard.leave();
    }
  }

  /** Claims the lowest free slot (raising the high mark past it), or returns -1 when every slot is taken. */
  #claim(): number {
    const cells = this.#cells;
    for (let slot = 0, at = HEADER; slot < CAPACITY; slot++, at += WORDS) {
      if (Atomics.load(cells, at + STATE) !== FREE) continue;
      if (Atomics.compareExchange(cells, at + STATE, FREE, WRITING) !== FREE) continue;
      for (let high = Atomics.load(cells, HIGH); high <= slot; high = Atomics.load(cells, HIGH)) {
        Atomics.compareExchange(cells, HIGH, high, slot + 1);
      }
      return slot;
    }
    return -1;
  }

  /** Whether a change of `fd` is ready in the queue and not taken yet. */
  #queued(fd: number): boolean {
    const cells = this.#cells;
    const high = Atomics.load(cells, HIGH);
    for (let at = HEADER; at < HEADER + high * WORDS; at += WORDS) {
      if (Atomics.load(cells, at + STATE) === READY && cells[at + OP + 1] === fd) return true;
    }
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
