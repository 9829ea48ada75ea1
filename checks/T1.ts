/**
 * T1 uni-modal success: trained alone, every modality r in the uni-modal regime
 * (T̂_r ≤ T/2) is learned (Γ_r(T) ≥ τ_r); at T every r-sufficient training sample is
 * classified correctly and the train error is at most μ̂_r/4; and its test error is within
 * μ_r/2 ± tol, tol = 3·√(p(1−p)/N_test) + 0.01 at p = μ_r/2.
 * @module
 */
import type { Dataset } from "../src/data.ts";
import type { Prediction } from "../src/predict.ts";
import type { Scenario } from "../src/scenario.ts";
import { finalCheckpoint, gammaSeries, type Trajectory } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { num, testTolerance } from "./_runs.ts";

/**
 * Samples with z_r ≠ 0 that f misclassifies at T.
 * @param traj the run
 * @param train its training samples
 * @param r the modality
 * @returns how many
 */
export function misclassifiedSufficient(traj: Trajectory, train: Dataset, r: number): number {
  let n = 0;
  for (let i = 0; i < train.n; i++) if (train.z[r][i] !== 0 && !(traj.finalMargin[i] > 0)) n++;
  return n;
}

/**
 * The not-applicable parts of a modality outside the uni-modal regime (T̂_r > T/2).
 * @param s the scenario
 * @param p the prediction
 * @param r the modality
 * @returns parts (a), (b), (c), each not applicable with the reason
 */
export function outsideUniRegime(s: Scenario, p: Prediction, r: number): Part[] {
  const why = `modality ${r} is outside the uni-modal regime: T̂_${r} = ${
    num(p.hitTime[r])
  } > T/2 = ${s.T / 2}`;
  return ["(a)", "(b)", "(c)"].map((x) => notApplicable(`${x} r=${r}`, why));
}

/**
 * The parts of T1 for modality r, given its uni-modal run.
 * @param uni the uni-modal run of r
 * @param train the training samples
 * @param r the modality
 * @returns parts (a), (b), (c) — not applicable outside the uni-modal regime
 */
export function checkUniSuccess(uni: Trajectory, train: Dataset, r: number): Part[] {
  const s = uni.scenario;
  const p = uni.prediction;
  if (!p.uniRegime[r]) return outsideUniRegime(s, p, r);
  const gT = gammaSeries(uni, r)[uni.steps];
  const last = finalCheckpoint(uni);
  const wrong = misclassifiedSufficient(uni, train, r);
  const errBound = p.muHat[r] / 4;
  const target = s.mu[r] / 2;
  const tol = testTolerance(target, s.nTest);
  return [
    part(
      `(a) r=${r}`,
      `Γ_${r}(T) = ${num(gT)}`,
      gT >= p.tau[r],
      `≥ τ = ${num(p.tau[r])}`,
      "not learned alone",
    ),
    part(
      `(b) r=${r}`,
      `${wrong} sufficient misclassified, train error ${num(last.trainError)}`,
      wrong === 0 && last.trainError <= errBound,
      `0 and ≤ μ̂/4 = ${num(errBound)}`,
      "the uni-modal network does not fit its training samples",
    ),
    part(
      `(c) r=${r}`,
      `test error ${num(last.testError)}`,
      Math.abs(last.testError - target) <= tol,
      `${num(target)} ± ${num(tol)}`,
      "test error away from μ_r/2",
    ),
  ];
}

/** T1 uni-modal success. */
export const T1: Claim = {
  id: "T1",
  title: "uni-modal success",
  statement: "Trained alone, every modality r in the uni-modal regime (T̂_r ≤ T/2) is learned " +
    "(Γ_r(T) ≥ τ_r); at T every r-sufficient training sample is classified correctly and the " +
    "train error is at most μ̂_r/4; its test error is within μ_r/2 ± tol, " +
    "tol = 3·√(p(1−p)/N_test) + 0.01 at p = μ_r/2.",
  evaluate: async ({ scenario, runs }) => {
    const parts: Part[] = [];
    const pred = runs.prepared.prediction;
    for (let r = 0; r < scenario.K; r++) {
      // Outside the regime the run is not needed: it is not trained for nothing.
      parts.push(
        ...(pred.uniRegime[r]
          ? checkUniSuccess(await runs.uni(r), runs.prepared.train, r)
          : outsideUniRegime(scenario, pred, r)),
      );
    }
    return { parts };
  },
};
