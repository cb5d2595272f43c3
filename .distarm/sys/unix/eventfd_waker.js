/**
 * The eventfd waker (Linux): an eventfd that turns readable when woken; a
 * wake adds 1 to its counter, which makes epoll report it (edge-triggered).
 *
 * @module
 */
import { errno, libc } from "./libc.js";
import { LINUX as C } from "./constants_linux.js";
import { osError } from "./os_error.js";
import { WakerShares } from "./shared_waker.js";
import { badResource } from "../../src/io_error.js";
/** A one-eventfd waker, as mio's `waker::eventfd`. */
export class EventfdWaker {
    #fd;
    #one = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]);
    #sink = new Uint8Array(8);
    #shares;
    /** Creates a non-blocking, close-on-exec eventfd (not registered anywhere yet). */
    constructor() {
        const fd = libc.eventfd(0, C.EFD_NONBLOCK | C.EFD_CLOEXEC);
        if (fd < 0)
            throw osError(errno(), "eventfd");
        this.#fd = fd;
        this.#shares = new WakerShares("eventfd", fd);
    }
    /** The eventfd. */
    get fd() {
        return this.#fd;
    }
    /** Adds 1 to the counter; if it would overflow, drains it and tries again. */
    wake() {
        for (;;) {
            if (libc.write(this.#fd, this.#one, 8) >= 0)
                return;
            const e = errno();
            if (e === C.EINTR)
                continue;
            if (e !== C.EAGAIN)
                throw osError(e, "write");
            this.reset();
        }
    }
    /** Reads the counter back to 0 (nothing to read is fine). */
    reset() {
        libc.read(this.#fd, this.#sink, 8);
    }
    /** Another Worker's way to add 1 to the counter. */
    share() {
        if (this.#fd < 0)
            throw badResource("Waker");
        return this.#shares.share();
    }
    /** Makes the copies shared so far refuse to wake. */
    revokeShares() {
        this.#shares.revoke();
    }
    /** Revokes the shared copies, then closes the eventfd; idempotent. */
    close() {
        if (this.#fd < 0)
            return;
        this.#shares.revoke();
        libc.close(this.#fd);
        this.#fd = -1;
    }
}
