/**
 * The runs a scenario and seed call for — the joint run and one uni-modal run per modality,
 * all from the same sample and initial weights — trained at most once per process and shared
 * by every claim, table and figure that needs them.
 * @module
 */
import type { Backend } from "./tf.ts";
import { prepare, type Prepared, train } from "./train.ts";
import type { Mode, Trajectory } from "./trajectory.ts";
import { modeName } from "./trajectory.ts";
import type { Scenario } from "./scenario.ts";

/**
 * The recorded runs of one scenario and seed, trained lazily and memoised. Get the shared
 * instance with {@link runSet}.
 *
 * @example
 * ```ts
 * import { loadScenario, runSet } from "../mod.ts";
 * const s = { ...(await loadScenario("default")), T: 40 };
 * const set = runSet(s, 0);
 * const [joint, alone] = [await set.joint(), await set.uni(1)];
 * console.log(joint.active, alone.active, set.trained); // [0, 1] [1] 2
 * ```
 */
export class RunSet {
  /** the scenario */
  readonly scenario: Scenario;
  /** the seed */
  readonly seed: number;
  /** the tfjs backend */
  readonly backend: Backend;
  #prepared?: Prepared;
  #runs = new Map<string, Promise<Trajectory>>();
  /** how many runs this set has trained (each at most once) */
  trained = 0;

  /**
   * A set with nothing trained yet.
   * @param scenario the scenario
   * @param seed the seed
   * @param backend the tfjs backend (default wasm)
   */
  constructor(scenario: Scenario, seed: number, backend: Backend = "wasm") {
    this.scenario = scenario;
    this.seed = seed;
    this.backend = backend;
  }

  /**
   * The data, initial weights and predictions of this seed (sampled once).
   * @returns the prepared sample
   */
  get prepared(): Prepared {
    this.#prepared ??= prepare(this.scenario, this.seed);
    return this.#prepared;
  }

  /**
   * The run of a mode, trained on first use.
   * @param mode joint or uni-modal
   * @returns its trajectory
   */
  run(mode: Mode): Promise<Trajectory> {
    const key = modeName(mode);
    let p = this.#runs.get(key);
    if (!p) {
      this.trained++;
      p = train(this.scenario, {
        seed: this.seed,
        mode,
        backend: this.backend,
        prepared: this.prepared,
      });
      this.#runs.set(key, p);
    }
    return p;
  }

  /**
   * The joint run.
   * @returns its trajectory
   */
  joint(): Promise<Trajectory> {
    return this.run({ kind: "joint" });
  }

  /**
   * The uni-modal run of modality r.
   * @param r the modality
   * @returns its trajectory
   */
  uni(r: number): Promise<Trajectory> {
    return this.run({ kind: "uni", r });
  }
}

const cache = new Map<string, RunSet>();

/**
 * The shared run set of a scenario and seed (one per process, keyed by the scenario's
 * content, so an edited scenario never reuses stale runs).
 * @param scenario the scenario
 * @param seed the seed
 * @param backend the tfjs backend
 * @returns the run set
 * @example
 * ```ts
 * import { loadScenario, runSet } from "../mod.ts";
 * const s = { ...(await loadScenario("default")), T: 50 };
 * const joint = await runSet(s, 0).joint();
 * console.log(joint === await runSet(s, 0).joint()); // true: trained once
 * ```
 */
export function runSet(scenario: Scenario, seed: number, backend: Backend = "wasm"): RunSet {
  const key = `${JSON.stringify(scenario)}|${seed}|${backend}`;
  let set = cache.get(key);
  if (!set) {
    set = new RunSet(scenario, seed, backend);
    cache.set(key, set);
  }
  return set;
}

/**
 * Forget every cached run (frees their memory).
 * @example
 * ```ts
 * import { clearRunCache } from "../mod.ts";
 * clearRunCache();
 * ```
 */
export function clearRunCache(): void {
  cache.clear();
}
