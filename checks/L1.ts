/**
 * L1 activation: σ̃ is C¹ (continuous with a continuous derivative at 0 and ρ), σ̃' is
 * non-decreasing in [0, 1], h is odd, h' even with h'(u) = σ̃'(|u|), and both derivatives
 * match central finite differences. Property-based over q ∈ (2, 6], ρ ∈ [1e-3, 10] and u
 * anywhere.
 * @module
 */
import fc from "npm:fast-check@4.11.0";
import * as activation from "../src/activation.ts";
import type { Claim, Part } from "./claim.ts";
import { propertyPart } from "./_property.ts";

/** The four functions of D2 under test. */
export interface Activation {
  /** σ̃(u; q, ρ) */
  sigmaTilde(u: number, q: number, rho: number): number;
  /** σ̃'(u; q, ρ) */
  sigmaTildePrime(u: number, q: number, rho: number): number;
  /** h(u; q, ρ) */
  h(u: number, q: number, rho: number): number;
  /** h'(u; q, ρ) */
  hPrime(u: number, q: number, rho: number): number;
}

const EPS = 2 ** -52;
const qArb = fc.double({ min: 2, max: 6, noNaN: true }).filter((q) => q > 2);
const rhoArb = fc.double({ min: 1e-3, max: 10, noNaN: true });
/** u as a multiple of ρ, from deep inside the flat part to far out on the linear part. */
const scaleArb = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);

/**
 * Central finite difference of f at u with step δ, and the bound on its error from the
 * exact derivative: truncation Lδ/2 for a derivative that is L-Lipschitz (L = (q−1)/ρ, the
 * largest σ̃'' — zero when the stencil stays off (0, ρ) where σ̃ is flat or linear), plus
 * rounding: each evaluation and each u ± δ is off by a few ulps of its magnitude.
 */
function finiteDifference(
  f: (u: number) => number,
  u: number,
  q: number,
  rho: number,
): { fd: number; tol: number } {
  const scale = Math.max(rho, Math.abs(u));
  const delta = 1e-6 * scale;
  const fd = (f(u + delta) - f(u - delta)) / (2 * delta);
  const touchesCurve = Math.abs(u) - delta < rho;
  const truncation = touchesCurve ? ((q - 1) / rho) * delta / 2 : 0;
  const rounding = 16 * EPS * (Math.abs(f(u + delta)) + Math.abs(f(u - delta)) + scale) / delta;
  return { fd, tol: truncation + rounding };
}

/**
 * The parts of L1 for an implementation of the activation.
 * @param act the functions under test
 * @param seed fast-check's seed
 * @param numRuns cases per property
 * @returns one part per property
 */
export async function checkActivation(
  act: Activation,
  seed: number,
  numRuns?: number,
): Promise<Part[]> {
  const { sigmaTilde: s, sigmaTildePrime: sp, h, hPrime: hp } = act;
  const near = (a: number, b: number, tol: number, what: string) => {
    if (!(Math.abs(a - b) <= tol)) throw new Error(`${what}: ${a} vs ${b} (tolerance ${tol})`);
  };
  return [
    await propertyPart(
      "derivatives = central differences",
      fc.property(qArb, rhoArb, scaleArb, (q, rho, k) => {
        const u = k * rho;
        const a = finiteDifference((x) => s(x, q, rho), u, q, rho);
        near(a.fd, sp(u, q, rho), a.tol, `σ̃' at u=${u}`);
        const b = finiteDifference((x) => h(x, q, rho), u, q, rho);
        near(b.fd, hp(u, q, rho), 2 * b.tol, `h' at u=${u}`);
      }),
      seed,
      "|FD − derivative| ≤ (q−1)δ/(2ρ) + rounding",
      numRuns,
    ),
    await propertyPart(
      "C¹ at 0 and ρ",
      fc.property(qArb, rhoArb, fc.double({ min: 1e-9, max: 1e-4, noNaN: true }), (q, rho, e) => {
        // Either side of each knee at distance eρ: values differ by at most the step times
        // the largest slope (1), derivatives by the step times the largest σ̃'' ((q−1)/ρ).
        for (const knee of [0, rho]) {
          const lo = knee - e * rho, hi = knee + e * rho;
          near(s(lo, q, rho), s(hi, q, rho), 2 * e * rho + 8 * EPS * rho, `σ̃ jumps at ${knee}`);
          near(sp(lo, q, rho), sp(hi, q, rho), 2 * e * (q - 1) + 8 * EPS, `σ̃' jumps at ${knee}`);
        }
        near(s(rho, q, rho), rho / q, 8 * EPS * rho, "σ̃(ρ) = ρ/q");
        near(sp(rho, q, rho), 1, 8 * EPS, "σ̃'(ρ) = 1");
        near(s(0, q, rho), 0, 0, "σ̃(0) = 0");
      }),
      seed,
      "jump ≤ step × largest slope",
      numRuns,
    ),
    await propertyPart(
      "σ̃' non-decreasing in [0, 1]",
      fc.property(qArb, rhoArb, scaleArb, scaleArb, (q, rho, a, b) => {
        const [u, v] = a <= b ? [a * rho, b * rho] : [b * rho, a * rho];
        const du = sp(u, q, rho), dv = sp(v, q, rho);
        if (!(du >= 0 && dv <= 1 && du <= dv)) {
          throw new Error(`σ̃'(${u}) = ${du}, σ̃'(${v}) = ${dv}`);
        }
      }),
      seed,
      "0 ≤ σ̃'(u) ≤ σ̃'(v) ≤ 1 for u ≤ v",
      numRuns,
    ),
    await propertyPart(
      "h odd, h' even, h'(u) = σ̃'(|u|)",
      fc.property(qArb, rhoArb, scaleArb, (q, rho, k) => {
        const u = k * rho;
        near(h(-u, q, rho), -h(u, q, rho), 0, "h(−u) = −h(u)");
        near(h(u, q, rho), s(u, q, rho) - s(-u, q, rho), 0, "h(u) = σ̃(u) − σ̃(−u)");
        near(hp(-u, q, rho), hp(u, q, rho), 0, "h'(−u) = h'(u)");
        near(hp(u, q, rho), sp(Math.abs(u), q, rho), 0, "h'(u) = σ̃'(|u|)");
      }),
      seed,
      "exact",
      numRuns,
    ),
  ];
}

/** L1 activation. */
export const L1: Claim = {
  id: "L1",
  title: "activation",
  statement:
    "σ̃ is continuous with a continuous derivative at 0 and ρ; σ̃' is non-decreasing in [0, 1]; " +
    "h is odd, h' even, h'(u) = σ̃'(|u|); both match central finite differences " +
    "(property-based over q ∈ (2, 6], ρ ∈ [1e-3, 10], u anywhere).",
  evaluate: async ({ seed }) => ({ parts: await checkActivation(activation, seed) }),
};
