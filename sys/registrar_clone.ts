/**
 * `RegistrarClone`: the clone of a registrar that has no descriptor to
 * duplicate (poll(2), IOCP, another Worker's shared registrar): it calls
 * the same registrar, keeping it reachable, and is closed on its own (a
 * selector that counts its clones, IOCP, is told so).
 *
 * @module
 */
import { badResource } from "./error.ts";
import type { Backend, ClonedRegistrar, Registrar, SharedRegistry } from "./contract.ts";

/** A registrar that forwards to `target` until it is closed. */
export class RegistrarClone implements ClonedRegistrar {
  readonly #target: Registrar;
  readonly #release: (() => void) | null;
  #closed = false;

  /** Forwards to `target`; `release` (if any) is called once, by the first `close()`. */
  constructor(target: Registrar, release: (() => void) | null = null) {
    this.#target = target;
    this.#release = release;
  }

  /** The target's backend. */
  get backend(): Backend {
    return this.#target.backend;
  }

  /** The target's interests. */
  get interests(): number {
    return this.#target.interests;
  }

  /** The target's instance: sources registered through either are registered through both. */
  get instance(): object {
    return this.#target.instance;
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  #open(): Registrar {
    if (this.#closed) throw badResource("Registry");
    return this.#target;
  }

  /** The target's `register`. */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#open().register(fd, token, interest, mode);
  }

  /** The target's `reregister`. */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#open().reregister(fd, token, interest, mode);
  }

  /** The target's `deregister`. */
  deregister(fd: number): void {
    this.#open().deregister(fd);
  }

  /** The target's `rearm`. */
  rearm(fd: number): void {
    if (!this.#closed) this.#target.rearm(fd);
  }

  /** The target's `share`. */
  share(): SharedRegistry {
    return this.#open().share();
  }

  /** Another clone of the target (the target's `tryClone`). */
  tryClone(): ClonedRegistrar {
    return this.#open().tryClone();
  }

  /** Stops forwarding and releases what the target keeps for this clone. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release?.();
  }
}
