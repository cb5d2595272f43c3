/**
 * `DescriptorSource`: what every source that owns a descriptor shares — the
 * descriptor, its registration, `close()` and `intoFd()`. The descriptor
 * lives in an `IoSource`: it throws `BadResource` once closed, and closes a
 * descriptor dropped without `close()` (the safety net).
 *
 * @module
 */
import type { IoError } from "./io_error.ts";
import type { Interest } from "./interest.ts";
import { IoSource } from "./io_source.ts";
import type { RegisterOptions } from "./register_options.ts";
import type { Registry } from "./registry.ts";
import type { Source } from "./source.ts";
import type { Token } from "./token.ts";

/** The base of every source that owns a descriptor (sockets, pipe ends), registrable with a `Poll`. */
export abstract class DescriptorSource implements Source {
  /** @internal The descriptor and its registration. */
  protected readonly io: IoSource;

  /** @internal Takes ownership of `fd`, released with `closeFd`; `what` names the type in errors. */
  protected constructor(fd: number, what: string, closeFd: (fd: number) => void) {
    this.io = new IoSource(fd, what, closeFd);
  }

  /** The descriptor this object owns (a socket's SOCKET on Windows, as `handle`). Throws `BadResource` after close. */
  get fd(): number {
    return this.io.fd;
  }

  /** The pending error, cleared by reading it, or `null`. Throws `BadResource` after close. */
  abstract takeError(): IoError | null;

  /**
   * Runs `f`, your own I/O on `fd` (a syscall mio-ts does not wrap, say),
   * and returns what it returns (mio's `try_io`). Return `null` from `f`
   * when the OS said WouldBlock: the source is then re-armed as mio-ts's own
   * operations do, so the next readiness is reported on every backend
   * (poll(2) and IOCP included). Without it, I/O done behind mio-ts's back
   * may leave no further event there.
   *
   * @example
   * ```ts
   * import { UdpSocket } from "mio-ts/net";
   *
   * const socket = UdpSocket.bind("127.0.0.1:0");
   * const n = socket.tryIo(() => {
   *   // e.g. recvmmsg(2) through your own FFI binding on socket.fd; null when it would block
   *   return null;
   * });
   * console.log(n); // null: WouldBlock, the socket is re-armed
   * socket.close();
   * ```
   *
   * @throws {TypeError} unless `f` is a function; `IoError` `BadResource`
   * after close (`f` is not called); whatever `f` throws.
   */
  tryIo<T>(f: () => T | null): T | null {
    return this.io.tryIo(f);
  }

  /** Use `registry.register(source, …)`. */
  register(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    this.io.register(registry, token, interest, options);
  }

  /** Use `registry.reregister(source, …)`. */
  reregister(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    this.io.reregister(registry, token, interest, options);
  }

  /** Use `registry.deregister(source)`. */
  deregister(registry: Registry): void {
    this.io.deregister(registry);
  }

  /** Deregisters and closes the descriptor; idempotent. */
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
