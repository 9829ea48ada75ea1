/**
 * Test helper: every claim a shipped scenario requires passes on its required seeds, each
 * seed a test and each claim a step, with the failing parts in the message.
 * @module
 */
import assert from "node:assert/strict";
import { loadScenario } from "../src/scenario.ts";
import { evaluateClaim, requiredClaims } from "./registry.ts";
import type { ClaimResult } from "./claim.ts";

/**
 * A one-line account of the parts that did not pass.
 * @param r a claim result
 * @returns the text
 */
export function explain(r: ClaimResult): string {
  const bad = r.parts.filter((p) => p.verdict !== "pass");
  return `${r.id} ${r.scenario} seed ${r.seed}: ${r.verdict}; ` +
    bad.map((p) => `${p.name}: ${p.measured} vs ${p.bound} (${p.reason ?? ""})`).join("; ") +
    (r.note ? ` note: ${r.note}` : "");
}

/**
 * Register one test per required seed of a shipped scenario.
 * @param name the scenario's name
 */
export async function requiredClaimsPass(name: string): Promise<void> {
  const s = await loadScenario(name);
  for (const seed of s.require.seeds) {
    Deno.test(`${name} seed ${seed}: every required claim passes`, async (t) => {
      for (const claim of requiredClaims(s)) {
        await t.step(claim.id, async () => {
          const r = await evaluateClaim(claim, s, seed);
          assert.equal(r.verdict, "pass", explain(r));
        });
      }
    });
  }
}
