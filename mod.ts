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
export { Token } from "./src/token.ts";
export { Interest } from "./src/interest.ts";
export { Event, Events } from "./src/events.ts";
export { Poll } from "./src/poll.ts";
export type { PollAsyncOptions, PollEventsOptions } from "./src/poll_async.ts";
export { Registry, type SharedRegistry } from "./src/registry.ts";
export type { RegisterOptions } from "./src/register_options.ts";
export { Registration, type SharedRegistration } from "./src/registration.ts";
export { type SharedWaker, Waker } from "./src/waker.ts";
export type { Source } from "./src/source.ts";
export { type ErrorKind, IoError, type IoErrorOptions } from "./src/io_error.ts";
export * from "./src/net/mod.ts";
export * from "./src/unix/mod.ts";
export * from "./src/windows/mod.ts";
