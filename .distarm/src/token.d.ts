/**
 * `Token`: the number a source is registered with and events report.
 *
 * @module
 */
/** A registration's identifier: a safe non-negative integer (mio's `Token(usize)`). */
export type Token = number & {
    readonly __token: unique symbol;
};
/**
 * Makes a `Token` from `n`, a safe non-negative integer.
 *
 * @example
 * ```ts
 * const SERVER = Token(0);
 * ```
 * @throws {RangeError} if `n` is not a safe non-negative integer.
 */
export declare function Token(n: number): Token;
/** Checks a token given to the registry (it may not have come from `Token()`). */
export declare function checkToken(n: unknown): Token;
