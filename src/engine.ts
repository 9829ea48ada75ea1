/**
 * The late-fusion network of THEORY.md D2 on tfjs, and one full-batch gradient-descent step
 * of D3 with the closed-form gradient of L2.
 *
 * Layout: per trained modality r, the patches X^r as (N·P, d) and their transpose (d, N·P),
 * the weights W_r as (d, m). The forward pass is one matMul X W, the weight gradient one
 * matMul Xᵀ H; neither needs a transposed matMul (slow on wasm).
 *
 * h is evaluated through the clipped pre-activation c = clip(u, −ρ, ρ):
 * h(u) = u − c + c·|c|^{q−1} / (q ρ^{q−1}) and h'(u) = |c|^{q−1} / ρ^{q−1},
 * which equals D2 on both branches and needs no select.
 * @module
 */
import { tf } from "./tf.ts";
import type { Dataset } from "./data.ts";
import type { Scenario } from "./scenario.ts";

type T2D = tf.Tensor2D;

/** |c|^{k} with repeated products for small integer k (tf.pow is slow on wasm). */
function absPow(c: T2D, k: number): T2D {
  if (!Number.isInteger(k) || k < 1 || k > 8) return tf.pow(tf.abs(c), k);
  const sq = tf.square(c);
  let out = k % 2 === 0 ? sq : tf.abs(c);
  for (let i = k % 2 === 0 ? 2 : 1; i < k; i += 2) out = tf.mul(out, sq);
  return out;
}

/**
 * Pre-activations and activation pieces of one encoder.
 * @returns φ per sample (n) and h'(u)·ρ^{q−1} = |c|^{q−1} as (n, P·m)
 */
function encoder(s: Scenario, n: number, X: T2D, W: T2D): { phi: tf.Tensor1D; hp: T2D } {
  const u = tf.matMul(X, W);
  const c = tf.clipByValue(u, -s.rho, s.rho) as T2D;
  const p = absPow(c, s.q - 1);
  const c1 = 1 / (s.q * s.rho ** (s.q - 1));
  const hu = tf.add(tf.sub(u, c), tf.mul(tf.mul(c, p), c1));
  const phi = tf.sum(tf.reshape(hu, [n, s.P * s.m]), 1) as tf.Tensor1D;
  return { phi, hp: tf.reshape(p, [n, s.P * s.m]) };
}

/** Transpose (K, m, d) rows of one modality into a (d, m) array. */
function toDeviceLayout(W: Float32Array, s: Scenario, r: number): Float32Array {
  const out = new Float32Array(s.d * s.m);
  const base = r * s.m * s.d;
  for (let j = 0; j < s.m; j++) {
    for (let k = 0; k < s.d; k++) out[k * s.m + j] = W[base + j * s.d + k];
  }
  return out;
}

/** Transpose an (n·P, d) patch matrix into (d, n·P). */
function transposePatches(X: Float32Array, rows: number, d: number): Float32Array {
  const out = new Float32Array(X.length);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < d; k++) out[k * rows + i] = X[i * d + k];
  }
  return out;
}

/**
 * The trainable network on the device: the training data of the trained modalities, their
 * weights, and the test data of every modality. Call {@link Network.dispose} when done.
 */
export class Network {
  readonly s: Scenario;
  /** the modalities whose encoders are in f and are trained */
  readonly active: readonly number[];
  #X: T2D[];
  #XT: T2D[];
  #W: T2D[];
  #V: T2D[];
  #coefScale: tf.Tensor1D;
  #y: tf.Tensor1D;
  #n: number;
  #cache = new Map<Dataset, T2D[]>();

  /**
   * @param s the scenario
   * @param train the training samples
   * @param active which modalities f sums and training updates
   * @param W0 the initial weights, (K, m, d)
   * @param v the features v_r
   */
  constructor(
    s: Scenario,
    train: Dataset,
    active: readonly number[],
    W0: Float32Array,
    v: Float64Array[],
  ) {
    this.s = s;
    this.active = active;
    this.#n = train.n;
    const rows = train.n * s.P;
    this.#X = active.map((r) => tf.tensor2d(train.X[r], [rows, s.d]));
    this.#cache.set(train, this.#X);
    this.#XT = active.map((r) => tf.tensor2d(transposePatches(train.X[r], rows, s.d), [s.d, rows]));
    this.#W = active.map((r) => tf.tensor2d(toDeviceLayout(W0, s, r), [s.d, s.m]));
    this.#V = active.map((r) => tf.tensor2d(Float32Array.from(v[r]), [1, s.d]));
    this.#y = tf.tensor1d(train.y);
    // ∇L = −(1/N) Σ g y h' X, so W ← W + (η / (N ρ^{q−1})) Σ g y |c|^{q−1} X.
    this.#coefScale = tf.mul(this.#y, s.eta / (train.n * s.rho ** (s.q - 1))) as tf.Tensor1D;
  }

  /** Inside a tidy: f on the training set and the weight increments −η ∇L per modality. */
  #increments(): { f: tf.Tensor1D; dW: () => T2D[] } {
    const s = this.s;
    const n = this.#n;
    const parts = this.#X.map((X, a) => encoder(s, n, X, this.#W[a]));
    const f = parts.length === 1 ? parts[0].phi : tf.addN(parts.map((p) => p.phi));
    const dW = () => {
      const g = tf.sigmoid(tf.neg(tf.mul(this.#y, f)));
      const coef = tf.reshape(tf.mul(g, this.#coefScale), [n, 1]);
      return parts.map((p, a) =>
        tf.matMul(this.#XT[a], tf.reshape(tf.mul(p.hp, coef), [n * s.P, s.m])) as T2D
      );
    };
    return { f, dW };
  }

  /**
   * Evaluate f on the training set and, if `update`, take one gradient step.
   * @param update whether to update the weights after the forward pass
   * @returns f(X_i) for every training sample (before the update), then a_{r,j} of every
   *   active modality, concatenated: length N + |active|·m
   */
  step(update: boolean): Float32Array {
    const [readout, ...W] = tf.tidy(() => {
      const { f, dW } = this.#increments();
      const align = this.#V.map((V, a) => tf.reshape(tf.matMul(V, this.#W[a]), [this.s.m]));
      const readout = tf.concat([f, ...align]);
      return update ? [readout, ...dW().map((d, a) => tf.add(this.#W[a], d))] : [readout];
    });
    const out = readout.dataSync() as Float32Array;
    readout.dispose();
    if (update) {
      tf.dispose(this.#W);
      this.#W = W as T2D[];
    }
    return out;
  }

  /**
   * The engine's gradient ∇L at the current weights, without stepping (for THEORY.md L2).
   * @returns ∇L laid out (K, m, d), zero rows for modalities not in f
   */
  gradient(): Float64Array {
    const s = this.s;
    const out = new Float64Array(s.K * s.m * s.d);
    const dW = tf.tidy(() => this.#increments().dW());
    this.active.forEach((r, a) => {
      const w = dW[a].dataSync();
      for (let j = 0; j < s.m; j++) {
        for (let k = 0; k < s.d; k++) out[(r * s.m + j) * s.d + k] = -w[k * s.m + j] / s.eta;
      }
    });
    tf.dispose(dW);
    return out;
  }

  /**
   * φ_r of every active modality on given samples.
   * @param data samples (training or test)
   * @param withPreactivations also return ⟨w_{r,j}, X^r_{i,p}⟩, (n·P, m) per active modality
   * @returns φ per active modality (length n each) and, if asked, the pre-activations
   */
  encoderScores(
    data: Dataset,
    withPreactivations = false,
  ): { phi: Float32Array[]; u: Float32Array[] } {
    const s = this.s;
    const rows = data.n * s.P;
    const phi: Float32Array[] = [];
    const u: Float32Array[] = [];
    let Xs = this.#cache.get(data);
    if (!Xs) {
      Xs = this.active.map((r) => tf.tensor2d(data.X[r], [rows, s.d]));
      this.#cache.set(data, Xs);
    }
    const onDevice = Xs;
    this.active.forEach((_r, a) => {
      const [ph, uu] = tf.tidy(() => {
        const X = onDevice[a];
        const { phi } = encoder(s, data.n, X, this.#W[a]);
        return [phi, withPreactivations ? tf.matMul(X, this.#W[a]) : null] as const;
      });
      phi.push(ph.dataSync() as Float32Array);
      ph.dispose();
      if (uu) {
        u.push(uu.dataSync() as Float32Array);
        uu.dispose();
      }
    });
    return { phi, u };
  }

  /**
   * The current weights in the export layout (K, m, d); rows of modalities that are not
   * trained are taken from `W0`.
   * @param W0 the initial weights, (K, m, d)
   * @returns a new array
   */
  weights(W0: Float32Array): Float32Array {
    const s = this.s;
    const out = Float32Array.from(W0);
    this.active.forEach((r, a) => {
      const w = this.#W[a].dataSync();
      const base = r * s.m * s.d;
      for (let j = 0; j < s.m; j++) {
        for (let k = 0; k < s.d; k++) out[base + j * s.d + k] = w[k * s.m + j];
      }
    });
    return out;
  }

  /** Free every tensor. */
  dispose(): void {
    tf.dispose([...this.#XT, ...this.#W, ...this.#V, this.#y, this.#coefScale]);
    for (const Xs of this.#cache.values()) tf.dispose(Xs);
    this.#cache.clear();
  }
}
