/**
 * What a claim is: an id, a title, the statement of THEORY.md in words, and an evaluation
 * on a scenario and seed that returns its parts — each with whether it applies (and why
 * not), the measured value, the bound and a verdict. A claim passes when at least one part
 * applies and every applicable part passes; it is not applicable when no part applies
 * (THEORY.md §4).
 * @module
 */
import type { RunSet } from "../src/runs.ts";
import type { Scenario } from "../src/scenario.ts";

/** The verdict of a claim or a part. */
export type Verdict = "pass" | "fail" | "not applicable";

/** One checked part of a claim, e.g. "(b) modality 1" or "neuron 3 of modality 0". */
export interface Part {
  /** which part, e.g. `(a)`, `(b) s=1`, `r=0` */
  name: string;
  /** the verdict of this part */
  verdict: Verdict;
  /** the measured value (numbers as measured, or a short text) */
  measured: number | string;
  /** the bound it is compared with, in words, e.g. `≤ 0.025` */
  bound: string;
  /** why it does not apply, or what failed, in one line */
  reason?: string;
}

/** The result of evaluating one claim on one scenario and seed. */
export interface ClaimResult {
  /** the claim id */
  id: string;
  /** the scenario name */
  scenario: string;
  /** the seed */
  seed: number;
  /** pass, fail or not applicable */
  verdict: Verdict;
  /** every part, applicable or not */
  parts: Part[];
  /** the fast-check seed and path of a counterexample, or another note */
  note?: string;
}

/** Where a claim is evaluated: the scenario, the seed, and the shared runs of both. */
export interface ClaimContext {
  /** the scenario */
  scenario: Scenario;
  /** the seed */
  seed: number;
  /** the joint and uni-modal runs of this scenario and seed, trained at most once */
  runs: Runs;
}

/** The runs a claim reads: a {@link RunSet}, or in tests a stand-in with altered runs. */
export type Runs = Pick<RunSet, "prepared" | "joint" | "uni">;

/** A lemma or theorem of THEORY.md as an executable check. */
export interface Claim {
  /** stable id: L1 … L8, T1 … T3 */
  id: string;
  /** short title, e.g. "alignment identity" */
  title: string;
  /** the statement, in words, as in THEORY.md */
  statement: string;
  /**
   * Evaluate the claim.
   * @param ctx the scenario, seed and runs
   * @returns the parts (the verdict is derived from them)
   */
  evaluate(ctx: ClaimContext): Promise<{ parts: Part[]; note?: string }>;
}

/**
 * The verdict of a claim from its parts: pass when at least one part applies and all
 * applicable parts pass, not applicable when none applies, fail otherwise.
 * @param parts the parts
 * @returns the verdict
 * @example
 * ```ts
 * import { verdictOf } from "./claim.ts";
 * console.log(verdictOf([{ name: "a", verdict: "not applicable", measured: "-", bound: "-" }]));
 * ```
 */
export function verdictOf(parts: Part[]): Verdict {
  const applicable = parts.filter((p) => p.verdict !== "not applicable");
  if (applicable.length === 0) return "not applicable";
  return applicable.every((p) => p.verdict === "pass") ? "pass" : "fail";
}

/**
 * A part comparing a measured number with a bound.
 * @param name the part's name
 * @param measured the measured value
 * @param ok whether it satisfies the bound
 * @param bound the bound in words
 * @param reason an explanation when it fails
 * @returns the part
 * @example
 * ```ts
 * import { part } from "./claim.ts";
 * console.log(part("(a)", 0.01, 0.01 <= 0.025, "≤ 0.025").verdict); // pass
 * ```
 */
export function part(
  name: string,
  measured: number | string,
  ok: boolean,
  bound: string,
  reason?: string,
): Part {
  return { name, verdict: ok ? "pass" : "fail", measured, bound, ...(ok ? {} : { reason }) };
}

/**
 * A part whose hypotheses do not hold here.
 * @param name the part's name
 * @param reason why it does not apply
 * @returns the part
 * @example
 * ```ts
 * import { notApplicable } from "./claim.ts";
 * console.log(notApplicable("r=1", "T̂_1 = 1512 > T/2").verdict); // not applicable
 * ```
 */
export function notApplicable(name: string, reason: string): Part {
  return { name, verdict: "not applicable", measured: "-", bound: "-", reason };
}
