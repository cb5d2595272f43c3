/**
 * The AFD handles of one selector (mio's `AfdGroup`): sockets share a
 * `\Device\Afd\Mio` handle, up to 32 each, and a handle is closed once no
 * socket state uses it any more (a state keeps its handle until its last
 * poll completed).
 *
 * @module
 */
import { Afd } from "./afd.js";
/** mio's `POLL_GROUP_MAX_GROUP_SIZE`. */
const MAX_GROUP_SIZE = 32;
/** The AFD handles of one completion port. */
export class AfdGroup {
    #port;
    #key;
    #afds = [];
    /** AFD handles are associated with `port` under completion key `key`. */
    constructor(port, key) {
        this.#port = port;
        this.#key = key;
    }
    /** A handle with room for one more socket (opening one if needed); the caller `release`s it. */
    acquire() {
        let afd = this.#afds.at(-1);
        if (afd === undefined || afd.users >= MAX_GROUP_SIZE) {
            afd = Afd.open(this.#port, this.#key);
            this.#afds.push(afd);
        }
        afd.users++;
        return afd;
    }
    /** One socket state no longer uses `afd`; closes it when none does. */
    release(afd) {
        if (--afd.users > 0)
            return;
        const at = this.#afds.indexOf(afd);
        if (at >= 0)
            this.#afds.splice(at, 1);
        afd.close();
    }
    /** Closes every handle (cancelling the polls still pending on them). */
    closeAll() {
        for (const afd of this.#afds)
            afd.close();
        this.#afds.length = 0;
    }
}
