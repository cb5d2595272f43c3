/**
 * `SocketSource`: what every socket type shares — its descriptor, its
 * registration, `takeError()`, `close()` and `intoFd()`.
 *
 * @module
 */
import { platform } from "../sys/select.ts";
import type { IoError } from "./io_error.ts";
import type { Interest } from "./interest.ts";
import { IoSource } from "./io_source.ts";
import type { Registry } from "./registry.ts";
import type { Source } from "./source.ts";
import type { Token } from "./token.ts";

/** The base of every socket type: a descriptor it owns, registrable with a `Poll`. */
export class SocketSource implements Source {
  /** @internal The descriptor and its registration. */
  protected readonly io: IoSource;

  /** @internal Takes ownership of `fd`; `what` names the type in errors. */
  protected constructor(fd: number, what: string) {
    this.io = new IoSource(fd, what, platform.net.close);
  }

  /** The descriptor (Unix) this object owns. Throws `BadResource` after close. */
  get fd(): number {
    return this.io.fd;
  }

  /** The SOCKET/HANDLE on Windows; the same number as `fd`. Throws `BadResource` after close. */
  get handle(): number {
    return this.io.fd;
  }

  /** The socket's pending error (`SO_ERROR`), cleared by reading it, or `null`. */
  takeError(): IoError | null {
    const errno = platform.net.takeErrno(this.io.fd);
    return errno === 0 ? null : platform.osError(errno, "getsockopt");
  }

  /** Use `registry.register(socket, …)`. */
  register(registry: Registry, token: Token, interest: Interest): void {
    this.io.register(registry, token, interest);
  }

  /** Use `registry.reregister(socket, …)`. */
  reregister(registry: Registry, token: Token, interest: Interest): void {
    this.io.reregister(registry, token, interest);
  }

  /** Use `registry.deregister(socket)`. */
  deregister(registry: Registry): void {
    this.io.deregister(registry);
  }

  /** Deregisters and closes the socket; idempotent. */
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
