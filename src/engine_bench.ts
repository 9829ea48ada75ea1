import { benchScenario, REFERENCE_SIZE } from "./bench.ts";
import { loadScenario } from "./scenario.ts";
import { train } from "./train.ts";
import { useBackend } from "./tf.ts";

await useBackend("wasm");
const big = benchScenario(REFERENCE_SIZE, 20);
const def = await loadScenario("default");

Deno.bench("20 joint steps, K2 N512 P8 d256 m16 (wasm)", async () => {
  await train(big, { seed: 0 });
});

Deno.bench("full default joint run, 3000 steps (wasm)", { n: 3, warmup: 1 }, async () => {
  await train(def, { seed: 0 });
});
