import assert from "node:assert/strict";
import fc from "npm:fast-check@4.11.0";
import type { Dataset } from "./data.ts";
import { gammaOf, predict, predictedHitTime } from "./predict.ts";
import { type Scenario, validateScenario } from "./scenario.ts";

// Fixed seed: the same cases on every run; a failure prints the seed and path to replay it.
fc.configureGlobal({ seed: 20221203 });

Deno.test("predictedHitTime is 0 when x0 already reaches τ", () => {
  assert.equal(predictedHitTime(0.2, 0.05, 1, 3, 0.1), 0);
  assert.equal(predictedHitTime(0.1, 0.05, 1, 3, 0.1), 0); // x0 = τ counts as reached
  assert.equal(predictedHitTime(5, 0.05, 0, 3, 0.1), 0); // even with no growth
});

Deno.test("predictedHitTime is Infinity when x0 ≤ 0, C ≤ 0, or the cap is hit", () => {
  assert.equal(predictedHitTime(0, 0.05, 1, 3, 0.1), Infinity);
  assert.equal(predictedHitTime(-0.01, 0.05, 1, 3, 0.1), Infinity);
  assert.equal(predictedHitTime(0.01, 0.05, 0, 3, 0.1), Infinity);
  assert.equal(predictedHitTime(NaN, 0.05, 1, 3, 0.1), Infinity);
  assert.equal(predictedHitTime(0.5, 1, 1, 3, 1, 1), Infinity); // needs 2 steps, cap 1
});

Deno.test("predictedHitTime follows x_{t+1} = x_t + η C x_t^{q−1} (hand-computed)", () => {
  // q = 3, η C = 1, x0 = 1/2: x1 = 1/2 + 1/4 = 3/4, x2 = 3/4 + 9/16 = 21/16 (all exact).
  assert.equal(predictedHitTime(0.5, 1, 1, 3, 1), 2);
  assert.equal(predictedHitTime(0.5, 0.5, 2, 3, 1), 2); // only the product η C matters
  assert.equal(predictedHitTime(0.5, 1, 1, 3, 0.75), 1); // x1 = τ exactly: reached at 1
  assert.equal(predictedHitTime(0.5, 1, 1, 3, 21 / 16), 2);
  assert.equal(predictedHitTime(0.5, 1, 1, 3, 21 / 16 + 1e-9), 3);
  // q = 4, η C = 1, x0 = 1/2: x1 = 1/2 + 1/8 = 5/8, x2 = 5/8 + 125/512 = 445/512 ≈ 0.869,
  // x3 = 445/512 + (445/512)^3 ≈ 1.525: τ = 1 is reached at 3.
  assert.equal(predictedHitTime(0.5, 1, 1, 4, 1), 3);
  assert.equal(predictedHitTime(0.5, 1, 1, 4, 445 / 512), 2);
});

Deno.test("predictedHitTime is monotone in x0, ηC and τ", () => {
  const pos = (min: number, max: number) => fc.double({ min, max, noNaN: true });
  fc.assert(
    fc.property(
      pos(1e-3, 0.05),
      pos(1, 2),
      pos(0.01, 1),
      pos(1, 2),
      fc.double({ min: 2.1, max: 5, noNaN: true }),
      pos(1, 2),
      (x0, grow, etaC, more, q, tauOver) => {
        const tau = x0 * (1 + tauOver);
        const base = predictedHitTime(x0, etaC, 1, q, tau, 1e5);
        fc.pre(Number.isFinite(base));
        assert.ok(predictedHitTime(Math.min(x0 * grow, tau), etaC, 1, q, tau, 1e5) <= base);
        assert.ok(predictedHitTime(x0, etaC * more, 1, q, tau, 1e5) <= base);
        assert.ok(predictedHitTime(x0, etaC, 1, q, tau * more, 1e5) >= base);
      },
    ),
    { numRuns: 300 },
  );
});

/** A dataset that carries only what `predict` reads: n and the signal strengths. */
function zOnly(z: number[][]): Dataset {
  const n = z[0].length;
  return {
    n,
    y: new Float32Array(n).fill(1),
    X: z.map(() => new Float32Array(0)),
    z: z.map((zr) => Float64Array.from(zr)),
    signalPatch: z.map(() => new Int32Array(n)),
  };
}

function scenario(alpha: number[], over: Record<string, unknown> = {}): Scenario {
  return validateScenario({
    K: alpha.length,
    d: 4,
    P: 2,
    N: 4,
    nTest: 1,
    m: 2,
    q: 3,
    rho: 0.1,
    sigma0: 0.01,
    alpha,
    mu: alpha.map(() => 0.25),
    eta: 0.05,
    T: 3000,
    ...over,
  }, "test");
}

Deno.test("predict computes C, μ̂, τ and T̂ as D5 defines them", () => {
  const s = scenario([1, 0.3]);
  // Modality 0: one of four samples insufficient; modality 1: none.
  const data = zOnly([[1, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]]);
  const gamma0 = [0.02, 0.03];
  const p = predict(s, data, gamma0);
  // C_r = (1/(2N)) Σ z^q / ρ^{q−1}
  assert.ok(Math.abs(p.C[0] - 3 / 8 / 0.01) < 1e-12);
  assert.ok(Math.abs(p.C[1] - 4 * 0.027 / 8 / 0.01) < 1e-12);
  assert.deepEqual(p.muHat, [0.25, 0]);
  assert.deepEqual(p.tau, [0.1 / 1, 0.1 / 0.3]);
  assert.deepEqual(p.gamma0, gamma0);
  assert.deepEqual(p.hitTime, [
    predictedHitTime(0.02, 0.05, p.C[0], 3, 0.1),
    predictedHitTime(0.03, 0.05, p.C[1], 3, 0.1 / 0.3),
  ]);
});

Deno.test("predict: winner, κ and the loser bound are consistent", () => {
  fc.assert(
    fc.property(
      // ranges that keep T̂ below ~10^5 steps, so the recursion stays cheap
      fc.array(fc.double({ min: 0.3, max: 2, noNaN: true }), { minLength: 2, maxLength: 4 }),
      fc.array(fc.double({ min: 5e-3, max: 0.05, noNaN: true }), { minLength: 4, maxLength: 4 }),
      fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      fc.double({ min: 2.5, max: 3.5, noNaN: true }),
      (alpha, g0, insufficient, q) => {
        const K = alpha.length;
        const s = scenario(alpha, { q });
        const z = alpha.map((a, r) => [0, 1, 2, 3].map((i) => insufficient[r * 4 + i] ? 0 : a));
        const gamma0 = g0.slice(0, K);
        const p = predict(s, zOnly(z), gamma0);
        const w = p.winner;
        // r* = argmin T̂ (the lowest index among ties)
        for (let r = 0; r < K; r++) {
          assert.ok(p.hitTime[w] <= p.hitTime[r]);
          if (p.hitTime[r] === p.hitTime[w]) assert.ok(w <= r);
        }
        // S_r = C_r Γ_r(0)^{q−2}, κ_s = S_s / S_{r*}, κ_{r*} = 1
        for (let r = 0; r < K; r++) {
          assert.ok(
            Math.abs(p.strength[r] - p.C[r] * gamma0[r] ** (q - 2)) <= 1e-12 * p.strength[r],
          );
        }
        for (let r = 0; r < K; r++) assert.equal(p.kappa[r], p.strength[r] / p.strength[w]);
        if (p.strength[w] > 0) assert.equal(p.kappa[w], 1);
        // L7 bound: NaN for the winner, Infinity once κ ≥ 1, else Γ_s(0)(1 − κ_s)^{−1/(q−2)}
        for (let r = 0; r < K; r++) {
          if (r === w) {
            assert.ok(Number.isNaN(p.loserBound[r]));
            assert.ok(Number.isNaN(p.margin[r]) && Number.isNaN(p.need[r]));
          } else if (p.strength[w] === 0) {
            // No modality carries any signal in the sample: κ = 0/0 and the bound are undefined.
            assert.ok(Number.isNaN(p.kappa[r]) && Number.isNaN(p.loserBound[r]));
          } else if (p.kappa[r] >= 1) {
            assert.equal(p.loserBound[r], Infinity);
          } else {
            const want = gamma0[r] * (1 - p.kappa[r]) ** (-1 / (q - 2));
            assert.ok(Math.abs(p.loserBound[r] - want) <= 1e-12 * want);
            assert.ok(p.loserBound[r] >= gamma0[r]);
          }
        }
        // clear: somebody wins within the horizon and the runner-up is at least 5 % later
        const sorted = [...p.hitTime].sort((a, b) => a - b);
        assert.equal(p.clear, Number.isFinite(sorted[0]) && sorted[1] >= 1.05 * sorted[0]);
        assert.deepEqual(p.uniRegime, p.hitTime.map((t) => t <= s.T / 2));
        assert.equal(p.competition, p.margin.every((m, r) => r === w || m > 1));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("a stronger start or a stronger signal wins", () => {
  const s = scenario([1, 1]);
  const data = zOnly([[1, 1, 1, 1], [1, 1, 1, 1]]);
  assert.equal(predict(s, data, [0.01, 0.02]).winner, 1);
  assert.equal(predict(s, data, [0.02, 0.01]).winner, 0);
  const p = predict(s, data, [0.02, 0.01]);
  assert.equal(p.kappa[1], 0.5); // q = 3: S ∝ Γ(0)
  assert.ok(Math.abs(p.loserBound[1] - 0.02) < 1e-15); // 0.01 / (1 − 1/2)
  // Equal starts: the tie goes to the lower index and the contest is not clear.
  const tie = predict(s, data, [0.01, 0.01]);
  assert.equal(tie.winner, 0);
  assert.equal(tie.clear, false);
});

Deno.test("gammaOf is the largest alignment ⟨w_{r,j}, v_r⟩ per modality", () => {
  const s = scenario([1, 1], { d: 3, m: 2 });
  // (K, m, d): modality 0 rows (0.1, 5, 5), (0.3, −1, 0); modality 1 rows (−0.2, …), (−0.1, …)
  const W = Float32Array.from([0.1, 5, 5, 0.3, -1, 0, -0.2, 9, 9, -0.1, 0, 0]);
  const v = [Float64Array.from([1, 0, 0]), Float64Array.from([1, 0, 0])];
  const g = gammaOf(W, s, v);
  assert.deepEqual(g, [Math.fround(0.3), Math.fround(-0.1)]);
});
