import assert from "node:assert/strict";
import fc from "npm:fast-check@4.11.0";
import { empiricalInsufficiency, features, initWeights, sampleDataset } from "./data.ts";
import { streams } from "./rng.ts";
import { type Scenario, validateScenario } from "./scenario.ts";

// Fixed seed: the same cases on every run; a failure prints the seed and path to replay it.
fc.configureGlobal({ seed: 20221203 });

function scenario(over: Record<string, unknown> = {}): Scenario {
  return validateScenario({
    K: 2,
    d: 12,
    P: 3,
    N: 50,
    nTest: 10,
    m: 4,
    q: 3,
    rho: 0.1,
    sigma0: 0.01,
    alpha: [1, 0.3],
    mu: [0.2, 0.05],
    eta: 0.05,
    T: 10,
    ...over,
  }, "test");
}

Deno.test("features are the first axis of R^d for every modality", () => {
  const s = scenario({ K: 3, alpha: [1, 1, 1], mu: [0, 0, 0] });
  const v = features(s);
  assert.equal(v.length, 3);
  for (const vr of v) {
    assert.equal(vr.length, s.d);
    assert.deepEqual(Array.from(vr), [1, ...Array(s.d - 1).fill(0)]);
  }
});

Deno.test("a dataset has the shapes of D1 and labels ±1", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 40 }),
      fc.nat({ max: 1000 }),
      (K, P, d, n, seed) => {
        const s = scenario({ K, P, d, alpha: Array(K).fill(0.5), mu: Array(K).fill(0.3) });
        const data = sampleDataset(s, n, streams(seed).train);
        assert.equal(data.n, n);
        assert.equal(data.y.length, n);
        assert.ok(data.y.every((y) => y === 1 || y === -1));
        assert.equal(data.X.length, K);
        assert.equal(data.z.length, K);
        assert.equal(data.signalPatch.length, K);
        for (let r = 0; r < K; r++) {
          assert.ok(data.X[r] instanceof Float32Array);
          assert.equal(data.X[r].length, n * P * d);
          assert.equal(data.z[r].length, n);
          assert.ok(data.z[r].every((z) => z === 0 || z === 0.5));
          assert.ok(data.signalPatch[r].every((p) => Number.isInteger(p) && p >= 0 && p < P));
        }
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("the signal patch is exactly y·z·v and every noise patch is exactly orthogonal to v", () => {
  fc.assert(
    fc.property(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 6 }), (seed, P) => {
      const s = scenario({ P, alpha: [1, 0.3], mu: [0.3, 0.3] });
      const data = sampleDataset(s, s.N, streams(seed).train);
      const v = features(s);
      for (let r = 0; r < s.K; r++) {
        for (let i = 0; i < data.n; i++) {
          for (let p = 0; p < P; p++) {
            const patch = data.X[r].subarray((i * P + p) * s.d, (i * P + p + 1) * s.d);
            if (p === data.signalPatch[r][i]) {
              const want = v[r].map((vk) => Math.fround(data.y[i] * data.z[r][i] * vk));
              assert.deepEqual(Array.from(patch), Array.from(want), `sample ${i} modality ${r}`);
            } else {
              let dot = 0;
              for (let k = 0; k < s.d; k++) dot += patch[k] * v[r][k];
              assert.equal(dot, 0, `noise patch ${p} of sample ${i} has ⟨ξ, v⟩ = ${dot}`);
              // …and it is not the zero patch: the other coordinates carry the noise.
              assert.ok(patch.some((x) => x !== 0));
            }
          }
        }
      }
    }),
    { numRuns: 30 },
  );
});

Deno.test("z takes the value α_r on sufficient samples and 0 on insufficient ones", () => {
  const s = scenario({ alpha: [0.7, 0.25] });
  const data = sampleDataset(s, 500, streams(3).train);
  for (let r = 0; r < s.K; r++) {
    assert.ok(data.z[r].every((z) => z === 0 || z === s.alpha[r]));
    assert.ok(data.z[r].some((z) => z === 0) && data.z[r].some((z) => z !== 0));
  }
  // μ = 0 gives no insufficient sample at all.
  const none = sampleDataset(scenario({ mu: [0, 0] }), 500, streams(3).train);
  assert.deepEqual(empiricalInsufficiency(none), [0, 0]);
});

Deno.test("empirical insufficiency, labels and signal positions follow their laws for large n", () => {
  // Each count is Binomial(n, p); a deviation beyond 5 standard deviations has probability
  // below 1e-6 per check, so a failure means a wrong law, not bad luck.
  const within = (count: number, n: number, p: number, what: string) => {
    const sd = Math.sqrt(n * p * (1 - p));
    assert.ok(
      Math.abs(count - n * p) <= 5 * sd,
      `${what}: ${count} of ${n}, expected ${n * p} ± ${5 * sd}`,
    );
  };
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 0.9, noNaN: true }),
      fc.double({ min: 0.01, max: 0.9, noNaN: true }),
      fc.nat({ max: 1_000_000 }),
      (mu0, mu1, seed) => {
        const n = 20_000;
        // P = 1 and d = 1: only the signal patch, so the draw is cheap.
        const s = scenario({ P: 1, d: 1, mu: [mu0, mu1] });
        const data = sampleDataset(s, n, streams(seed).train);
        const muHat = empiricalInsufficiency(data);
        within(Math.round(muHat[0] * n), n, mu0, "μ̂_0");
        within(Math.round(muHat[1] * n), n, mu1, "μ̂_1");
        within(data.y.filter((y) => y === 1).length, n, 0.5, "y = +1");
      },
    ),
    { numRuns: 15 },
  );
  const s = scenario({ P: 4, d: 1 });
  const data = sampleDataset(s, 20_000, streams(1).train);
  for (let p = 0; p < 4; p++) {
    within(data.signalPatch[0].filter((x) => x === p).length, 20_000, 0.25, `p_0 = ${p}`);
  }
});

Deno.test("noise coordinates have standard deviation σ_p (default 1/√d)", () => {
  const check = (s: Scenario) => {
    const data = sampleDataset(s, 400, streams(7).train);
    let sum = 0, sq = 0, count = 0;
    for (let r = 0; r < s.K; r++) {
      for (let i = 0; i < data.n; i++) {
        for (let p = 0; p < s.P; p++) {
          if (p === data.signalPatch[r][i]) continue;
          for (let k = 1; k < s.d; k++) { // coordinate 0 is v, where the noise is removed
            const x = data.X[r][(i * s.P + p) * s.d + k];
            sum += x;
            sq += x * x;
            count++;
          }
        }
      }
    }
    const variance = sq / count;
    // The mean of `count` squared N(0, σ²) has standard deviation σ² √(2/count); 5 of them.
    const sigma2 = s.sigmaP ** 2;
    assert.ok(
      Math.abs(variance - sigma2) <= 5 * sigma2 * Math.sqrt(2 / count),
      `variance ${variance}, expected ${sigma2}`,
    );
    assert.ok(Math.abs(sum / count) <= 5 * s.sigmaP / Math.sqrt(count), "noise mean not 0");
  };
  const byDefault = scenario({ d: 50 });
  assert.equal(byDefault.sigmaP, 1 / Math.sqrt(50));
  check(byDefault);
  check(scenario({ d: 20, sigmaP: 0.37 }));
});

Deno.test("a seed fixes the bytes of the data and of the initial weights", () => {
  const s = scenario();
  const a = sampleDataset(s, s.N, streams(11).train);
  const b = sampleDataset(s, s.N, streams(11).train);
  const c = sampleDataset(s, s.N, streams(12).train);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.X[0], c.X[0]);
  const w = initWeights(s, streams(11).init);
  assert.equal(w.length, s.K * s.m * s.d);
  assert.deepEqual(w, initWeights(s, streams(11).init));
  assert.notDeepEqual(w, initWeights(s, streams(12).init));
  // The train, test and init streams of one seed are different streams.
  assert.notDeepEqual(sampleDataset(s, s.N, streams(11).test).X[0], a.X[0]);
});

Deno.test("initial weights have standard deviation σ_0", () => {
  const s = scenario({ K: 2, m: 50, d: 200, sigma0: 0.01 });
  const w = initWeights(s, streams(0).init);
  const variance = w.reduce((acc, x) => acc + x * x, 0) / w.length;
  const sigma2 = 1e-4;
  assert.ok(Math.abs(variance - sigma2) <= 5 * sigma2 * Math.sqrt(2 / w.length), `${variance}`);
});
