/**
 * `IoSource`: a descriptor plus its registration, held by every source that
 * owns one (`DescriptorSource`, `NamedPipe`). It enforces one `Poll` per
 * source and never touches a descriptor number after `close()`. A source
 * dropped without `close()` is closed by a `FinalizationRegistry` safety
 * net, with a one-time warning naming it; one still open when its Worker
 * ends is closed then, by the realm's exit listener or, when no JavaScript
 * runs any more (`worker.terminate()`), by the thread's exit
 * (`platform.threadExit`, released on every other path so that exactly one
 * closes it).
 *
 * @module
 */
import type { Registrar, Selector } from "../sys/contract.ts";
import { platform } from "../sys/current.ts";
import { badResource, IoError } from "./io_error.ts";
import type { Interest } from "./interest.ts";
import { checkRegisterOptions, type RegisterOptions } from "./register_options.ts";
import { openRegistrar, pollState, type Registry } from "./registry.ts";
import { warnLeakOnce } from "./leak_warning.ts";
import { closeAtExit } from "./realm_exit.ts";
import type { Token } from "./token.ts";

/**
 * What an `IoSource` owns, kept apart from it so the safety net can close the
 * descriptor after the source itself was collected.
 */
interface Owned {
  fd: number;
  /** The registrar it was registered through, or another open one of the same selector (`live`). */
  selector: Registrar | null;
  /** The `Poll` selector behind `selector` (`null` for another Worker's shared registry). */
  owner: Selector | null;
  readonly what: string;
  readonly closeFd: (fd: number) => void;
}

/**
 * The descriptors that this realm's sources own, each with its owner. Each
 * realm (the main thread, every Worker) has its own: a descriptor adopted
 * by a source in another Worker is not seen here.
 */
const owners = new Map<number, Owned>();

/**
 * `fd`, for a `fromFd()` (called before any system call): refused if a
 * source of this realm owns it already, since two owners would each read,
 * write and close it, and the stale one would act on whatever reuses the
 * number.
 *
 * @throws `IoError` `AlreadyExists` if a source of this realm (open, not
 * given up with `intoFd()`) owns `fd`.
 */
export function notOwned(fd: number): number {
  if (adoptingFresh) return fd;
  const owner = owners.get(fd);
  if (owner !== undefined) {
    throw new IoError(
      "AlreadyExists",
      `descriptor ${fd} is owned by a ${owner.what} already (one owner per descriptor: ` +
        `close() that one, or give the descriptor up with its intoFd(), first)`,
      { code: "EEXIST" },
    );
  }
  return fd;
}

/** Closes `owned.fd` (which must be open) and marks it closed; it is no longer closed at the thread's exit. */
function closeOwned(owned: Owned): void {
  const fd = owned.fd;
  owned.fd = -1;
  platform.threadExit.release(fd);
  owned.closeFd(fd);
}

closeAtExit(() => {
  for (const owned of owners.values()) {
    closeOwned(owned);
  }
  owners.clear();
});

/** Set only while `fromFresh` runs a `fromFd()`. */
let adoptingFresh = false;

/**
 * `fromFd(fd)` for a descriptor the OS has just made (an accepted
 * connection): not refused, since no live source can own a fresh number;
 * a stale owner is closed without touching it (see `IoSource`).
 */
export function fromFresh<T>(fromFd: (fd: number) => T, fd: number): T {
  adoptingFresh = true;
  try {
    return fromFd(fd);
  } finally {
    adoptingFresh = false;
  }
}

/** Forgets `owned` as the owner of its descriptor (if it still is). */
function disown(owned: Owned): void {
  if (owners.get(owned.fd) === owned) owners.delete(owned.fd);
}

/** Closes what a source dropped without `close()` still owned; warns once per realm. */
const safetyNet = new FinalizationRegistry<Owned>((owned) => {
  if (owned.fd < 0) return;
  warnLeakOnce(`a ${owned.what} (descriptor ${owned.fd})`);
  deregisterQuietly(owned);
  disown(owned);
  closeOwned(owned);
});

/**
 * The open registrar through which `owned` is registered: the one it was
 * registered through, or, once that one is closed, another of the same
 * selector (`openRegistrar`); `null` when it is not registered or every
 * registrar of its selector is closed.
 */
function live(owned: Owned): Registrar | null {
  const selector = owned.selector;
  if (selector !== null && selector.closed) owned.selector = openRegistrar(owned.owner, selector.instance);
  return owned.selector;
}

/** Removes `owned.fd` from its selector if that is still open; errors mean it is gone already. */
function deregisterQuietly(owned: Owned): void {
  const selector = live(owned);
  owned.selector = null;
  if (selector === null) return;
  try {
    selector.deregister(owned.fd);
  } catch {
    // Already gone from the selector (e.g. the descriptor was dup'd away): nothing to undo.
  }
}

/** A descriptor and the selector it is registered with, if any. */
export class IoSource {
  readonly #owned: Owned;

  /**
   * Owns `fd`; `closeFd` releases it; `what` names the source in errors.
   * A source of this realm that still owned the number lost its descriptor
   * behind mio-ts's back (the OS handed the number out again, or
   * `fromFd()` checked it with `notOwned`): it is closed without touching
   * the number.
   */
  constructor(fd: number, what: string, closeFd: (fd: number) => void) {
    this.#owned = { fd, selector: null, owner: null, what, closeFd };
    const stale = owners.get(fd);
    if (stale !== undefined) {
      stale.fd = -1;
      stale.selector = null;
    }
    owners.set(fd, this.#owned);
    platform.threadExit.hold(fd);
    safetyNet.register(this, this.#owned, this);
  }

  /** The descriptor; throws `BadResource` after close. */
  get fd(): number {
    const fd = this.#owned.fd;
    if (fd < 0) throw badResource(this.#owned.what);
    return fd;
  }

  /** Whether `close()` or `intoFd()` has been called. */
  get closed(): boolean {
    return this.#owned.fd < 0;
  }

  #live(): Registrar | null {
    return live(this.#owned);
  }

  /** Registers with the registry's selector, in the mode `options` names. */
  register(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    const mode = checkRegisterOptions(options);
    const state = pollState(registry);
    const selector = state.selector;
    const fd = this.fd;
    if (this.#live() !== null) {
      throw new IoError("AlreadyExists", `${this.#owned.what} is already registered with a Poll`, {
        code: "EEXIST",
      });
    }
    selector.register(fd, token, interest, mode);
    this.#owned.selector = selector;
    this.#owned.owner = state.owner;
  }

  #registeredWith(registry: Registry): Registrar {
    const selector = pollState(registry).selector;
    const live = this.#live();
    if (live === null || (live !== selector && live.instance !== selector.instance)) {
      throw new IoError("NotFound", `${this.#owned.what} is not registered with this Poll`, {
        code: "ENOENT",
      });
    }
    return selector;
  }

  /**
   * Reports that an operation said WouldBlock: the selector re-arms the
   * registration where it must (mio's `do_io`; never a oneshot registration
   * that fired). Returns `null`, the
   * operation's result.
   */
  wouldBlock(): null {
    this.#live()?.rearm(this.#owned.fd);
    return null;
  }

  /**
   * Runs the caller's own I/O on the descriptor (mio's `try_io`): returns
   * what `f` returns; `null` means WouldBlock, and re-arms as `wouldBlock()`.
   *
   * @throws {TypeError} unless `f` is a function; `BadResource` after close
   * (`f` is not called); whatever `f` throws.
   */
  tryIo<T>(f: () => T | null): T | null {
    if (typeof f !== "function") throw new TypeError("tryIo takes a function");
    void this.fd;
    const result = f();
    return result === null ? this.wouldBlock() : result;
  }

  /** Changes token, interest and mode. */
  reregister(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    const mode = checkRegisterOptions(options);
    const fd = this.fd;
    this.#registeredWith(registry).reregister(fd, token, interest, mode);
  }

  /** Removes the registration. */
  deregister(registry: Registry): void {
    const fd = this.fd;
    this.#registeredWith(registry).deregister(fd);
    this.#owned.selector = null;
  }

  /** Deregisters if needed and gives up the descriptor without closing it. */
  release(): number {
    const fd = this.fd;
    deregisterQuietly(this.#owned);
    disown(this.#owned);
    this.#owned.fd = -1;
    platform.threadExit.release(fd);
    safetyNet.unregister(this);
    return fd;
  }

  /** Deregisters and closes; idempotent. */
  close(): void {
    if (this.#owned.fd < 0) return;
    this.#owned.closeFd(this.release());
  }
}
