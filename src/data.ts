/**
 * The data distribution D(K, d, P, α, μ, σ_p) of THEORY.md D1.
 * @module
 */
import type { Rng } from "./rng.ts";
import type { Scenario } from "./scenario.ts";
import { InputError } from "./errors.ts";

/** A sample set from D1, stored flat in float32 as the engine consumes it. */
export interface Dataset {
  /** number of samples */
  n: number;
  /** labels y_i ∈ {−1, +1} */
  y: Float32Array;
  /** per modality r: the patches X^r, (n, P, d) row-major */
  X: Float32Array[];
  /** per modality r: the signal strengths z_{r,i} ∈ {0, α_r} */
  z: Float64Array[];
  /** per modality r: the signal patch index p_{r,i} */
  signalPatch: Int32Array[];
}

/**
 * The feature v_r of every modality: the first axis of R^d (THEORY.md D1 default).
 * @param s the scenario
 * @returns K unit vectors of length d
 * @example
 * ```ts
 * import { features, loadScenario } from "../mod.ts";
 * const v = features(await loadScenario("default"));
 * console.log(v[0][0]); // 1
 * ```
 */
export function features(s: Scenario): Float64Array[] {
  return Array.from({ length: s.K }, () => {
    const v = new Float64Array(s.d);
    v[0] = 1;
    return v;
  });
}

/**
 * Draw n samples from D1. The draw order is fixed (per sample: label, then per modality
 * sufficiency, signal index, noise patches), so a seed determines the bytes.
 *
 * @param s the scenario (K, d, P, α, μ, σ_p)
 * @param n how many samples
 * @param rng the stream to draw from
 * @returns the dataset
 * @throws {InputError} when n is not a positive integer
 * @example
 * ```ts
 * import { loadScenario, sampleDataset, streams } from "../mod.ts";
 * const s = await loadScenario("default");
 * const data = sampleDataset(s, s.N, streams(0).train);
 * console.log(data.X[0].length === s.N * s.P * s.d); // true
 * ```
 */
export function sampleDataset(s: Scenario, n: number, rng: Rng): Dataset {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new InputError(`n = ${n}: the number of samples must be a positive integer`);
  }
  const { K, P, d } = s;
  const v = features(s);
  const y = new Float32Array(n);
  const X = Array.from({ length: K }, () => new Float32Array(n * P * d));
  const z = Array.from({ length: K }, () => new Float64Array(n));
  const signalPatch = Array.from({ length: K }, () => new Int32Array(n));
  const patch = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    y[i] = rng.uniform() < 0.5 ? -1 : 1;
    for (let r = 0; r < K; r++) {
      const zr = rng.uniform() < s.mu[r] ? 0 : s.alpha[r];
      const pr = rng.int(P);
      z[r][i] = zr;
      signalPatch[r][i] = pr;
      const vr = v[r];
      for (let p = 0; p < P; p++) {
        const off = (i * P + p) * d;
        if (p === pr) {
          for (let k = 0; k < d; k++) X[r][off + k] = y[i] * zr * vr[k];
          continue;
        }
        // ξ ~ N(0, σ_p² (I − v vᵀ)): an isotropic draw with its v-component removed.
        rng.fillNormal(patch, s.sigmaP);
        let dot = 0;
        for (let k = 0; k < d; k++) dot += patch[k] * vr[k];
        // With v an axis this is exact: that coordinate becomes x − x·1 = 0.
        for (let k = 0; k < d; k++) X[r][off + k] = patch[k] - dot * vr[k];
      }
    }
  }
  return { n, y, X, z, signalPatch };
}

/**
 * Initial weights w_{r,j}(0) ~ N(0, σ_0² I_d), laid out (K, m, d).
 * @param s the scenario (K, m, d, σ_0)
 * @param rng the init stream
 * @returns the flat weights
 * @example
 * ```ts
 * import { initWeights, loadScenario, streams } from "../mod.ts";
 * const s = await loadScenario("default");
 * console.log(initWeights(s, streams(0).init).length === s.K * s.m * s.d); // true
 * ```
 */
export function initWeights(s: Scenario, rng: Rng): Float32Array {
  return rng.fillNormal(new Float32Array(s.K * s.m * s.d), s.sigma0);
}

/**
 * Fraction of samples in which modality r is insufficient (z_r = 0): μ̂_r.
 * @param data the dataset
 * @returns μ̂_r per modality
 * @example
 * ```ts
 * import { empiricalInsufficiency, loadScenario, sampleDataset, streams } from "../mod.ts";
 * const s = await loadScenario("default");
 * console.log(empiricalInsufficiency(sampleDataset(s, s.N, streams(0).train)));
 * ```
 */
export function empiricalInsufficiency(data: Dataset): number[] {
  return data.z.map((zr) => zr.reduce((c, x) => c + (x === 0 ? 1 : 0), 0) / data.n);
}
