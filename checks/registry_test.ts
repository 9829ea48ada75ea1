import assert from "node:assert/strict";
import { InputError } from "../src/errors.ts";
import { loadScenario } from "../src/scenario.ts";
import { type Claim, notApplicable, part, verdictOf } from "./claim.ts";
import { CLAIMS, claimsById, evaluateClaim, requiredClaims } from "./registry.ts";

const na = notApplicable("x", "hypothesis fails");
const ok = part("y", 1, true, "≤ 2");
const bad = part("z", 3, false, "≤ 2", "too big");

Deno.test("a claim passes when one part applies and every applicable part passes", () => {
  assert.equal(verdictOf([na, ok]), "pass");
  assert.equal(verdictOf([ok, bad]), "fail");
  assert.equal(verdictOf([na, bad]), "fail");
  assert.equal(verdictOf([na]), "not applicable");
  assert.equal(verdictOf([]), "not applicable");
});

Deno.test("a required claim that does not apply is a failure; an optional one is not", async () => {
  const never: Claim = {
    id: "X9",
    title: "never applies",
    statement: "",
    evaluate: () => Promise.resolve({ parts: [na] }),
  };
  const s = await loadScenario("default");
  const required = await evaluateClaim(never, { ...s, require: { claims: ["X9"], seeds: [0] } }, 0);
  assert.equal(required.verdict, "fail");
  assert.match(required.note!, /required by scenario default but no part applies/);
  const optional = await evaluateClaim(never, s, 0);
  assert.equal(optional.verdict, "not applicable");
});

Deno.test("the registry lists L1–L8 and T1–T3 in order with statements", () => {
  assert.deepEqual(CLAIMS.map((c) => c.id), [
    "L1",
    "L2",
    "L3",
    "L4",
    "L5",
    "L6",
    "L7",
    "L8",
    "T1",
    "T2",
    "T3",
  ]);
  for (const c of CLAIMS) assert.ok(c.title && c.statement.length > 40, c.id);
});

Deno.test("claim ids are looked up case-insensitively; an unknown id names the valid ones", () => {
  assert.equal(claimsById(["t2"])[0].id, "T2");
  assert.throws(
    () => claimsById(["T9"]),
    (e: unknown) =>
      e instanceof InputError && /claim T9: unknown claim id; use one of L1, L2/.test(e.message),
  );
});

Deno.test("a scenario requiring an unknown claim is refused, naming the scenario", async () => {
  const s = await loadScenario("default");
  const bad = { ...s, name: "mine", require: { claims: ["L1", "L42"], seeds: [0] } };
  assert.throws(() => requiredClaims(bad), (e: unknown) =>
    e instanceof InputError &&
    e.message.startsWith("scenario mine: require.claims: claim L42: unknown claim id"));
});

Deno.test("claims refuse a seed that is not a non-negative integer", async () => {
  const s = await loadScenario("default");
  for (const seed of [-1, 1.5, NaN]) {
    await assert.rejects(() => evaluateClaim(CLAIMS[0], s, seed), InputError);
  }
});
