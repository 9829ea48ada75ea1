import assert from "node:assert/strict";
import { runSet } from "./runs.ts";
import { loadScenario } from "./scenario.ts";
import { finalCheckpoint, gammaSeries, hitTime } from "./trajectory.ts";

// The "must show" on the default scenario, seed 0, with the full T = 3000 runs.
const s = await loadScenario("default");
const runs = runSet(s, 0);

Deno.test("default seed 0: the joint winner is modality 0, learned when D5 predicts (±2 steps)", async () => {
  const joint = await runs.joint();
  const p = joint.prediction;
  assert.equal(p.winner, 0);
  assert.ok(p.clear, "the contest is clear");
  const t0 = hitTime(joint, 0);
  assert.ok(Number.isFinite(t0), "modality 0 is learned");
  assert.ok(Math.abs(t0 - p.hitTime[0]) <= 2, `measured ${t0}, predicted ${p.hitTime[0]}`);
  // Modality 0 is the first learned; modality 1 is not learned by T in the joint run.
  const t1 = hitTime(joint, 1);
  assert.ok(t1 > t0, `modality 1 learned at ${t1}, before or with modality 0 at ${t0}`);
  assert.equal(t1, Infinity);
  assert.ok(gammaSeries(joint, 1)[s.T] < p.tau[1]);
});

Deno.test("default seed 0: modality 1 alone is learned within 3 % of its predicted time", async () => {
  const uni = await runs.uni(1);
  const predicted = uni.prediction.hitTime[1];
  assert.ok(Number.isFinite(predicted) && predicted <= s.T, `T̂_1 = ${predicted}`);
  const measured = hitTime(uni, 1);
  assert.ok(
    Math.abs(measured - predicted) <= 0.03 * predicted,
    `measured ${measured}, predicted ${predicted}`,
  );
});

Deno.test("default seed 0: train error at T is at most μ̂/4, jointly (μ̂_0) and for uni:1 (μ̂_1)", async () => {
  const joint = await runs.joint();
  const uni = await runs.uni(1);
  const muHat = joint.prediction.muHat;
  for (
    const [name, traj, bound] of [["joint", joint, muHat[0] / 4], [
      "uni:1",
      uni,
      muHat[1] / 4,
    ]] as const
  ) {
    const err = traj.trainError[s.T];
    assert.equal(finalCheckpoint(traj).trainError, err);
    assert.ok(err <= bound, `${name}: train error ${err} > μ̂/4 = ${bound}`);
  }
});

Deno.test("runSet trains each run once and shares it", async () => {
  const again = runSet({ ...s }, 0); // same content, another object: the same set
  assert.equal(again, runs);
  assert.equal(await again.joint(), await runs.joint());
  assert.equal(await again.uni(1), await runs.uni(1));
  assert.equal(runs.trained, 2);
  assert.notEqual(runSet(s, 1), runs);
  assert.notEqual(runSet({ ...s, T: 10 }, 0), runs);
  // Both runs start from the sample and weights the set prepared.
  assert.equal((await runs.joint()).prediction, runs.prepared.prediction);
  assert.equal((await runs.uni(1)).prediction, runs.prepared.prediction);
});
