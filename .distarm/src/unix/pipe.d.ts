import { PipeEnd } from "./pipe_end.ts";
/**
 * The writing end of a pipe. Register it for `WRITABLE`. Once every
 * `Receiver` has closed, `write` throws `IoError` `BrokenPipe` (the
 * SIGPIPE `write(2)` raises is ignored by Deno, Bun and Node).
 */
export declare class Sender extends PipeEnd {
    private constructor();
    /** Takes ownership of a pipe's write descriptor (make it non-blocking with `setNonblocking(true)`). */
    static fromFd(fd: number): Sender;
    /** Writes from `buf`: the count written (maybe fewer), or `null` if the pipe is full. */
    write(buf: Uint8Array): number | null;
    /** Writes `bufs` in order with one write. */
    writeVectored(bufs: readonly Uint8Array[]): number | null;
}
/**
 * The reading end of a pipe. Register it for `READABLE`; `read` returns `0`
 * once every `Sender` has closed and the pipe is drained.
 */
export declare class Receiver extends PipeEnd {
    private constructor();
    /** Takes ownership of a pipe's read descriptor (make it non-blocking with `setNonblocking(true)`). */
    static fromFd(fd: number): Receiver;
    /** Reads into `buf`: the count, `0` at end of stream, or `null` if the pipe is empty. */
    read(buf: Uint8Array): number | null;
    /** Reads into `bufs` in order with one read. */
    readVectored(bufs: readonly Uint8Array[]): number | null;
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
export declare function pipe(): [Sender, Receiver];
