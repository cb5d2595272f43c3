import type { IoError } from "../io_error.ts";
import type { Interest } from "../interest.ts";
import { IoSource } from "../io_source.ts";
import type { Registry } from "../registry.ts";
import type { Source } from "../source.ts";
import type { Token } from "../token.ts";
/** The base of `Sender` and `Receiver`: one end of a pipe, registrable with a `Poll`. */
export declare class PipeEnd implements Source {
    /** @internal The descriptor and its registration. */
    protected readonly io: IoSource;
    /** @internal Takes ownership of `fd`; `what` names the type in errors. */
    protected constructor(fd: number, what: string);
    /** The descriptor this object owns. Throws `BadResource` after close. */
    get fd(): number;
    /**
     * Always `null`: a pipe has no pending-error slot (a socket's `SO_ERROR`);
     * its failures are thrown by `read`/`write`. Throws `BadResource` after close.
     */
    takeError(): IoError | null;
    /**
     * Sets or clears `O_NONBLOCK`, for a descriptor taken with `fromFd` (one
     * from a child process, say). `pipe()` makes both ends non-blocking.
     */
    setNonblocking(nonblocking: boolean): void;
    /** Use `registry.register(end, …)`. */
    register(registry: Registry, token: Token, interest: Interest): void;
    /** Use `registry.reregister(end, …)`. */
    reregister(registry: Registry, token: Token, interest: Interest): void;
    /** Use `registry.deregister(end)`. */
    deregister(registry: Registry): void;
    /** Deregisters and closes this end; idempotent. */
    close(): void;
    /** Same as `close()`, for `using`. */
    [Symbol.dispose](): void;
    /**
     * Gives up the descriptor without closing it (deregistering it first);
     * this object is closed afterwards. Pair with `fromFd()`.
     */
    intoFd(): number;
}
