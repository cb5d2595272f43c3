/**
 * `Token`: the number a source is registered with and events report.
 *
 * @module
 */
/**
 * Makes a `Token` from `n`, a safe non-negative integer.
 *
 * @example
 * ```ts
 * const SERVER = Token(0);
 * ```
 * @throws {RangeError} if `n` is not a safe non-negative integer.
 */
export function Token(n) {
    return checkToken(n);
}
/** Checks a token given to the registry (it may not have come from `Token()`). */
export function checkToken(n) {
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(`a Token must be a safe non-negative integer, got ${String(n)}`);
    }
    return n;
}
