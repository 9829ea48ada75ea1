/**
 * The project's only source of randomness: a seeded xoroshiro128+ generator (pure-rand)
 * with uniform and Gaussian sampling, split into independent streams so that the joint
 * run and the uni-modal runs of one seed share their data and initial weights.
 * @module
 */
import { xoroshiro128plus } from "npm:pure-rand@8.4.2/generator/xoroshiro128plus";

type JumpableRandomGenerator = ReturnType<typeof xoroshiro128plus>;

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * A seeded random stream: uniform doubles and standard normals. Get one from
 * {@link streams} rather than constructing it.
 *
 * @example
 * ```ts
 * import { streams } from "./rng.ts";
 * const rng = streams(7).train;
 * console.log(rng.uniform(), rng.int(4), rng.normal());
 * ```
 */
export class Rng {
  #gen: JumpableRandomGenerator;
  #spare = NaN;

  /**
   * Wrap a generator.
   * @param gen a pure-rand generator, owned by this stream from now on
   */
  constructor(gen: JumpableRandomGenerator) {
    this.#gen = gen;
  }

  /**
   * A uniform double in [0, 1) with 53 random bits.
   * @returns the next uniform
   */
  uniform(): number {
    const hi = (this.#gen.next() >>> 0) >>> 5; // 27 bits
    const lo = (this.#gen.next() >>> 0) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /**
   * A uniform integer in [0, n).
   * @param n the exclusive upper bound, a positive integer below 2^32
   * @returns the next integer
   */
  int(n: number): number {
    // Rejection sampling keeps the distribution exactly uniform.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const u = this.#gen.next() >>> 0;
      if (u < limit) return u % n;
    }
  }

  /**
   * A standard normal by the polar (Marsaglia) method: only sqrt and log, no trigonometry.
   * @returns the next N(0, 1) sample
   */
  normal(): number {
    if (!Number.isNaN(this.#spare)) {
      const s = this.#spare;
      this.#spare = NaN;
      return s;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const k = Math.sqrt(-2 * Math.log(s) / s);
        this.#spare = v * k;
        return u * k;
      }
    }
  }

  /**
   * Fill an array with N(0, sd²) samples.
   * @param out the array to fill
   * @param sd the standard deviation
   * @returns `out`
   */
  fillNormal<A extends Float32Array | Float64Array>(out: A, sd: number): A {
    for (let i = 0; i < out.length; i++) out[i] = sd * this.normal();
    return out;
  }
}

/** The independent streams of one seed (THEORY.md D3). */
export interface Streams {
  /** training samples (D1) */
  train: Rng;
  /** fresh test samples */
  test: Rng;
  /** initial weights w_{r,j}(0) */
  init: Rng;
}

/**
 * Split a seed into independent streams, 2^64 draws apart (xoroshiro128+ jumps).
 * @param seed a non-negative integer
 * @returns the streams for training data, test data and initial weights
 * @example
 * ```ts
 * import { streams } from "./rng.ts";
 * const s = streams(0);
 * console.log(s.init.normal());
 * ```
 */
export function streams(seed: number): Streams {
  const base = xoroshiro128plus(seed);
  const next = (): Rng => {
    base.jump();
    return new Rng(base.clone());
  };
  return { train: next(), test: next(), init: next() };
}
