/**
 * An independent float64 implementation of f, the loss and its gradient, written from the
 * closed form of THEORY.md L2 with plain loops: the yardstick for the tfjs engine.
 * ∇_{w_{r,j}} L = −(1/N) Σ_i g_i y_i Σ_p h'(⟨w_{r,j}, X^r_{i,p}⟩) X^r_{i,p}.
 * @module
 */
import { h, hPrime } from "./activation.ts";
import type { Dataset } from "./data.ts";
import type { Scenario } from "./scenario.ts";

/** f, the loss, the residuals and the gradient at one point, in float64. */
export interface ReferencePoint {
  /** f(X_i) */
  f: Float64Array;
  /** L(W) */
  loss: number;
  /** g_i = 1 / (1 + exp(y_i f(X_i))) */
  g: Float64Array;
  /** ∇L, laid out (K, m, d); zero rows for modalities not in f */
  grad: Float64Array;
}

/**
 * Evaluate f, L and ∇L in float64 for the encoders in `active`.
 *
 * @param s the scenario (shapes, q, ρ)
 * @param data the samples
 * @param W the weights, (K, m, d)
 * @param active the modalities summed in f
 * @returns the reference point
 * @example
 * ```ts
 * import { initWeights, loadScenario, referencePoint, sampleDataset, streams } from "../mod.ts";
 * const s = { ...(await loadScenario("default")), N: 8 };
 * const st = streams(0);
 * const ref = referencePoint(s, sampleDataset(s, 8, st.train), initWeights(s, st.init), [0, 1]);
 * console.log(ref.loss); // ≈ ln 2
 * ```
 */
export function referencePoint(
  s: Scenario,
  data: Dataset,
  W: ArrayLike<number>,
  active: readonly number[],
): ReferencePoint {
  const { P, d, m, q, rho } = s;
  const n = data.n;
  const dot = (r: number, j: number, i: number, p: number) => {
    const w = (r * m + j) * d, x = (i * P + p) * d;
    let acc = 0;
    for (let k = 0; k < d; k++) acc += W[w + k] * data.X[r][x + k];
    return acc;
  };
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const r of active) {
      for (let j = 0; j < m; j++) for (let p = 0; p < P; p++) f[i] += h(dot(r, j, i, p), q, rho);
    }
  }
  let loss = 0;
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const yf = data.y[i] * f[i];
    loss += yf > 0 ? Math.log1p(Math.exp(-yf)) : -yf + Math.log1p(Math.exp(yf));
    g[i] = 1 / (1 + Math.exp(yf));
  }
  const grad = new Float64Array(s.K * m * d);
  for (const r of active) {
    for (let j = 0; j < m; j++) {
      const w = (r * m + j) * d;
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < P; p++) {
          const c = -g[i] * data.y[i] * hPrime(dot(r, j, i, p), q, rho) / n;
          const x = (i * P + p) * d;
          for (let k = 0; k < d; k++) grad[w + k] += c * data.X[r][x + k];
        }
      }
    }
  }
  return { f, loss: loss / n, g, grad };
}
