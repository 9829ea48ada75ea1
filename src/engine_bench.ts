import { benchScenario, REFERENCE_SIZE } from "./bench.ts";
import { loadScenario } from "./scenario.ts";
import { prepare, train } from "./train.ts";
import { useBackend } from "./tf.ts";

// Data and initial weights are sampled once, outside the timed region: the benchmarks time
// the training loop (device upload, steps, recording), as `modcomp bench` does.
await useBackend("wasm");
const big = benchScenario(REFERENCE_SIZE, 50);
const bigPrepared = prepare(big, 0);
const def = await loadScenario("default");
const defPrepared = prepare(def, 0);

Deno.bench("50 joint steps, K2 N512 P8 d256 m16 (wasm)", async () => {
  await train(big, { seed: 0, prepared: bigPrepared });
});

Deno.bench("full default joint run, 3000 steps (wasm)", { n: 3, warmup: 1 }, async () => {
  await train(def, { seed: 0, prepared: defPrepared });
});
