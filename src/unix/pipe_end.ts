/**
 * `PipeEnd`: what `Sender` and `Receiver` share — a pipe descriptor they
 * own, its registration, `close()`, `intoFd()` and `setNonblocking()`.
 *
 * @module
 */
import { platform } from "../../sys/select.ts";
import type { IoError } from "../io_error.ts";
import type { Interest } from "../interest.ts";
import { IoSource } from "../io_source.ts";
import type { Registry } from "../registry.ts";
import type { Source } from "../source.ts";
import type { Token } from "../token.ts";

/** The base of `Sender` and `Receiver`: one end of a pipe, registrable with a `Poll`. */
export class PipeEnd implements Source {
  /** @internal The descriptor and its registration. */
  protected readonly io: IoSource;

  /** @internal Takes ownership of `fd`; `what` names the type in errors. */
  protected constructor(fd: number, what: string) {
    this.io = new IoSource(fd, what, platform.pipe.close);
  }

  /** The descriptor this object owns. Throws `BadResource` after close. */
  get fd(): number {
    return this.io.fd;
  }

  /**
   * Always `null`: a pipe has no pending-error slot (a socket's `SO_ERROR`);
   * its failures are thrown by `read`/`write`. Throws `BadResource` after close.
   */
  takeError(): IoError | null {
    void this.io.fd;
    return null;
  }

  /**
   * Sets or clears `O_NONBLOCK`, for a descriptor taken with `fromFd` (one
   * from a child process, say). `pipe()` makes both ends non-blocking.
   */
  setNonblocking(nonblocking: boolean): void {
    if (typeof nonblocking !== "boolean") throw new TypeError("nonblocking must be a boolean");
    platform.pipe.setNonblocking(this.io.fd, nonblocking);
  }

  /** Use `registry.register(end, …)`. */
  register(registry: Registry, token: Token, interest: Interest): void {
    this.io.register(registry, token, interest);
  }

  /** Use `registry.reregister(end, …)`. */
  reregister(registry: Registry, token: Token, interest: Interest): void {
    this.io.reregister(registry, token, interest);
  }

  /** Use `registry.deregister(end)`. */
  deregister(registry: Registry): void {
    this.io.deregister(registry);
  }

  /** Deregisters and closes this end; idempotent. */
  close(): void {
    this.io.close();
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.io.close();
  }

  /**
   * Gives up the descriptor without closing it (deregistering it first);
   * this object is closed afterwards. Pair with `fromFd()`.
   */
  intoFd(): number {
    return this.io.release();
  }
}
