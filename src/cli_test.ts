import assert from "node:assert/strict";
import { runFiles, toJson } from "./export.ts";
import { loadScenario } from "./scenario.ts";
import { prepare, train } from "./train.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `modcomp ARGS` as its own process, in `cwd`, and capture everything it prints. */
async function modcomp(args: string[], cwd: string): Promise<Result> {
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, CLI, ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: res.code, stdout: text(res.stdout), stderr: text(res.stderr) };
}

/** Every path under `dir`, relative, sorted. */
async function listTree(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(`${dir}/${prefix}`)) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    out.push(rel);
    if (e.isDirectory) out.push(...await listTree(dir, rel));
  }
  return out.sort();
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "modcomp-cli-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("train --steps 20 --json prints one JSON summary with the hitting times", async () => {
  await withTempDir(async (dir) => {
    const r = await modcomp(["train", "--steps", "20", "--json"], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.steps, 20);
    assert.equal(summary.mode, "joint");
    assert.equal(summary.seed, 0);
    assert.equal(summary.scenario.name, "default");
    // Modality 0 of the default scenario, seed 0, is learned at step 20; modality 1 is not
    // (Infinity is written as null).
    assert.deepEqual(summary.hitTime, [20, null]);
    assert.deepEqual(await listTree(dir), [], "nothing written without --out");
  });
});

Deno.test("predict --json prints the library's prediction", async () => {
  await withTempDir(async (dir) => {
    const r = await modcomp(["predict", "--json"], dir);
    assert.equal(r.code, 0, r.stderr);
    const got = JSON.parse(r.stdout);
    assert.equal(got.scenario, "default");
    assert.equal(got.seed, 0);
    const want = prepare(await loadScenario("default"), 0).prediction;
    assert.deepEqual(got.prediction, JSON.parse(toJson(want)));
    assert.equal(got.prediction.winner, 0);
  });
});

Deno.test("train without --json prints a table", async () => {
  await withTempDir(async (dir) => {
    const r = await modcomp(["train", "--steps", "3", "--mode", "uni:1", "--seed", "2"], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^scenario default {2}seed 2 {2}mode uni:1 {2}backend wasm {2}3 steps/);
    assert.match(r.stdout, /\nmodality +trained +tau/);
  });
});

Deno.test("train --out writes the run's files, the same bytes as the library", async () => {
  await withTempDir(async (dir) => {
    const r = await modcomp(["train", "--steps", "5", "--out", "run", "--json"], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = await loadScenario("default");
    const prep = prepare(s, 0);
    const files = runFiles(await train(s, { steps: 5, prepared: prep }), prep);
    const tree = await listTree(dir);
    assert.deepEqual(
      tree,
      ["run", "run/arrays", ...[...files.keys()].map((p) => `run/${p}`)].sort(),
      "exactly the run's files, no temporary leftovers",
    );
    for (const [path, content] of files) {
      assert.deepEqual(await Deno.readFile(`${dir}/run/${path}`), content, path);
    }
  });
});

Deno.test("bad input exits 2 with one line on stderr and writes nothing", async () => {
  await withTempDir(async (root) => {
    const cases: [string, string[], string][] = [
      ["unknown scenario", ["--scenario", "nope"], "--scenario nope: unknown scenario"],
      [
        "invalid scenario file",
        ["--scenario", "bad.json"],
        "bad.json: q = 2: must be a number > 2",
      ],
      ["negative seed", ["--seed", "-1"], "--seed -1: must be an integer"],
      ["no such modality", ["--mode", "uni:9"], "--mode uni:9: unknown mode"],
      ["steps not a number", ["--steps", "x"], "--steps x: must be an integer"],
      ["unknown option", ["--colour", "red"], "unknown option '--colour'"],
      ["out under a regular file", ["--out", "file/run"], "--out file/run: cannot write there"],
      ["out is a regular file", ["--out", "file"], "--out file: cannot write there"],
    ];
    const def = JSON.parse(
      await Deno.readTextFile(new URL("../fixtures/scenarios/default.json", import.meta.url)),
    );
    await Promise.all(cases.map(async (_case, k) => {
      const cwd = `${root}/${k}`;
      await Deno.mkdir(cwd);
      await Deno.writeTextFile(`${cwd}/file`, "keep me\n");
      await Deno.writeTextFile(`${cwd}/bad.json`, JSON.stringify({ ...def, q: 2 }));
    }));
    const results = await Promise.all(cases.map(([_, args], k) => {
      const out = args.includes("--out") ? [] : ["--out", "run"];
      return modcomp(["train", "--steps", "5", ...args, ...out], `${root}/${k}`);
    }));
    for (const [k, [name, _args, want]] of cases.entries()) {
      const r = results[k];
      assert.equal(r.code, 2, `${name}: exit ${r.code}\n${r.stderr}`);
      assert.equal(r.stdout, "", `${name}: printed ${r.stdout}`);
      const lines = r.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, `${name}: ${r.stderr}`);
      assert.ok(lines[0].startsWith("modcomp: "), `${name}: ${lines[0]}`);
      assert.ok(lines[0].includes(want), `${name}: "${lines[0]}" lacks "${want}"`);
      const cwd = `${root}/${k}`;
      assert.deepEqual(await listTree(cwd), ["bad.json", "file"], `${name}: wrote something`);
      assert.equal(await Deno.readTextFile(`${cwd}/file`), "keep me\n");
    }
  });
});

Deno.test("predict refuses a bad seed and a missing command is bad input", async () => {
  await withTempDir(async (dir) => {
    const [seed, none] = await Promise.all([
      modcomp(["predict", "--seed", "1.5"], dir),
      modcomp([], dir),
    ]);
    assert.equal(seed.code, 2);
    assert.match(seed.stderr, /^modcomp: --seed 1\.5: must be an integer/);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^modcomp: missing command/);
  });
});
