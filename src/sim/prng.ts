// A small seeded PRNG (mulberry32): replayable ids and probabilistic faults from one seed.
import { seededRandom } from '../common/random';

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function createPrng(seed: number): Prng {
  const next = seededRandom(seed);
  return { next, int: (n) => Math.floor(next() * n) };
}
