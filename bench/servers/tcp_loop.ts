/**
 * The accept-and-dispatch loop shared by the benchmarks' mio-ts servers
 * (`echo_loop.ts`, `http_loop.ts`): it binds 127.0.0.1:PORT, accepts every
 * pending connection into a reused token, and hands each connection's
 * events to the server's `serve()`; what a server does with the bytes is
 * its own.
 *
 * @module
 */
import { Events, Interest, Poll, type Registry, Token } from "../../mod.ts";
import { TcpListener, type TcpStream } from "../../src/net/mod.ts";
import { portArg } from "./port_arg.ts";

/** The listener's token. */
export const LISTENER = Token(0);
/** The size of a server's one read buffer. */
export const BUFFER_SIZE = 64 * 1024;
/**
 * With a true edge-triggered selector, a read that fills less than the
 * buffer has emptied the socket (epoll(7), Q9; tokio, libuv and netty stop
 * there too): the next arrival brings a new event, so no read is spent on
 * WouldBlock. poll(2), which emulates edges by re-arming on WouldBlock,
 * needs that read.
 */
export const SHORT_READ_DRAINS = Poll.backend === "epoll" || Poll.backend === "kqueue";

/** A listening server: wait on `poll` into `events`, then call `handle()`. */
export interface LoopServer {
  /** The server's `Poll`. */
  poll: Poll;
  /** The `Events` to wait into. */
  events: Events;
  /** The port it listens on (127.0.0.1). */
  port: number;
  /** Serves the events `events` holds. */
  handle(): void;
}

/** What a server adds to the loop. */
export interface LoopHooks {
  /** Tokens below this are not connections (the listener's, and the server's own). */
  firstToken: number;
  /** Connection `token` was accepted: reset its state. */
  opened(token: number): void;
  /** Connection `token` was closed: release its state. */
  closed(token: number): void;
  /**
   * Handles an event of connection `token`; `readClosed`: the peer hung up.
   * A throw closes the connection.
   */
  serve(token: number, stream: TcpStream, readClosed: boolean): void;
  /** Handles an event of a token below `firstToken` other than the listener's. */
  other?(token: number): void;
}

/** A bound loop: the `LoopServer`, its registry, and `drop()` for its `serve()`. */
export interface TcpLoop extends LoopServer {
  /** The registry of `poll`, for the server's own sources. */
  registry: Registry;
  /** Closes connection `token` and frees its token. */
  drop(token: number): void;
}

/** Binds to 127.0.0.1:PORT (the first argument) and registers the listener; `handle()` dispatches to `hooks`. */
export function tcpLoop(hooks: LoopHooks): TcpLoop {
  const port = portArg();
  const poll = new Poll();
  const registry = poll.registry();
  const events = new Events(1024);
  const listener = TcpListener.bind({ hostname: "127.0.0.1", port });
  registry.register(listener, LISTENER, Interest.READABLE);

  /** The connections, indexed by token (null below `firstToken`). */
  const streams: (TcpStream | null)[] = new Array(hooks.firstToken).fill(null);
  /** Tokens of closed connections, reused first. */
  const freeTokens: number[] = [];

  /** Accepts every pending connection and registers it. */
  function acceptAll(): void {
    let accepted;
    while ((accepted = listener.accept()) !== null) {
      const stream = accepted[0];
      stream.setNodelay(true);
      const token = freeTokens.pop() ?? streams.length;
      streams[token] = stream;
      hooks.opened(token);
      registry.register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
    }
  }

  function drop(token: number): void {
    streams[token]!.close();
    streams[token] = null;
    hooks.closed(token);
    freeTokens.push(token);
  }

  function handle(): void {
    for (const event of events) {
      const token = event.token();
      if (token === LISTENER) acceptAll();
      else if (token < hooks.firstToken) hooks.other!(token);
      else {
        const stream = streams[token];
        if (stream === null) continue; // closed earlier in this batch
        try {
          hooks.serve(token, stream, event.isReadClosed());
        } catch {
          drop(token); // reset by the peer, or another error of this connection alone
        }
      }
    }
  }

  return { poll, events, port, registry, drop, handle };
}
