/**
 * The trajectory of one training run (THEORY.md D4): what is recorded on every step and at
 * checkpoints, and what is derived from it (Γ_r(t), hitting times T_r).
 * @module
 */
import type { Backend } from "./tf.ts";
import type { Prediction } from "./predict.ts";
import type { Scenario } from "./scenario.ts";
import { InputError } from "./errors.ts";

/** Joint training of every encoder, or uni-modal training of modality r (D3). */
export type Mode = { kind: "joint" } | { kind: "uni"; r: number };

/**
 * Parse `joint` or `uni:R`.
 * @param text the mode as written on the command line
 * @param K the number of modalities
 * @returns the mode
 * @throws {InputError} for anything else
 * @example
 * ```ts
 * import { parseMode } from "./trajectory.ts";
 * console.log(parseMode("uni:1", 2)); // { kind: "uni", r: 1 }
 * ```
 */
export function parseMode(text: string, K: number): Mode {
  if (text === "joint") return { kind: "joint" };
  const m = /^uni:(\d+)$/.exec(text);
  if (m && Number(m[1]) < K) return { kind: "uni", r: Number(m[1]) };
  const unis = Array.from({ length: K }, (_, r) => `uni:${r}`).join(", ");
  throw new InputError(`--mode ${text}: unknown mode; use joint or one of ${unis}`);
}

/**
 * The name of a mode, as `parseMode` reads it.
 * @param mode the mode
 * @returns `joint` or `uni:R`
 * @example
 * ```ts
 * import { modeName } from "./trajectory.ts";
 * console.log(modeName({ kind: "uni", r: 0 })); // uni:0
 * ```
 */
export function modeName(mode: Mode): string {
  return mode.kind === "joint" ? "joint" : `uni:${mode.r}`;
}

/** Metrics recorded every `checkpointEvery` steps and at T. NaN: not defined for this run. */
export interface Checkpoint {
  /** the step */
  t: number;
  /** train error of f */
  trainError: number;
  /** test error of f on N_test fresh samples */
  testError: number;
  /** per modality: test error of sign(φ_r) alone (NaN for an encoder not in f) */
  encoderTestError: number[];
  /** per modality r: test error of f on the r-insufficient test samples (NaN if none) */
  insufficientTestError: number[];
  /** Ξ_i = max_{r,j,p≠p_{r,i}} y_i ⟨w_{r,j}, X^r_{i,p}⟩ for every training sample */
  xi: Float32Array;
}

/** Everything one run recorded. Per-step arrays have T+1 rows: t = 0 … T. */
export interface Trajectory {
  /** the scenario it ran */
  scenario: Scenario;
  /** the seed */
  seed: number;
  /** joint or uni-modal */
  mode: Mode;
  /** the modalities in f */
  active: number[];
  /** the tfjs backend */
  backend: Backend;
  /** steps taken, T */
  steps: number;
  /** the predictions from the initial state */
  prediction: Prediction;
  /** a_{r,j}(t), (T+1, K, m) */
  alignment: Float32Array;
  /** L(W(t)) */
  loss: Float64Array;
  /** train error of f at t */
  trainError: Float64Array;
  /** ḡ_r(t), (T+1, K) */
  gbar: Float64Array;
  /** checkpoints, the last at T */
  checkpoints: Checkpoint[];
  /** y_i f(X_i) at T */
  finalMargin: Float32Array;
  /** φ_r on the test samples at T per modality (null for an encoder not in f) */
  testPhi: (Float32Array | null)[];
  /** the weights at T, (K, m, d) */
  weights: Float32Array;
  /** milliseconds the training loop took */
  wallMs: number;
}

/**
 * Γ_r(t) = max_j a_{r,j}(t) for every step.
 * @param traj the trajectory
 * @param r the modality
 * @returns Γ_r(0 … T)
 * @example
 * ```ts
 * import { gammaSeries, loadScenario, train } from "../mod.ts";
 * const s = await loadScenario("default");
 * const traj = await train({ ...s, T: 5 }, { seed: 0 });
 * console.log(gammaSeries(traj, 0).length); // 6
 * ```
 */
export function gammaSeries(traj: Trajectory, r: number): Float64Array {
  const { K, m } = traj.scenario;
  const out = new Float64Array(traj.steps + 1);
  for (let t = 0; t <= traj.steps; t++) {
    let best = -Infinity;
    const base = (t * K + r) * m;
    for (let j = 0; j < m; j++) best = Math.max(best, traj.alignment[base + j]);
    out[t] = best;
  }
  return out;
}

/**
 * ḡ_r(t) for every step.
 * @param traj the trajectory
 * @param r the modality
 * @returns ḡ_r(0 … T)
 * @example
 * ```ts
 * import { gbarSeries, loadScenario, train } from "../mod.ts";
 * const s = await loadScenario("default");
 * const traj = await train({ ...s, T: 5 }, { seed: 0 });
 * console.log(gbarSeries(traj, 1)[0]); // ≈ 0.5
 * ```
 */
export function gbarSeries(traj: Trajectory, r: number): Float64Array {
  const K = traj.scenario.K;
  return Float64Array.from({ length: traj.steps + 1 }, (_, t) => traj.gbar[t * K + r]);
}

/**
 * Measured hitting time T_r = min{t : Γ_r(t) ≥ τ_r} (Infinity if never).
 * @param traj the trajectory
 * @param r the modality
 * @returns T_r
 * @example
 * ```ts
 * import { hitTime, loadScenario, train } from "../mod.ts";
 * const s = await loadScenario("default");
 * console.log(hitTime(await train({ ...s, T: 100 }, { seed: 0 }), 0)); // ≈ 20
 * ```
 */
export function hitTime(traj: Trajectory, r: number): number {
  const tau = traj.prediction.tau[r];
  const g = gammaSeries(traj, r);
  for (let t = 0; t < g.length; t++) if (g[t] >= tau) return t;
  return Infinity;
}

/**
 * The last checkpoint (at T).
 * @param traj the trajectory
 * @returns its final metrics
 * @example
 * ```ts
 * import { finalCheckpoint, loadScenario, train } from "../mod.ts";
 * const s = await loadScenario("default");
 * console.log(finalCheckpoint(await train({ ...s, T: 10 }, { seed: 0 })).testError);
 * ```
 */
export function finalCheckpoint(traj: Trajectory): Checkpoint {
  return traj.checkpoints[traj.checkpoints.length - 1];
}
