/**
 * The library surface of mod.ts: what it exports, that every export is documented with
 * @param, @returns and a runnable @example, and a study done through it end to end —
 * scenario, data, weights, training with a callback, predictions, claims, export.
 * @module
 */
import assert from "node:assert/strict";
import * as mod from "../mod.ts";
import {
  CLAIMS,
  claimsById,
  decodeNpy,
  features,
  gammaOf,
  gammaSeries,
  hitTime,
  initWeights,
  loadScenario,
  predict,
  prepare,
  runClaims,
  runFiles,
  sampleDataset,
  type StepInfo,
  streams,
  train,
  writeFilesAtomic,
} from "../mod.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("mod.ts exports every part of the documented surface", () => {
  const names = [
    // scenarios
    "loadScenario",
    "parseScenario",
    "validateScenario",
    "estimateBytes",
    "assertFits",
    "SCENARIO_NAMES",
    "InputError",
    // data and weights
    "streams",
    "sampleDataset",
    "initWeights",
    "features",
    "prepare",
    // training and observables
    "train",
    "gammaSeries",
    "gbarSeries",
    "hitTime",
    "finalCheckpoint",
    "parseMode",
    "runSet",
    // predictions
    "predict",
    "predictedHitTime",
    // claims
    "CLAIMS",
    "claimsById",
    "evaluateClaim",
    "runClaims",
    "verdictOf",
    // export
    "runFiles",
    "writeFilesAtomic",
    "assertWritableDir",
    "runSummary",
    "toJson",
    "encodeNpy",
    "decodeNpy",
  ];
  const missing = names.filter((n) => !(n in mod));
  assert.deepEqual(missing, []);
});

interface DocTag {
  kind: string;
  name?: string;
}
interface DocJs {
  doc?: string;
  tags?: DocTag[];
}
interface DocFn {
  params: { name?: string; left?: { name?: string } }[];
  returnType?: { repr: string; kind: string; value?: { typeParams?: { repr: string }[] } };
}

/** What a function's JSDoc lacks: a description, a @param per parameter, @returns. */
function fnProblems(js: DocJs | undefined, fn: DocFn, isCtor = false): string[] {
  const out: string[] = [];
  const tags = js?.tags ?? [];
  if (!js?.doc?.trim()) out.push("no description");
  const documented = new Set(tags.filter((t) => t.kind === "param").map((t) => t.name));
  for (const p of fn.params) {
    const name = p.name ?? p.left?.name;
    if (!documented.has(name)) out.push(`no @param ${name}`);
  }
  const rt = fn.returnType;
  const isVoid = rt === undefined || rt.repr === "void" ||
    (rt.repr === "Promise" && rt.value?.typeParams?.[0]?.repr === "void");
  if (!isCtor && !isVoid && !tags.some((t) => t.kind === "return")) out.push("no @returns");
  return out;
}

Deno.test("every export of mod.ts has JSDoc with @param, @returns and an @example", async () => {
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", "mod.ts"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(res.success, new TextDecoder().decode(res.stderr));
  const doc = JSON.parse(new TextDecoder().decode(res.stdout));
  const symbols = doc.nodes[new URL("mod.ts", ROOT).href].symbols;
  const problems: string[] = [];
  for (const sym of symbols) {
    for (const d of sym.declarations) {
      const js: DocJs | undefined = d.jsDoc;
      const where = `${sym.name} (${d.kind})`;
      if (!js?.doc?.trim()) problems.push(`${where}: no description`);
      const hasExample = (js?.tags ?? []).some((t) => t.kind === "example");
      if (d.kind === "function") {
        problems.push(
          ...fnProblems(js, d.def).filter((p) => p !== "no description").map((p) =>
            `${where}: ${p}`
          ),
        );
        if (!hasExample) problems.push(`${where}: no @example`);
      }
      if (d.kind === "class") {
        if (!hasExample) problems.push(`${where}: no @example`);
        for (const c of d.def.constructors ?? []) {
          problems.push(...fnProblems(c.jsDoc, c, true).map((p) => `${where} constructor: ${p}`));
        }
        for (const m of d.def.methods ?? []) {
          problems.push(
            ...fnProblems(m.jsDoc, m.functionDef).map((p) => `${where}.${m.name}: ${p}`),
          );
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("deno doc --lint mod.ts is clean", async () => {
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--lint", "mod.ts"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(res.stdout) + new TextDecoder().decode(res.stderr);
  assert.ok(res.success, text);
});

Deno.test("the @example of every export of mod.ts runs", async () => {
  const doc = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", "mod.ts"],
    cwd: ROOT,
    stdout: "piped",
  }).output();
  const symbols: { declarations: { location: { filename: string } }[] }[] =
    JSON.parse(new TextDecoder().decode(doc.stdout)).nodes[new URL("mod.ts", ROOT).href].symbols;
  const files = [
    "mod.ts",
    ...new Set(symbols.flatMap((s) => s.declarations.map((d) => d.location.filename))),
  ].map((f) => f.replace(ROOT.href, ""));
  const res = await new Deno.Command(Deno.execPath(), {
    args: [
      "test",
      "--doc",
      "--parallel",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      ...new Set(files),
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(res.stdout) + new TextDecoder().decode(res.stderr);
  const failed = out.split("\n").filter((l) => /\.\.\. FAILED/.test(l));
  assert.ok(res.success, `failing examples:\n${failed.join("\n")}\n${out.slice(-3000)}`);
});

Deno.test("a study through the library: sample, initialise, predict, train with a callback, export", async () => {
  const base = await loadScenario("default");
  const s = { ...base, d: 40, N: 60, nTest: 200, T: 120, checkpointEvery: 40 };
  const seed = 3;

  // D1 and D3 by hand, from the seed's streams, agree with prepare().
  const rng = streams(seed);
  const data = sampleDataset(s, s.N, rng.train);
  const W0 = initWeights(s, streams(seed).init);
  const prep = prepare(s, seed);
  assert.deepEqual(data.y, prep.train.y);
  assert.deepEqual(W0, prep.W0);
  const gamma0 = gammaOf(W0, s, features(s));
  assert.deepEqual(predict(s, data, gamma0), prep.prediction);

  // Joint training with a per-step callback: one call per step, matching the trajectory.
  const seen: StepInfo[] = [];
  const joint = await train(s, { seed, prepared: prep, onStep: (i) => seen.push(i) });
  assert.equal(seen.length, s.T + 1);
  assert.deepEqual(seen.map((i) => i.t), Array.from({ length: s.T + 1 }, (_, t) => t));
  for (const r of [0, 1]) {
    const g = gammaSeries(joint, r);
    assert.ok(seen.every((i) => Math.abs(i.gamma[r] - g[i.t]) <= 1e-7 * Math.abs(g[i.t])));
  }
  assert.ok(seen.every((i) => i.loss === joint.loss[i.t]));

  // Uni-modal training of modality 1 starts from the same weights and trains only φ_1.
  const uni = await train(s, { prepared: prep, mode: { kind: "uni", r: 1 } });
  assert.equal(uni.seed, seed, "the seed of the prepared sample");
  assert.deepEqual(uni.active, [1]);
  assert.equal(gammaSeries(uni, 1)[0], gammaSeries(joint, 1)[0]);
  assert.deepEqual(gammaSeries(uni, 0), new Float64Array(s.T + 1).fill(gammaSeries(joint, 0)[0]));

  // The predicted winner is learned within T, close to the predicted time (L5).
  const w = prep.prediction.winner;
  const predicted = prep.prediction.hitTime[w];
  assert.ok(Number.isFinite(predicted) && predicted < s.T, `T̂ = ${predicted}`);
  assert.ok(Math.abs(hitTime(joint, w) - predicted) <= Math.max(2, 0.03 * predicted));

  // Export, then read back what numpy would read.
  const dir = await Deno.makeTempDir({ prefix: "modcomp-api-" });
  try {
    await writeFilesAtomic(`${dir}/run`, runFiles(joint, prep));
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/run/trajectory.json`));
    assert.equal(summary.seed, seed);
    assert.equal(summary.mode, "joint");
    assert.equal(summary.series.loss.length, s.T + 1);
    const alignment = decodeNpy(await Deno.readFile(`${dir}/run/arrays/alignment.npy`));
    assert.deepEqual(alignment.shape, [s.T + 1, s.K, s.m]);
    assert.deepEqual(alignment.data, joint.alignment);
    const X0 = decodeNpy(await Deno.readFile(`${dir}/run/arrays/X0.npy`));
    assert.deepEqual(X0.shape, [s.N, s.P, s.d]);
    const left = [...Deno.readDirSync(`${dir}/run`)].map((e) => e.name).sort();
    assert.deepEqual(left, ["arrays", "trajectory.json"], "no temporary files left");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the claim registry and the runner return verdicts with their parts", async () => {
  assert.deepEqual(
    CLAIMS.map((c) => c.id),
    ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "T1", "T2", "T3"],
  );
  for (const c of CLAIMS) {
    assert.ok(c.title.length > 0 && c.statement.length > 0, c.id);
  }
  assert.deepEqual(claimsById(["l5", "T2"]).map((c) => c.id), ["L5", "T2"]);
  const s = await loadScenario("default");
  const seen: string[] = [];
  const results = await runClaims([s], {
    ids: ["L1"],
    seeds: [0, 1],
    onResult: (r) => seen.push(`${r.id}@${r.seed}`),
  });
  assert.deepEqual(seen, ["L1@0", "L1@1"]);
  for (const r of results) {
    assert.equal(r.scenario, "default");
    assert.equal(r.verdict, "pass");
    assert.ok(r.parts.length > 0 && r.parts.every((p) => p.verdict === "pass"));
  }
});
