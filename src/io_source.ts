/**
 * `IoSource`: a descriptor plus its registration, shared by every socket
 * type. It enforces one `Poll` per source and never touches a descriptor
 * number after `close()`.
 *
 * @module
 */
import type { Selector } from "../sys/selector.ts";
import { badResource, IoError } from "./io_error.ts";
import type { Interest } from "./interest.ts";
import { pollState, type Registry } from "./registry.ts";
import type { Token } from "./token.ts";

/** A descriptor and the selector it is registered with, if any. */
export class IoSource {
  #fd: number;
  #selector: Selector | null = null;
  readonly #what: string;
  readonly #closeFd: (fd: number) => void;

  /** Owns `fd`; `closeFd` releases it; `what` names the source in errors. */
  constructor(fd: number, what: string, closeFd: (fd: number) => void) {
    this.#fd = fd;
    this.#what = what;
    this.#closeFd = closeFd;
  }

  /** The descriptor; throws `BadResource` after close. */
  get fd(): number {
    if (this.#fd < 0) throw badResource(this.#what);
    return this.#fd;
  }

  /** Whether `close()` or `intoFd()` has been called. */
  get closed(): boolean {
    return this.#fd < 0;
  }

  #live(): Selector | null {
    if (this.#selector?.closed) this.#selector = null; // its Poll was closed
    return this.#selector;
  }

  /** Registers with the registry's selector. */
  register(registry: Registry, token: Token, interest: Interest): void {
    const selector = pollState(registry).selector;
    const fd = this.fd;
    if (this.#live() !== null) {
      throw new IoError("AlreadyExists", `${this.#what} is already registered with a Poll`, {
        code: "EEXIST",
      });
    }
    selector.register(fd, token, interest);
    this.#selector = selector;
  }

  #registeredWith(registry: Registry): Selector {
    const selector = pollState(registry).selector;
    if (this.#live() !== selector) {
      throw new IoError("NotFound", `${this.#what} is not registered with this Poll`, { code: "ENOENT" });
    }
    return selector;
  }

  /**
   * Reports that an operation said WouldBlock: the selector re-arms the
   * registration where it must (mio's `do_io`). Returns `null`, the
   * operation's result.
   */
  wouldBlock(): null {
    this.#live()?.rearm(this.#fd);
    return null;
  }

  /** Changes token and interest. */
  reregister(registry: Registry, token: Token, interest: Interest): void {
    const fd = this.fd;
    this.#registeredWith(registry).reregister(fd, token, interest);
  }

  /** Removes the registration. */
  deregister(registry: Registry): void {
    const fd = this.fd;
    this.#registeredWith(registry).deregister(fd);
    this.#selector = null;
  }

  /** Deregisters if needed and gives up the descriptor without closing it. */
  release(): number {
    const fd = this.fd;
    const selector = this.#live();
    if (selector !== null) {
      try {
        selector.deregister(fd);
      } catch {
        // Already gone from the selector (e.g. the descriptor was dup'd away): nothing to undo.
      }
    }
    this.#selector = null;
    this.#fd = -1;
    return fd;
  }

  /** Deregisters and closes; idempotent. */
  close(): void {
    if (this.#fd < 0) return;
    this.#closeFd(this.release());
  }
}
