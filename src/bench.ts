/**
 * Speed of one full-batch gradient-descent step, measured as `modcomp bench` and
 * `deno task bench` report it: the median over steps of the whole training loop (forward,
 * gradient, update and the per-step recording), and GFLOP/s counted as the reference
 * `numpy_step.py` counts them: 4·K·N·P·d·m flops a step.
 * @module
 */
import { type Scenario, validateScenario } from "./scenario.ts";
import type { Backend } from "./tf.ts";
import { train } from "./train.ts";
import { InputError } from "./errors.ts";

/** Sizes of a benchmark problem. */
export interface BenchSize {
  /** modalities */
  K: number;
  /** training samples */
  N: number;
  /** patches */
  P: number;
  /** dimension */
  d: number;
  /** neurons per encoder */
  m: number;
}

/** The size the speed goal is stated at (the reference script's default). */
export const REFERENCE_SIZE: BenchSize = { K: 2, N: 512, P: 8, d: 256, m: 16 };

/** A benchmark result. */
export interface BenchResult extends BenchSize {
  /** implementation */
  impl: string;
  /** median milliseconds per step */
  msPerStep: number;
  /** 4·K·N·P·d·m / time */
  gflops: number;
  /** steps timed */
  steps: number;
}

/**
 * Parse `K,N,P,d,m`.
 * @param text e.g. `2,512,8,256,16`
 * @returns the sizes
 * @throws {InputError} unless five positive integers
 * @example
 * ```ts
 * import { parseSize } from "./bench.ts";
 * console.log(parseSize("2,512,8,256,16").d); // 256
 * ```
 */
export function parseSize(text: string): BenchSize {
  const parts = text.split(",").map((x) => x.trim());
  const n = parts.map(Number);
  if (
    parts.length !== 5 ||
    n.some((x, i) => !/^\d+$/.test(parts[i]) || !Number.isSafeInteger(x) || x < 1)
  ) {
    throw new InputError(`--size ${text}: must be five positive integers K,N,P,d,m`);
  }
  const [K, N, P, d, m] = n;
  return { K, N, P, d, m };
}

/**
 * A scenario of the given size (default-scenario physics) for timing.
 * @param size the sizes
 * @param steps steps to run
 * @returns the scenario
 * @example
 * ```ts
 * import { benchScenario, REFERENCE_SIZE } from "./bench.ts";
 * console.log(benchScenario(REFERENCE_SIZE, 10).N); // 512
 * ```
 */
export function benchScenario(size: BenchSize, steps: number): Scenario {
  return validateScenario({
    name: "bench",
    ...size,
    nTest: 1,
    q: 3,
    rho: 0.1,
    sigma0: 0.01,
    alpha: Array.from({ length: size.K }, (_, r) => r === 0 ? 1 : 0.3),
    mu: Array.from({ length: size.K }, () => 0.05),
    eta: 0.05,
    T: steps,
    checkpointEvery: steps + 1,
  }, "bench");
}

/**
 * Time `steps` joint gradient-descent steps (after 5 warm-up steps).
 * @param s the scenario to time (its T is ignored)
 * @param steps steps to time
 * @param backend the tfjs backend
 * @returns median ms per step and GFLOP/s
 * @example
 * ```ts
 * import { benchScenario, benchSteps } from "./bench.ts";
 * const r = await benchSteps(benchScenario({ K: 2, N: 64, P: 4, d: 32, m: 4 }, 10), 10, "cpu");
 * console.log(r.msPerStep > 0);
 * ```
 */
export async function benchSteps(
  s: Scenario,
  steps: number,
  backend: Backend,
): Promise<BenchResult> {
  const warm = 5;
  const stamps: number[] = [];
  await train({ ...s, checkpointEvery: steps + warm + 1 }, {
    seed: 0,
    steps: steps + warm,
    backend,
    onStep: () => stamps.push(performance.now()),
  });
  const dt = stamps.slice(warm).map((t, i) => t - stamps[warm + i - 1]).sort((a, b) => a - b);
  const msPerStep = dt[Math.floor(dt.length / 2)];
  const flop = 4 * s.K * s.N * s.P * s.d * s.m;
  return {
    impl: `modcomp-tfjs-${backend}`,
    K: s.K,
    N: s.N,
    P: s.P,
    d: s.d,
    m: s.m,
    msPerStep,
    gflops: flop / msPerStep / 1e6,
    steps,
  };
}
