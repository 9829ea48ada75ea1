/**
 * L2 gradient: the engine's gradient (tfjs, float32) equals the closed form
 * ∇_{w_{r,j}} L = −(1/N) Σ_i g_i y_i Σ_p h'(⟨w_{r,j}, X^r_{i,p}⟩) X^r_{i,p}
 * computed independently in float64, within a first-order float32 rounding bound.
 * Property-based over small random configurations.
 * @module
 */
import fc from "npm:fast-check@4.11.0";
import { hPrime } from "../src/activation.ts";
import { type Dataset, features, initWeights, sampleDataset } from "../src/data.ts";
import { Network } from "../src/engine.ts";
import { type ReferencePoint, referencePoint } from "../src/reference.ts";
import { streams } from "../src/rng.ts";
import { type Scenario, validateScenario } from "../src/scenario.ts";
import { type Backend, useBackend } from "../src/tf.ts";
import type { Claim, Part } from "./claim.ts";
import { propertyPart } from "./_property.ts";

/** A gradient implementation: ∇L at W for the encoders in `active`, laid out (K, m, d). */
export type GradientFn = (
  s: Scenario,
  data: Dataset,
  W: Float32Array,
  active: number[],
) => Float64Array;

/**
 * The engine's gradient on a backend.
 * @param backend the tfjs backend
 * @returns the gradient function (the backend must be active when it is called)
 */
export function engineGradient(_backend: Backend): GradientFn {
  return (s, data, W, active) => {
    const net = new Network(s, data, active, W, features(s));
    try {
      return net.gradient();
    } finally {
      net.dispose();
    }
  };
}

const U = 2 ** -24; // float32 unit roundoff

/**
 * Per-entry bounds on the float32 error of the gradient and of f, to first order: the dot products
 * u = ⟨w, x⟩ (d terms) perturb h' by at most L|δu| (h' is L-Lipschitz, L = (q−1)/ρ) and f,
 * hence g = sigmoid(−yf) by |δf|/4; h' itself is evaluated with (q+3) roundings; the final
 * sum over the N·P rows adds (NP+4) roundings of Σ|x g h'|. The bound is 4× that first-order
 * sum (second-order terms and the exp inside sigmoid). The same factor applies to f's bound.
 * Nothing here is fitted to an observed error.
 *
 * @param s the scenario (shapes, q, ρ)
 * @param data the samples
 * @param W the weights, (K, m, d)
 * @param active the modalities in f
 * @returns the float64 reference point, and the bounds on ∇L (K, m, d) and on f (n)
 */
export function float32Bounds(
  s: Scenario,
  data: Dataset,
  W: Float32Array,
  active: number[],
): { ref: ReferencePoint; grad: Float64Array; f: Float64Array } {
  const { P, d, m, q, rho } = s;
  const n = data.n;
  const L = (q - 1) / rho;
  const u = new Map<number, Float64Array>(); // per (r, j): (n·P) values; and |w||x| sums
  const uAbs = new Map<number, Float64Array>();
  const dfBound = new Float64Array(n), hAbs = new Float64Array(n);
  for (const r of active) {
    for (let j = 0; j < m; j++) {
      const key = r * m + j;
      const uu = new Float64Array(n * P), ua = new Float64Array(n * P);
      for (let row = 0; row < n * P; row++) {
        let acc = 0, abs = 0;
        for (let k = 0; k < d; k++) {
          const t = W[key * d + k] * data.X[r][row * d + k];
          acc += t;
          abs += Math.abs(t);
        }
        uu[row] = acc;
        ua[row] = abs;
        const i = Math.floor(row / P);
        const hp = hPrime(acc, q, rho);
        dfBound[i] += hp * d * U * abs;
        hAbs[i] += Math.abs(acc); // |h(u)| ≤ |u|
      }
      u.set(key, uu);
      uAbs.set(key, ua);
    }
  }
  const ref = referencePoint(s, data, W, active);
  const terms = active.length * m * P;
  for (let i = 0; i < n; i++) {
    dfBound[i] += (terms + 4) * U * hAbs[i];
  }
  const bound = new Float64Array(s.K * m * d);
  for (const r of active) {
    for (let j = 0; j < m; j++) {
      const key = r * m + j;
      const uu = u.get(key)!, ua = uAbs.get(key)!;
      for (let row = 0; row < n * P; row++) {
        const i = Math.floor(row / P);
        const g = ref.g[i];
        const hp = hPrime(uu[row], q, rho);
        const dg = dfBound[i] / 4 + 4 * U * g;
        const local = dg * hp + g * (L * d * U * ua[row] + (q + 3) * U * hp);
        const acc = (n * P + 4) * U * g * hp;
        for (let k = 0; k < d; k++) {
          const x = Math.abs(data.X[r][row * d + k]);
          bound[key * d + k] += x * (local + acc) / n;
        }
      }
    }
  }
  return { ref, grad: bound.map((b) => 4 * b), f: dfBound.map((b) => 4 * b) };
}

/** A small random configuration: sizes, activation, data and weights. */
const configArb = fc.record({
  K: fc.integer({ min: 1, max: 3 }),
  N: fc.integer({ min: 1, max: 6 }),
  P: fc.integer({ min: 1, max: 3 }),
  d: fc.integer({ min: 2, max: 6 }),
  m: fc.integer({ min: 1, max: 3 }),
  // Integer q takes the engine's repeated-product path (q = 3 is the default scenario's),
  // any other q the tf.pow path: both are drawn.
  q: fc.oneof(
    fc.constantFrom(3, 4, 5),
    fc.double({ min: 2, max: 5, noNaN: true }).filter((q) => q > 2),
  ),
  rho: fc.double({ min: 0.05, max: 1, noNaN: true }),
  sigma0: fc.double({ min: 0.05, max: 2, noNaN: true }),
  alpha: fc.double({ min: 0.1, max: 3, noNaN: true }),
  mu: fc.double({ min: 0, max: 0.5, noNaN: true }),
  dataSeed: fc.nat(2 ** 31 - 1),
  activeMask: fc.integer({ min: 1, max: 7 }),
});

/**
 * The part of L2 for a gradient implementation.
 * @param gradient the implementation under test
 * @param backend the backend to activate first
 * @param seed fast-check's seed
 * @param numRuns cases
 * @returns the part
 */
export async function checkGradient(
  gradient: GradientFn,
  backend: Backend,
  seed: number,
  numRuns = 200,
): Promise<Part> {
  await useBackend(backend);
  let worst = 0;
  const part = await propertyPart(
    "engine = float64 closed form",
    fc.property(configArb, (c) => {
      const s = validateScenario({
        K: c.K,
        d: c.d,
        P: c.P,
        N: c.N,
        nTest: 1,
        m: c.m,
        q: c.q,
        rho: c.rho,
        sigma0: c.sigma0,
        sigmaP: 1,
        alpha: Array.from({ length: c.K }, (_, r) => c.alpha * (1 + r / 2)),
        mu: Array.from({ length: c.K }, () => c.mu),
        eta: 0.1,
        T: 1,
      }, "L2 configuration");
      const rng = streams(c.dataSeed);
      const data = sampleDataset(s, s.N, rng.train);
      const W = initWeights(s, rng.init);
      const active = Array.from({ length: s.K }, (_, r) => r).filter((r) =>
        (c.activeMask >> r) & 1
      );
      if (active.length === 0) active.push(0);
      const got = gradient(s, data, W, active);
      const { ref: { grad: ref }, grad: bound } = float32Bounds(s, data, W, active);
      for (let k = 0; k < ref.length; k++) {
        const err = Math.abs(got[k] - ref[k]);
        const tol = bound[k] + 1e-30;
        worst = Math.max(worst, err / tol);
        if (!(err <= tol)) {
          throw new Error(`entry ${k}: engine ${got[k]} vs float64 ${ref[k]} (bound ${tol})`);
        }
      }
    }),
    seed,
    "|engine − float64| ≤ 4 × first-order float32 bound, every entry",
    numRuns,
  );
  if (part.verdict === "pass") part.measured += `, worst error/bound ${worst.toPrecision(2)}`;
  return part;
}

/** L2 gradient. */
export const L2: Claim = {
  id: "L2",
  title: "gradient",
  statement: "The engine's gradient equals the closed form ∇_{w_{r,j}} L = −(1/N) Σ_i g_i y_i " +
    "Σ_p h'(⟨w_{r,j}, X^r_{i,p}⟩) X^r_{i,p} computed independently in float64 " +
    "(property-based over small random configurations).",
  evaluate: async ({ seed, runs }) => {
    const backend = (runs as { backend?: Backend }).backend ?? "wasm";
    return { parts: [await checkGradient(engineGradient(backend), backend, seed)] };
  },
};
