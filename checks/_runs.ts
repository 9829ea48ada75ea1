/**
 * Helpers the trajectory claims share: the runs of a context, tolerances for test errors,
 * number formatting for parts.
 * @module
 */
import type { Trajectory } from "../src/trajectory.ts";
import { modeName } from "../src/trajectory.ts";
import type { ClaimContext } from "./claim.ts";

/** A run with its label (`joint`, `uni:0`, …). */
export interface LabelledRun {
  /** `joint` or `uni:R` */
  label: string;
  /** the trajectory */
  traj: Trajectory;
}

/**
 * The joint run and every uni-modal run of the context.
 * @param ctx the claim context
 * @returns the runs, joint first
 */
export async function allRuns(ctx: ClaimContext): Promise<LabelledRun[]> {
  const trajs = [await ctx.runs.joint()];
  for (let r = 0; r < ctx.scenario.K; r++) trajs.push(await ctx.runs.uni(r));
  return trajs.map((traj) => ({ label: modeName(traj.mode), traj }));
}

/**
 * Tolerance of a test error around p on n test samples: 3 binomial standard errors + 0.01
 * (THEORY.md T1, T3).
 * @param p the expected error
 * @param n test samples
 * @returns the tolerance
 */
export function testTolerance(p: number, n: number): number {
  return 3 * Math.sqrt(p * (1 - p) / n) + 0.01;
}

/**
 * A number for a part: 4 significant digits, `never` for Infinity.
 * @param x the number
 * @returns the text
 */
export function num(x: number): string {
  if (x === Infinity) return "never";
  if (Number.isNaN(x)) return "-";
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/** Float32 unit roundoff, 2^-24; one ulp of x is at most 2·2^-24·|x|. */
export const U32 = 2 ** -24;
