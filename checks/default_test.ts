import assert from "node:assert/strict";
import { loadScenario } from "../src/scenario.ts";
import { goldenDiff, type GoldenSeed, goldenSeed } from "./golden.ts";
import { requiredClaimsPass } from "./_scenario_test_util.ts";

await requiredClaimsPass("default");

// The same runs (shared in this file through the run cache) against the recorded summaries.
const golden = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/golden/default.json", import.meta.url)),
) as { seeds: GoldenSeed[] };
const s = await loadScenario("default");
for (const want of golden.seeds) {
  Deno.test(`default seed ${want.seed}: summary matches fixtures/golden`, async () => {
    assert.deepEqual(goldenDiff(want, await goldenSeed(s, want.seed)), []);
  });
}

Deno.test("golden comparison sees a changed hitting time and a changed Γ(T)", () => {
  const want = golden.seeds[0];
  const joint = want.runs.joint;
  const moved: GoldenSeed = {
    ...want,
    runs: {
      ...want.runs,
      joint: { ...joint, hitTime: [joint.hitTime[0]! + 1, ...joint.hitTime.slice(1)] },
    },
  };
  assert.equal(goldenDiff(want, moved).length, 1);
  const scaled: GoldenSeed = {
    ...want,
    runs: { ...want.runs, joint: { ...joint, gammaT: joint.gammaT.map((g) => g * 1.001) } },
  };
  assert.equal(goldenDiff(want, scaled).length, joint.gammaT.length);
});
