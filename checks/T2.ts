/**
 * T2 modality competition: trained jointly, (a) r* is learned; (b) no loser is learned
 * (Γ_s(T) < τ_s) and its growth Γ_s(T)/Γ_s(0) is at most a tenth of the growth it reaches
 * alone; (c) starvation: ḡ_s(T) ≤ μ̂_{r*}/2 + 0.02; (d) at T every r*-sufficient training
 * sample is classified correctly, the train error is at most μ̂_{r*}/4, and the
 * r*-insufficient samples are being memorised (their Ξ_i grows).
 * @module
 */
import type { Dataset } from "../src/data.ts";
import { finalCheckpoint, gammaSeries, type Trajectory } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { misclassifiedSufficient } from "./T1.ts";
import { num } from "./_runs.ts";

/** Slack of part (c) over μ̂_{r*}/2. */
export const STARVATION_SLACK = 0.02;

/**
 * The parts of T2.
 * @param joint the joint run
 * @param uni the uni-modal run of each modality (only the losers' are read)
 * @param train the training samples
 * @returns the parts
 */
export function checkCompetition(
  joint: Trajectory,
  uni: (Trajectory | null)[],
  train: Dataset,
): Part[] {
  const s = joint.scenario;
  const p = joint.prediction;
  const w = p.winner;
  if (s.K < 2) return [notApplicable("all", "a single modality cannot compete")];
  const T = joint.steps;
  const gamma = (traj: Trajectory, r: number) => gammaSeries(traj, r);
  const gw = gamma(joint, w)[T];
  const parts: Part[] = [part(
    `(a) r*=${w}`,
    `Γ_${w}(T) = ${num(gw)}`,
    gw >= p.tau[w],
    `≥ τ = ${num(p.tau[w])}`,
    "the predicted winner is not learned",
  )];
  const starvation = p.muHat[w] / 2 + STARVATION_SLACK;
  for (let l = 0; l < s.K; l++) {
    if (l === w) continue;
    const g = gamma(joint, l);
    const growth = g[T] / g[0];
    const alone = uni[l];
    const ga = alone ? gamma(alone, l) : null;
    const growthAlone = ga ? ga[T] / ga[0] : NaN;
    if (g[T] >= p.tau[l]) {
      parts.push(part(
        `(b) s=${l}`,
        `Γ_${l}(T) = ${num(g[T])}`,
        false,
        `< τ = ${num(p.tau[l])}`,
        `the loser was learned: Γ_${l}(T) = ${num(g[T])} ≥ τ_${l} = ${num(p.tau[l])}` +
          " (no competition failure in this scenario)",
      ));
    } else if (!(g[0] > 0) || !ga) {
      parts.push(notApplicable(`(b) s=${l}`, `Γ_${l}(0) ≤ 0 or no uni-modal run: no growth ratio`));
    } else {
      parts.push(part(
        `(b) s=${l}`,
        `Γ_${l}(T) = ${num(g[T])}, growth ×${num(growth)} vs ×${num(growthAlone)} alone`,
        growth <= growthAlone / 10,
        `< τ = ${num(p.tau[l])} and growth ≤ ×${num(growthAlone / 10)}`,
        "the loser grew more than a tenth of its growth alone",
      ));
    }
    const gbar = joint.gbar[T * s.K + l];
    parts.push(part(
      `(c) s=${l}`,
      `ḡ_${l}(T) = ${num(gbar)}`,
      gbar <= starvation,
      `≤ μ̂_${w}/2 + ${STARVATION_SLACK} = ${num(starvation)}`,
      "the loser is not starved",
    ));
  }
  const last = finalCheckpoint(joint);
  const wrong = misclassifiedSufficient(joint, train, w);
  parts.push(part(
    "(d) fit",
    `${wrong} r*-sufficient misclassified, train error ${num(last.trainError)}`,
    wrong === 0 && last.trainError <= p.muHat[w] / 4,
    `0 and ≤ μ̂_${w}/4 = ${num(p.muHat[w] / 4)}`,
    "the joint network does not fit its training samples",
  ));
  const insufficient = Array.from({ length: train.n }, (_, i) => i).filter((i) =>
    train.z[w][i] === 0
  );
  if (insufficient.length === 0) {
    parts.push(notApplicable("(d) memorisation", `no r*-insufficient training samples`));
  } else {
    const mean = (xi: Float32Array) =>
      insufficient.reduce((a, i) => a + xi[i], 0) / insufficient.length;
    const x0 = mean(joint.checkpoints[0].xi), xT = mean(last.xi);
    parts.push(part(
      "(d) memorisation",
      `mean Ξ over ${insufficient.length} r*-insufficient samples ${num(x0)} → ${num(xT)}`,
      xT > x0,
      "grows from t = 0 to T",
      "the r*-insufficient samples are not being memorised",
    ));
  }
  return parts;
}

/** T2 modality competition. */
export const T2: Claim = {
  id: "T2",
  title: "modality competition",
  statement: "Trained jointly in the competition regime: (a) r* is learned; (b) no loser is " +
    "learned (Γ_s(T) < τ_s) and its growth Γ_s(T)/Γ_s(0) is at most a tenth of its growth " +
    "alone; (c) starvation ḡ_s(T) ≤ μ̂_{r*}/2 + 0.02; (d) at T every r*-sufficient training " +
    "sample is classified correctly, the train error is at most μ̂_{r*}/4, and the " +
    "r*-insufficient samples are memorised (Ξ_i grows).",
  evaluate: async ({ scenario, runs }) => {
    const joint = await runs.joint();
    const w = runs.prepared.prediction.winner;
    const uni: (Trajectory | null)[] = [];
    for (let r = 0; r < scenario.K; r++) uni.push(r === w ? null : await runs.uni(r));
    return { parts: checkCompetition(joint, uni, runs.prepared.train) };
  },
};
