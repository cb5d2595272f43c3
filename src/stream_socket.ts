/**
 * `StreamSocket`: what a connected stream socket adds to a `SocketSource` —
 * reads, writes, vectored reads and writes, `peek` and `shutdown`, shared
 * by `TcpStream` and `UnixStream`.
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import { type ShutdownHow, WOULD_BLOCK } from "../sys/contract.ts";
import { readVectored, writeVectored } from "./net/vectored.ts";
import { SocketSource } from "./socket_source.ts";
import { checkBuffer, checkShutdownHow } from "./validate.ts";

/**
 * The base of `TcpStream` and `UnixStream`: a connected stream socket.
 * Every operation is non-blocking: it returns `null` when it would block;
 * wait for the next event and call it again.
 */
export class StreamSocket extends SocketSource {
  /** Reads into `buf`: the count, `0` at end of stream, or `null` if it would block. */
  read(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.net.read(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Writes from `buf`: the count written (maybe fewer), or `null` if it would block. */
  write(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.net.write(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Reads into `bufs` in order with one read. */
  readVectored(bufs: readonly Uint8Array[]): number | null {
    return readVectored(this.io, platform.net, bufs);
  }

  /** Writes `bufs` in order with one write. */
  writeVectored(bufs: readonly Uint8Array[]): number | null {
    return writeVectored(this.io, platform.net, bufs);
  }

  /** Reads into `buf` without removing the data from the socket. */
  peek(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.net.peek(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Shuts down the read half, the write half, or both. */
  shutdown(how: ShutdownHow): void {
    platform.net.shutdown(this.io.fd, checkShutdownHow(how));
  }
}
