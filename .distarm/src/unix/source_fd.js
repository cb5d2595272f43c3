import { pollState } from "../registry.js";
import { checkFd } from "../validate.js";
/**
 * An adapter that makes any descriptor a `Source`. It does not own the
 * descriptor: it never closes it, and keeps no registration state —
 * register, reregister and deregister go straight to the selector (so the
 * OS says whether it is registered: epoll reports `AlreadyExists` and
 * `NotFound`). Deregister before closing the descriptor. Operations on the
 * descriptor are yours, and so is mio's rule: read or write until
 * WouldBlock before waiting for the next event.
 *
 * @example Watching standard input
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { SourceFd } from "mio-ts/unix";
 *
 * // Descriptor 0 stays the process's: SourceFd only registers it. (epoll
 * // refuses regular files: run it with a terminal or a pipe as stdin.)
 * const poll = new Poll();
 * const events = new Events(8);
 * const stdin = new SourceFd(0);
 * poll.registry().register(stdin, Token(0), Interest.READABLE);
 * poll.poll(events, 1000); // an event with token 0 once input is ready
 * poll.registry().deregister(stdin);
 * poll.close();
 * ```
 */
export class SourceFd {
    #fd;
    /** Wraps `fd`, which stays the caller's. */
    constructor(fd) {
        this.#fd = checkFd(fd);
    }
    /** The descriptor. */
    get fd() {
        return this.#fd;
    }
    /** Use `registry.register(source, …)`. */
    register(registry, token, interest) {
        pollState(registry).selector.register(this.#fd, token, interest);
    }
    /** Use `registry.reregister(source, …)`. */
    reregister(registry, token, interest) {
        pollState(registry).selector.reregister(this.#fd, token, interest);
    }
    /** Use `registry.deregister(source)`. */
    deregister(registry) {
        pollState(registry).selector.deregister(this.#fd);
    }
}
