/**
 * `SocketSource`: what every socket type shares — its descriptor, its
 * registration, `takeError()`, `close()` and `intoFd()`.
 *
 * @module
 */
import { platform } from "../sys/select.js";
import { IoSource } from "./io_source.js";
/** The base of every socket type: a descriptor it owns, registrable with a `Poll`. */
export class SocketSource {
    /** @internal The descriptor and its registration. */
    io;
    /** @internal Takes ownership of `fd`; `what` names the type in errors. */
    constructor(fd, what) {
        this.io = new IoSource(fd, what, platform.net.close);
    }
    /** The descriptor (Unix) this object owns. Throws `BadResource` after close. */
    get fd() {
        return this.io.fd;
    }
    /** The SOCKET/HANDLE on Windows; the same number as `fd`. Throws `BadResource` after close. */
    get handle() {
        return this.io.fd;
    }
    /** The socket's pending error (`SO_ERROR`), cleared by reading it, or `null`. */
    takeError() {
        const errno = platform.net.takeErrno(this.io.fd);
        return errno === 0 ? null : platform.osError(errno, "getsockopt");
    }
    /** Use `registry.register(socket, …)`. */
    register(registry, token, interest) {
        this.io.register(registry, token, interest);
    }
    /** Use `registry.reregister(socket, …)`. */
    reregister(registry, token, interest) {
        this.io.reregister(registry, token, interest);
    }
    /** Use `registry.deregister(socket)`. */
    deregister(registry) {
        this.io.deregister(registry);
    }
    /** Deregisters and closes the socket; idempotent. */
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
