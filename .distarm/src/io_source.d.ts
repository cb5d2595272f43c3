import type { Interest } from "./interest.ts";
import { type Registry } from "./registry.ts";
import type { Token } from "./token.ts";
/** A descriptor and the selector it is registered with, if any. */
export declare class IoSource {
    #private;
    /** Owns `fd`; `closeFd` releases it; `what` names the source in errors. */
    constructor(fd: number, what: string, closeFd: (fd: number) => void);
    /** The descriptor; throws `BadResource` after close. */
    get fd(): number;
    /** Whether `close()` or `intoFd()` has been called. */
    get closed(): boolean;
    /** Registers with the registry's selector. */
    register(registry: Registry, token: Token, interest: Interest): void;
    /**
     * Reports that an operation said WouldBlock: the selector re-arms the
     * registration where it must (mio's `do_io`). Returns `null`, the
     * operation's result.
     */
    wouldBlock(): null;
    /** Changes token and interest. */
    reregister(registry: Registry, token: Token, interest: Interest): void;
    /** Removes the registration. */
    deregister(registry: Registry): void;
    /** Deregisters if needed and gives up the descriptor without closing it. */
    release(): number;
    /** Deregisters and closes; idempotent. */
    close(): void;
}
