import assert from "node:assert/strict";
import { InputError } from "./errors.ts";
import {
  assertFits,
  DEFAULT_MAX_BYTES,
  estimateBytes,
  loadScenario,
  parseScenario,
  SCENARIO_NAMES,
  validateScenario,
} from "./scenario.ts";

const VALID = {
  name: "tiny",
  K: 2,
  d: 8,
  P: 2,
  N: 10,
  nTest: 20,
  m: 3,
  q: 3,
  rho: 0.1,
  sigma0: 0.01,
  alpha: [1, 0.3],
  mu: [0.1, 0.02],
  eta: 0.05,
  T: 40,
};

/** The validation error of `raw`, asserting there is one. */
function problem(raw: unknown, where = "here"): string {
  try {
    validateScenario(raw, where);
  } catch (e) {
    assert.ok(e instanceof InputError, `not an InputError: ${e}`);
    assert.ok(!e.message.includes("\n"), "the message is one line");
    assert.ok(e.message.startsWith(`${where}: `), `the message names where: ${e.message}`);
    return e.message;
  }
  assert.fail(`accepted ${JSON.stringify(raw)}`);
}

Deno.test("a valid scenario is accepted and defaults are filled in", () => {
  const s = validateScenario(VALID, "here");
  assert.equal(s.sigmaP, 1 / Math.sqrt(8));
  assert.equal(s.checkpointEvery, 2); // T/20
  assert.deepEqual(s.require, { claims: [], seeds: [] });
  assert.equal(s.name, "tiny");
  assert.equal(validateScenario({ ...VALID, name: undefined }, "x").name, "scenario");
  // μ = 0 is allowed (the interval is [0, 1)).
  assert.deepEqual(validateScenario({ ...VALID, mu: [0, 0] }, "x").mu, [0, 0]);
});

// field, bad value, a substring the message must contain
const CASES: [string, unknown, string][] = [
  ...(["K", "d", "P", "N", "nTest", "m", "T"] as const).flatMap((
    f,
  ): [string, unknown, string][] => [
    [f, 0, `${f} = 0: must be a positive integer`],
    [f, -3, `${f} = -3: must be a positive integer`],
    [f, 2.5, `${f} = 2.5: must be a positive integer`],
    [f, "4", `${f} = "4": must be a positive integer`],
    [f, null, `${f} = null: must be a positive integer`],
    [f, undefined, `${f} = undefined: must be a positive integer`],
    [f, NaN, `${f} = NaN: must be a positive integer`],
    [f, Infinity, `${f} = Infinity: must be a positive integer`],
  ]),
  ...(["rho", "sigma0", "eta"] as const).flatMap((f): [string, unknown, string][] => [
    [f, 0, `${f} = 0: must be a number > 0`],
    [f, -0.1, `${f} = -0.1: must be a number > 0`],
    [f, "0.1", `${f} = "0.1": must be a number > 0`],
    [f, null, `${f} = null: must be a number > 0`],
    [f, NaN, `${f} = NaN: must be a number > 0`],
    [f, Infinity, `${f} = Infinity: must be a number > 0`],
  ]),
  ["q", 2, "q = 2: must be a number > 2"],
  ["q", 1.5, "q = 1.5: must be a number > 2"],
  ["q", "3", `q = "3": must be a number > 2`],
  ["q", null, "q = null: must be a number > 2"],
  ["q", Infinity, "q = Infinity: must be a number > 2"],
  ["sigmaP", 0, "sigmaP = 0: must be a number > 0"],
  ["sigmaP", -1, "sigmaP = -1: must be a number > 0"],
  ["sigmaP", null, "sigmaP = null: must be a number > 0"],
  ["alpha", [1, 0], "alpha[1] = 0: must be a number > 0"],
  ["alpha", [-1, 0.3], "alpha[0] = -1: must be a number > 0"],
  ["alpha", [1, "0.3"], `alpha[1] = "0.3": must be a number > 0`],
  ["alpha", [1, null], "alpha[1] = null: must be a number > 0"],
  ["alpha", [1], "alpha has 1 entries: must have K = 2"],
  ["alpha", [1, 1, 1], "alpha has 3 entries: must have K = 2"],
  ["alpha", 1, "alpha = 1: must be an array of K numbers"],
  ["mu", [0.1, 1], "mu[1] = 1: must be a number in [0, 1)"],
  ["mu", [-0.1, 0], "mu[0] = -0.1: must be a number in [0, 1)"],
  ["mu", [0.1], "mu has 1 entries: must have K = 2"],
  ["mu", "0.1", `mu = "0.1": must be an array of K numbers`],
  ["name", "a b", `name = "a b": must be a string of letters, digits, _ . -`],
  ["name", 7, "name = 7: must be a string"],
  ["checkpointEvery", 0, "checkpointEvery = 0: must be a positive integer"],
  ["checkpointEvery", 1.5, "checkpointEvery = 1.5: must be a positive integer"],
  ["require", { claims: "L1", seeds: [0] }, "require = "],
  ["require", { claims: ["L1"], seeds: [-1] }, "require = "],
  ["require", null, "require = null"],
  ["q", 1000, "rho^(q-1) = 0: must lie in [1.2e-38, 3.4e38]"],
  ["alpha", [1e300, 0.3], "alpha[0] = 1e+300: must lie in [1.2e-38, 3.4e38]"],
  ["rho", 1e-300, "rho = 1e-300: must lie in [1.2e-38, 3.4e38]"],
  ["colour", "red", `unknown field "colour"`],
];

Deno.test("every validation rule names the field, the value and the allowed range", () => {
  for (const [field, bad, want] of CASES) {
    const raw: Record<string, unknown> = { ...VALID, [field]: bad };
    const msg = problem(raw);
    assert.ok(msg.includes(want), `${field} = ${String(bad)}: got "${msg}", want "${want}"`);
  }
});

Deno.test("all problems of a scenario are reported together", () => {
  const msg = problem({ ...VALID, d: 0, q: 2, mu: [2, 0.1], extra: 1 });
  for (const want of ["d = 0", "q = 2", "mu[0] = 2", `unknown field "extra"`]) {
    assert.ok(msg.includes(want), `missing ${want} in ${msg}`);
  }
  assert.equal(msg.split("; ").length, 4);
});

Deno.test("a scenario must be a JSON object", () => {
  for (const raw of [null, 3, "default", [VALID]]) {
    assert.ok(problem(raw).includes("a scenario must be a JSON object"));
  }
});

Deno.test("malformed JSON, and NaN or Infinity (not JSON), are reported as invalid JSON", () => {
  const text = JSON.stringify(VALID);
  for (
    const bad of [
      "{",
      text.slice(0, -1),
      text.replace('"q":3', '"q":NaN'),
      text.replace('"rho":0.1', '"rho":Infinity'),
    ]
  ) {
    assert.throws(
      () => parseScenario(bad, "file.json"),
      (e: unknown) => e instanceof InputError && /^file\.json: not valid JSON \(/.test(e.message),
    );
  }
  // What JSON can carry instead — strings and nulls — is caught by validation.
  assert.throws(
    () => parseScenario(text.replace('"q":3', '"q":"NaN"'), "file.json"),
    /file\.json: q = "NaN": must be a number > 2/,
  );
  assert.throws(
    () => parseScenario(text.replace('"rho":0.1', '"rho":null'), "file.json"),
    /file\.json: rho = null: must be a number > 0/,
  );
  assert.equal(parseScenario(text, "file.json").q, 3);
});

Deno.test("loadScenario resolves the shipped names", async () => {
  for (const name of SCENARIO_NAMES) {
    const s = await loadScenario(name);
    assert.equal(s.name, name);
    assert.ok(s.require.claims.length > 0, `${name} lists the claims it must pass`);
  }
  const def = await loadScenario("default");
  assert.deepEqual(
    [def.K, def.d, def.P, def.N, def.nTest, def.m, def.q, def.rho, def.sigma0, def.eta, def.T],
    [2, 200, 4, 200, 2000, 10, 3, 0.1, 0.01, 0.05, 3000],
  );
  assert.deepEqual(def.alpha, [1, 0.3]);
  assert.deepEqual(def.mu, [0.1, 0.02]);
  assert.equal(def.sigmaP, 1 / Math.sqrt(200));
  assert.deepEqual((await loadScenario("k3")).alpha, [1, 0.3, 0.25]);
  assert.deepEqual((await loadScenario("symmetric")).alpha, [0.4, 0.4]);
});

Deno.test("loadScenario reads a path, and names an unnamed scenario after its file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/my-case.json`;
    await Deno.writeTextFile(path, JSON.stringify({ ...VALID, name: undefined }));
    const s = await loadScenario(path);
    assert.equal(s.name, "my-case");
    assert.equal(s.N, 10);
    await Deno.writeTextFile(path, JSON.stringify(VALID));
    assert.equal((await loadScenario(path)).name, "tiny");
    await Deno.writeTextFile(path, JSON.stringify({ ...VALID, eta: -1 }));
    await assert.rejects(
      loadScenario(path),
      (e: unknown) =>
        e instanceof InputError && e.message === `${path}: eta = -1: must be a number > 0`,
    );
    await assert.rejects(
      loadScenario(`${dir}/missing.json`),
      (e: unknown) =>
        e instanceof InputError &&
        e.message === `--scenario ${dir}/missing.json: cannot read the file (NotFound)`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadScenario refuses an unknown name and lists the shipped ones", async () => {
  await assert.rejects(
    loadScenario("defualt"),
    (e: unknown) =>
      e instanceof InputError &&
      e.message ===
        "--scenario defualt: unknown scenario; use one of default, symmetric, k3 or a path to a .json file",
  );
});

Deno.test("assertFits refuses an oversized scenario and states the estimate", async () => {
  const def = await loadScenario("default");
  assert.ok(estimateBytes(def) < DEFAULT_MAX_BYTES);
  assertFits(def, DEFAULT_MAX_BYTES);
  const big = { ...def, name: "big", N: 2_000_000 };
  const need = estimateBytes(big);
  assert.ok(need > DEFAULT_MAX_BYTES);
  const gib = (need / 1024 ** 3).toFixed(2);
  assert.throws(
    () => assertFits(big, DEFAULT_MAX_BYTES),
    (e: unknown) =>
      e instanceof InputError &&
      e.message.includes(`scenario big: needs about ${gib} GiB`) &&
      e.message.includes("more than the limit of 4.00 GiB") &&
      e.message.includes("MODCOMP_MAX_BYTES"),
  );
  // The limit is a parameter: the default scenario does not fit in 1 MiB.
  assert.throws(() => assertFits(def, 1024 ** 2), /needs about .* GiB of memory/);
});

Deno.test("estimateBytes grows with every size", async () => {
  const def = await loadScenario("default");
  const base = estimateBytes(def);
  for (const f of ["K", "d", "P", "N", "nTest", "m", "T"] as const) {
    assert.ok(estimateBytes({ ...def, [f]: def[f] * 2 }) > base, `${f} does not count`);
  }
});
