import assert from "node:assert/strict";
import { validateScenario } from "./scenario.ts";
import { BACKENDS, tf, useBackend } from "./tf.ts";
import { train } from "./train.ts";

// This must stay the first test of the file: it needs backends that are not yet initialised
// (every test file runs in a fresh isolate).
Deno.test("concurrent runs wait for a backend that is still initialising", async () => {
  const s = validateScenario({
    K: 2,
    d: 6,
    P: 2,
    N: 8,
    nTest: 4,
    m: 2,
    q: 3,
    rho: 0.1,
    sigma0: 0.05,
    alpha: [1, 0.3],
    mu: [0.1, 0.1],
    eta: 0.5,
    T: 5,
  }, "test");
  const [a, b, c] = await Promise.all([
    train(s, { backend: "wasm" }),
    train(s, { backend: "wasm" }),
    train(s, { backend: "cpu" }),
  ]);
  assert.deepEqual(a.alignment, b.alignment);
  assert.deepEqual(c.alignment, (await train(s, { backend: "cpu" })).alignment);
  assert.deepEqual(a.alignment, (await train(s, { backend: "wasm" })).alignment);
});

Deno.test("useBackend switches between the backends and is idempotent", async () => {
  for (const b of [...BACKENDS, ...BACKENDS, "cpu", "cpu"] as const) {
    await useBackend(b);
    assert.equal(tf.getBackend(), b);
    const t = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1));
    assert.deepEqual(Array.from(t.dataSync()), [2, 3]);
    t.dispose();
  }
  await Promise.all([useBackend("wasm"), useBackend("cpu"), useBackend("wasm")]);
  assert.equal(tf.getBackend(), "wasm"); // the last request wins
});
