/**
 * `pipe()`, `Sender` and `Receiver`: a Unix pipe as two event sources
 * (mio's `unix::pipe`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { WOULD_BLOCK } from "../../sys/contract.ts";
import { checkBuffer, checkFd } from "../validate.ts";
import { readVectored, writeVectored } from "../net/vectored.ts";
import { PipeEnd } from "./pipe_end.ts";
import { notOwned } from "../io_source.ts";

/**
 * The writing end of a pipe. Register it for `WRITABLE`. Once every
 * `Receiver` has closed, `write` throws `IoError` `BrokenPipe` (the
 * SIGPIPE `write(2)` raises is ignored by Deno, Bun and Node).
 */
export class Sender extends PipeEnd {
  private constructor(fd: number) {
    super(fd, "Sender");
  }

  /**
   * Takes ownership of a pipe's write descriptor (make it non-blocking with `setNonblocking(true)`).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): Sender {
    return new Sender(notOwned(checkFd(fd)));
  }

  /** Writes from `buf`: the count written (maybe fewer), or `null` if the pipe is full. */
  write(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.pipe.write(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Writes `bufs` in order with one write. */
  writeVectored(bufs: readonly Uint8Array[]): number | null {
    return writeVectored(this.io, platform.pipe, bufs);
  }
}

/**
 * The reading end of a pipe. Register it for `READABLE`; `read` returns `0`
 * once every `Sender` has closed and the pipe is drained.
 */
export class Receiver extends PipeEnd {
  private constructor(fd: number) {
    super(fd, "Receiver");
  }

  /**
   * Takes ownership of a pipe's read descriptor (make it non-blocking with `setNonblocking(true)`).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): Receiver {
    return new Receiver(notOwned(checkFd(fd)));
  }

  /** Reads into `buf`: the count, `0` at end of stream, or `null` if the pipe is empty. */
  read(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.pipe.read(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Reads into `bufs` in order with one read. */
  readVectored(bufs: readonly Uint8Array[]): number | null {
    return readVectored(this.io, platform.pipe, bufs);
  }
}

/**
 * A new pipe: `[sender, receiver]`, both non-blocking and close-on-exec
 * (`pipe2(O_NONBLOCK | O_CLOEXEC)`).
 *
 * @example
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { pipe } from "mio-ts/unix";
 *
 * const poll = new Poll();
 * const events = new Events(8);
 * const [sender, receiver] = pipe();
 * poll.registry().register(receiver, Token(0), Interest.READABLE);
 * sender.write(new TextEncoder().encode("hello"));
 * poll.poll(events, 1000); // the receiver is readable
 * const buf = new Uint8Array(64);
 * const n = receiver.read(buf); // 5
 * console.log(new TextDecoder().decode(buf.subarray(0, n ?? 0)));
 * sender.close();
 * receiver.close();
 * poll.close();
 * ```
 */
export function pipe(): [Sender, Receiver] {
  const [readFd, writeFd] = platform.pipe.pipe();
  return [Sender.fromFd(writeFd), Receiver.fromFd(readFd)];
}
