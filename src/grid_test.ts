import assert from "node:assert/strict";
import { InputError } from "./errors.ts";
import {
  cellEdges,
  cellKey,
  cellScenario,
  compareCells,
  gridCells,
  gridFromJson,
  parseGridSpec,
  parseShard,
  parseValues,
  readGrid,
  scenarioFingerprint,
  shardCells,
} from "./grid.ts";
import { loadScenario } from "./scenario.ts";

Deno.test("a range A:B:N gives N evenly spaced values, tidied", () => {
  assert.deepEqual(parseValues("ratio", "0.2:1:5", "--grid"), [0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(parseValues("mu0", "0:0.3:4", "--grid"), [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(parseValues("mu0", "0.1:0.1:1", "--grid"), [0.1]);
});

Deno.test("lists are sorted and deduplicated; one number is one value", () => {
  assert.deepEqual(parseValues("ratio", "1/0.5/0.5/0.25", "--grid"), [0.25, 0.5, 1]);
  assert.deepEqual(parseValues("ratio", "0.3", "--grid"), [0.3]);
});

Deno.test("a grid spec needs ratio and mu0, with values in range", () => {
  const g = parseGridSpec("ratio=0.2:1:5,mu0=0.02:0.2:4");
  assert.deepEqual(g.ratio, [0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(g.mu0, [0.02, 0.08, 0.14, 0.2]);
  assert.deepEqual(parseGridSpec("mu0=0.1 ratio=0.5").ratio, [0.5]);
  const bad = [
    "",
    "ratio=0.5",
    "mu0=0.1",
    "ratio=0.5,mu0=0.1,seed=3",
    "ratio=0.5,ratio=0.6,mu0=0.1",
    "ratio=a:b:3,mu0=0.1",
    "ratio=0.1:1:0,mu0=0.1",
    "ratio=0.1:1:2.5,mu0=0.1",
    "ratio=0.1:1:1,mu0=0.1",
    "ratio=0,mu0=0.1",
    "ratio=-1/1,mu0=0.1",
    "ratio=0.5,mu0=1",
    "ratio=0.5,mu0=-0.1",
    "ratio=0.5/x,mu0=0.1",
    "ratio0.5,mu0=0.1",
  ];
  for (const spec of bad) {
    assert.throws(() => parseGridSpec(spec), InputError, spec);
  }
});

Deno.test("error messages name the flag and show an example", () => {
  assert.throws(() => parseGridSpec("ratio=0.5"), /--grid ratio=0\.5: mu0 is missing \(e\.g\./);
  assert.throws(() => parseGridSpec("ratio=0.5,mu0=2"), /mu0 2: must be a number in \[0, 1\)/);
});

Deno.test("grid files: values as lists or ranges, optional seeds, scenario and steps", () => {
  const g = gridFromJson(
    { ratio: [0.5, 0.25], mu0: "0:0.2:3", seeds: "0-2", scenario: "default", steps: 500 },
    "g.json",
  );
  assert.deepEqual(g, {
    ratio: [0.25, 0.5],
    mu0: [0, 0.1, 0.2],
    seeds: [0, 1, 2],
    scenario: "default",
    steps: 500,
  });
  assert.deepEqual(gridFromJson({ ratio: 0.5, mu0: [0.1], seeds: [3, 1, 3] }, "g").seeds, [1, 3]);
  for (
    const bad of [
      [],
      null,
      { ratio: [0.5] },
      { ratio: [], mu0: [0.1] },
      { ratio: [0.5], mu0: [0.1], extra: 1 },
      { ratio: [0.5], mu0: [0.1], seeds: [-1] },
      { ratio: [0.5], mu0: [0.1], seeds: "x" },
      { ratio: [0.5], mu0: [0.1], steps: 0 },
      { ratio: [0.5], mu0: [0.1], scenario: 3 },
      { ratio: ["a"], mu0: [0.1] },
    ]
  ) {
    assert.throws(() => gridFromJson(bad, "g.json"), InputError, JSON.stringify(bad));
  }
});

Deno.test("readGrid takes a spec or a file, and refuses an unreadable or invalid file", async () => {
  assert.deepEqual((await readGrid("ratio=0.5,mu0=0.1")).mu0, [0.1]);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/g.json`, JSON.stringify({ ratio: [0.5], mu0: [0.1, 0.2] }));
    assert.deepEqual((await readGrid(`${dir}/g.json`)).mu0, [0.1, 0.2]);
    await Deno.writeTextFile(`${dir}/bad.json`, "{ratio");
    await assert.rejects(readGrid(`${dir}/bad.json`), /not valid JSON/);
    await assert.rejects(readGrid(`${dir}/missing.json`), /neither a spec .* nor a readable file/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cells come in canonical order and have tidy keys", () => {
  const cells = gridCells({ ratio: [0.5, 0.25], mu0: [0.2, 0.1], seeds: [1, 0] });
  assert.deepEqual(cells.map(cellKey), [
    "ratio=0.25,mu0=0.1,seed=0",
    "ratio=0.25,mu0=0.1,seed=1",
    "ratio=0.25,mu0=0.2,seed=0",
    "ratio=0.25,mu0=0.2,seed=1",
    "ratio=0.5,mu0=0.1,seed=0",
    "ratio=0.5,mu0=0.1,seed=1",
    "ratio=0.5,mu0=0.2,seed=0",
    "ratio=0.5,mu0=0.2,seed=1",
  ]);
  assert.equal(cellKey({ ratio: 0.1 + 0.2, mu0: 0.1, seed: 2 }), "ratio=0.3,mu0=0.1,seed=2");
  assert.ok(compareCells(cells[1], cells[0]) > 0);
});

Deno.test("parseShard accepts i/n with 0 ≤ i < n only", () => {
  assert.deepEqual(parseShard("0/1"), { index: 0, count: 1 });
  assert.deepEqual(parseShard(" 3 / 4 "), { index: 3, count: 4 });
  for (const bad of ["4/4", "1/0", "-1/2", "1", "a/b", "1/2/3", "1.5/4", ""]) {
    assert.throws(() => parseShard(bad), InputError, bad);
  }
});

Deno.test("shards are disjoint, cover the grid and do not depend on the input order", () => {
  const cells = gridCells({ ratio: [0.2, 0.4, 0.6], mu0: [0, 0.1, 0.2, 0.3], seeds: [0, 1, 2] });
  const shuffled = [...cells].reverse();
  for (const n of [1, 2, 3, 5, 7, 40]) {
    const seen = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < n; i++) {
      const share = shardCells(cells, { index: i, count: n });
      assert.deepEqual(share, shardCells(shuffled, { index: i, count: n }));
      // balanced: sizes differ by at most one
      assert.ok(Math.abs(share.length - cells.length / n) < 1);
      for (const c of share) {
        assert.equal(seen.has(cellKey(c)), false, `${cellKey(c)} in two shards`);
        seen.set(cellKey(c), i);
      }
      total += share.length;
    }
    assert.equal(total, cells.length);
    assert.equal(seen.size, cells.length);
  }
});

Deno.test("a cell's scenario replaces alpha_1 and mu_0 only", async () => {
  const base = await loadScenario("default");
  const s = cellScenario(base, { ratio: 0.5, mu0: 0.2, seed: 3 });
  assert.deepEqual(s.alpha, [1, 0.5]);
  assert.deepEqual(s.mu, [0.2, 0.02]);
  assert.equal(s.T, base.T);
  assert.deepEqual(s.require, { claims: [], seeds: [] });
  const half = cellScenario({ ...base, alpha: [0.4, 0.1] }, { ratio: 0.3, mu0: 0, seed: 0 });
  assert.deepEqual(half.alpha, [0.4, 0.12]);
  assert.throws(() => cellScenario({ ...base, K: 1 }, { ratio: 1, mu0: 0, seed: 0 }), InputError);
});

Deno.test("the fingerprint changes with training parameters, not with the name", async () => {
  const base = await loadScenario("default");
  const f = scenarioFingerprint(base);
  assert.match(f, /^[0-9a-f]{8}$/);
  assert.equal(scenarioFingerprint({ ...base, name: "other" }), f);
  assert.notEqual(scenarioFingerprint({ ...base, T: 100 }), f);
  assert.notEqual(scenarioFingerprint({ ...base, eta: 0.01 }), f);
});

Deno.test("cell edges sit halfway between values", () => {
  assert.deepEqual(cellEdges([0.2, 0.4, 0.8]), [0.1, 0.3, 0.6, 1]);
  assert.deepEqual(cellEdges([0.5]), [0.45, 0.55]);
  assert.deepEqual(cellEdges([0]), [-0.05, 0.05]);
  assert.deepEqual(cellEdges([]), []);
});
