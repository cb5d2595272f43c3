/**
 * A small seeded pseudo-random generator (mulberry32) for reproducible
 * tests: the soak's message sizes and the fuzzer's action sequences. Not
 * for cryptography.
 *
 * @module
 */
/** Mixes `seed` and `stream` into one 32-bit seed, so streams of one seed are unrelated. */
export declare function mixSeed(seed: number, stream: number): number;
/** A seeded generator: the same seed gives the same sequence on every runtime. */
export declare class Prng {
    #private;
    /** Starts the sequence of `seed` (any number; its low 32 bits are used). */
    constructor(seed: number);
    /** The next 32-bit unsigned integer. */
    u32(): number;
    /** A number in `[0, 1)`. */
    float(): number;
    /** An integer in `[0, n)`. */
    int(n: number): number;
    /** `true` with probability `p`. */
    chance(p: number): boolean;
    /** One element of `items`, chosen uniformly. */
    pick<T>(items: readonly T[]): T;
}
