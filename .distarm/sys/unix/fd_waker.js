/**
 * What the eventfd and pipe wakers share: a descriptor that turns readable
 * when woken. epoll registers it like any source; the poll(2) selector keeps
 * it in its slot 0 and drains it after each wake-up.
 *
 * @module
 */
import { INTEREST_READABLE } from "../bits.js";
/** Registers `waker.fd` with `selector` for readability with `token`; closes the waker if that fails. */
export function registerWaker(selector, token, waker) {
    try {
        selector.register(waker.fd, token, INTEREST_READABLE);
    }
    catch (e) {
        waker.close();
        throw e;
    }
    return waker;
}
