import assert from "node:assert/strict";
import { InputError } from "./errors.ts";
import { runFiles } from "./export.ts";
import { validateScenario } from "./scenario.ts";
import type { Backend } from "./tf.ts";
import { prepare, type StepInfo, train } from "./train.ts";
import type { Trajectory } from "./trajectory.ts";

const s = validateScenario({
  name: "small",
  K: 2,
  d: 20,
  P: 3,
  N: 40,
  nTest: 50,
  m: 4,
  q: 3,
  rho: 0.1,
  sigma0: 0.05,
  alpha: [1, 0.3],
  mu: [0.1, 0.02],
  eta: 0.5,
  T: 60,
  checkpointEvery: 20,
}, "test");

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Assert two runs recorded the same bytes everywhere (wall time aside). */
function assertSameRun(a: Trajectory, b: Trajectory) {
  assert.deepEqual(bytes(a.alignment), bytes(b.alignment), "alignment");
  assert.deepEqual(bytes(a.loss), bytes(b.loss), "loss");
  assert.deepEqual(bytes(a.gbar), bytes(b.gbar), "gbar");
  assert.deepEqual(bytes(a.trainError), bytes(b.trainError), "trainError");
  assert.deepEqual(bytes(a.weights), bytes(b.weights), "weights");
  assert.deepEqual(bytes(a.finalMargin), bytes(b.finalMargin), "finalMargin");
  assert.deepEqual(a.checkpoints, b.checkpoints, "checkpoints");
  assert.deepEqual(a.testPhi, b.testPhi, "testPhi");
  assert.deepEqual(a.prediction, b.prediction, "prediction");
}

function assertSameFiles(a: Map<string, Uint8Array>, b: Map<string, Uint8Array>) {
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [path, content] of a) assert.deepEqual(content, b.get(path), path);
}

for (const backend of ["wasm", "cpu"] as Backend[]) {
  Deno.test(`two runs of one seed on ${backend} are byte-identical, files included`, async () => {
    for (const mode of [{ kind: "joint" } as const, { kind: "uni", r: 1 } as const]) {
      const prepA = prepare(s, 3);
      const a = await train(s, { seed: 3, mode, backend, prepared: prepA });
      const prepB = prepare(s, 3);
      const b = await train(s, { seed: 3, mode, backend }); // prepares its own sample
      assertSameRun(a, b);
      assertSameFiles(runFiles(a, prepA), runFiles(b, prepB));
    }
  });
}

Deno.test("exported files do not depend on how long the run took", async () => {
  const prep = prepare(s, 0);
  const traj = await train(s, { prepared: prep });
  assertSameFiles(runFiles(traj, prep), runFiles({ ...traj, wallMs: traj.wallMs + 1234.5 }, prep));
});

Deno.test("a different seed gives different data, weights and trajectory", async () => {
  const p0 = prepare(s, 0), p1 = prepare(s, 1);
  assert.notDeepEqual(p0.train.X[0], p1.train.X[0]);
  assert.notDeepEqual(p0.W0, p1.W0);
  const a = await train(s, { prepared: p0 });
  const b = await train(s, { seed: 1, prepared: p1 });
  assert.notDeepEqual(bytes(a.alignment), bytes(b.alignment));
  assert.notDeepEqual(bytes(a.loss), bytes(b.loss));
  const fa = runFiles(a, p0), fb = runFiles(b, p1);
  for (const path of ["arrays/X0.npy", "arrays/W0.npy", "arrays/alignment.npy"]) {
    assert.notDeepEqual(fa.get(path), fb.get(path), path);
  }
});

Deno.test("joint and uni-modal runs of a seed share data and initial weights", async () => {
  const p = prepare(s, 5);
  const again = prepare(s, 5);
  assert.deepEqual(p.train, again.train);
  assert.deepEqual(p.test, again.test);
  assert.deepEqual(p.W0, again.W0);
  assert.deepEqual(p.prediction, again.prediction);
  const { K, m, d } = s;
  const joint = await train(s, { seed: 5 });
  const unis = [
    await train(s, { seed: 5, mode: { kind: "uni", r: 0 } }),
    await train(s, { seed: 5, mode: { kind: "uni", r: 1 } }),
  ];
  for (const [r, uni] of unis.entries()) {
    // The same starting point: a_{r,j}(0) of every modality, bit for bit.
    assert.deepEqual(
      bytes(uni.alignment.subarray(0, K * m)),
      bytes(joint.alignment.subarray(0, K * m)),
    );
    assert.deepEqual(uni.prediction, joint.prediction);
    assert.deepEqual(uni.active, [r]);
    const other = 1 - r;
    // The encoder that is not in f is not trained: its weights and alignments stay at W0.
    assert.deepEqual(
      uni.weights.subarray(other * m * d, (other + 1) * m * d),
      p.W0.subarray(other * m * d, (other + 1) * m * d),
    );
    for (let t = 0; t <= s.T; t++) {
      const row = uni.alignment.subarray((t * K + other) * m, (t * K + other + 1) * m);
      assert.deepEqual(row, uni.alignment.subarray(other * m, (other + 1) * m), `t=${t}`);
    }
    // The trained encoder moves, and differently from the joint run (f is φ_r alone).
    const last = (tr: Trajectory) => tr.weights.subarray(r * m * d, (r + 1) * m * d);
    assert.notDeepEqual(last(uni), p.W0.subarray(r * m * d, (r + 1) * m * d));
    assert.notDeepEqual(last(uni), last(joint));
  }
});

Deno.test("a trajectory has T+1 rows, checkpoints every checkpointEvery steps and one callback per step", async () => {
  const seen: StepInfo[] = [];
  const traj = await train(s, { onStep: (info) => seen.push(info) });
  const { K, m, T } = s;
  assert.equal(traj.steps, T);
  assert.equal(traj.alignment.length, (T + 1) * K * m);
  assert.equal(traj.loss.length, T + 1);
  assert.equal(traj.trainError.length, T + 1);
  assert.equal(traj.gbar.length, (T + 1) * K);
  assert.deepEqual(traj.checkpoints.map((c) => c.t), [0, 20, 40, 60]);
  assert.deepEqual(seen.map((x) => x.t), Array.from({ length: T + 1 }, (_, t) => t));
  assert.equal(seen[T].loss, traj.loss[T]);
  // At t = 0 every residual is about 1/2 (f ≈ 0 at a small initialisation) and L ≈ ln 2.
  assert.ok(Math.abs(traj.loss[0] - Math.LN2) < 0.05);
  const steps = await train(s, { steps: 7 });
  assert.equal(steps.steps, 7);
  assert.equal(steps.loss.length, 8);
  assert.equal(steps.checkpoints.at(-1)!.t, 7);
});

Deno.test("train refuses a bad seed, step count, mode or a sample of another scenario", async () => {
  await assert.rejects(train(s, { seed: -1 }), InputError);
  await assert.rejects(train(s, { seed: 1.5 }), InputError);
  await assert.rejects(train(s, { steps: -1 }), InputError);
  await assert.rejects(train(s, { steps: 2.5 }), InputError);
  await assert.rejects(
    train(s, { mode: { kind: "uni", r: 2 } }),
    /mode uni:2: the modality must be in 0\.\.1/,
  );
  await assert.rejects(train(s, { mode: { kind: "uni", r: -1 } }), InputError);
  const other = prepare({ ...s, N: 41 }, 0);
  await assert.rejects(train(s, { prepared: other }), /another scenario/);
});
