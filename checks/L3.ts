/**
 * L3 alignment identity: because noise is orthogonal to v_r, every trained neuron moves by
 * a_{r,j}(t+1) − a_{r,j}(t) = (η/N) Σ_i g_i(t) z_{r,i} σ̃'(z_{r,i} |a_{r,j}(t)|), on every step.
 * With z_{r,i} ∈ {0, α_r} the sum is α_r σ̃'(α_r|a|) · N(1 − μ̂_r) · ḡ_r(t).
 * Consequences: (a) every a_{r,j} is non-decreasing; (b) the argmax neuron never changes.
 * @module
 */
import { sigmaTildePrime } from "../src/activation.ts";
import type { Trajectory } from "../src/trajectory.ts";
import { type Claim, type Part, part } from "./claim.ts";
import { allRuns, num, U32 } from "./_runs.ts";

/** The relative tolerance on each increment (float32 sums of ≤ N terms are far tighter). */
export const INCREMENT_RTOL = 1e-3;

/**
 * The three parts of L3 for one run: identity, monotonicity, fixed argmax.
 * @param traj the run
 * @param label its label for the part names
 * @returns the parts, one triple per trained modality
 */
export function checkAlignment(traj: Trajectory, label: string): Part[] {
  const s = traj.scenario;
  const { K, m, q, rho, eta } = s;
  const parts: Part[] = [];
  for (const r of traj.active) {
    const alpha = s.alpha[r];
    const suff = 1 - traj.prediction.muHat[r];
    let worst = 0, worstAt = "", dips = 0, firstDip = "";
    let argmaxChanges = 0, firstChange = "";
    let lead = -1;
    for (let t = 0; t <= traj.steps; t++) {
      let best = -Infinity, bestJ = -1;
      for (let j = 0; j < m; j++) {
        const a = traj.alignment[(t * K + r) * m + j];
        if (a > best) [best, bestJ] = [a, j];
        if (t === traj.steps) continue;
        const a1 = traj.alignment[((t + 1) * K + r) * m + j];
        const gbar = traj.gbar[t * K + r];
        const pred = eta * suff * alpha * sigmaTildePrime(alpha * Math.abs(a), q, rho) * gbar;
        const ulps = 8 * U32 * Math.max(Math.abs(a), Math.abs(a1)); // 4 ulps
        const tol = ulps + INCREMENT_RTOL * Math.abs(pred);
        const ratio = Math.abs(a1 - a - pred) / tol;
        if (!(ratio <= worst)) [worst, worstAt] = [ratio, `t=${t} j=${j}`];
        if (a1 < a - ulps && dips++ === 0) firstDip = `t=${t} j=${j}: ${a} → ${a1}`;
      }
      if (lead === -1) lead = bestJ;
      else if (bestJ !== lead && argmaxChanges++ === 0) {
        firstChange = `t=${t}: neuron ${bestJ} overtakes ${lead}`;
      }
    }
    parts.push(
      part(
        `identity ${label} r=${r}`,
        `max |error|/tol ${num(worst)} at ${worstAt}`,
        worst <= 1,
        `≤ 1, tol = 4 ulps of |a| + ${INCREMENT_RTOL} × increment`,
        `the increment at ${worstAt} misses the identity by ${num(worst)} tolerances`,
      ),
      part(
        `(a) non-decreasing ${label} r=${r}`,
        `${dips} dips`,
        dips === 0,
        "0 dips below 4 ulps",
        `a_{r,j} decreased at ${firstDip}`,
      ),
      part(
        `(b) fixed argmax ${label} r=${r}`,
        `${argmaxChanges} changes (neuron ${lead})`,
        argmaxChanges === 0,
        "0 changes",
        firstChange,
      ),
    );
  }
  return parts;
}

/** L3 alignment identity. */
export const L3: Claim = {
  id: "L3",
  title: "alignment identity",
  statement: "Because noise is orthogonal to v_r, on every step and for every trained neuron " +
    "a_{r,j}(t+1) − a_{r,j}(t) = (η/N) Σ_i g_i(t) z_{r,i} σ̃'(z_{r,i} |a_{r,j}(t)|); hence " +
    "(a) every a_{r,j} is non-decreasing in t and (b) the neuron attaining Γ_r is the same at " +
    "every t.",
  evaluate: async (ctx) => ({
    parts: (await allRuns(ctx)).flatMap(({ traj, label }) => checkAlignment(traj, label)),
  }),
};
