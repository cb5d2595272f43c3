/**
 * `NamedPipe`: a Windows named pipe driven by a `Poll` (mio's
 * `windows::NamedPipe`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { type NamedPipeEnd, WOULD_BLOCK } from "../../sys/contract.ts";
import { invalidInput, type IoError } from "../io_error.ts";
import type { Interest } from "../interest.ts";
import { IoSource, notOwned } from "../io_source.ts";
import type { RegisterOptions } from "../register_options.ts";
import type { Registry } from "../registry.ts";
import type { Source } from "../source.ts";
import type { Token } from "../token.ts";
import { checkBuffer, checkInteger } from "../validate.ts";

/** `\\server\pipe\name`: the form of every pipe name (the server end's server is `.`). */
const PIPE_NAME = /^\\\\[^\\]+\\pipe\\[^\0]+$/i;
/** Windows' limit on a pipe name's length, in UTF-16 units. */
const MAX_NAME = 256;

/** Checks a pipe name before any syscall: `TypeError` if not a string, `InvalidInput` if malformed. */
function checkName(name: unknown, server: boolean): string {
  if (typeof name !== "string") throw new TypeError(`a pipe name must be a string, got ${typeof name}`);
  if (!PIPE_NAME.test(name) || name.length > MAX_NAME || (server && !/^\\\\\.\\/.test(name))) {
    const form = server ? "\\\\.\\pipe\\<name>" : "\\\\<server>\\pipe\\<name>";
    throw invalidInput(
      `a pipe name must look like ${form} (at most ${MAX_NAME} characters), got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/** An end opened by `open`/`fromFd`, handed to the constructor. */
let handoff: NamedPipeEnd | null = null;

/**
 * A non-blocking Windows named pipe. IOCP completes operations rather than
 * reporting readiness, so the pipe buffers, as mio's does: a read is kept
 * in flight into an internal buffer and `read` takes from it; `write`
 * copies its bytes and writes them in the background. Until the pipe is
 * registered with a `Poll`, every operation returns `null` (WouldBlock).
 *
 * `new NamedPipe(name)` creates the server end; call `connect()` after
 * registering it, and wait for a writable event. `NamedPipe.open(name)`
 * opens a client end. Registered once with a `Poll`, the pipe stays tied to
 * that `Poll`'s completion port for good (Windows allows one per handle).
 *
 * On other operating systems every constructor throws `IoError`
 * `Unsupported` before any syscall.
 *
 * @example
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { NamedPipe } from "mio-ts/windows";
 *
 * const poll = new Poll();
 * const events = new Events(16);
 * const server = new NamedPipe("\\\\.\\pipe\\mio-ts-example");
 * poll.registry().register(server, Token(0), Interest.READABLE | Interest.WRITABLE);
 * server.connect(); // null: waiting for a client; a writable event says it came
 * const client = NamedPipe.open("\\\\.\\pipe\\mio-ts-example");
 * poll.registry().register(client, Token(1), Interest.READABLE | Interest.WRITABLE);
 * poll.poll(events, 1000);
 * client.write(new TextEncoder().encode("hello")); // 5, or null (WouldBlock)
 * client.close();
 * server.close();
 * poll.close();
 * ```
 */
export class NamedPipe implements Source {
  readonly #end: NamedPipeEnd;
  readonly #io: IoSource;

  /**
   * Creates the server end of pipe `name` (`\\.\pipe\…`), its first
   * instance: overlapped, byte mode, 64 KiB buffers each way.
   *
   * @throws `TypeError` if `name` is not a string; `IoError` `InvalidInput`
   * for a malformed name (before any syscall); `PermissionDenied` if the
   * pipe exists already; `Unsupported` off Windows.
   */
  constructor(name: string) {
    const end = handoff ?? platform.namedPipe.create(checkName(name, true));
    handoff = null;
    this.#end = end;
    this.#io = new IoSource(end.handle, "NamedPipe", () => end.close());
  }

  /**
   * Opens the client end of pipe `name` (`\\server\pipe\…`), overlapped,
   * for identification only (the server cannot act as this process).
   *
   * @throws `NotFound` if no such pipe exists, `ResourceBusy` (`EBUSY`)
   * when every instance has a client; as the constructor otherwise.
   */
  static open(name: string): NamedPipe {
    handoff = platform.namedPipe.open(checkName(name, false));
    return new NamedPipe("");
  }

  /**
   * Takes ownership of a named pipe HANDLE opened with `FILE_FLAG_OVERLAPPED` (mio's `from_raw_handle`).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `handle`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(handle: number): NamedPipe {
    handoff = platform.namedPipe.fromHandle(
      notOwned(checkInteger(handle, 1, Number.MAX_SAFE_INTEGER, "a handle")),
    );
    return new NamedPipe("");
  }

  /** The pipe's HANDLE on Windows; the same number as `fd`. Throws `BadResource` after close. */
  get handle(): number {
    return this.#io.fd;
  }

  /** The same number as `handle`. Throws `BadResource` after close. */
  get fd(): number {
    return this.#io.fd;
  }

  /**
   * Connects a client (server end): returns at once, `undefined` if one is
   * connected, `null` (WouldBlock) while waiting for one — a writable event
   * then says the connect ended; `takeError()` says whether it failed.
   * Also `null` before the pipe is registered.
   */
  connect(): void | null {
    void this.#io.fd;
    return this.#end.connect() ? undefined : this.#io.wouldBlock();
  }

  /** Disconnects the client (server end); `connect()` may then take another. */
  disconnect(): void {
    void this.#io.fd;
    this.#end.disconnect();
  }

  /** Reads into `buf`: the count, `0` at end of stream, or `null` if it would block. */
  read(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    void this.#io.fd;
    const n = this.#end.read(buf, len);
    return n === WOULD_BLOCK ? this.#io.wouldBlock() : n;
  }

  /**
   * Writes from `buf` (up to 64 KiB at a time, copied and written in the
   * background): the count taken, or `null` while an earlier write is in
   * flight. A write that failed in the background throws at the next call.
   */
  write(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    void this.#io.fd;
    const n = this.#end.write(buf, len);
    return n === WOULD_BLOCK ? this.#io.wouldBlock() : n;
  }

  /** The error of the last connect, cleared by reading it, or `null` (mio's `take_error`). */
  takeError(): IoError | null {
    void this.#io.fd;
    return this.#end.takeError();
  }

  /**
   * Runs `f`, your own I/O on the pipe's handle, and returns what it
   * returns (mio's `try_io`); `null` from `f` means WouldBlock, and the pipe
   * is then re-armed as its own operations do.
   *
   * @throws {TypeError} unless `f` is a function; `IoError` `BadResource`
   * after close (`f` is not called); whatever `f` throws.
   */
  tryIo<T>(f: () => T | null): T | null {
    return this.#io.tryIo(f);
  }

  /** Use `registry.register(pipe, …)`. */
  register(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    this.#io.register(registry, token, interest, options);
  }

  /** Use `registry.reregister(pipe, …)`. */
  reregister(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void {
    this.#io.reregister(registry, token, interest, options);
  }

  /** Use `registry.deregister(pipe)`. */
  deregister(registry: Registry): void {
    this.#io.deregister(registry);
  }

  /**
   * Deregisters and closes the pipe; idempotent. A pending connect and
   * read are cancelled; a write in flight is let finish first, as in mio.
   */
  close(): void {
    this.#io.close();
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.#io.close();
  }
}
