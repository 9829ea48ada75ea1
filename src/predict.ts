/**
 * Predictions from the initial state (THEORY.md D5 and §4): the tensor-power recursion, the
 * predicted hitting times T̂_r, the winner r*, the strengths S_r and ratios κ_s, the loser
 * bound of L7, the uni-modal regime and the starvation margin M_s.
 * @module
 */
import type { Dataset } from "./data.ts";
import type { Scenario } from "./scenario.ts";

/** Iterations after which the recursion is declared never to reach τ. */
export const RECURSION_CAP = 10_000_000;

/**
 * T̂ = min{t : x_t ≥ τ} for x_0 = `x0`, x_{t+1} = x_t + η C x_t^{q−1} (D5).
 *
 * @param x0 the start Γ_r(0)
 * @param eta the learning rate η
 * @param C the rate constant C_r
 * @param q the exponent
 * @param tau the threshold τ_r
 * @param cap give up (Infinity) after this many iterations
 * @returns the predicted hitting time, Infinity if x0 ≤ 0 or the cap is reached
 * @example
 * ```ts
 * import { predictedHitTime } from "./predict.ts";
 * console.log(predictedHitTime(0.02, 0.05, 0.5, 3, 0.1)); // a few thousand steps
 * ```
 */
export function predictedHitTime(
  x0: number,
  eta: number,
  C: number,
  q: number,
  tau: number,
  cap = RECURSION_CAP,
): number {
  if (x0 >= tau) return 0;
  if (!(x0 > 0) || !(C > 0)) return Infinity;
  let x = x0;
  for (let t = 1; t <= cap; t++) {
    x += eta * C * x ** (q - 1);
    if (x >= tau) return t;
  }
  return Infinity;
}

/**
 * (x0^{−(q−2)} − τ^{−(q−2)}) / (q−2): the ODE time to go from x0 to τ at unit rate, times ηC.
 * Evaluated as x0^{−(q−2)} · (−expm1((q−2) ln(x0/τ))) / (q−2), which stays accurate as q → 2.
 *
 * @param x0 the start
 * @param tau the target
 * @param q the exponent, q > 2
 * @returns the integral (T_ode · η C of THEORY.md L5)
 * @example
 * ```ts
 * import { odeIntegral } from "./predict.ts";
 * console.log(odeIntegral(0.01, 0.1, 3)); // 1/0.01 − 1/0.1 = 90
 * ```
 */
export function odeIntegral(x0: number, tau: number, q: number): number {
  return x0 ** -(q - 2) * -Math.expm1((q - 2) * Math.log(x0 / tau)) / (q - 2);
}

/** Everything D5 and §4 say before training. Arrays are indexed by modality. */
export interface Prediction {
  /** C_r = (1/(2N)) Σ_i z_{r,i}^q / ρ^{q−1} */
  C: number[];
  /** Γ_r(0) = max_j ⟨w_{r,j}(0), v_r⟩ */
  gamma0: number[];
  /** τ_r = ρ / α_r */
  tau: number[];
  /** T̂_r by the recursion (Infinity: never) */
  hitTime: number[];
  /** μ̂_r, the fraction of training samples with z_r = 0 */
  muHat: number[];
  /** r* = argmin T̂_r */
  winner: number;
  /** the second smallest T̂ exceeds the smallest by ≥ 5 % */
  clear: boolean;
  /** S_r = C_r Γ_r(0)^{q−2} */
  strength: number[];
  /** κ_s = S_s / S_{r*} (1 for the winner) */
  kappa: number[];
  /** L7 bound Γ̄_s = Γ_s(0)(1 − κ_s)^{−1/(q−2)}; Infinity if κ_s ≥ 1; NaN for the winner */
  loserBound: number[];
  /** uni-modal regime: T̂_r ≤ T/2 */
  uniRegime: boolean[];
  /** §4: Σ 2ḡ_s the loser needs to reach τ_s (NaN for the winner) */
  need: number[];
  /** §4: Σ 2ḡ_s the loser can expect until T (NaN for the winner) */
  have: number[];
  /** §4 starvation margin M_s = need / have (NaN for the winner); > 1 predicts starvation */
  margin: number[];
  /** every loser has M_s > 1: the competition regime is predicted */
  competition: boolean;
}

/**
 * Γ_r from weights laid out (K, m, d) and features v_r.
 * @param W the weights
 * @param s the scenario
 * @param v the features
 * @returns Γ_r per modality
 * @example
 * ```ts
 * import { features, gammaOf, initWeights, loadScenario, streams } from "../mod.ts";
 * const s = await loadScenario("default");
 * console.log(gammaOf(initWeights(s, streams(0).init), s, features(s)));
 * ```
 */
export function gammaOf(W: Float32Array, s: Scenario, v: Float64Array[]): number[] {
  return v.map((vr, r) => {
    let best = -Infinity;
    for (let j = 0; j < s.m; j++) {
      const base = (r * s.m + j) * s.d;
      let a = 0;
      for (let k = 0; k < s.d; k++) a += W[base + k] * vr[k];
      best = Math.max(best, a);
    }
    return best;
  });
}

/**
 * All predictions of D5 and §4 for one training sample and initialisation.
 *
 * @param s the scenario
 * @param train the training samples (for C_r and μ̂_r)
 * @param gamma0 Γ_r(0) per modality
 * @returns the prediction
 * @example
 * ```ts
 * import { loadScenario, predict, prepare } from "../mod.ts";
 * const s = await loadScenario("default");
 * const p = prepare(s, 0);
 * console.log(predict(s, p.train, p.gamma0).winner); // 0
 * ```
 */
export function predict(s: Scenario, train: Dataset, gamma0: number[]): Prediction {
  const { q, rho, eta, T } = s;
  const C = train.z.map((zr) =>
    zr.reduce((acc, z) => acc + z ** q, 0) / (2 * train.n) / rho ** (q - 1)
  );
  const muHat = train.z.map((zr) => zr.reduce((c, z) => c + (z === 0 ? 1 : 0), 0) / train.n);
  const tau = s.alpha.map((a) => rho / a);
  const hitTime = C.map((c, r) => predictedHitTime(gamma0[r], eta, c, q, tau[r]));
  const order = hitTime.map((_, r) => r).sort((a, b) => hitTime[a] - hitTime[b] || a - b);
  const winner = order[0];
  // A contest nobody wins within the recursion's horizon is not clear.
  const clear = Number.isFinite(hitTime[winner]) &&
    (s.K === 1 || hitTime[order[1]] >= 1.05 * hitTime[winner]);
  const strength = C.map((c, r) => c * Math.max(gamma0[r], 0) ** (q - 2));
  const kappa = strength.map((x) => x / strength[winner]);
  const loserBound = kappa.map((k, r) =>
    r === winner ? NaN : k >= 1 ? Infinity : gamma0[r] * (1 - k) ** (-1 / (q - 2))
  );
  const uniRegime = hitTime.map((t) => t <= T / 2);
  const R = T - hitTime[winner];
  const mu = muHat[winner];
  const c = eta * s.alpha[winner] ** 2 * (1 - mu);
  const have = R > 0 && Number.isFinite(R)
    ? mu * R + (c > 0 ? 2 * (1 - mu) * Math.log(1 + c * R / 2) / c : (1 - mu) * R)
    : 0;
  const need = loserBound.map((gb, r) => {
    if (r === winner) return NaN;
    if (!(gb < tau[r])) return 0;
    return odeIntegral(gb, tau[r], q) / (eta * C[r]);
  });
  const margin = need.map((nd, r) =>
    r === winner ? NaN : nd === 0 ? 0 : have > 0 ? nd / have : Infinity
  );
  const competition = s.K > 1 && margin.every((x, r) => r === winner || x > 1);
  return {
    C,
    gamma0,
    tau,
    hitTime,
    muHat,
    winner,
    clear,
    strength,
    kappa,
    loserBound,
    uniRegime,
    need: need.map((x, r) => r === winner ? NaN : x),
    have: s.alpha.map((_, r) => r === winner ? NaN : have),
    margin,
    competition,
  };
}
