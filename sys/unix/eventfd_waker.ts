/**
 * The eventfd waker (Linux): an eventfd that turns readable when woken; a
 * wake adds 1 to its counter, which makes epoll report it (edge-triggered).
 *
 * @module
 */
import { errno, libc } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./errno_linux.ts";
import type { FdWaker } from "./fd_waker.ts";
import { type SharedFdWakerValue, WakerShares } from "./shared_waker.ts";
import { badResource } from "../error.ts";

/** A one-eventfd waker, as mio's `waker::eventfd`. */
export class EventfdWaker implements FdWaker {
  #fd: number;
  readonly #one = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]);
  readonly #sink = new Uint8Array(8);
  readonly #shares: WakerShares;

  /** Creates a non-blocking, close-on-exec eventfd (not registered anywhere yet). */
  constructor() {
    const fd = libc.eventfd(0, C.EFD_NONBLOCK | C.EFD_CLOEXEC);
    if (fd < 0) throw osError(errno(), "eventfd");
    this.#fd = fd;
    this.#shares = new WakerShares("eventfd", fd);
  }

  /** The eventfd. */
  get fd(): number {
    return this.#fd;
  }

  /** Adds 1 to the counter; if it would overflow, drains it and tries again. */
  wake(): void {
    for (;;) {
      if (libc.write(this.#fd, this.#one, 8) >= 0) return;
      const e = errno();
      if (e === C.EINTR) continue;
      if (e !== C.EAGAIN) throw osError(e, "write");
      this.reset();
    }
  }

  /** Reads the counter back to 0 (nothing to read is fine). */
  reset(): void {
    libc.read(this.#fd, this.#sink, 8);
  }

  /** Another Worker's way to add 1 to the counter. */
  share(): SharedFdWakerValue {
    if (this.#fd < 0) throw badResource("Waker");
    return this.#shares.share();
  }

  /** Makes the copies shared so far refuse to wake. */
  revokeShares(): void {
    this.#shares.revoke();
  }

  /** Revokes the shared copies, then closes the eventfd; idempotent. */
  close(): void {
    if (this.#fd < 0) return;
    this.#shares.revoke();
    libc.close(this.#fd);
    this.#fd = -1;
  }
}
