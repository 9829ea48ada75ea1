/**
 * modcomp: the theory of modality competition (Huang, Lin, Zhou, Yang & Huang, ICML 2022)
 * made executable. Sample the data distribution, train the late-fusion smoothed-ReLU
 * network jointly or uni-modally, record every observable, predict the outcome from the
 * initial state, and check each lemma and theorem on seeded runs.
 *
 * @example
 * ```ts
 * import { hitTime, loadScenario, prepare, train } from "./mod.ts";
 * const s = await loadScenario("default");
 * const prep = prepare(s, 0);
 * const joint = await train(s, { seed: 0, prepared: prep, steps: 100 });
 * console.log(prep.prediction.winner, prep.prediction.hitTime[0], hitTime(joint, 0));
 * ```
 * @module
 */
export * from "./src/errors.ts";
export * from "./src/scenario.ts";
export * from "./src/rng.ts";
export * from "./src/activation.ts";
export * from "./src/data.ts";
export * from "./src/predict.ts";
export * from "./src/trajectory.ts";
export * from "./src/train.ts";
export * from "./src/runs.ts";
export * from "./src/reference.ts";
export * from "./src/export.ts";
export * from "./src/npy.ts";
export type { Backend } from "./src/tf.ts";
