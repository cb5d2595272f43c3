/**
 * The pipe waker (mio's `waker::pipe`): a non-blocking, close-on-exec pipe
 * whose read end turns readable when a wake writes one byte to the other.
 * Used where there is no eventfd, and everywhere with
 * `MIO_FORCE_WAKER_PIPE=1`.
 *
 * @module
 */
import { errno, libc } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./errno_linux.ts";
import type { FdWaker } from "./fd_waker.ts";
import { type SharedFdWakerValue, WakerShares } from "./shared_waker.ts";
import { badResource } from "../error.ts";

/** A pipe pair: `wake()` writes to one end, the selector watches the other. */
export class PipeWaker implements FdWaker {
  #reader: number;
  #writer: number;
  readonly #one = new Uint8Array([1]);
  readonly #sink = new Uint8Array(4096);
  readonly #shares: WakerShares;

  /** Creates the pipe (`pipe2` with `O_NONBLOCK | O_CLOEXEC`; not registered anywhere yet). */
  constructor() {
    const ends = new Int32Array(2);
    if (libc.pipe2(ends, C.O_NONBLOCK | C.O_CLOEXEC) < 0) throw osError(errno(), "pipe2");
    this.#reader = ends[0];
    this.#writer = ends[1];
    this.#shares = new WakerShares("pipe", this.#writer);
  }

  /** The read end, which the selector watches. */
  get fd(): number {
    return this.#reader;
  }

  /** Writes one byte; if the pipe is full, empties it and tries again. */
  wake(): void {
    for (;;) {
      if (libc.write(this.#writer, this.#one, 1) >= 0) return;
      const e = errno();
      if (e === C.EINTR) continue;
      if (e !== C.EAGAIN) throw osError(e, "write");
      this.reset();
    }
  }

  /** Reads until the pipe is empty (errors ignored, as mio's `empty`). */
  reset(): void {
    while (libc.read(this.#reader, this.#sink, this.#sink.byteLength) > 0) {
      // Keep draining.
    }
  }

  /** Another Worker's way to write a byte to the write end. */
  share(): SharedFdWakerValue {
    if (this.#reader < 0) throw badResource("Waker");
    return this.#shares.share();
  }

  /** Makes the copies shared so far refuse to wake. */
  revokeShares(): void {
    this.#shares.revoke();
  }

  /** Revokes the shared copies, then closes both ends; idempotent. */
  close(): void {
    if (this.#reader < 0) return;
    this.#shares.revoke();
    libc.close(this.#reader);
    libc.close(this.#writer);
    this.#reader = -1;
    this.#writer = -1;
  }
}
