/**
 * A kqueue's registry, shared between Workers. kevent(2) on one kqueue is
 * safe from several threads, so another Worker adds, changes and deletes
 * filters of the owner's kqueue directly; their events arrive in the
 * owner's `poll()`. The owner's `SharedGuard` keeps those calls away from
 * the kqueue descriptor once the `Poll` is closed (`BadResource`).
 *
 * @module
 */
import { SharedGuard } from "../shared_guard.ts";
import {
  hasType,
  isDescriptor,
  type Registrar,
  type SharedRegistry,
} from "../contract.ts";
import type { KqueueChanges } from "./kqueue_changes.ts";
import { badResource } from "../error.ts";

/** The shared value of a kqueue registry. */
export interface SharedKqueueValue extends SharedRegistry {
  /** Always `"kqueue"`. */
  readonly backend: "kqueue";
  /** The kqueue descriptor. */
  readonly fd: number;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/**
 * The registrar behind a `Registry.fromShared` registry of a kqueue: it
 * registers, reregisters and deregisters with the owner's kqueue. Waiting for
 * events and making a waker belong to the owner's `Selector`, in its Worker.
 */
export class SharedKqueueRegistrar implements Registrar {
  /** Always `"kqueue"`. */
  readonly backend = "kqueue" as const;
  readonly #value: SharedKqueueValue;
  readonly #guard: SharedGuard;
  readonly #changes: KqueueChanges;

  private constructor(changes: KqueueChanges, value: SharedKqueueValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#changes = changes;
  }

  /**
   * Checks `value` and wraps it; changes go through `changes` (this Worker's).
   *
   * @throws {TypeError} unless `value` came from `Registry.share()` of a kqueue `Poll`.
   */
  static from(changes: KqueueChanges, value: unknown): SharedKqueueRegistrar {
    if (
      !hasType(value, "mio-ts/registry") || value.backend !== "kqueue" || !isDescriptor(value.fd) ||
      !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Registry.share() returned");
    }
    const { fd, state } = value;
    return new SharedKqueueRegistrar(changes, { type: "mio-ts/registry", backend: "kqueue", fd, state });
  }

  /** Whether the owner closed its `Poll`. */
  get closed(): boolean {
    return this.#guard.closed;
  }

  /** Runs `change` on the owner's kqueue unless it is closed (`BadResource`). */
  #guarded(change: (kq: number) => void): void {
    if (!this.#guard.enter()) throw badResource("Poll");
    try {
      change(this.#value.fd);
    } finally {
      this.#guard.leave();
    }
  }

  /** Adds the filters `interest` asks for on the owner's kqueue. */
  register(fd: number, token: number, interest: number): void {
    this.#guarded((kq) => this.#changes.register(kq, fd, token, interest));
  }

  /** Adds the filters `interest` asks for and deletes the others, on the owner's kqueue. */
  reregister(fd: number, token: number, interest: number): void {
    this.#guarded((kq) => this.#changes.reregister(kq, fd, token, interest));
  }

  /** Deletes both filters on the owner's kqueue. */
  deregister(fd: number): void {
    this.#guarded((kq) => this.#changes.deregister(kq, fd));
  }

  /** Nothing to do: `EV_CLEAR` makes kqueue edge-triggered by itself. */
  rearm(_fd: number): void {}

  /** The value this registry was built from, to hand on to another Worker. */
  share(): SharedKqueueValue {
    return { ...this.#value };
  }
}
