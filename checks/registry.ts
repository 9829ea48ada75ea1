/**
 * The claims in order, lookup by id, and the runner that evaluates claims on scenarios and
 * seeds. A claim that a scenario requires but that reports not applicable is a failure, so
 * that no check passes by never applying (THEORY.md §4).
 * @module
 */
import { InputError } from "../src/errors.ts";
import { runSet } from "../src/runs.ts";
import type { Scenario } from "../src/scenario.ts";
import type { Backend } from "../src/tf.ts";
import { type Claim, type ClaimResult, verdictOf } from "./claim.ts";
import { L1 } from "./L1.ts";
import { L2 } from "./L2.ts";
import { L3 } from "./L3.ts";
import { L4 } from "./L4.ts";
import { L5 } from "./L5.ts";
import { L6 } from "./L6.ts";
import { L7 } from "./L7.ts";
import { L8 } from "./L8.ts";
import { T1 } from "./T1.ts";
import { T2 } from "./T2.ts";
import { T3 } from "./T3.ts";

/** Every claim of THEORY.md §2–§3, in order. */
export const CLAIMS: readonly Claim[] = [L1, L2, L3, L4, L5, L6, L7, L8, T1, T2, T3];

/**
 * Look up claims by id.
 * @param ids claim ids such as `T2`
 * @returns the claims, in the order given
 * @throws {InputError} naming the unknown id and the valid ones
 * @example
 * ```ts
 * import { claimsById } from "./registry.ts";
 * console.log(claimsById(["T2"])[0].title);
 * ```
 */
export function claimsById(ids: readonly string[]): Claim[] {
  return ids.map((id) => {
    const c = CLAIMS.find((x) => x.id === id.toUpperCase());
    if (!c) {
      throw new InputError(
        `claim ${id}: unknown claim id; use one of ${CLAIMS.map((x) => x.id).join(", ")}`,
      );
    }
    return c;
  });
}

/**
 * The claims a scenario requires.
 * @param s the scenario
 * @returns its required claims, in its order
 * @throws {InputError} naming the scenario when it lists an unknown id
 * @example
 * ```ts
 * import { requiredClaims } from "./registry.ts";
 * import { loadScenario } from "../src/scenario.ts";
 * console.log(requiredClaims(await loadScenario("k3")).map((c) => c.id)); // L6 … T3
 * ```
 */
export function requiredClaims(s: Scenario): Claim[] {
  try {
    return claimsById(s.require.claims);
  } catch (e) {
    throw new InputError(`scenario ${s.name}: require.claims: ${(e as Error).message}`);
  }
}

/**
 * Evaluate one claim on one scenario and seed (runs are shared through the run cache).
 * @param claim the claim
 * @param scenario the scenario
 * @param seed the seed
 * @param backend the tfjs backend (default wasm)
 * @returns the result; a required claim that does not apply is a failure
 * @example
 * ```ts
 * import { evaluateClaim } from "./registry.ts";
 * import { L5 } from "./L5.ts";
 * import { loadScenario } from "../src/scenario.ts";
 * console.log((await evaluateClaim(L5, await loadScenario("default"), 0)).verdict);
 * ```
 */
export async function evaluateClaim(
  claim: Claim,
  scenario: Scenario,
  seed: number,
  backend: Backend = "wasm",
): Promise<ClaimResult> {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InputError(`seed ${seed}: must be a non-negative integer`);
  }
  const runs = runSet(scenario, seed, backend);
  const { parts, note } = await claim.evaluate({ scenario, seed, runs });
  let verdict = verdictOf(parts);
  let why = note;
  if (verdict === "not applicable" && scenario.require.claims.includes(claim.id)) {
    verdict = "fail";
    why = `required by scenario ${scenario.name} but no part applies` + (note ? `; ${note}` : "");
  }
  return {
    id: claim.id,
    scenario: scenario.name,
    seed,
    verdict,
    parts,
    ...(why ? { note: why } : {}),
  };
}

/** Options of {@link runClaims}. */
export interface RunClaimsOptions {
  /** claim ids (default: every claim each scenario requires) */
  ids?: readonly string[];
  /** seeds (default: each scenario's required seeds) */
  seeds?: readonly number[];
  /** tfjs backend (default wasm) */
  backend?: Backend;
  /** called after each result, e.g. for progress */
  onResult?: (r: ClaimResult) => void;
}

/**
 * Evaluate claims on scenarios and seeds, in order: scenario, seed, claim.
 * @param scenarios the scenarios
 * @param options ids, seeds, backend, a callback
 * @returns one result per (scenario, seed, claim)
 * @example
 * ```ts
 * import { runClaims } from "./registry.ts";
 * import { loadScenario } from "../src/scenario.ts";
 * const res = await runClaims([await loadScenario("default")], { ids: ["L1"], seeds: [0] });
 * console.log(res[0].verdict); // pass
 * ```
 */
export async function runClaims(
  scenarios: readonly Scenario[],
  options: RunClaimsOptions = {},
): Promise<ClaimResult[]> {
  const out: ClaimResult[] = [];
  for (const s of scenarios) {
    const claims = options.ids ? claimsById(options.ids) : requiredClaims(s);
    for (const seed of options.seeds ?? s.require.seeds) {
      for (const c of claims) {
        const r = await evaluateClaim(c, s, seed, options.backend);
        options.onResult?.(r);
        out.push(r);
      }
    }
  }
  return out;
}
