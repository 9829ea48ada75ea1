/**
 * L5 tensor-power hitting time. (a) Pure mathematics, property-based: for the recursion of
 * D5 with u = η C τ^{q−2} and T_ode = (x_0^{−(q−2)} − τ^{−(q−2)}) / ((q−2) η C),
 * T_ode ≤ T̂ ≤ T_ode (1 + u)^{q−1} + 1. (b) On trajectories: the measured hitting time of
 * the joint winner, and of every uni-modal run, equals T̂ within max(2 steps, 3 %).
 * @module
 */
import fc from "npm:fast-check@4.11.0";
import { odeIntegral, predictedHitTime } from "../src/predict.ts";
import { hitTime } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { propertyPart } from "./_property.ts";
import { allRuns, num } from "./_runs.ts";

/** A hitting-time implementation: T̂ for (x0, η, C, q, τ). */
export type HitTimeFn = (x0: number, eta: number, C: number, q: number, tau: number) => number;

/**
 * Part (a) of L5 for an implementation of the recursion.
 * @param hit the implementation under test
 * @param seed fast-check's seed
 * @param numRuns cases
 * @returns the part
 */
export function checkRecursionBounds(hit: HitTimeFn, seed: number, numRuns?: number) {
  return propertyPart(
    "(a) T_ode ≤ T̂ ≤ T_ode(1+u)^{q−1} + 1",
    fc.property(
      fc.double({ min: 2, max: 6, noNaN: true }).filter((q) => q > 2),
      fc.double({ min: 1e-3, max: 10, noNaN: true }),
      fc.double({ min: 1e-3, max: 0.999, noNaN: true }),
      fc.double({ min: 0.5, max: 2e4, noNaN: true }),
      (q, tau, frac, tOde) => {
        // Choose ηC so that the ODE hitting time is tOde; vary η and C through their product.
        const x0 = frac * tau;
        const etaC = odeIntegral(x0, tau, q) / tOde;
        const That = hit(x0, 1, etaC, q, tau);
        const ode = odeIntegral(x0, tau, q) / etaC;
        const u = etaC * tau ** (q - 2);
        const upper = ode * (1 + u) ** (q - 1) + 1;
        // 1e-9 relative: the float64 rounding of T_ode, never near a whole step.
        if (!(That >= ode * (1 - 1e-9) && That <= upper * (1 + 1e-9))) {
          throw new Error(`T̂ = ${That} outside [${ode}, ${upper}]`);
        }
      },
    ),
    seed,
    "every case",
    numRuns,
  );
}

/**
 * Part (b) for one measured and one predicted hitting time.
 * @param name the part's name
 * @param measured T_r of the run
 * @param predicted T̂_r
 * @param T steps of the run
 * @returns the part
 */
export function hitTimePart(name: string, measured: number, predicted: number, T: number): Part {
  if (Math.min(measured, predicted) > T) {
    return notApplicable(name, `neither T_r nor T̂_r = ${num(predicted)} is within T = ${T}`);
  }
  const tol = Math.max(2, 0.03 * predicted);
  return part(
    name,
    `T_r ${num(measured)} vs T̂ ${num(predicted)}`,
    Math.abs(measured - predicted) <= tol,
    `|T_r − T̂| ≤ ${num(tol)}`,
    `measured ${num(measured)}, predicted ${num(predicted)}`,
  );
}

/** L5 tensor-power hitting time. */
export const L5: Claim = {
  id: "L5",
  title: "tensor-power hitting time",
  statement:
    "(a) For the recursion of D5 with u = η C τ^{q−2}, T_ode ≤ T̂ ≤ T_ode (1 + u)^{q−1} + 1 " +
    "(property-based). (b) The measured hitting time of the joint winner, and of every " +
    "uni-modal run, equals T̂ within max(2 steps, 3 %).",
  evaluate: async (ctx) => {
    const parts = [await checkRecursionBounds(predictedHitTime, ctx.seed)];
    const pred = ctx.runs.prepared.prediction;
    for (const { traj, label } of await allRuns(ctx)) {
      const times = traj.active.map((r) => hitTime(traj, r));
      if (label === "joint") {
        const first = Math.min(...times);
        const winner = traj.active[times.indexOf(first)];
        parts.push(
          first === Infinity
            ? hitTimePart(`(b) joint winner`, Infinity, Math.min(...pred.hitTime), traj.steps)
            : hitTimePart(`(b) joint winner r=${winner}`, first, pred.hitTime[winner], traj.steps),
        );
      } else {
        const r = traj.active[0];
        parts.push(hitTimePart(`(b) ${label}`, times[0], pred.hitTime[r], traj.steps));
      }
    }
    return { parts };
  },
};
