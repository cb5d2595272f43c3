/**
 * mio-ts: Rust's mio — non-blocking I/O with readiness events — for
 * TypeScript on Deno, Bun and Node, calling the OS selector (epoll, …)
 * through each runtime's FFI.
 *
 * @example
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { TcpListener } from "mio-ts/net";
 *
 * const poll = new Poll();
 * const events = new Events(128);
 * const listener = TcpListener.bind("127.0.0.1:0");
 * poll.registry().register(listener, Token(0), Interest.READABLE);
 * poll.poll(events, 100);
 * ```
 *
 * @module
 */
export { Token } from "./src/token.js";
export { Interest } from "./src/interest.js";
export { Event, Events } from "./src/events.js";
export { Poll } from "./src/poll.js";
export { Registry } from "./src/registry.js";
export { Waker } from "./src/waker.js";
export { IoError } from "./src/io_error.js";
export * from "./src/net/mod.js";
export * from "./src/unix/mod.js";
export * from "./src/windows/mod.js";
