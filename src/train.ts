/**
 * Training (THEORY.md D3): sample the data and the initial weights of a seed, run full-batch
 * gradient descent jointly or on one modality, and record the trajectory (D4).
 * @module
 */
import { type Dataset, features, initWeights, sampleDataset } from "./data.ts";
import { Network } from "./engine.ts";
import { gammaOf, predict, type Prediction } from "./predict.ts";
import { streams } from "./rng.ts";
import { assertFits, type Scenario, validateScenario } from "./scenario.ts";
import { type Backend, BACKENDS, useBackend } from "./tf.ts";
import type { Checkpoint, Mode, Trajectory } from "./trajectory.ts";
import { InputError } from "./errors.ts";

/** What a seed fixes before training: data, initial weights, features and predictions. */
export interface Prepared {
  /** the scenario */
  scenario: Scenario;
  /** the seed */
  seed: number;
  /** N training samples */
  train: Dataset;
  /** N_test fresh test samples */
  test: Dataset;
  /** w_{r,j}(0), (K, m, d) */
  W0: Float32Array;
  /** the features v_r */
  v: Float64Array[];
  /** Γ_r(0) */
  gamma0: number[];
  /** D5 and §4 predictions */
  prediction: Prediction;
}

/**
 * Sample everything a seed fixes. The joint run and every uni-modal run of a seed share it.
 *
 * @param s the scenario
 * @param seed a non-negative integer
 * @returns data, initial weights and predictions
 * @throws {InputError} when the seed is not a non-negative integer or the run would not fit
 * @example
 * ```ts
 * import { loadScenario, prepare } from "../mod.ts";
 * const p = prepare(await loadScenario("default"), 0);
 * console.log(p.prediction.hitTime);
 * ```
 */
export function prepare(s: Scenario, seed: number): Prepared {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InputError(`seed ${seed}: must be a non-negative integer`);
  }
  // A scenario object may have been edited after it was loaded: check it again (cheap).
  validateScenario(s, `scenario ${s?.name ?? "(unnamed)"}`);
  assertFits({ ...s, T: 0 }); // the sample; the trajectory is checked when training
  const rng = streams(seed);
  const train = sampleDataset(s, s.N, rng.train);
  const test = sampleDataset(s, s.nTest, rng.test);
  const W0 = initWeights(s, rng.init);
  const v = features(s);
  const gamma0 = gammaOf(W0, s, v);
  return { scenario: s, seed, train, test, W0, v, gamma0, prediction: predict(s, train, gamma0) };
}

/** What one step reports to a callback. */
export interface StepInfo {
  /** the step t (0 … T) */
  t: number;
  /** L(W(t)) */
  loss: number;
  /** train error at t */
  trainError: number;
  /** Γ_r(t) per modality */
  gamma: number[];
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** the seed (default 0) */
  seed?: number;
  /** joint (default) or uni-modal */
  mode?: Mode;
  /** steps T (default: the scenario's) */
  steps?: number;
  /** tfjs backend (default "wasm") */
  backend?: Backend;
  /** data and weights already prepared for this scenario and seed */
  prepared?: Prepared;
  /** called after every step's forward pass */
  onStep?: (info: StepInfo) => void;
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Test error of scores against labels, over the samples `keep` accepts. */
function errorRate(score: Float32Array, y: Float32Array, keep: (i: number) => boolean): number {
  let wrong = 0, n = 0;
  for (let i = 0; i < y.length; i++) {
    if (!keep(i)) continue;
    n++;
    if (y[i] * score[i] <= 0) wrong++;
  }
  return n === 0 ? NaN : wrong / n;
}

function sumScores(parts: Float32Array[], n: number): Float32Array {
  const out = new Float32Array(n);
  for (const p of parts) for (let i = 0; i < n; i++) out[i] += p[i];
  return out;
}

/**
 * Train one run and record its trajectory.
 *
 * @param s the scenario
 * @param options seed, mode, steps, backend, a prepared sample and a per-step callback
 * @returns the trajectory
 * @throws {InputError} on a bad seed, mode or step count, or a run too large for memory
 * @example
 * ```ts
 * import { hitTime, loadScenario, train } from "../mod.ts";
 * const s = await loadScenario("default");
 * const traj = await train(s, { seed: 0, steps: 200 });
 * console.log(hitTime(traj, 0)); // the winner is learned after a few dozen steps
 * ```
 */
export async function train(s: Scenario, options: TrainOptions = {}): Promise<Trajectory> {
  const seed = options.seed ?? options.prepared?.seed ?? 0;
  const mode = options.mode ?? { kind: "joint" };
  const T = options.steps ?? s.T;
  const backend = options.backend ?? "wasm";
  if (!Number.isSafeInteger(T) || T < 0) {
    throw new InputError(`steps ${T}: must be a non-negative integer`);
  }
  if (mode?.kind !== "joint" && mode?.kind !== "uni") {
    throw new InputError(
      `mode ${JSON.stringify(mode)}: must be {kind: "joint"} or {kind: "uni", r}`,
    );
  }
  if (mode.kind === "uni" && !(Number.isInteger(mode.r) && mode.r >= 0 && mode.r < s.K)) {
    throw new InputError(`mode uni:${mode.r}: the modality must be in 0..${s.K - 1}`);
  }
  if (!BACKENDS.includes(backend)) {
    throw new InputError(`backend ${backend}: must be one of ${BACKENDS.join(", ")}`);
  }
  const prep = options.prepared ?? prepare(s, seed);
  assertFits({ ...s, T });
  if (prep.scenario !== s && JSON.stringify(prep.scenario) !== JSON.stringify(s)) {
    throw new InputError("prepared: the prepared sample belongs to another scenario");
  }
  if (prep.seed !== seed) {
    throw new InputError(`prepared: the prepared sample is of seed ${prep.seed}, not ${seed}`);
  }
  await useBackend(backend);
  const { K, m, N } = s;
  const active = mode.kind === "joint" ? Array.from({ length: K }, (_, r) => r) : [mode.r];
  const { train: data, test } = prep;
  const net = new Network(s, data, active, prep.W0, prep.v);

  const alignment = new Float32Array((T + 1) * K * m);
  const loss = new Float64Array(T + 1);
  const trainError = new Float64Array(T + 1);
  const gbar = new Float64Array((T + 1) * K);
  const checkpoints: Checkpoint[] = [];
  // Untrained encoders keep their initial alignments on every row.
  const a0 = new Float64Array(K * m);
  for (let r = 0; r < K; r++) {
    for (let j = 0; j < m; j++) {
      let a = 0;
      for (let k = 0; k < s.d; k++) a += prep.W0[(r * m + j) * s.d + k] * prep.v[r][k];
      a0[r * m + j] = a;
    }
  }
  const zq = data.z.map((zr) => zr.map((z) => z ** s.q));
  const zqSum = zq.map((x) => x.reduce((a, b) => a + b, 0));

  const checkpoint = (t: number, margin: Float32Array) => {
    const { phi: testPhi } = net.encoderScores(test);
    const f = sumScores(testPhi, test.n);
    const encoderTestError = Array.from({ length: K }, () => NaN);
    active.forEach((r, a) => encoderTestError[r] = errorRate(testPhi[a], test.y, () => true));
    const insufficientTestError = test.z.map((zr) => errorRate(f, test.y, (i) => zr[i] === 0));
    const { u } = net.encoderScores(data, true);
    const xi = new Float32Array(N).fill(-Infinity);
    active.forEach((r, a) => {
      for (let i = 0; i < N; i++) {
        for (let p = 0; p < s.P; p++) {
          if (p === data.signalPatch[r][i]) continue;
          const row = (i * s.P + p) * m;
          for (let j = 0; j < m; j++) xi[i] = Math.max(xi[i], data.y[i] * u[a][row + j]);
        }
      }
    });
    let wrong = 0;
    for (let i = 0; i < N; i++) if (margin[i] <= 0) wrong++;
    checkpoints.push({
      t,
      trainError: wrong / N,
      testError: errorRate(f, test.y, () => true),
      encoderTestError,
      insufficientTestError,
      xi,
    });
    return testPhi;
  };

  const started = performance.now();
  const margin = new Float32Array(N);
  let testPhi: Float32Array[] = [];
  try {
    for (let t = 0; t <= T; t++) {
      const out = net.step(t < T);
      let L = 0, wrong = 0;
      const gsum = new Float64Array(K);
      for (let i = 0; i < N; i++) {
        const yf = data.y[i] * out[i];
        margin[i] = yf;
        L += softplus(-yf);
        if (yf <= 0) wrong++;
        const g = 1 / (1 + Math.exp(yf));
        for (let r = 0; r < K; r++) gsum[r] += g * zq[r][i];
      }
      loss[t] = L / N;
      trainError[t] = wrong / N;
      for (let r = 0; r < K; r++) gbar[t * K + r] = zqSum[r] > 0 ? gsum[r] / zqSum[r] : NaN;
      const row = alignment.subarray(t * K * m, (t + 1) * K * m);
      row.set(a0);
      active.forEach((r, a) => row.set(out.subarray(N + a * m, N + (a + 1) * m), r * m));
      if (t % s.checkpointEvery === 0 || t === T) testPhi = checkpoint(t, margin);
      if (options.onStep) {
        const gamma = Array.from(
          { length: K },
          (_, r) => Math.max(...row.subarray(r * m, (r + 1) * m)),
        );
        options.onStep({ t, loss: loss[t], trainError: trainError[t], gamma });
      }
    }
    const wallMs = performance.now() - started;
    const phiByModality: (Float32Array | null)[] = Array.from({ length: K }, () => null);
    active.forEach((r, a) => phiByModality[r] = testPhi[a]);
    return {
      scenario: s,
      seed,
      mode,
      active,
      backend,
      steps: T,
      prediction: prep.prediction,
      alignment,
      loss,
      trainError,
      gbar,
      checkpoints,
      finalMargin: margin,
      testPhi: phiByModality,
      weights: net.weights(prep.W0),
      wallMs,
    };
  } finally {
    net.dispose();
  }
}
