import assert from "node:assert/strict";
import fc from "npm:fast-check@4.11.0";
// The full tfjs package registers the gradient functions of every op (tfjs-core alone has
// none); the engine itself never uses them, only the autodiff yardstick below does.
import "npm:@tensorflow/tfjs@4.22.0";
import { type Dataset, features, sampleDataset } from "./data.ts";
import { Network } from "./engine.ts";
import { float32Bounds } from "../checks/L2.ts";
import { streams } from "./rng.ts";
import { type Scenario, validateScenario } from "./scenario.ts";
import { type Backend, BACKENDS, tf, useBackend } from "./tf.ts";

// Fixed seed: the same cases on every run; a failure prints the seed and path to replay it.
fc.configureGlobal({ seed: 20221203 });

// The float32 rounding bounds are THEORY.md L2's (checks/L2.ts, derived there, nothing
// fitted): the engine and the autodiff oracle must each sit within them of the float64 value.

interface Config {
  s: Scenario;
  data: Dataset;
  W: Float32Array;
  active: number[];
}

/**
 * Small random configurations: sizes, q, ρ, signal strengths and a weight scale chosen
 * relative to ρ so that pre-activations fall on both pieces of h (|u| below and above ρ).
 */
const configArb = fc.record({
  K: fc.integer({ min: 1, max: 3 }),
  N: fc.integer({ min: 1, max: 6 }),
  P: fc.integer({ min: 1, max: 4 }),
  d: fc.integer({ min: 1, max: 8 }),
  m: fc.integer({ min: 1, max: 4 }),
  // integer q takes the engine's repeated-product path, other q the tf.pow path
  q: fc.oneof(
    fc.constantFrom(3, 4, 5, 6),
    fc.double({ min: 2, max: 6, minExcluded: true, noNaN: true }),
  ),
  rho: fc.double({ min: 1e-3, max: 10, noNaN: true }),
  alpha: fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }),
  mu: fc.double({ min: 0, max: 0.5, noNaN: true }),
  wScale: fc.double({ min: 0.2, max: 5, noNaN: true }),
  seed: fc.nat({ max: 1_000_000 }),
  uni: fc.option(fc.nat({ max: 2 }), { nil: undefined }),
}).map((c): Config => {
  const s = validateScenario({
    K: c.K,
    d: c.d,
    P: c.P,
    N: c.N,
    nTest: 1,
    m: c.m,
    q: c.q,
    rho: c.rho,
    sigma0: c.wScale * c.rho,
    alpha: c.alpha.slice(0, c.K),
    mu: Array(c.K).fill(c.mu),
    eta: 0.1,
    T: 1,
  }, "property");
  const rng = streams(c.seed);
  const data = sampleDataset(s, s.N, rng.train);
  const W = rng.init.fillNormal(new Float32Array(s.K * s.m * s.d), s.sigma0);
  const active = c.uni === undefined ? Array.from({ length: s.K }, (_, r) => r) : [c.uni % s.K];
  return { s, data, W, active };
});

/** ∇L by tfjs autodiff of the loss written with plain tf ops (piecewise h via tf.where). */
function autodiffGradient(c: Config): Float64Array {
  const { s, data, W, active } = c;
  const { N, P, d, m, q, rho } = s;
  const out = new Float64Array(s.K * m * d);
  const grads = tf.tidy(() => {
    const Xs = active.map((r) => tf.tensor2d(data.X[r], [N * P, d]));
    const Ws = active.map((r) => tf.tensor2d(W.subarray(r * m * d, (r + 1) * m * d), [m, d]));
    const y = tf.tensor1d(data.y);
    // Which piece of h each pre-activation is on: piecewise constant in W, so it is taken
    // off the tape (the comparison op has no gradient).
    const inPoly = Xs.map((X, a) => tf.lessEqual(tf.abs(tf.matMul(X, Ws[a], false, true)), rho));
    const loss = (...ws: tf.Tensor[]) => {
      const phis = ws.map((w, a) => {
        const u = tf.matMul(Xs[a], w as tf.Tensor2D, false, true);
        const au = tf.abs(u);
        const sigma = tf.where(
          inPoly[a],
          tf.div(tf.pow(au, q), q * rho ** (q - 1)),
          tf.sub(au, (1 - 1 / q) * rho),
        );
        // h(u) = ±σ̃(|u|) by the sign of u, chosen with a comparison: tf.sign on the wasm
        // backend returns 0 for |u| below about 1e-7, which would zero such terms.
        const hu = tf.where(tf.greaterEqual(u, 0), sigma, tf.neg(sigma));
        return tf.sum(tf.reshape(hu, [N, P * m]), 1);
      });
      const f = phis.length === 1 ? phis[0] : tf.addN(phis);
      return tf.mean(tf.softplus(tf.neg(tf.mul(y, f)))) as tf.Scalar;
    };
    return tf.grads(loss)(Ws);
  });
  active.forEach((r, a) => out.set(grads[a].dataSync(), r * m * d));
  tf.dispose(grads);
  return out;
}

function engineGradientAndF(c: Config): { grad: Float64Array; f: Float32Array } {
  const net = new Network(c.s, c.data, c.active, c.W, features(c.s));
  try {
    const grad = net.gradient();
    const f = net.step(false).slice(0, c.data.n);
    return { grad, f };
  } finally {
    net.dispose();
  }
}

function assertWithin(
  what: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: ArrayLike<number>,
) {
  assert.equal(got.length, want.length);
  for (let e = 0; e < got.length; e++) {
    const diff = Math.abs(got[e] - want[e]);
    assert.ok(
      diff <= tol[e],
      `${what}[${e}]: ${got[e]} vs ${want[e]} (difference ${diff}, float32 bound ${tol[e]})`,
    );
  }
}

function inactiveRowsAreZero(c: Config, grad: Float64Array) {
  const { K, m, d } = c.s;
  for (let r = 0; r < K; r++) {
    if (c.active.includes(r)) continue;
    const row = grad.subarray(r * m * d, (r + 1) * m * d);
    assert.ok(row.every((x) => x === 0), `modality ${r} is not in f but has a gradient`);
  }
}

for (const backend of BACKENDS) {
  Deno.test(`Network (${backend}): gradient and f equal the float64 closed form and tfjs autodiff`, async () => {
    await useBackend(backend as Backend);
    fc.assert(
      fc.property(configArb, (c) => {
        // float32Bounds evaluates the float64 reference point once, with the bounds.
        const bound = float32Bounds(c.s, c.data, c.W, c.active);
        const ref = bound.ref;
        const eng = engineGradientAndF(c);
        assertWithin("grad", eng.grad, ref.grad, bound.grad);
        assertWithin("f", eng.f, ref.f, bound.f);
        inactiveRowsAreZero(c, eng.grad);
        // The autodiff oracle is another float32 evaluation of the same sums: each is within
        // `bound` of the exact value, so the two are within twice the bound of each other.
        const auto = autodiffGradient(c);
        assertWithin("autodiff vs float64", auto, ref.grad, bound.grad);
        assertWithin("engine vs autodiff", eng.grad, auto, bound.grad.map((x) => 2 * x));
      }),
      { numRuns: 60 },
    );
  });
}

Deno.test("a uni-modal network differentiates φ_r alone; other rows are zero", async () => {
  await useBackend("cpu");
  fc.assert(
    fc.property(configArb, (c0) => {
      fc.pre(c0.s.K >= 2);
      for (let r = 0; r < c0.s.K; r++) {
        const uni: Config = { ...c0, active: [r] };
        const bound = float32Bounds(uni.s, uni.data, uni.W, uni.active);
        const eng = engineGradientAndF(uni);
        assertWithin(`uni:${r} grad`, eng.grad, bound.ref.grad, bound.grad);
        inactiveRowsAreZero(uni, eng.grad);
      }
    }),
    { numRuns: 30 },
  );
});

Deno.test("engine and autodiff agree for pre-activations below 1e-7 (wasm)", async () => {
  // A case where |u| ≈ 6e-8: an oracle built on tf.sign would read a zero gradient there on
  // wasm; the engine never uses tf.sign.
  await useBackend("wasm");
  const s = validateScenario({
    K: 2,
    d: 1,
    P: 1,
    N: 1,
    nTest: 1,
    m: 2,
    q: 3,
    rho: 0.001,
    sigma0: 0.0002,
    sigmaP: 1,
    alpha: [0.1, 0.1],
    mu: [0, 0],
    eta: 0.1,
    T: 1,
  }, "tiny pre-activations");
  const data: Dataset = {
    n: 1,
    y: Float32Array.from([-1]),
    X: [Float32Array.from([-0.1]), Float32Array.from([-0.1])],
    z: [Float64Array.from([0.1]), Float64Array.from([0.1])],
    signalPatch: [Int32Array.from([0]), Int32Array.from([0])],
  };
  const W = Float32Array.from([-1.1565e-4, 1.836e-4, -6.225e-7, -2.6918e-5]);
  const c: Config = { s, data, W, active: [0, 1] };
  const bound = float32Bounds(s, data, W, [0, 1]);
  const ref = bound.ref;
  assert.ok(ref.grad[2] !== 0);
  assertWithin("engine vs float64", engineGradientAndF(c).grad, ref.grad, bound.grad);
  assertWithin("autodiff vs float64", autodiffGradient(c), ref.grad, bound.grad);
});
