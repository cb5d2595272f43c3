/**
 * mio-ts's Windows sources: `NamedPipe` (mio's `windows::NamedPipe`). The
 * module loads on every OS; off Windows, creating a pipe throws `IoError`
 * `Unsupported`.
 *
 * @example
 * ```ts
 * import { Interest, Poll, Token } from "mio-ts";
 * import { NamedPipe } from "mio-ts/windows";
 *
 * const poll = new Poll();
 * const server = new NamedPipe("\\\\.\\pipe\\my-service");
 * poll.registry().register(server, Token(0), Interest.READABLE | Interest.WRITABLE);
 * server.connect(); // null until a client comes: wait for a writable event
 * ```
 *
 * @module
 */
export { NamedPipe } from "./named_pipe.js";
