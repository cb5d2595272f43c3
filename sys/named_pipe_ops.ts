/**
 * The named-pipe operations a platform provides to `src/windows`
 * (Windows named pipes, mio's `windows::NamedPipe`), and their stand-in on
 * platforms without them. Hot operations return a count, or
 * `WOULD_BLOCK`; every other failure throws `IoError`.
 *
 * @module
 */
import { IoError } from "./error.ts";

/**
 * One end of a named pipe with its overlapped I/O state. The selector
 * registers it by `handle`; reads come from an internal buffer a background
 * read fills, writes are copied and written in the background. Until it is
 * registered with a `Poll`, every operation would block.
 */
export interface NamedPipeEnd {
  /** The pipe's HANDLE, as a number. */
  readonly handle: number;
  /**
   * Starts connecting a client (server end): `true` once one is connected,
   * `false` (WouldBlock) while the connect is pending or before the end is
   * registered; a writable event says the connect ended.
   */
  connect(): boolean;
  /** Disconnects the client, if any (server end). */
  disconnect(): void;
  /**
   * Reads buffered data into the first `len` bytes of `buf` (at most its
   * engine length, `byteLengthOf`): a count, 0 at end of stream, or `WOULD_BLOCK`.
   */
  read(buf: Uint8Array, len: number): number;
  /** Copies the first `len` bytes of `buf` (or fewer) and writes them in the background: the count, or `WOULD_BLOCK`. */
  write(buf: Uint8Array, len: number): number;
  /** The error of the last connect, cleared by reading it, or `null`. */
  takeError(): IoError | null;
  /**
   * Cancels the pending connect and read and closes the handle once pending
   * writes are done (they are not cancelled, as in mio). Idempotent.
   */
  close(): void;
}

/** Opens named pipes. */
export interface NamedPipeOps {
  /** Creates the server end of pipe `name` (`\\.\pipe\…`): its first instance, overlapped, byte mode. */
  create(name: string): NamedPipeEnd;
  /** Opens the client end of pipe `name`, overlapped. */
  open(name: string): NamedPipeEnd;
  /** Takes ownership of a named pipe `handle` opened for overlapped I/O. */
  fromHandle(handle: number): NamedPipeEnd;
}

/** The error of every named-pipe operation where there are none. */
function noNamedPipes(): never {
  throw new IoError("Unsupported", "named pipes (NamedPipe) exist only on Windows", { code: "EOPNOTSUPP" });
}

/** Named-pipe operations of a platform without Windows named pipes: each throws `Unsupported`. */
export const unsupportedNamedPipeOps: NamedPipeOps = {
  create: noNamedPipes,
  open: noNamedPipes,
  fromHandle: noNamedPipes,
};
