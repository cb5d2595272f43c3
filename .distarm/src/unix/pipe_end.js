/**
 * `PipeEnd`: what `Sender` and `Receiver` share — a pipe descriptor they
 * own, its registration, `close()`, `intoFd()` and `setNonblocking()`.
 *
 * @module
 */
import { platform } from "../../sys/select.js";
import { IoSource } from "../io_source.js";
/** The base of `Sender` and `Receiver`: one end of a pipe, registrable with a `Poll`. */
export class PipeEnd {
    /** @internal The descriptor and its registration. */
    io;
    /** @internal Takes ownership of `fd`; `what` names the type in errors. */
    constructor(fd, what) {
        this.io = new IoSource(fd, what, platform.pipe.close);
    }
    /** The descriptor this object owns. Throws `BadResource` after close. */
    get fd() {
        return this.io.fd;
    }
    /**
     * Always `null`: a pipe has no pending-error slot (a socket's `SO_ERROR`);
     * its failures are thrown by `read`/`write`. Throws `BadResource` after close.
     */
    takeError() {
        void this.io.fd;
        return null;
    }
    /**
     * Sets or clears `O_NONBLOCK`, for a descriptor taken with `fromFd` (one
     * from a child process, say). `pipe()` makes both ends non-blocking.
     */
    setNonblocking(nonblocking) {
        if (typeof nonblocking !== "boolean")
            throw new TypeError("nonblocking must be a boolean");
        platform.pipe.setNonblocking(this.io.fd, nonblocking);
    }
    /** Use `registry.register(end, …)`. */
    register(registry, token, interest) {
        this.io.register(registry, token, interest);
    }
    /** Use `registry.reregister(end, …)`. */
    reregister(registry, token, interest) {
        this.io.reregister(registry, token, interest);
    }
    /** Use `registry.deregister(end)`. */
    deregister(registry) {
        this.io.deregister(registry);
    }
    /** Deregisters and closes this end; idempotent. */
    close() {
        this.io.close();
    }
    /** Same as `close()`, for `using`. */
    [Symbol.dispose]() {
        this.io.close();
    }
    /**
     * Gives up the descriptor without closing it (deregistering it first);
     * this object is closed afterwards. Pair with `fromFd()`.
     */
    intoFd() {
        return this.io.release();
    }
}
