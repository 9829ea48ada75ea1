/**
 * L7 loser at the winner's hitting time: for every s ≠ r*,
 * Γ_s(T_{r*}) ≤ Γ_s(0) (1 − κ_s)^{−1/(q−2)} (the ODE value at the winner's blow-up time).
 * @module
 */
import type { Prediction } from "../src/predict.ts";
import { gammaSeries, hitTime, type Trajectory } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { num } from "./_runs.ts";

/**
 * The parts of L7, one per loser.
 * @param joint the joint run
 * @param pred the prediction
 * @returns the parts
 */
export function checkLoserAtWinnerHit(joint: Trajectory, pred: Prediction): Part[] {
  const w = pred.winner;
  const Tw = hitTime(joint, w);
  const losers = joint.active.filter((s) => s !== w);
  if (losers.length === 0) return [notApplicable("losers", "a single modality has no loser")];
  return losers.map((s) => {
    const name = `s=${s}`;
    if (Tw === Infinity) return notApplicable(name, `the winner ${w} is not learned by T`);
    if (!Number.isFinite(pred.loserBound[s])) {
      return notApplicable(name, `κ_${s} = ${num(pred.kappa[s])} ≥ 1: the bound is infinite`);
    }
    const g = gammaSeries(joint, s)[Tw];
    return part(
      name,
      `Γ_${s}(T_${w}=${Tw}) = ${num(g)}`,
      g <= pred.loserBound[s],
      `≤ Γ_${s}(0)(1−κ)^{−1/(q−2)} = ${num(pred.loserBound[s])} (κ = ${num(pred.kappa[s])})`,
      `the loser outgrew the ODE bound`,
    );
  });
}

/** L7 loser at the winner's hitting time. */
export const L7: Claim = {
  id: "L7",
  title: "loser at the winner's hitting time",
  statement: "For every s ≠ r*, Γ_s(T_{r*}) ≤ Γ_s(0) (1 − κ_s)^{−1/(q−2)} (the ODE value at the " +
    "winner's blow-up time).",
  evaluate: async ({ runs }) => ({
    parts: checkLoserAtWinnerHit(await runs.joint(), runs.prepared.prediction),
  }),
};
