/**
 * The pipe operations every Unix platform provides to `src/unix`. Hot
 * operations return a count, or `WOULD_BLOCK`; every other failure throws
 * `IoError`. `EINTR` is retried inside.
 *
 * @module
 */

/** Operations on the two ends of a pipe. */
export interface PipeOps {
  /** A new pipe, both ends non-blocking and close-on-exec: `[readFd, writeFd]`. */
  pipe(): [number, number];
  /** Reads into the first `len` bytes of `buf` (see `SocketOps`); 0 at end of stream (every writer closed). */
  read(fd: number, buf: Uint8Array, len: number): number;
  /** Writes the first `len` bytes of `buf`; `BrokenPipe` once every reader has closed. */
  write(fd: number, buf: Uint8Array, len: number): number;
  /** Sets or clears `O_NONBLOCK` (for descriptors taken with `fromFd`). */
  setNonblocking(fd: number, on: boolean): void;
  /** Closes the descriptor. */
  close(fd: number): void;
}
