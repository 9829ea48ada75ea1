/**
 * modcomp: the theory of modality competition (Huang, Lin, Zhou, Yang & Huang, ICML 2022)
 * made executable. Sample the data distribution, train the late-fusion smoothed-ReLU
 * network jointly or uni-modally, record every observable, predict the outcome from the
 * initial state, and check each lemma and theorem on seeded runs.
 *
 * The surface, in the order a study uses it:
 * - scenarios: {@link loadScenario} (a shipped name or a JSON path), {@link parseScenario},
 *   {@link validateScenario}, {@link estimateBytes} and {@link assertFits};
 * - data and weights (THEORY.md D1, D3): {@link streams}, {@link sampleDataset},
 *   {@link initWeights}, or {@link prepare} for everything a seed fixes at once;
 * - training (D3, D4): {@link train} (joint or `{ kind: "uni", r }`, with an `onStep`
 *   callback), and the observables {@link gammaSeries}, {@link gbarSeries}, {@link hitTime};
 * - predictions (D5, §4): {@link predict} and {@link predictedHitTime};
 * - claims (§2–§3): the registry {@link CLAIMS}, {@link claimsById}, and the runners
 *   {@link evaluateClaim} and {@link runClaims}, which return verdicts with every part;
 * - export: {@link runFiles} and {@link writeFilesAtomic} (trajectory.json and .npy arrays),
 *   {@link runSummary} and {@link toJson}.
 *
 * Bad input never surfaces as a crash: every function above that takes user input throws
 * an {@link InputError} whose message names the field or argument and what is allowed.
 *
 * Every file reachable from here uses full `npm:pkg@x.y.z` specifiers, so the module can be
 * imported by URL from a program without this repository's deno.json, e.g.
 * `https://example.org/modcomp/v0.1.0/mod.ts` (the pattern; use the host and tag you
 * publish at). Run such a program with `--allow-import`, `--allow-net` for that host (the
 * shipped scenarios are fetched next to the module) and `--allow-read` (the tfjs wasm
 * backend reads its `.wasm` binary from Deno's npm cache).
 *
 * @example Predict, train, measure, check
 * ```ts
 * import { hitTime, loadScenario, prepare, runClaims, train } from "./mod.ts";
 *
 * const s = await loadScenario("default");
 * const prep = prepare(s, 0); // data, initial weights and the D5 predictions of seed 0
 * const w = prep.prediction.winner;
 * console.log(`predicted: modality ${w} learned at step ${prep.prediction.hitTime[w]}`);
 *
 * const joint = await train(s, {
 *   prepared: prep,
 *   steps: 100,
 *   onStep: ({ t, gamma }) => t % 20 === 0 && console.log(t, gamma),
 * });
 * console.log(`measured: step ${hitTime(joint, w)}`);
 *
 * const [l1] = await runClaims([s], { ids: ["L1"], seeds: [0] });
 * console.log(l1.id, l1.verdict, l1.parts.map((p) => p.name));
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
export * from "./checks/claim.ts";
export * from "./checks/registry.ts";
export { type Backend, BACKENDS, useBackend } from "./src/tf.ts";
