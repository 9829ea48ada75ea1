/**
 * L6 winner prediction: in joint training with a clear contest, the first modality to be
 * learned is r* of D5 — decided from the initial weights and the sample, before training.
 * @module
 */
import type { Prediction } from "../src/predict.ts";
import { hitTime, type Trajectory } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { num } from "./_runs.ts";

/**
 * The part of L6 for a joint run and a prediction.
 * @param joint the joint run
 * @param pred the prediction from the initial state
 * @returns the part
 */
export function checkWinner(joint: Trajectory, pred: Prediction): Part {
  const K = joint.scenario.K;
  if (K < 2) return notApplicable("winner", "a single modality has no contest");
  const predicted = pred.hitTime.map(num).join(", ");
  if (!pred.clear) {
    return notApplicable("winner", `contest not clear: T̂ = (${predicted}) within 5 %`);
  }
  const times = Array.from({ length: K }, (_, r) => hitTime(joint, r));
  const first = Math.min(...times);
  if (first === Infinity && pred.hitTime[pred.winner] > joint.steps) {
    return notApplicable("winner", `T̂_${pred.winner} = ${num(pred.hitTime[pred.winner])} > T`);
  }
  const firsts = times.flatMap((t, r) => t === first ? [r] : []);
  return part(
    "winner",
    `first learned ${first === Infinity ? "none" : firsts.join(" and ")} at t=${num(first)}`,
    firsts.length === 1 && firsts[0] === pred.winner,
    `r* = ${pred.winner} (T̂ = ${predicted})`,
    `measured T_r = (${times.map(num).join(", ")})`,
  );
}

/** L6 winner prediction. */
export const L6: Claim = {
  id: "L6",
  title: "winner prediction",
  statement: "In joint training with a clear contest, the first modality to be learned is r* " +
    "of D5 — decided from the initial weights and the sample, before training.",
  evaluate: async ({ runs }) => ({
    parts: [checkWinner(await runs.joint(), runs.prepared.prediction)],
  }),
};
