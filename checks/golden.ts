/**
 * Golden summaries: per seed of a scenario, the hitting times, final Γ and errors of the
 * joint and uni-modal runs, recorded once (wasm backend) and compared on every test run
 * with stated tolerances, so that a change in the engine's numbers is seen.
 *
 * Regenerate (after an intended change) with
 * `deno run -A checks/golden.ts default` → fixtures/golden/default.json.
 * @module
 */
import { runSet } from "../src/runs.ts";
import { loadScenario, type Scenario } from "../src/scenario.ts";
import { finalCheckpoint, gammaSeries, hitTime, type Trajectory } from "../src/trajectory.ts";

/** Tolerances of the comparison. */
export const GOLDEN_TOLERANCE = {
  /** hitting times are integers and the engine is deterministic: exact */
  hitTime: 0,
  /** Γ(T): relative, a few float32 roundings amplified over T steps */
  gammaRelative: 1e-4,
  /** test errors: absolute, one test sample in N_test = 2000 is 0.0005 */
  error: 0.0005,
};

/** The summary of one run. */
export interface GoldenRun {
  /** T_r per modality (null: never) */
  hitTime: (number | null)[];
  /** Γ_r(T) per modality */
  gammaT: number[];
  /** test error of f */
  testError: number;
  /** own test error per encoder in f (null: not in f) */
  encoderTestError: (number | null)[];
}

/** The golden summary of one seed: joint, then uni:0 … uni:K−1. */
export interface GoldenSeed {
  /** the seed */
  seed: number;
  /** run label → summary */
  runs: Record<string, GoldenRun>;
}

function summarise(traj: Trajectory): GoldenRun {
  const K = traj.scenario.K;
  const last = finalCheckpoint(traj);
  const orNull = (x: number) => Number.isFinite(x) ? x : null;
  return {
    hitTime: Array.from({ length: K }, (_, r) => orNull(hitTime(traj, r))),
    gammaT: Array.from({ length: K }, (_, r) => gammaSeries(traj, r)[traj.steps]),
    testError: last.testError,
    encoderTestError: last.encoderTestError.map(orNull),
  };
}

/**
 * The golden summary of a scenario's seed (trains through the shared run cache).
 * @param s the scenario
 * @param seed the seed
 * @returns the summary
 */
export async function goldenSeed(s: Scenario, seed: number): Promise<GoldenSeed> {
  const runs = runSet(s, seed);
  const out: Record<string, GoldenRun> = { joint: summarise(await runs.joint()) };
  for (let r = 0; r < s.K; r++) out[`uni:${r}`] = summarise(await runs.uni(r));
  return { seed, runs: out };
}

/**
 * Differences between a recorded and a fresh summary beyond the tolerances.
 * @param want the recorded summary
 * @param got the fresh one
 * @returns one line per difference (empty: equal within tolerance)
 */
export function goldenDiff(want: GoldenSeed, got: GoldenSeed): string[] {
  const diffs: string[] = [];
  for (const [label, w] of Object.entries(want.runs)) {
    const g = got.runs[label];
    if (!g) {
      diffs.push(`${label}: missing`);
      continue;
    }
    w.hitTime.forEach((x, r) => {
      const y = g.hitTime[r];
      if (x === null || y === null ? x !== y : Math.abs(x - y) > GOLDEN_TOLERANCE.hitTime) {
        diffs.push(`${label} hitTime[${r}]: ${y} vs recorded ${x}`);
      }
    });
    w.gammaT.forEach((x, r) => {
      if (!(Math.abs(g.gammaT[r] - x) <= GOLDEN_TOLERANCE.gammaRelative * Math.abs(x))) {
        diffs.push(`${label} gammaT[${r}]: ${g.gammaT[r]} vs recorded ${x}`);
      }
    });
    const errs: [string, number | null, number | null][] = [
      ["testError", w.testError, g.testError],
      ...w.encoderTestError.map((x, r) =>
        [`encoderTestError[${r}]`, x, g.encoderTestError[r]] as [
          string,
          number | null,
          number | null,
        ]
      ),
    ];
    for (const [name, x, y] of errs) {
      if (x === null || y === null ? x !== y : Math.abs(x - y) > GOLDEN_TOLERANCE.error) {
        diffs.push(`${label} ${name}: ${y} vs recorded ${x}`);
      }
    }
  }
  return diffs;
}

if (import.meta.main) {
  const name = Deno.args[0] ?? "default";
  const s = await loadScenario(name);
  const seeds = [];
  for (const seed of s.require.seeds) seeds.push(await goldenSeed(s, seed));
  const path = new URL(`../fixtures/golden/${name}.json`, import.meta.url);
  const body = { scenario: name, backend: "wasm", tolerance: GOLDEN_TOLERANCE, seeds };
  await Deno.writeTextFile(path, JSON.stringify(body, null, 2) + "\n");
  console.log(`wrote ${path.pathname}`);
}
