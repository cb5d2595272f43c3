/**
 * `pipe()`, `Sender` and `Receiver`: a Unix pipe as two event sources
 * (mio's `unix::pipe`).
 *
 * @module
 */
import { platform } from "../../sys/select.js";
import { WOULD_BLOCK } from "../../sys/net_ops.js";
import { checkBuffer, checkFd } from "../validate.js";
import { readVectored, writeVectored } from "../net/vectored.js";
import { PipeEnd } from "./pipe_end.js";
/**
 * The writing end of a pipe. Register it for `WRITABLE`. Once every
 * `Receiver` has closed, `write` throws `IoError` `BrokenPipe` (the
 * SIGPIPE `write(2)` raises is ignored by Deno, Bun and Node).
 */
export class Sender extends PipeEnd {
    constructor(fd) {
        super(fd, "Sender");
    }
    /** Takes ownership of a pipe's write descriptor (make it non-blocking with `setNonblocking(true)`). */
    static fromFd(fd) {
        return new Sender(checkFd(fd));
    }
    /** Writes from `buf`: the count written (maybe fewer), or `null` if the pipe is full. */
    write(buf) {
        checkBuffer(buf);
        const n = platform.pipe.write(this.io.fd, buf);
        return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
    }
    /** Writes `bufs` in order with one write. */
    writeVectored(bufs) {
        const fd = this.io.fd;
        return writeVectored(bufs, (buf) => platform.pipe.write(fd, buf)) ?? this.io.wouldBlock();
    }
}
/**
 * The reading end of a pipe. Register it for `READABLE`; `read` returns `0`
 * once every `Sender` has closed and the pipe is drained.
 */
export class Receiver extends PipeEnd {
    constructor(fd) {
        super(fd, "Receiver");
    }
    /** Takes ownership of a pipe's read descriptor (make it non-blocking with `setNonblocking(true)`). */
    static fromFd(fd) {
        return new Receiver(checkFd(fd));
    }
    /** Reads into `buf`: the count, `0` at end of stream, or `null` if the pipe is empty. */
    read(buf) {
        checkBuffer(buf);
        const n = platform.pipe.read(this.io.fd, buf);
        return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
    }
    /** Reads into `bufs` in order with one read. */
    readVectored(bufs) {
        const fd = this.io.fd;
        return readVectored(bufs, (buf) => platform.pipe.read(fd, buf)) ?? this.io.wouldBlock();
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
export function pipe() {
    const [readFd, writeFd] = platform.pipe.pipe();
    return [Sender.fromFd(writeFd), Receiver.fromFd(readFd)];
}
