/**
 * The eventfd waker (Linux): an eventfd registered for readability; a wake
 * adds 1 to its counter, which makes epoll report it (edge-triggered).
 *
 * @module
 */
import { errno, libc } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./os_error.ts";
import { INTEREST_READABLE } from "../bits.ts";
import type { Selector, SysWaker } from "../selector.ts";

/** A one-eventfd waker, as mio's `waker::eventfd`. */
export class EventfdWaker implements SysWaker {
  #fd: number;
  readonly #one = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]);
  readonly #sink = new Uint8Array(8);

  /** Creates an eventfd and registers it with `selector` for `token`. */
  constructor(selector: Selector, token: number) {
    const fd = libc.eventfd(0, C.EFD_NONBLOCK | C.EFD_CLOEXEC);
    if (fd < 0) throw osError(errno(), "eventfd");
    try {
      selector.register(fd, token, INTEREST_READABLE);
    } catch (e) {
      libc.close(fd);
      throw e;
    }
    this.#fd = fd;
  }

  /** Adds 1 to the counter; if it would overflow, drains it and tries again. */
  wake(): void {
    for (;;) {
      if (libc.write(this.#fd, this.#one, 8) >= 0) return;
      const e = errno();
      if (e === C.EINTR) continue;
      if (e !== C.EAGAIN) throw osError(e, "write");
      libc.read(this.#fd, this.#sink, 8);
    }
  }

  /** Closes the eventfd; idempotent. */
  close(): void {
    if (this.#fd < 0) return;
    libc.close(this.#fd);
    this.#fd = -1;
  }
}
