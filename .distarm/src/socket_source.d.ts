import type { IoError } from "./io_error.ts";
import type { Interest } from "./interest.ts";
import { IoSource } from "./io_source.ts";
import type { Registry } from "./registry.ts";
import type { Source } from "./source.ts";
import type { Token } from "./token.ts";
/** The base of every socket type: a descriptor it owns, registrable with a `Poll`. */
export declare class SocketSource implements Source {
    /** @internal The descriptor and its registration. */
    protected readonly io: IoSource;
    /** @internal Takes ownership of `fd`; `what` names the type in errors. */
    protected constructor(fd: number, what: string);
    /** The descriptor (Unix) this object owns. Throws `BadResource` after close. */
    get fd(): number;
    /** The SOCKET/HANDLE on Windows; the same number as `fd`. Throws `BadResource` after close. */
    get handle(): number;
    /** The socket's pending error (`SO_ERROR`), cleared by reading it, or `null`. */
    takeError(): IoError | null;
    /** Use `registry.register(socket, …)`. */
    register(registry: Registry, token: Token, interest: Interest): void;
    /** Use `registry.reregister(socket, …)`. */
    reregister(registry: Registry, token: Token, interest: Interest): void;
    /** Use `registry.deregister(socket)`. */
    deregister(registry: Registry): void;
    /** Deregisters and closes the socket; idempotent. */
    close(): void;
    /** Same as `close()`, for `using`. */
    [Symbol.dispose](): void;
    /**
     * Gives up the descriptor without closing it (deregistering it first);
     * this object is closed afterwards. Pair with `fromFd()`.
     */
    intoFd(): number;
}
