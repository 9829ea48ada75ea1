import assert from "node:assert/strict";
import { InputError } from "./errors.ts";
import { toJson } from "./export.ts";
import { cellKey, type Grid, gridCells, scenarioFingerprint } from "./grid.ts";
import {
  agreement,
  type CellResult,
  measureCell,
  predictCell,
  predictedBoundary,
} from "./phase.ts";
import { loadScenario, type Scenario } from "./scenario.ts";
import { mergeCellFiles, parseCellFile, readCellFile, runCells, sweep } from "./sweep.ts";
import { prepare } from "./train.ts";
import { cellScenario } from "./grid.ts";

/** A small base: the default scenario, shrunk so that a cell trains in a fraction of a second. */
async function tiny(): Promise<Scenario> {
  const s = await loadScenario("default");
  return { ...s, name: "tiny", T: 200, N: 50, nTest: 100, checkpointEvery: 50 };
}

const GRID: Grid = { ratio: [0.3, 0.9], mu0: [0.05, 0.3], seeds: [0, 1] };

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "modcomp-sweep-test-" });
}

Deno.test("a cell measures the joint run and compares it with the prediction", async () => {
  const base = await tiny();
  const r = await measureCell(base, { ratio: 0.3, mu0: 0.05, seed: 0 });
  assert.equal(r.key, "ratio=0.3,mu0=0.05,seed=0");
  assert.equal(r.fingerprint, scenarioFingerprint(base));
  assert.deepEqual(r.alpha, [1, 0.3]);
  assert.deepEqual(r.mu, [0.05, 0.02]);
  assert.equal(r.T, 200);
  assert.equal(r.measured.winner, 0);
  assert.equal(r.predicted.winner, 0);
  assert.equal(r.measured.learned[0], true);
  assert.equal(r.measured.learned[1], false);
  assert.equal(r.agree, r.predicted.learned.every((l, k) => l === r.measured.learned[k]));
  // the line is plain JSON: Infinity is written as null
  assert.equal(r.measured.hitTime[1], null);
  assert.doesNotThrow(() => JSON.parse(toJson(r)));
});

Deno.test("predictCell equals the prediction of the full preparation", async () => {
  const base = await tiny();
  for (const cell of [{ ratio: 0.3, mu0: 0.05, seed: 0 }, { ratio: 0.9, mu0: 0.3, seed: 4 }]) {
    const full = prepare(cellScenario(base, cell), cell.seed).prediction;
    assert.deepEqual(predictCell(base, cell), full);
  }
});

Deno.test("results do not depend on the number of workers, and match in-process runs", async () => {
  const base = await tiny();
  const cells = gridCells(GRID);
  const one = await runCells(base, cells, { workers: 1 });
  const two = await runCells(base, [...cells].reverse(), { workers: 2 });
  assert.deepEqual(two.map((r) => r.key), cells.map(cellKey));
  assert.equal(toJson(two), toJson(one));
  const inProcess = await measureCell(base, cells[3]);
  assert.equal(toJson(inProcess), toJson(one[3]));
});

Deno.test("a worker's InputError reaches the caller as an InputError", async () => {
  const base = await tiny();
  await assert.rejects(
    runCells({ ...base, K: 1, alpha: [1], mu: [0] }, [{ ratio: 1, mu0: 0, seed: 0 }]),
    InputError,
  );
});

Deno.test("a cut-off last line is dropped; a bad complete line is refused", () => {
  const line = '{"key":"ratio=0.5,mu0=0.1,seed=0","fingerprint":"x","ratio":0.5,"mu0":0.1,' +
    '"seed":0,"predicted":{},"measured":{}}';
  const ok = parseCellFile(line + "\n" + line.slice(0, 20), "f.jsonl");
  assert.equal(ok.results.length, 1);
  assert.equal(ok.truncated, true);
  assert.equal(ok.validBytes, new TextEncoder().encode(line + "\n").length);
  assert.equal(parseCellFile(line + "\n", "f.jsonl").truncated, false);
  assert.equal(parseCellFile("", "f.jsonl").results.length, 0);
  assert.throws(() => parseCellFile("nonsense\n" + line + "\n", "f.jsonl"), /f\.jsonl:1:/);
  assert.throws(() => parseCellFile('{"key":"ratio=1,mu0=0,seed=0"}\n', "f.jsonl"), InputError);
});

Deno.test("a resumed sweep skips finished cells, repairs a cut-off line, and ends equal", async () => {
  const base = await tiny();
  const dir = await tempDir();
  try {
    const full = `${dir}/full.jsonl`;
    const s1 = await sweep({ base, grid: GRID, out: full, workers: 2 });
    assert.equal(s1.ran, 8);
    assert.equal(s1.skipped, 0);
    // a run killed after three cells, in the middle of writing the fourth line
    const lines = (await Deno.readTextFile(full)).split("\n").filter((l) => l !== "");
    const part = `${dir}/part.jsonl`;
    await Deno.writeTextFile(part, lines.slice(0, 3).join("\n") + "\n" + lines[3].slice(0, 40));
    const seen: string[] = [];
    const s2 = await sweep({
      base,
      grid: GRID,
      out: part,
      workers: 1,
      onResult: (r) => seen.push(r.key),
    });
    assert.equal(s2.repaired, true);
    assert.equal(s2.skipped, 3);
    assert.equal(s2.ran, 5);
    const done = new Set(lines.slice(0, 3).map((l) => JSON.parse(l).key));
    assert.ok(seen.every((k) => !done.has(k)));
    // every line of the resumed file is complete, and merged it equals the full run
    assert.equal((await readCellFile(part)).truncated, false);
    await mergeCellFiles([full], `${dir}/a.jsonl`);
    await mergeCellFiles([part], `${dir}/b.jsonl`);
    assert.equal(
      await Deno.readTextFile(`${dir}/a.jsonl`),
      await Deno.readTextFile(`${dir}/b.jsonl`),
    );
    // a third run has nothing left to do
    const s3 = await sweep({ base, grid: GRID, out: part, workers: 2 });
    assert.equal(s3.ran, 0);
    assert.equal(s3.skipped, 8);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("two shards merged equal one full run", async () => {
  const base = await tiny();
  const dir = await tempDir();
  try {
    await sweep({ base, grid: GRID, out: `${dir}/full.jsonl`, workers: 2 });
    const a = await sweep({
      base,
      grid: GRID,
      out: `${dir}/s0.jsonl`,
      shard: { index: 0, count: 2 },
      workers: 1,
    });
    const b = await sweep({
      base,
      grid: GRID,
      out: `${dir}/s1.jsonl`,
      shard: { index: 1, count: 2 },
      workers: 1,
    });
    assert.equal(a.cells + b.cells, 8);
    const m = await mergeCellFiles(
      [`${dir}/s1.jsonl`, `${dir}/s0.jsonl`, `${dir}/s0.jsonl`],
      `${dir}/merged.jsonl`,
      GRID,
    );
    assert.equal(m.cells, 8);
    assert.equal(m.duplicates, a.cells);
    assert.deepEqual(m.missing, []);
    await mergeCellFiles([`${dir}/full.jsonl`], `${dir}/single.jsonl`);
    const merged = await Deno.readTextFile(`${dir}/merged.jsonl`);
    assert.equal(merged, await Deno.readTextFile(`${dir}/single.jsonl`));
    // sorted by cell
    const keys = merged.trim().split("\n").map((l) => JSON.parse(l).key);
    assert.deepEqual(keys, gridCells(GRID).map(cellKey));
    // a merge of one shard reports the missing cells
    const half = await mergeCellFiles([`${dir}/s0.jsonl`], `${dir}/half.jsonl`, GRID);
    assert.equal(half.missing.length, b.cells);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("merge refuses conflicting duplicates and files of another base", async () => {
  const base = await tiny();
  const dir = await tempDir();
  try {
    const r = await measureCell(base, { ratio: 0.3, mu0: 0.05, seed: 0 });
    const altered: CellResult = { ...r, measured: { ...r.measured, testError: 0.5 } };
    await Deno.writeTextFile(`${dir}/a.jsonl`, toJson(r) + "\n");
    await Deno.writeTextFile(`${dir}/b.jsonl`, toJson(altered) + "\n");
    await Deno.writeTextFile(`${dir}/c.jsonl`, toJson({ ...r, fingerprint: "00000000" }) + "\n");
    await assert.rejects(
      mergeCellFiles([`${dir}/a.jsonl`, `${dir}/b.jsonl`], `${dir}/m.jsonl`),
      /differs/,
    );
    await assert.rejects(
      mergeCellFiles([`${dir}/a.jsonl`, `${dir}/c.jsonl`], `${dir}/m.jsonl`),
      /another sweep/,
    );
    await assert.rejects(mergeCellFiles([`${dir}/none.jsonl`], `${dir}/m.jsonl`), InputError);
    await assert.rejects(mergeCellFiles([], `${dir}/m.jsonl`), InputError);
    assert.equal(await Deno.stat(`${dir}/m.jsonl`).catch(() => null), null);
    // a sweep refuses to append to a file of another base, before writing anything
    const before = await Deno.readTextFile(`${dir}/c.jsonl`);
    await assert.rejects(
      sweep({ base, grid: GRID, out: `${dir}/c.jsonl` }),
      /another sweep/,
    );
    assert.equal(await Deno.readTextFile(`${dir}/c.jsonl`), before);
    await assert.rejects(
      sweep({ base: await loadScenario("k3"), grid: GRID, out: `${dir}/k3.jsonl` }),
      /two-modality/,
    );
    assert.equal(await Deno.stat(`${dir}/k3.jsonl`).catch(() => null), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a sweep into a folder or an unwritable place is an InputError", async () => {
  const base = await tiny();
  const dir = await tempDir();
  try {
    await assert.rejects(sweep({ base, grid: GRID, out: dir }), InputError);
    await Deno.writeTextFile(`${dir}/file`, "x");
    await assert.rejects(sweep({ base, grid: GRID, out: `${dir}/file/cells.jsonl` }), InputError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("agreement counts cells near and away from the boundary", () => {
  const cell = (agree: boolean, near: boolean) => ({ agree, near }) as CellResult;
  const a = agreement([cell(true, false), cell(false, true), cell(true, true), cell(false, false)]);
  assert.deepEqual(a, { n: 4, agree: 2, away: 2, awayAgree: 1, near: 2, nearAgree: 1 });
});

Deno.test("the predicted boundary M_s = 1 crosses the default grid between starved and learned", async () => {
  const base = await loadScenario("default");
  const grid = { ratio: [0.2, 0.8], mu0: [0.02, 0.3], seeds: [0] };
  const pts = predictedBoundary(base, grid, 3, 8).filter((p) => p.curve === "M_s = 1");
  assert.ok(pts.length >= 2);
  for (const p of pts) {
    const M = (r: number) => predictCell(base, { ratio: r, mu0: p.mu0, seed: 0 }).margin[1];
    assert.ok(M(p.ratio * 0.95) > 1 && M(p.ratio * 1.05) < 1, `${p.ratio} ${p.mu0}`);
  }
});
