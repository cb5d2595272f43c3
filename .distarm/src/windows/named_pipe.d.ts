import { type IoError } from "../io_error.ts";
import type { Interest } from "../interest.ts";
import type { Registry } from "../registry.ts";
import type { Source } from "../source.ts";
import type { Token } from "../token.ts";
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
export declare class NamedPipe implements Source {
    #private;
    /**
     * Creates the server end of pipe `name` (`\\.\pipe\…`), its first
     * instance: overlapped, byte mode, 64 KiB buffers each way.
     *
     * @throws `TypeError` if `name` is not a string; `IoError` `InvalidInput`
     * for a malformed name (before any syscall); `PermissionDenied` if the
     * pipe exists already; `Unsupported` off Windows.
     */
    constructor(name: string);
    /**
     * Opens the client end of pipe `name` (`\\server\pipe\…`), overlapped,
     * for identification only (the server cannot act as this process).
     *
     * @throws `NotFound` if no such pipe exists, `ResourceBusy` (`EBUSY`)
     * when every instance has a client; as the constructor otherwise.
     */
    static open(name: string): NamedPipe;
    /** Takes ownership of a named pipe HANDLE opened with `FILE_FLAG_OVERLAPPED` (mio's `from_raw_handle`). */
    static fromFd(handle: number): NamedPipe;
    /** The pipe's HANDLE on Windows; the same number as `fd`. Throws `BadResource` after close. */
    get handle(): number;
    /** The same number as `handle`. Throws `BadResource` after close. */
    get fd(): number;
    /**
     * Connects a client (server end): returns at once, `undefined` if one is
     * connected, `null` (WouldBlock) while waiting for one — a writable event
     * then says the connect ended; `takeError()` says whether it failed.
     * Also `null` before the pipe is registered.
     */
    connect(): void | null;
    /** Disconnects the client (server end); `connect()` may then take another. */
    disconnect(): void;
    /** Reads into `buf`: the count, `0` at end of stream, or `null` if it would block. */
    read(buf: Uint8Array): number | null;
    /**
     * Writes from `buf` (up to 64 KiB at a time, copied and written in the
     * background): the count taken, or `null` while an earlier write is in
     * flight. A write that failed in the background throws at the next call.
     */
    write(buf: Uint8Array): number | null;
    /** The error of the last connect, cleared by reading it, or `null` (mio's `take_error`). */
    takeError(): IoError | null;
    /** Use `registry.register(pipe, …)`. */
    register(registry: Registry, token: Token, interest: Interest): void;
    /** Use `registry.reregister(pipe, …)`. */
    reregister(registry: Registry, token: Token, interest: Interest): void;
    /** Use `registry.deregister(pipe)`. */
    deregister(registry: Registry): void;
    /**
     * Deregisters and closes the pipe; idempotent. A pending connect and
     * read are cancelled; a write in flight is let finish first, as in mio.
     */
    close(): void;
    /** Same as `close()`, for `using`. */
    [Symbol.dispose](): void;
}
