/**
 * Every claim can fail: each is fed a deliberately broken activation, engine, prediction or
 * trajectory, and must return fail. The unbroken input passes in the same test, so each
 * failure is caused by the one thing that was broken.
 */
import assert from "node:assert/strict";
import * as activation from "../src/activation.ts";
import { predict, predictedHitTime } from "../src/predict.ts";
import { runSet } from "../src/runs.ts";
import { loadScenario } from "../src/scenario.ts";
import { gammaSeries, hitTime, type Trajectory } from "../src/trajectory.ts";
import { type Claim, type ClaimContext, type Runs, verdictOf } from "./claim.ts";
import { checkActivation } from "./L1.ts";
import { checkGradient, engineGradient } from "./L2.ts";
import { checkAlignment, L3 } from "./L3.ts";
import { L4 } from "./L4.ts";
import { checkRecursionBounds, L5 } from "./L5.ts";
import { L6 } from "./L6.ts";
import { L7 } from "./L7.ts";
import { L8 } from "./L8.ts";
import { T1 } from "./T1.ts";
import { T2 } from "./T2.ts";
import { T3 } from "./T3.ts";

const s = await loadScenario("default");
const SEED = 0;
const real = runSet(s, SEED);
const joint = await real.joint();
const uni = [await real.uni(0), await real.uni(1)];
const prepared = real.prepared;
const w = prepared.prediction.winner; // 0
const loser = 1 - w;

/** A stand-in for the run set with some runs replaced. */
function runs(
  over: { joint?: Trajectory; uni?: Trajectory[]; prediction?: typeof prepared.prediction },
): Runs {
  const prep = over.prediction ? { ...prepared, prediction: over.prediction } : prepared;
  return {
    prepared: prep,
    joint: () => Promise.resolve(over.joint ?? joint),
    uni: (r: number) => Promise.resolve(over.uni?.[r] ?? uni[r]),
  } as Runs;
}

async function verdict(claim: Claim, r: Runs): Promise<string> {
  const ctx: ClaimContext = { scenario: s, seed: SEED, runs: r };
  return verdictOf((await claim.evaluate(ctx)).parts);
}

/** A copy of a trajectory with Γ_r's series transformed on every neuron of modality r. */
function withAlignment(
  traj: Trajectory,
  r: number,
  f: (a: number, t: number, j: number) => number,
): Trajectory {
  const { K, m } = traj.scenario;
  const alignment = Float32Array.from(traj.alignment);
  for (let t = 0; t <= traj.steps; t++) {
    for (let j = 0; j < m; j++) {
      const k = (t * K + r) * m + j;
      alignment[k] = f(alignment[k], t, j);
    }
  }
  return { ...traj, alignment };
}

function argmaxNeuron(traj: Trajectory, r: number): number {
  const { K, m } = traj.scenario;
  const row = traj.alignment.subarray((traj.steps * K + r) * m, (traj.steps * K + r + 1) * m);
  return row.indexOf(Math.max(...row));
}

Deno.test("L1 fails for a σ̃ whose linear piece is off by a constant (not C¹ at ρ)", async () => {
  const broken = {
    ...activation,
    sigmaTilde: (u: number, q: number, rho: number) =>
      u <= rho ? activation.sigmaTilde(u, q, rho) : u - 0.6 * rho,
  };
  assert.equal(verdictOf(await checkActivation(activation, 1)), "pass");
  assert.equal(verdictOf(await checkActivation(broken, 1)), "fail");
});

Deno.test("L1 fails for an h' that is not even", async () => {
  const broken = { ...activation, hPrime: activation.sigmaTildePrime };
  assert.equal(verdictOf(await checkActivation(broken, 1)), "fail");
});

Deno.test("L2 fails for a gradient with a wrong factor or a flipped sign", async () => {
  const g = engineGradient("wasm");
  assert.equal((await checkGradient(g, "wasm", 5)).verdict, "pass");
  const scaled = await checkGradient((...a) => g(...a).map((x) => 1.001 * x), "wasm", 5);
  assert.equal(scaled.verdict, "fail");
  assert.match(scaled.reason!, /fast-check seed 5/);
  const flipped = await checkGradient((...a) => g(...a).map((x) => -x), "wasm", 5);
  assert.equal(flipped.verdict, "fail");
});

Deno.test("L3 fails when an alignment dips, and when the argmax neuron changes", async () => {
  assert.equal(await verdict(L3, runs({})), "pass");
  const j = argmaxNeuron(joint, w);
  const dip = withAlignment(joint, w, (a, t, jj) => jj === j && t === 10 ? a * 0.9 : a);
  const parts = checkAlignment(dip, "joint");
  assert.equal(parts.find((p) => p.name === `(a) non-decreasing joint r=${w}`)!.verdict, "fail");
  assert.equal(await verdict(L3, runs({ joint: dip })), "fail");
  // Another neuron jumps above the leader late in the run.
  const other = (j + 1) % s.m;
  const swap = withAlignment(joint, loser, (a, t, jj) => jj === other && t >= 2000 ? a + 1 : a);
  const swapParts = checkAlignment(swap, "joint");
  assert.equal(
    swapParts.find((p) => p.name === `(b) fixed argmax joint r=${loser}`)!.verdict,
    "fail",
  );
});

Deno.test("L4 fails when ḡ leaves the band in phase 1", async () => {
  assert.equal(await verdict(L4, runs({})), "pass");
  const gbar = Float64Array.from(joint.gbar);
  for (let t = 0; t < 5; t++) gbar[t * s.K + loser] = 0.45;
  assert.equal(await verdict(L4, runs({ joint: { ...joint, gbar } })), "fail");
});

Deno.test("L5 fails for a prediction made with the wrong q, and for a wrong recursion", async () => {
  assert.equal(await verdict(L5, runs({})), "pass");
  const wrongQ = predict({ ...s, q: 3.5 }, prepared.train, prepared.gamma0);
  assert.equal(await verdict(L5, runs({ prediction: wrongQ })), "fail");
  const early = (x0: number, eta: number, C: number, q: number, tau: number) =>
    predictedHitTime(x0, eta, C, q, tau) - 3;
  assert.equal((await checkRecursionBounds(early, 0)).verdict, "fail");
});

Deno.test("L6 fails when the predicted winner is swapped", async () => {
  assert.equal(await verdict(L6, runs({})), "pass");
  const swapped = { ...prepared.prediction, winner: loser };
  assert.equal(await verdict(L6, runs({ prediction: swapped })), "fail");
});

Deno.test("L7 fails for a loser that grows before the winner is learned", async () => {
  assert.equal(await verdict(L7, runs({})), "pass");
  const Tw = hitTime(joint, w);
  const grown = withAlignment(joint, loser, (a, t) => t >= Tw ? a * 1.5 : a);
  assert.equal(await verdict(L7, runs({ joint: grown })), "fail");
});

Deno.test("L8 fails when the recorded residual weight is off by 2 %", async () => {
  assert.equal(await verdict(L8, runs({})), "pass");
  const gbar = joint.gbar.map((g) => g * 1.02);
  assert.equal(await verdict(L8, runs({ joint: { ...joint, gbar } })), "fail");
});

Deno.test("T1 fails for a uni-modal run that never learns its feature", async () => {
  assert.equal(await verdict(T1, runs({})), "pass");
  const tau = prepared.prediction.tau[0];
  const stuck = withAlignment(uni[0], 0, (a) => Math.min(a, tau / 2));
  assert.equal(await verdict(T1, runs({ uni: [stuck, uni[1]] })), "fail");
});

Deno.test("T1 fails for a uni-modal run that misclassifies sufficient samples", async () => {
  const finalMargin = uni[0].finalMargin.map((x) => -x);
  assert.equal(await verdict(T1, runs({ uni: [{ ...uni[0], finalMargin }, uni[1]] })), "fail");
});

Deno.test("T2 fails for a loser that grows past its threshold", async () => {
  assert.equal(await verdict(T2, runs({})), "pass");
  const tau = prepared.prediction.tau[loser];
  const g0 = gammaSeries(joint, loser)[0];
  const learned = withAlignment(joint, loser, (a, t) => t > 2000 ? a + 2 * tau - g0 : a);
  assert.equal(await verdict(T2, runs({ joint: learned })), "fail");
});

Deno.test("T3 fails when the loser's joint encoder is as good as alone", async () => {
  assert.equal(await verdict(T3, runs({})), "pass");
  const last = joint.checkpoints[joint.checkpoints.length - 1];
  const uniErr = uni[loser].checkpoints[uni[loser].checkpoints.length - 1].testError;
  const encoderTestError = last.encoderTestError.map((e, r) => r === loser ? uniErr : e);
  const checkpoints = [...joint.checkpoints.slice(0, -1), { ...last, encoderTestError }];
  assert.equal(await verdict(T3, runs({ joint: { ...joint, checkpoints } })), "fail");
});
