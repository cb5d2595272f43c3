/**
 * A small seeded pseudo-random generator (mulberry32) for reproducible
 * tests: the soak's message sizes. Not for cryptography.
 *
 * @module
 */

/** Mixes `seed` and `stream` into one 32-bit seed, so streams of one seed are unrelated. */
export function mixSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded generator: the same seed gives the same sequence on every runtime. */
export class Prng {
  #state: number;

  /** Starts the sequence of `seed` (any number; its low 32 bits are used). */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  u32(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A number in `[0, 1)`. */
  float(): number {
    return this.u32() / 0x1_0000_0000;
  }

  /** An integer in `[0, n)`. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** `true` with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of `items`, chosen uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}
