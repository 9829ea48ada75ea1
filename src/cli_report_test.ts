import assert from "node:assert/strict";
import { main } from "./cli.ts";
import { loadScenario } from "./scenario.ts";

/** Run the CLI, capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const log = console.log, error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    const code = await main(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

async function withDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "modcomp-cli-report-test-" });
  try {
    await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function entries(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

Deno.test("bad input to sweep, merge and report: one line, exit 2, nothing written", async () => {
  await withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/file`, "x");
    const cases: [string[], RegExp][] = [
      [["sweep", "--grid", "ratio=abc,mu0=0.1", "--out", `${dir}/a.jsonl`], /--grid/],
      [["sweep", "--grid", "ratio=0.5", "--out", `${dir}/a.jsonl`], /mu0 is missing/],
      [["sweep", "--grid", `${dir}/nogrid.json`, "--out", `${dir}/a.jsonl`], /readable file/],
      [
        ["sweep", "--grid", "ratio=0.5,mu0=0.1", "--shard", "2/2", "--out", `${dir}/a.jsonl`],
        /--shard 2\/2/,
      ],
      [
        ["sweep", "--grid", "ratio=0.5,mu0=0.1", "--shard", "x", "--out", `${dir}/a.jsonl`],
        /--shard/,
      ],
      [
        ["sweep", "--grid", "ratio=0.5,mu0=0.1", "--workers", "0", "--out", `${dir}/a.jsonl`],
        /--workers/,
      ],
      [
        ["sweep", "--grid", "ratio=0.5,mu0=0.1", "--seeds", "x", "--out", `${dir}/a.jsonl`],
        /--seeds/,
      ],
      [
        ["sweep", "--grid", "ratio=0.5,mu0=0.1", "--scenario", "k3", "--out", `${dir}/a.jsonl`],
        /two-modality/,
      ],
      [["sweep", "--grid", "ratio=0.5,mu0=0.1", "--out", `${dir}/file/a.jsonl`], /--out/],
      [["sweep", "--grid", "ratio=0.5,mu0=0.1"], /--out/],
      [["merge", "--out", `${dir}/m.jsonl`], /files/],
      [["merge", `${dir}/none.jsonl`, "--out", `${dir}/m.jsonl`], /none\.jsonl/],
      [["report", "--grid", "ratio=,mu0=0.1", "--out", `${dir}/r`], /--grid/],
      [["report", "--seeds", "1-0", "--out", `${dir}/r`], /--seeds/],
      [["report", "--claims", "T9", "--out", `${dir}/r`], /T9/],
      [["report", "--scenario", "nope", "--out", `${dir}/r`], /nope/],
      [["report", "--out", `${dir}/file/r`], /--out/],
      [
        ["report", "--cells", `${dir}/none.jsonl`, "--grid", "none", "--out", `${dir}/r`],
        /--cells/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.err, pattern, args.join(" "));
      assert.equal(r.err.split("\n").length, 1, args.join(" "));
      assert.deepEqual(entries(dir), ["file"], args.join(" "));
    }
  });
});

Deno.test("sweep, resume, shards and merge from the command line", async () => {
  await withDir(async (dir) => {
    const s = await loadScenario("default");
    await Deno.writeTextFile(
      `${dir}/tiny.json`,
      JSON.stringify({ ...s, name: "tiny", N: 50, nTest: 100, checkpointEvery: 50 }),
    );
    const grid = ["--grid", "ratio=0.3/0.9,mu0=0.05", "--seeds", "0-1"];
    const common = ["--scenario", `${dir}/tiny.json`, "--steps", "150", ...grid];
    const full = await cli([
      "sweep",
      ...common,
      "--workers",
      "2",
      "--out",
      `${dir}/full.jsonl`,
      "--json",
    ]);
    assert.equal(full.code, 0, full.err);
    assert.equal(JSON.parse(full.out).ran, 4);
    const again = await cli(["sweep", ...common, "--out", `${dir}/full.jsonl`]);
    assert.equal(again.code, 0);
    assert.match(again.out, /0 cells run, 4 already there/);
    for (const i of [0, 1]) {
      const r = await cli([
        "sweep",
        ...common,
        "--shard",
        `${i}/2`,
        "--workers",
        "1",
        "--out",
        `${dir}/s${i}.jsonl`,
        "--json",
      ]);
      assert.equal(r.code, 0, r.err);
    }
    const m = await cli([
      "merge",
      `${dir}/s0.jsonl`,
      `${dir}/s1.jsonl`,
      "--out",
      `${dir}/m.jsonl`,
      ...grid,
      "--json",
    ]);
    assert.equal(m.code, 0, m.err);
    assert.deepEqual(JSON.parse(m.out).missing, []);
    const single = await cli(["merge", `${dir}/full.jsonl`, "--out", `${dir}/single.jsonl`]);
    assert.equal(single.code, 0);
    assert.equal(
      await Deno.readTextFile(`${dir}/m.jsonl`),
      await Deno.readTextFile(`${dir}/single.jsonl`),
    );
    // a grid of another base cannot be appended to this file
    const other = await cli([
      "sweep",
      ...grid,
      "--steps",
      "100",
      "--scenario",
      `${dir}/tiny.json`,
      "--out",
      `${dir}/full.jsonl`,
    ]);
    assert.equal(other.code, 2);
    assert.match(other.err, /another sweep/);
  });
});
