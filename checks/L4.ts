/**
 * L4 phase-1 growth rate: before the first hitting time of a run, ḡ_r(t) ∈ [0.5 − ε, 0.5 + ε]
 * with ε = 0.02, and while Γ_r ≤ τ_r the argmax neuron grows at the tensor-power rate:
 * ΔΓ_r(t) / (η C_r Γ_r(t)^{q−1}) ∈ [1 − 2ε, 1 + 2ε].
 * @module
 */
import { gammaSeries, hitTime, type Trajectory } from "../src/trajectory.ts";
import { type Claim, notApplicable, type Part, part } from "./claim.ts";
import { allRuns, num } from "./_runs.ts";

/** ε of THEORY.md L4. */
export const PHASE1_EPS = 0.02;

/**
 * The parts of L4 for one run: ḡ band and growth-rate band per trained modality.
 * @param traj the run
 * @param label its label
 * @returns the parts
 */
export function checkPhase1(traj: Trajectory, label: string): Part[] {
  const s = traj.scenario;
  const { K, q, eta } = s;
  const { C, tau } = traj.prediction;
  const first = Math.min(...traj.active.map((r) => hitTime(traj, r)));
  const end = Math.min(first, traj.steps); // steps t < end are before the first hitting time
  if (end === 0) return [notApplicable(`${label}`, "learned at t = 0: there is no phase 1")];
  const parts: Part[] = [];
  for (const r of traj.active) {
    const gamma = gammaSeries(traj, r);
    let gWorst = 0, gAt = 0, rateWorst = 0, rateAt = -1;
    for (let t = 0; t < end; t++) {
      const dev = Math.abs(traj.gbar[t * K + r] - 0.5);
      if (!(dev <= gWorst)) [gWorst, gAt] = [dev, t];
      if (gamma[t] <= 0 || gamma[t] > tau[r]) continue;
      const rate = (gamma[t + 1] - gamma[t]) / (eta * C[r] * gamma[t] ** (q - 1));
      if (!(Math.abs(rate - 1) <= rateWorst)) [rateWorst, rateAt] = [Math.abs(rate - 1), t];
    }
    const window = `t < ${end}${first === Infinity ? " (no hit: all of T)" : ""}`;
    parts.push(part(
      `ḡ ${label} r=${r}`,
      `max |ḡ − 0.5| ${num(gWorst)} at t=${gAt}`,
      gWorst <= PHASE1_EPS,
      `≤ ${PHASE1_EPS} for ${window}`,
      `ḡ_${r}(${gAt}) = ${num(traj.gbar[gAt * K + r])} left the band`,
    ));
    parts.push(
      rateAt < 0
        ? notApplicable(`rate ${label} r=${r}`, `Γ_${r} ≤ 0 or > τ before the first hit`)
        : part(
          `rate ${label} r=${r}`,
          `max |ΔΓ/(ηCΓ^{q−1}) − 1| ${num(rateWorst)} at t=${rateAt}`,
          rateWorst <= 2 * PHASE1_EPS,
          `≤ ${2 * PHASE1_EPS} for ${window}`,
          `growth at t=${rateAt} is off the tensor-power rate by ${num(rateWorst)}`,
        ),
    );
  }
  return parts;
}

/** L4 phase-1 growth rate. */
export const L4: Claim = {
  id: "L4",
  title: "phase-1 growth rate",
  statement: "Before the first hitting time, ḡ_r(t) ∈ [0.5 − ε, 0.5 + ε] with ε = 0.02, and the " +
    "argmax neuron grows at the tensor-power rate: ΔΓ_r(t) / (η C_r Γ_r(t)^{q−1}) ∈ " +
    "[1 − 2ε, 1 + 2ε] (while Γ_r ≤ τ_r).",
  evaluate: async (ctx) => ({
    parts: (await allRuns(ctx)).flatMap(({ traj, label }) => checkPhase1(traj, label)),
  }),
};
