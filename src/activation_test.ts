import assert from "node:assert/strict";
import fc from "npm:fast-check@4.11.0";
import { h, hPrime, sigmaTilde, sigmaTildePrime } from "./activation.ts";

// Fixed seed: the same cases on every run; a failure prints the seed and path to replay it.
fc.configureGlobal({ seed: 20221203 });

/** Unit roundoff of float64. */
const EPS = 2 ** -53;

const qArb = fc.oneof(
  fc.constantFrom(3, 4, 5, 6),
  fc.double({ min: 2, max: 6, minExcluded: true, noNaN: true }),
);
const rhoArb = fc.double({ min: 1e-3, max: 10, noNaN: true });
/** u as a multiple of ρ: dense around the kinks at 0 and ±ρ, and far out on both sides. */
const tArb = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.double({ min: -1e4, max: 1e4, noNaN: true }),
);

type Fn = (u: number, q: number, rho: number) => number;

/**
 * Compare f'(u) with the central difference (f(u+δ) − f(u−δ)) / (x₁ − x₀) and a bound on the
 * difference that follows from the function, not from the run:
 * - truncation δ'²/6 · sup|f'''| on [x₀, x₁] (the interval holds no kink, so f is smooth there;
 *   on the polynomial piece |f'''| = (q−1)(q−2)|v|^{q−3}/ρ^{q−1}, on the linear piece 0),
 * - the midpoint of [x₀, x₁] is u only up to rounding: sup|f''| · ε|u|, |f''| ≤ (q−1)/ρ,
 * - each evaluation of f carries at most 8 ulps of |f| + |x| + ρ (a pow, a division, a
 *   subtraction), divided by the step.
 */
function checkDerivative(f: Fn, fPrime: Fn, u: number, q: number, rho: number, kinks: number[]) {
  const dist = Math.min(...kinks.map((k) => Math.abs(u - k)));
  const delta = Math.min(1e-3 * rho, dist / 2);
  const x0 = u - delta, x1 = u + delta;
  const f0 = f(x0, q, rho), f1 = f(x1, q, rho);
  const fd = (f1 - f0) / (x1 - x0);
  const half = (x1 - x0) / 2;
  const inPoly = Math.abs(x0) < rho && Math.abs(x1) < rho;
  const m3 = inPoly
    ? (q - 1) * (q - 2) / rho ** (q - 1) *
      Math.max(Math.abs(x0) ** (q - 3), Math.abs(x1) ** (q - 3))
    : 0;
  const evalErr = (x: number, fx: number) => 8 * EPS * (Math.abs(fx) + Math.abs(x) + rho);
  const tol = half ** 2 / 6 * m3 + (q - 1) / rho * EPS * Math.abs(u) +
    (evalErr(x0, f0) + evalErr(x1, f1)) / (x1 - x0) + 4 * EPS * Math.abs(fd);
  const exact = fPrime(u, q, rho);
  assert.ok(
    Math.abs(fd - exact) <= tol,
    `u=${u} q=${q} rho=${rho}: derivative ${exact}, central difference ${fd}, tol ${tol}`,
  );
}

Deno.test("σ̃ and σ̃' take the values of D2 on each piece", () => {
  assert.equal(sigmaTilde(-1, 3, 0.1), 0);
  assert.equal(sigmaTilde(0, 3, 0.1), 0);
  assert.ok(Math.abs(sigmaTilde(0.05, 3, 0.1) - 0.05 ** 3 / (3 * 0.01)) < 1e-18);
  assert.ok(Math.abs(sigmaTilde(1, 3, 0.1) - (1 - (2 / 3) * 0.1)) < 1e-15);
  assert.equal(sigmaTildePrime(-1, 3, 0.1), 0);
  assert.ok(Math.abs(sigmaTildePrime(0.05, 3, 0.1) - 0.25) < 1e-15);
  assert.equal(sigmaTildePrime(0.1, 3, 0.1), 1);
  assert.equal(sigmaTildePrime(7, 3, 0.1), 1);
});

Deno.test("σ̃' is the derivative of σ̃ (central differences, away from the kinks)", () => {
  fc.assert(
    fc.property(qArb, rhoArb, tArb, (q, rho, t) => {
      const u = rho * t;
      fc.pre(Math.abs(u) > 1e-6 * rho && Math.abs(u - rho) > 1e-6 * rho);
      checkDerivative(sigmaTilde, sigmaTildePrime, u, q, rho, [0, rho]);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("h' is the derivative of h (central differences, away from the kinks)", () => {
  fc.assert(
    fc.property(qArb, rhoArb, tArb, (q, rho, t) => {
      const u = rho * t;
      fc.pre(Math.abs(u) > 1e-6 * rho && Math.abs(Math.abs(u) - rho) > 1e-6 * rho);
      checkDerivative(h, hPrime, u, q, rho, [-rho, 0, rho]);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("σ̃ and σ̃' are continuous at 0 and at ρ", () => {
  fc.assert(
    fc.property(qArb, rhoArb, fc.double({ min: 1e-15, max: 1e-3, noNaN: true }), (q, rho, s) => {
      const delta = s * rho;
      // At 0: both one-sided values tend to 0 (σ̃(δ) ≤ δ, σ̃'(δ) = (δ/ρ)^{q−1} ≤ δ/ρ).
      assert.equal(sigmaTilde(-delta, q, rho), 0);
      assert.equal(sigmaTildePrime(-delta, q, rho), 0);
      assert.ok(sigmaTilde(delta, q, rho) <= delta);
      assert.ok(sigmaTildePrime(delta, q, rho) <= delta / rho * (1 + 8 * EPS));
      // At ρ: the jump across [ρ−δ, ρ+δ] is no larger than the Lipschitz constants allow
      // (1 for σ̃, (q−1)/ρ for σ̃'), plus the rounding of each evaluation.
      const jump = Math.abs(sigmaTilde(rho + delta, q, rho) - sigmaTilde(rho - delta, q, rho));
      assert.ok(jump <= 2 * delta + 16 * EPS * rho, `σ̃ jumps by ${jump} at ρ=${rho}`);
      const jumpP = Math.abs(
        sigmaTildePrime(rho + delta, q, rho) - sigmaTildePrime(rho - delta, q, rho),
      );
      assert.ok(jumpP <= (q - 1) * 2 * delta / rho + 16 * EPS, `σ̃' jumps by ${jumpP}`);
      // The two formulas agree at the knee itself: ρ^q/(qρ^{q−1}) = ρ − (1 − 1/q)ρ = ρ/q.
      const poly = sigmaTilde(rho, q, rho);
      const lin = rho - (1 - 1 / q) * rho;
      assert.ok(Math.abs(poly - lin) <= 8 * EPS * rho, `σ̃(ρ): ${poly} vs ${lin}`);
      assert.equal(sigmaTildePrime(rho, q, rho), 1);
    }),
    { numRuns: 1000 },
  );
});

Deno.test("h is odd, h' is even and h'(u) = σ̃'(|u|)", () => {
  fc.assert(
    fc.property(qArb, rhoArb, tArb, (q, rho, t) => {
      const u = rho * t;
      assert.ok(h(-u, q, rho) === -h(u, q, rho), `h(−u) ≠ −h(u) at u=${u}`);
      assert.ok(hPrime(-u, q, rho) === hPrime(u, q, rho), `h'(−u) ≠ h'(u) at u=${u}`);
      assert.ok(hPrime(u, q, rho) === sigmaTildePrime(Math.abs(u), q, rho));
      // On the positive side h is σ̃ itself.
      if (u >= 0) assert.ok(h(u, q, rho) === sigmaTilde(u, q, rho));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("σ̃' lies in [0, 1] and is non-decreasing", () => {
  fc.assert(
    fc.property(qArb, rhoArb, tArb, tArb, (q, rho, t1, t2) => {
      const [a, b] = t1 <= t2 ? [rho * t1, rho * t2] : [rho * t2, rho * t1];
      const pa = sigmaTildePrime(a, q, rho), pb = sigmaTildePrime(b, q, rho);
      assert.ok(pa >= 0 && pa <= 1 && pb >= 0 && pb <= 1, `σ̃' out of [0, 1]: ${pa}, ${pb}`);
      assert.ok(pa <= pb, `σ̃'(${a}) = ${pa} > σ̃'(${b}) = ${pb}`);
    }),
    { numRuns: 2000 },
  );
});
