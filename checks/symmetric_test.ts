import assert from "node:assert/strict";
import { loadScenario } from "../src/scenario.ts";
import { evaluateClaim } from "./registry.ts";
import { T2 } from "./T2.ts";
import { T3 } from "./T3.ts";
import { explain, requiredClaimsPass } from "./_scenario_test_util.ts";

await requiredClaimsPass("symmetric");

// Outside the competition regime T2 and T3 must fail — never pass vacuously — and say why.
const s = await loadScenario("symmetric");
for (const seed of s.require.seeds) {
  Deno.test(`symmetric seed ${seed}: T2 and T3 fail with the theory's reason`, async () => {
    const t2 = await evaluateClaim(T2, s, seed);
    assert.equal(t2.verdict, "fail", explain(t2));
    const failing = t2.parts.filter((p) => p.verdict === "fail");
    assert.ok(
      failing.every((p) => /^\((b|c)\) s=\d$/.test(p.name) && p.reason),
      `T2 must fail on the loser's parts with a reason: ${explain(t2)}`,
    );
    const t3 = await evaluateClaim(T3, s, seed);
    assert.equal(t3.verdict, "fail", explain(t3));
    const b = t3.parts.find((p) => p.name.startsWith("(b)"))!;
    assert.equal(b.verdict, "fail", "the loser's encoder is as good jointly as alone");
    assert.match(b.reason!, /learned its feature/);
  });
}
