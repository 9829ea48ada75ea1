/**
 * Experiment E2 (THEORY.md §5), one cell at a time: train the joint run of a grid cell and
 * compare who wins, and whether the loser is learned by T, with what §4 predicts from the
 * initial state (the winner r* of D5 and the starvation margin M_s); the predicted
 * boundary M_s = 1 over the grid; and the agreement rate.
 * @module
 */
import {
  type Cell,
  cellEdges,
  cellKey,
  cellScenario,
  type Grid,
  scenarioFingerprint,
} from "./grid.ts";
import { features, initWeights, sampleDataset } from "./data.ts";
import { gammaOf, predict, type Prediction } from "./predict.ts";
import { streams } from "./rng.ts";
import type { Scenario } from "./scenario.ts";
import type { Backend } from "./tf.ts";
import { prepare, train } from "./train.ts";
import { finalCheckpoint, gammaSeries, hitTime } from "./trajectory.ts";

/** A number as JSON keeps it: Infinity and NaN become null. */
export type JsonNumber = number | null;

/** What one grid cell measured and predicted. One line of a sweep file. */
export interface CellResult {
  /** the cell's canonical name, e.g. `ratio=0.4,mu0=0.1,seed=0` */
  key: string;
  /** the base scenario's name */
  base: string;
  /** the base scenario's fingerprint (training parameters) */
  fingerprint: string;
  /** α_1/α_0 */
  ratio: number;
  /** μ_0 */
  mu0: number;
  /** the seed */
  seed: number;
  /** α_r of the cell's scenario */
  alpha: number[];
  /** μ_r of the cell's scenario */
  mu: number[];
  /** gradient-descent steps T */
  T: number;
  /** what §4 predicts before training */
  predicted: {
    /** r* = argmin T̂_r */
    winner: number;
    /** the contest is clear (second T̂ ≥ 1.05 × first) */
    clear: boolean;
    /** T̂_r (null: never) */
    hitTime: JsonNumber[];
    /** starvation margin M_s of each loser (null for the winner, or infinite) */
    margin: JsonNumber[];
    /** predicted learned by T: the winner if T̂ ≤ T, a loser if M_s ≤ 1 */
    learned: boolean[];
  };
  /** what the joint run measured */
  measured: {
    /** the first modality learned (null: none by T) */
    winner: number | null;
    /** T_r (null: never) */
    hitTime: JsonNumber[];
    /** Γ_r(T) ≥ τ_r */
    learned: boolean[];
    /** Γ_r(0) */
    gamma0: number[];
    /** Γ_r(T) */
    gammaT: number[];
    /** τ_r */
    tau: number[];
    /** ḡ_r(T) */
    gbarT: JsonNumber[];
    /** train error at T */
    trainError: number;
    /** test error at T */
    testError: number;
  };
  /** measured winner and every learned status as predicted */
  agree: boolean;
  /** close to the predicted boundary: a contested winner or a loser with 2/3 < M_s < 3/2 */
  near: boolean;
}

/** Margins within this factor of 1 count as near the boundary M_s = 1. */
export const NEAR_FACTOR = 1.5;

function jsonNumber(x: number): JsonNumber {
  return Number.isFinite(x) ? x : null;
}

/** Predicted learned status of each modality by T (§4). */
function predictedLearned(p: Prediction, T: number): boolean[] {
  return p.hitTime.map((h, r) => r === p.winner ? h <= T : p.margin[r] <= 1);
}

function isNear(p: Prediction): boolean {
  return !p.clear ||
    p.margin.some((M, r) => r !== p.winner && M > 1 / NEAR_FACTOR && M < NEAR_FACTOR);
}

/**
 * Train the joint run of one grid cell and compare it with the prediction.
 *
 * @param base the base scenario (K ≥ 2; its T is the run's T)
 * @param cell the cell
 * @param backend the tfjs backend (default wasm)
 * @returns the cell's result (deterministic: a function of base, cell and backend)
 * @example
 * ```ts
 * import { measureCell } from "./phase.ts";
 * import { loadScenario } from "./scenario.ts";
 * const base = { ...(await loadScenario("default")), T: 100 };
 * console.log((await measureCell(base, { ratio: 0.3, mu0: 0.1, seed: 0 })).measured.winner);
 * ```
 */
export async function measureCell(
  base: Scenario,
  cell: Cell,
  backend: Backend = "wasm",
): Promise<CellResult> {
  const s = cellScenario(base, cell);
  const prep = prepare(s, cell.seed);
  const traj = await train(s, { prepared: prep, backend });
  const p = prep.prediction;
  const K = s.K, T = traj.steps;
  const hits = Array.from({ length: K }, (_, r) => hitTime(traj, r));
  const first = Math.min(...hits);
  const winner = Number.isFinite(first) ? hits.indexOf(first) : null;
  const gammaT = Array.from({ length: K }, (_, r) => gammaSeries(traj, r)[T]);
  const learned = gammaT.map((g, r) => g >= p.tau[r]);
  const plearned = predictedLearned(p, T);
  const last = finalCheckpoint(traj);
  return {
    key: cellKey(cell),
    base: base.name,
    fingerprint: scenarioFingerprint(base),
    ratio: cell.ratio,
    mu0: cell.mu0,
    seed: cell.seed,
    alpha: s.alpha,
    mu: s.mu,
    T,
    predicted: {
      winner: p.winner,
      clear: p.clear,
      hitTime: p.hitTime.map(jsonNumber),
      margin: p.margin.map(jsonNumber),
      learned: plearned,
    },
    measured: {
      winner,
      hitTime: hits.map(jsonNumber),
      learned,
      gamma0: p.gamma0,
      gammaT,
      tau: p.tau,
      gbarT: Array.from({ length: K }, (_, r) => jsonNumber(traj.gbar[T * K + r])),
      trainError: last.trainError,
      testError: last.testError,
    },
    agree: winner === p.winner && learned.every((l, r) => l === plearned[r]),
    near: isNear(p),
  };
}

/**
 * The §4 prediction of a cell without training and without the test set (cheap: only the
 * training sample and the initial weights are drawn, from the same streams as `prepare`).
 *
 * @param base the base scenario
 * @param cell the cell
 * @returns the prediction, equal to `prepare(cellScenario(base, cell), seed).prediction`
 * @example
 * ```ts
 * import { predictCell } from "./phase.ts";
 * import { loadScenario } from "./scenario.ts";
 * const p = predictCell(await loadScenario("default"), { ratio: 0.3, mu0: 0.1, seed: 0 });
 * console.log(p.winner, p.margin[1]);
 * ```
 */
export function predictCell(base: Scenario, cell: Cell): Prediction {
  const s = cellScenario(base, cell);
  const rng = streams(cell.seed);
  const trainSet = sampleDataset(s, s.N, rng.train);
  const W0 = initWeights(s, rng.init);
  return predict(s, trainSet, gammaOf(W0, s, features(s)));
}

/** The agreement of measured cells with the prediction. */
export interface Agreement {
  /** cells compared */
  n: number;
  /** cells whose measured winner and learned status match the prediction */
  agree: number;
  /** cells away from the boundary (clear winner, every M_s outside (2/3, 3/2)) */
  away: number;
  /** of those, how many agree */
  awayAgree: number;
  /** cells near the boundary */
  near: number;
  /** of those, how many agree */
  nearAgree: number;
}

/**
 * Count how many cells agree with the prediction, overall and away from the boundary.
 * @param cells measured cells
 * @returns the counts
 * @example
 * ```ts
 * import { agreement } from "./phase.ts";
 * console.log(agreement([]).n); // 0
 * ```
 */
export function agreement(cells: readonly CellResult[]): Agreement {
  const a: Agreement = { n: 0, agree: 0, away: 0, awayAgree: 0, near: 0, nearAgree: 0 };
  for (const c of cells) {
    a.n++;
    if (c.agree) a.agree++;
    if (c.near) {
      a.near++;
      if (c.agree) a.nearAgree++;
    } else {
      a.away++;
      if (c.agree) a.awayAgree++;
    }
  }
  return a;
}

/** A point of a predicted boundary curve in the (α_1/α_0, μ_0) plane. */
export interface BoundaryPoint {
  /** which curve: `M_s = 1` or `T̂_0 = T̂_1` */
  curve: string;
  /** α_1/α_0 */
  ratio: number;
  /** μ_0 */
  mu0: number;
}

const CLAMP = 1e6;

function logClamped(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.log(Math.min(CLAMP, Math.max(1 / CLAMP, x)));
}

/**
 * The predicted boundaries over a grid's range, for K = 2: where the mean over the grid's
 * seeds of ln M_s crosses 0 (M_s = 1: loser starved on the low-ratio side, learned on the
 * other), and where ln(T̂_1/T̂_0) crosses 0 (the predicted winner changes). The range is
 * the drawn one: the grid's cells out to their edges (see `cellEdges`). For each of `rows`
 * values of μ_0 the crossing in α_1/α_0 is found by bisection in log ratio; rows without a
 * crossing inside the range contribute no point.
 *
 * @param base the base scenario (K = 2)
 * @param grid the grid (its ratio and μ_0 ranges, and its seeds)
 * @param rows how many μ_0 values (default 17)
 * @param steps bisection steps (default 12)
 * @returns points of both curves, each ordered by μ_0
 * @example
 * ```ts
 * import { predictedBoundary } from "./phase.ts";
 * import { loadScenario } from "./scenario.ts";
 * const grid = { ratio: [0.2, 0.8], mu0: [0.02, 0.3], seeds: [0] };
 * console.log(predictedBoundary(await loadScenario("default"), grid, 3, 6).length);
 * ```
 */
export function predictedBoundary(
  base: Scenario,
  grid: Grid,
  rows = 17,
  steps = 12,
): BoundaryPoint[] {
  if (base.K !== 2 || grid.ratio.length === 0 || grid.mu0.length === 0) return [];
  const re = cellEdges(grid.ratio), me = cellEdges(grid.mu0);
  const rMin = Math.max(re[0], Math.min(...grid.ratio) / 2), rMax = re[re.length - 1];
  const mMin = Math.max(0, me[0]), mMax = Math.min(0.999, me[me.length - 1]);
  const mus = mMax > mMin
    ? Array.from({ length: rows }, (_, k) => mMin + (mMax - mMin) * k / (rows - 1))
    : [mMin];
  const margin = (p: Prediction) => logClamped(p.margin[1 - p.winner]);
  const race = (p: Prediction) => logClamped(p.hitTime[1] / p.hitTime[0]);
  const out: BoundaryPoint[] = [];
  for (const [curve, f] of [["M_s = 1", margin], ["T̂_0 = T̂_1", race]] as const) {
    for (const mu0 of mus) {
      const mean = (ratio: number) =>
        grid.seeds.reduce((acc, seed) => acc + f(predictCell(base, { ratio, mu0, seed })), 0) /
        grid.seeds.length;
      let lo = Math.log(rMin), hi = Math.log(rMax);
      let fLo = mean(rMin);
      const fHi = mean(rMax);
      if (!(Math.sign(fLo) * Math.sign(fHi) < 0)) continue;
      for (let k = 0; k < steps; k++) {
        const mid = (lo + hi) / 2;
        const fMid = mean(Math.exp(mid));
        if (Math.sign(fMid) === Math.sign(fLo)) {
          lo = mid;
          fLo = fMid;
        } else hi = mid;
      }
      out.push({ curve, ratio: Math.exp((lo + hi) / 2), mu0 });
    }
  }
  return out;
}
