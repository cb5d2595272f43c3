/**
 * `SourceFd`: registers any descriptor the caller owns (mio's
 * `unix::SourceFd`).
 *
 * @module
 */
import type { Interest } from "../interest.ts";
import { checkRegisterOptions, type RegisterOptions } from "../register_options.ts";
import { pollState, type Registry } from "../registry.ts";
import type { Source } from "../source.ts";
import type { Token } from "../token.ts";
import { checkFd } from "../validate.ts";

/**
 * An adapter that makes any descriptor a `Source`. It does not own the
 * descriptor: it never closes it, and keeps no registration state —
 * register, reregister and deregister go straight to the selector (so the
 * OS says whether it is registered: epoll reports `AlreadyExists` and
 * `NotFound`). Deregister before closing the descriptor. Operations on the
 * descriptor are yours, and so is mio's rule: read or write until
 * WouldBlock before waiting for the next event.
 *
 * @example Watching standard input
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { SourceFd } from "mio-ts/unix";
 *
 * // Descriptor 0 stays the process's: SourceFd only registers it. (epoll
 * // refuses regular files: run it with a terminal or a pipe as stdin.)
 * const poll = new Poll();
 * const events = new Events(8);
 * const stdin = new SourceFd(0);
 * poll.registry().register(stdin, Token(0), Interest.READABLE);
 * poll.poll(events, 1000); // an event with token 0 once input is ready
 * poll.registry().deregister(stdin);
 * poll.close();
 * ```
 */
export class SourceFd implements Source {
  readonly #fd: number;

  /** Wraps `fd`, which stays the caller's. */
  constructor(fd: number) {
    this.#fd = checkFd(fd);
  }

  /** The descriptor. */
  get fd(): number {
    return this.#fd;
  }

  /** Use `registry.register(source, …)`. */
  register(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    pollState(registry).selector.register(this.#fd, token, interest, checkRegisterOptions(options));
  }

  /** Use `registry.reregister(source, …)`. */
  reregister(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    pollState(registry).selector.reregister(this.#fd, token, interest, checkRegisterOptions(options));
  }

  /** Use `registry.deregister(source)`. */
  deregister(registry: Registry): void {
    pollState(registry).selector.deregister(this.#fd);
  }
}
