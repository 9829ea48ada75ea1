/**
 * T3 performance gap, same scenario and seed: (a) the joint test error is within
 * μ_{r*}/2 ± tol; (b) each loser's encoder, trained jointly, has an own test error at least
 * 0.15 above the same modality trained alone; (c) every loser s in the uni-modal regime with
 * μ_s < μ_{r*} beats the joint network alone, by more than 3 standard errors of the
 * difference; (d) when every modality is in the uni-modal regime, the uni-modal ensemble
 * (the sum of the separately trained encoders) has test error within Π_r μ_r / 2 + tol.
 * @module
 */
import type { Dataset } from "../src/data.ts";
import { finalCheckpoint, type Trajectory } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { num, testTolerance } from "./_runs.ts";

/** Required gap of part (b). */
export const ENCODER_GAP = 0.15;

/**
 * Test error of the sum of encoder scores.
 * @param phis φ_r on the test samples, one array per encoder
 * @param test the test samples
 * @returns the error rate
 */
export function ensembleError(phis: Float32Array[], test: Dataset): number {
  let wrong = 0;
  for (let i = 0; i < test.n; i++) {
    let f = 0;
    for (const phi of phis) f += phi[i];
    if (!(test.y[i] * f > 0)) wrong++;
  }
  return wrong / test.n;
}

/**
 * The parts of T3.
 * @param joint the joint run
 * @param uni the uni-modal run of every modality
 * @param test the test samples
 * @returns the parts
 */
export function checkPerformanceGap(joint: Trajectory, uni: Trajectory[], test: Dataset): Part[] {
  const s = joint.scenario;
  const p = joint.prediction;
  const w = p.winner;
  if (s.K < 2) return [notApplicable("all", "a single modality has no gap to joint training")];
  const n = test.n;
  const jointLast = finalCheckpoint(joint);
  const uniErr = uni.map((u) => finalCheckpoint(u).testError);
  const target = s.mu[w] / 2;
  const tolA = testTolerance(target, n);
  const parts: Part[] = [part(
    "(a) joint",
    `test error ${num(jointLast.testError)}`,
    Math.abs(jointLast.testError - target) <= tolA,
    `μ_${w}/2 ± tol = ${num(target)} ± ${num(tolA)}`,
    "the joint test error is not the winner's",
  )];
  for (let l = 0; l < s.K; l++) {
    if (l === w) continue;
    const own = jointLast.encoderTestError[l];
    parts.push(part(
      `(b) s=${l}`,
      `own test error jointly ${num(own)} vs alone ${num(uniErr[l])}`,
      own - uniErr[l] >= ENCODER_GAP,
      `gap ≥ ${ENCODER_GAP}`,
      `the loser's encoder is not far worse jointly (gap ${num(own - uniErr[l])}): ` +
        "it learned its feature",
    ));
  }
  for (let l = 0; l < s.K; l++) {
    if (l === w) continue;
    if (!p.uniRegime[l]) {
      parts.push(notApplicable(`(c) s=${l}`, `T̂_${l} = ${num(p.hitTime[l])} > T/2`));
      continue;
    }
    if (!(s.mu[l] < s.mu[w])) {
      parts.push(notApplicable(`(c) s=${l}`, `μ_${l} = ${s.mu[l]} ≥ μ_${w} = ${s.mu[w]}`));
      continue;
    }
    const a = uniErr[l], b = jointLast.testError;
    const se = Math.sqrt(a * (1 - a) / n + b * (1 - b) / n);
    parts.push(part(
      `(c) s=${l}`,
      `alone ${num(a)} vs joint ${num(b)}: difference ${num(b - a)}`,
      b - a > 3 * se,
      `> 3 SE = ${num(3 * se)}`,
      "the best uni-modal network does not beat joint training",
    ));
  }
  if (!p.uniRegime.every((x) => x)) {
    const out = p.uniRegime.flatMap((x, r) => x ? [] : [r]).join(", ");
    parts.push(notApplicable("(d) ensemble", `modality ${out} outside the uni-modal regime`));
  } else {
    const ideal = s.mu.reduce((a, b) => a * b, 1) / 2;
    const tol = testTolerance(ideal, n);
    const phis = uni.map((u, r) => u.testPhi[r]!);
    const err = ensembleError(phis, test);
    parts.push(part(
      "(d) ensemble",
      `test error ${num(err)}`,
      err <= ideal + tol,
      `≤ Πμ/2 + tol = ${num(ideal)} + ${num(tol)}`,
      "the uni-modal ensemble misses the ideal error",
    ));
  }
  return parts;
}

/** T3 performance gap. */
export const T3: Claim = {
  id: "T3",
  title: "performance gap",
  statement: "(a) The joint test error is within μ_{r*}/2 ± tol; (b) each loser's encoder, as " +
    "trained jointly, has own test error ≥ 0.15 above the same modality trained alone; (c) every " +
    "loser s in the uni-modal regime with μ_s < μ_{r*} trained alone beats the joint network by " +
    "more than 3 standard errors; (d) when every modality is in the uni-modal regime, the " +
    "uni-modal ensemble has test error within Π_r μ_r / 2 + tol.",
  evaluate: async ({ scenario, runs }) => {
    const joint = await runs.joint();
    const uni: Trajectory[] = [];
    for (let r = 0; r < scenario.K; r++) uni.push(await runs.uni(r));
    return { parts: checkPerformanceGap(joint, uni, runs.prepared.test) };
  },
};
