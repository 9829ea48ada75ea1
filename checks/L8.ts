/**
 * L8 integrated residual: while Γ_r ≤ τ_r the argmax neuron moves by
 * ΔΓ_r(t) = 2 ḡ_r(t) η C_r Γ_r(t)^{q−1}, so with y = Γ^{−(q−2)}, G(t) = Σ_{s<t} 2 ḡ_r(s) and ū
 * the largest relative step ΔΓ_r(s)/Γ_r(s) for s < t:
 * (q−2) η C_r G(t) (1+ū)^{−(q−1)} ≤ y(0) − y(t) ≤ (q−2) η C_r G(t).
 * @module
 */
import { gammaSeries, hitTime, type Trajectory } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { INCREMENT_RTOL } from "./L3.ts";
import { allRuns, num, U32 } from "./_runs.ts";

/**
 * The parts of L8 for one run, one per trained modality, over every t up to its hitting
 * time (all of T for a modality never learned: the starving loser).
 *
 * Tolerance: y is computed from float32 Γ (a few ulps, times q−2 for the power), and each
 * increment may be off by L3's relative tolerance, which integrates to the same relative
 * tolerance on (q−2)ηC·G.
 * @param traj the run
 * @param label its label
 * @returns the parts
 */
export function checkIntegratedResidual(traj: Trajectory, label: string): Part[] {
  const s = traj.scenario;
  const { K, q, eta } = s;
  const { C, tau } = traj.prediction;
  return traj.active.map((r) => {
    const name = `${label} r=${r}`;
    const gamma = gammaSeries(traj, r);
    if (!(gamma[0] > 0)) return notApplicable(name, `Γ_${r}(0) ≤ 0`);
    if (gamma[0] > tau[r]) return notApplicable(name, `Γ_${r}(0) > τ_${r}`);
    const end = Math.min(hitTime(traj, r), traj.steps);
    const y0 = gamma[0] ** -(q - 2);
    let G = 0, uBar = 0, worst = 0, worstAt = 0, side = "";
    for (let t = 1; t <= end; t++) {
      G += 2 * traj.gbar[(t - 1) * K + r];
      uBar = Math.max(uBar, (gamma[t] - gamma[t - 1]) / gamma[t - 1]);
      const yt = gamma[t] ** -(q - 2);
      const drop = y0 - yt;
      const upper = (q - 2) * eta * C[r] * G;
      const lower = upper * (1 + uBar) ** -(q - 1);
      const tol = 8 * U32 * (q - 2) * (y0 + yt) + INCREMENT_RTOL * upper;
      const excess = Math.max(lower - drop, drop - upper, 0) / tol;
      if (excess > worst) [worst, worstAt, side] = [excess, t, drop > upper ? "above" : "below"];
    }
    return part(
      name,
      `max excess/tol ${num(worst)}${worst > 0 ? ` at t=${worstAt}` : ""} over t ≤ ${end}`,
      worst <= 1,
      `lower ≤ y(0) − y(t) ≤ upper, ± (4 ulps + ${INCREMENT_RTOL} × upper)`,
      `y(0) − y(t) is ${side} the bound at t=${worstAt}`,
    );
  });
}

/** L8 integrated residual. */
export const L8: Claim = {
  id: "L8",
  title: "integrated residual",
  statement: "While Γ_r ≤ τ_r, ΔΓ_r(t) = 2 ḡ_r(t) η C_r Γ_r(t)^{q−1}, so with y = Γ^{−(q−2)}, " +
    "G(t) = Σ_{s<t} 2 ḡ_r(s) and ū the largest relative step: (q−2) η C_r G(t) (1+ū)^{−(q−1)} ≤ " +
    "y(0) − y(t) ≤ (q−2) η C_r G(t). A modality's progress is its integrated residual weight.",
  evaluate: async (ctx) => ({
    parts: (await allRuns(ctx)).flatMap(({ traj, label }) => checkIntegratedResidual(traj, label)),
  }),
};
