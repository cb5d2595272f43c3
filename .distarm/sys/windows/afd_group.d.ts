/**
 * The AFD handles of one selector (mio's `AfdGroup`): sockets share a
 * `\Device\Afd\Mio` handle, up to 32 each, and a handle is closed once no
 * socket state uses it any more (a state keeps its handle until its last
 * poll completed).
 *
 * @module
 */
import { Afd } from "./afd.ts";
/** The AFD handles of one completion port. */
export declare class AfdGroup {
    #private;
    /** AFD handles are associated with `port` under completion key `key`. */
    constructor(port: number, key: number);
    /** A handle with room for one more socket (opening one if needed); the caller `release`s it. */
    acquire(): Afd;
    /** One socket state no longer uses `afd`; closes it when none does. */
    release(afd: Afd): void;
    /** Closes every handle (cancelling the polls still pending on them). */
    closeAll(): void;
}
