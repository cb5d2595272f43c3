/**
 * `Interest`: which readiness a registration asks for, as bit flags.
 *
 * @module
 */
import { INTEREST_AIO, INTEREST_ALL, INTEREST_LIO, INTEREST_PRIORITY, INTEREST_READABLE, INTEREST_WRITABLE, } from "../sys/bits.js";
/**
 * The interest flags and their helpers (mio's `Interest`), frozen. Every
 * helper throws `RangeError` for an empty (0) or unknown-bit interest.
 */
export const Interest = Object.freeze({
    READABLE: INTEREST_READABLE,
    WRITABLE: INTEREST_WRITABLE,
    PRIORITY: INTEREST_PRIORITY,
    AIO: INTEREST_AIO,
    LIO: INTEREST_LIO,
    add: (a, b) => checkInterest(a) | checkInterest(b),
    remove(a, b) {
        const left = checkInterest(a) & ~checkInterest(b);
        return left === 0 ? null : left;
    },
    isReadable: (i) => (checkInterest(i) & INTEREST_READABLE) !== 0,
    isWritable: (i) => (checkInterest(i) & INTEREST_WRITABLE) !== 0,
    isPriority: (i) => (checkInterest(i) & INTEREST_PRIORITY) !== 0,
    isAio: (i) => (checkInterest(i) & INTEREST_AIO) !== 0,
    isLio: (i) => (checkInterest(i) & INTEREST_LIO) !== 0,
    format(i) {
        checkInterest(i);
        const names = ["READABLE", "WRITABLE", "AIO", "LIO", "PRIORITY"]
            .filter((name) => (i & Interest[name]) !== 0);
        return names.join(" | ");
    },
});
/** Checks that `i` is a non-empty combination of known interest flags. */
export function checkInterest(i) {
    if (typeof i !== "number" || !Number.isInteger(i) || i <= 0 || (i & ~INTEREST_ALL) !== 0) {
        throw new RangeError(`an Interest must be a non-empty combination of Interest flags, got ${String(i)}`);
    }
    return i;
}
