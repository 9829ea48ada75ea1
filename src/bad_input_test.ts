/**
 * Bad input, everywhere: each case runs the CLI in a fresh temporary folder and expects
 * exit code 2, nothing on stdout, exactly one line on stderr that names the field or flag
 * and what is allowed, and no file created. Where a library function takes the same input,
 * it must throw an {@link InputError} with the same message.
 * @module
 */
import assert from "node:assert/strict";
import {
  assertWritableDir,
  claimsById,
  evaluateClaim,
  InputError,
  loadScenario,
  parseScenario,
  prepare,
  runClaims,
  sampleDataset,
  streams,
  train,
  validateScenario,
  writeFilesAtomic,
} from "../mod.ts";
import { parseSize } from "./bench.ts";
import { parseCount, parseSeeds } from "./cli_util.ts";
import { parseMode } from "./trajectory.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const DEFAULT_TEXT = await Deno.readTextFile(
  new URL("../fixtures/scenarios/default.json", import.meta.url),
);
const DEFAULT_RAW: Record<string, unknown> = JSON.parse(DEFAULT_TEXT);

/** The default scenario's JSON with some fields replaced (undefined: removed). */
function scenarioText(changes: Record<string, unknown>): string {
  const o: Record<string, unknown> = { ...DEFAULT_RAW, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete o[k];
  return JSON.stringify(o, null, 1);
}

/** Tiny but valid: cheap to sample, for library calls that must fail later. */
const TINY = validateScenario(
  JSON.parse(scenarioText({ name: "tiny", d: 8, N: 10, nTest: 10, m: 2, T: 5 })),
  "tiny",
);

interface Case {
  /** what is wrong */
  name: string;
  /** CLI arguments; `dir` is the temporary working folder */
  args: (dir: string) => string[];
  /** files to create in `dir` first */
  files?: Record<string, string>;
  /** what the one stderr line must say after `modcomp: ` */
  expect: RegExp;
  /** the library call taking the same input; it must throw InputError with the same text */
  api?: (dir: string) => unknown;
}

const BIG = "big.json";
const SWEEP_GRID = "ratio=0.2:0.8:2,mu0=0.02:0.32:2";
const CASES: Case[] = [
  // --- scenario files ---------------------------------------------------------------------
  {
    name: "malformed JSON",
    files: { "s.json": '{"K": 2, "d": ' },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: not valid JSON \(.+\)$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "NaN written in the JSON",
    files: { "s.json": DEFAULT_TEXT.replace('"eta": 0.05', '"eta": NaN') },
    args: (dir) => ["predict", "--scenario", `${dir}/s.json`],
    expect: /s\.json: not valid JSON \(Unexpected token 'N'.*"eta": NaN.*\)$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "a scenario that is not an object",
    files: { "s.json": "[1, 2]" },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: a scenario must be a JSON object, got \[1,2\]$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "wrong type: K a string",
    files: { "s.json": scenarioText({ K: "2" }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: K = "2": must be a positive integer$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "zero size: N = 0",
    files: { "s.json": scenarioText({ N: 0 }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: N = 0: must be a positive integer$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "negative size: d = -5",
    files: { "s.json": scenarioText({ d: -5 }) },
    args: (dir) => ["predict", "--scenario", `${dir}/s.json`],
    expect: /s\.json: d = -5: must be a positive integer$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "fractional size: P = 2.5",
    files: { "s.json": scenarioText({ P: 2.5 }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: P = 2\.5: must be a positive integer$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "Infinity (1e999 in the JSON): T",
    files: { "s.json": DEFAULT_TEXT.replace('"T": 3000', '"T": 1e999') },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: T = Infinity: must be a positive integer$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "Infinity (1e999 in the JSON): eta",
    files: { "s.json": DEFAULT_TEXT.replace('"eta": 0.05', '"eta": 1e999') },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: eta = Infinity: must be a number > 0$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "zero: rho = 0",
    files: { "s.json": scenarioText({ rho: 0 }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: rho = 0: must be a number > 0$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "negative: sigma0 = -0.01",
    files: { "s.json": scenarioText({ sigma0: -0.01 }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: sigma0 = -0\.01: must be a number > 0$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "q = 2",
    files: { "s.json": scenarioText({ q: 2 }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: q = 2: must be a number > 2$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "q < 2",
    files: { "s.json": scenarioText({ q: 1.5 }) },
    args: (dir) => ["predict", "--scenario", `${dir}/s.json`],
    expect: /s\.json: q = 1\.5: must be a number > 2$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "mu = 1 (outside [0, 1))",
    files: { "s.json": scenarioText({ mu: [1, 0.02] }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: mu\[0\] = 1: must be a number in \[0, 1\)$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "mu < 0",
    files: { "s.json": scenarioText({ mu: [0.1, -0.02] }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: mu\[1\] = -0\.02: must be a number in \[0, 1\)$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "alpha with the wrong length and a zero",
    files: { "s.json": scenarioText({ alpha: [0] }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: alpha has 1 entries: must have K = 2; alpha\[0\] = 0: must be a number > 0$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "missing field",
    files: { "s.json": scenarioText({ eta: undefined }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: eta = undefined: must be a number > 0$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "unknown field (a typo)",
    files: { "s.json": scenarioText({ etaa: 0.1 }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: unknown field "etaa"$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "checkpointEvery = 0",
    files: { "s.json": scenarioText({ checkpointEvery: 0 }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect: /s\.json: checkpointEvery = 0: must be a positive integer$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "require of the wrong shape",
    files: { "s.json": scenarioText({ require: { claims: "L1", seeds: [0] } }) },
    args: (dir) => ["train", "--scenario", `${dir}/s.json`],
    expect:
      /s\.json: require = .+: must be \{"claims": \[ids\], "seeds": \[non-negative integers\]\}$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "too large for memory (train)",
    files: { [BIG]: scenarioText({ name: "big", d: 100000, N: 100000 }) },
    args: (dir) => ["train", "--scenario", `${dir}/${BIG}`],
    expect:
      /^scenario big: needs about [\d.]+ GiB of memory, more than the limit of 4\.00 GiB \(set MODCOMP_MAX_BYTES to raise it\)$/,
    api: async (dir) => train(await loadScenario(`${dir}/${BIG}`)),
  },
  {
    name: "too large for memory (predict samples the data)",
    files: { [BIG]: scenarioText({ name: "big", d: 100000, N: 100000 }) },
    args: (dir) => ["predict", "--scenario", `${dir}/${BIG}`],
    expect: /^scenario big: needs about [\d.]+ GiB of memory/,
    api: async (dir) => prepare(await loadScenario(`${dir}/${BIG}`), 0),
  },
  {
    name: "too large for memory: the trajectory of T steps",
    files: { [BIG]: scenarioText({ name: "long", T: 1e11 }) },
    args: (dir) => ["train", "--scenario", `${dir}/${BIG}`],
    expect: /^scenario long: needs about [\d.]+ GiB of memory/,
    api: async (dir) => train(await loadScenario(`${dir}/${BIG}`)),
  },
  {
    name: "too large for memory: the weights (m·d) of a small sample",
    files: {
      [BIG]: scenarioText({
        name: "wide",
        d: 100000,
        m: 100000,
        N: 1,
        nTest: 1,
        P: 1,
        T: 1,
        checkpointEvery: 1,
      }),
    },
    args: (dir) => ["predict", "--scenario", `${dir}/${BIG}`],
    expect: /^scenario wide: needs about [\d.]+ GiB of memory/,
    api: async (dir) => prepare(await loadScenario(`${dir}/${BIG}`), 0),
  },
  {
    name: "unknown scenario name",
    args: () => ["train", "--scenario", "defualt"],
    expect:
      /^--scenario defualt: unknown scenario; use one of default, symmetric, k3 or a path to a \.json file$/,
    api: () => loadScenario("defualt"),
  },
  {
    name: "scenario file missing",
    args: (dir) => ["predict", "--scenario", `${dir}/missing.json`],
    expect: /^--scenario .*missing\.json: cannot read the file \(NotFound\)$/,
    api: (dir) => loadScenario(`${dir}/missing.json`),
  },
  {
    name: "scenario path is a folder",
    args: (dir) => ["train", "--scenario", `${dir}/`],
    expect: /^--scenario .*\/: cannot read the file \(\w+\)$/,
    api: (dir) => loadScenario(`${dir}/`),
  },
  // --- flags ------------------------------------------------------------------------------
  {
    name: "--seed negative",
    args: () => ["train", "--seed", "-1"],
    expect: /^--seed -1: must be an integer in 0\.\.9007199254740991$/,
    api: () => parseCount("--seed", "-1"),
  },
  {
    name: "--seed fractional",
    args: () => ["predict", "--seed", "1.5"],
    expect: /^--seed 1\.5: must be an integer in 0\.\.\d+$/,
    api: () => parseCount("--seed", "1.5"),
  },
  {
    name: "--seed not a number",
    args: () => ["train", "--seed", "abc"],
    expect: /^--seed abc: must be an integer in 0\.\.\d+$/,
    api: () => parseCount("--seed", "abc"),
  },
  {
    name: "--seed beyond 2^53",
    args: () => ["train", "--seed", "99999999999999999999"],
    expect: /^--seed 99999999999999999999: must be an integer in 0\.\.9007199254740991$/,
    api: () => parseCount("--seed", "99999999999999999999"),
  },
  {
    name: "--seed without a value",
    args: () => ["train", "--seed"],
    expect: /^option '--seed <n>' argument missing$/,
  },
  {
    name: "--steps negative",
    args: () => ["train", "--steps", "-3"],
    expect: /^--steps -3: must be an integer in 0\.\.10000000$/,
    api: () => parseCount("--steps", "-3", 10_000_000),
  },
  {
    name: "--steps above the limit",
    args: () => ["train", "--steps", "20000000"],
    expect: /^--steps 20000000: must be an integer in 0\.\.10000000$/,
    api: () => parseCount("--steps", "20000000", 10_000_000),
  },
  {
    name: "--mode unknown",
    args: () => ["train", "--mode", "both"],
    expect: /^--mode both: unknown mode; use joint or one of uni:0, uni:1$/,
    api: () => parseMode("both", 2),
  },
  {
    name: "--mode modality out of range",
    args: () => ["train", "--mode", "uni:2"],
    expect: /^--mode uni:2: unknown mode; use joint or one of uni:0, uni:1$/,
    api: () => parseMode("uni:2", 2),
  },
  {
    name: "--mode modality out of range for K = 3",
    args: () => ["train", "--scenario", "k3", "--mode", "uni:-1"],
    expect: /^--mode uni:-1: unknown mode; use joint or one of uni:0, uni:1, uni:2$/,
    api: () => parseMode("uni:-1", 3),
  },
  {
    name: "--backend unknown",
    args: () => ["train", "--backend", "webgl"],
    expect:
      /^option '--backend <name>' argument 'webgl' is invalid\. Allowed choices are wasm, cpu\.$/,
  },
  {
    name: "--out is a file",
    files: { "taken": "x" },
    args: (dir) => ["train", "--steps", "1", "--out", `${dir}/taken`],
    expect:
      /^--out .*taken: cannot write there \(it is a file\); give a folder that exists or can be created$/,
    api: (dir) => assertWritableDir(`${dir}/taken`),
  },
  {
    name: "--out below a file",
    files: { "taken": "x" },
    args: (dir) => ["train", "--steps", "1", "--out", `${dir}/taken/run0`],
    expect: /^--out .*taken\/run0: cannot write there \(.*taken is a file\); give a folder/,
    api: (dir) => writeFilesAtomic(`${dir}/taken/run0`, new Map([["a", new Uint8Array(1)]])),
  },
  {
    name: "--out empty",
    args: () => ["train", "--steps", "1", "--out", ""],
    expect: /^--out : cannot write there \(empty path\); give a folder/,
    api: () => assertWritableDir(""),
  },
  ...(Deno.build.os === "linux"
    ? [{
      name: "--out where nothing can be created (/proc)",
      args: () => ["train", "--steps", "1", "--out", "/proc/modcomp-run"],
      expect: /^--out \/proc\/modcomp-run: cannot write there \(.+\); give a folder/,
    }]
    : []),
  {
    name: "--size with a zero",
    args: () => ["bench", "--size", "2,0,8,256,16"],
    expect: /^--size 2,0,8,256,16: must be five positive integers K,N,P,d,m$/,
    api: () => parseSize("2,0,8,256,16"),
  },
  {
    name: "--size with three numbers",
    args: () => ["bench", "--size", "2,512,8"],
    expect: /^--size 2,512,8: must be five positive integers K,N,P,d,m$/,
    api: () => parseSize("2,512,8"),
  },
  {
    name: "--size beyond 2^53",
    args: () => ["bench", "--size", "2,99999999999999999999,8,256,16"],
    expect: /^--size 2,99999999999999999999,8,256,16: must be five positive integers/,
    api: () => parseSize("2,99999999999999999999,8,256,16"),
  },
  {
    name: "--size too large for memory",
    args: () => ["bench", "--size", "2,100000,8,100000,16"],
    expect: /^--size 2,100000,8,100000,16: needs about [\d.]+ GiB of memory, more than the limit/,
  },
  {
    name: "bench --steps 0",
    args: () => ["bench", "--steps", "0"],
    expect: /^--steps 0: must be an integer in 1\.\.1000000$/,
  },
  {
    name: "bench --scenario and --size together",
    args: () => ["bench", "--scenario", "default", "--size", "2,64,4,32,4"],
    expect: /^--scenario and --size: give one of them, not both$/,
  },
  {
    name: "bench --reference missing",
    args: (dir) => ["bench", "--reference", `${dir}/numpy_step.py`],
    expect: /^--reference .*numpy_step\.py: cannot read the script \(NotFound\)$/,
  },
  // --- check and list ---------------------------------------------------------------------
  {
    name: "check: unknown claim id",
    args: () => ["check", "L9", "--seed", "0"],
    expect: /^claim L9: unknown claim id; use one of L1, L2, L3, L4, L5, L6, L7, L8, T1, T2, T3$/,
    api: () => claimsById(["L9"]),
  },
  {
    name: "check: --seeds range that does not parse (backwards)",
    args: () => ["check", "L1", "--seeds", "4-1"],
    expect: /^--seeds 4-1: must be seeds like 3, 0-4 or 0,3,7 \(integers ≥ 0\)$/,
    api: () => parseSeeds("--seeds", "4-1"),
  },
  {
    name: "check: --seeds with a letter",
    args: () => ["check", "L1", "--seeds", "0-x"],
    expect: /^--seeds 0-x: must be seeds like 3, 0-4 or 0,3,7 \(integers ≥ 0\)$/,
    api: () => parseSeeds("--seeds", "0-x"),
  },
  {
    name: "check: --seeds empty",
    args: () => ["check", "L1", "--seeds", ""],
    expect: /^--seeds : must be seeds like 3, 0-4 or 0,3,7 \(integers ≥ 0\)$/,
    api: () => parseSeeds("--seeds", ""),
  },
  {
    name: "check: --seed not a number",
    args: () => ["check", "L1", "--seed", "x"],
    expect: /^--seed x: must be seeds like 3, 0-4 or 0,3,7 \(integers ≥ 0\)$/,
    api: () => parseSeeds("--seed", "x"),
  },
  {
    name: "check: --seed and --seeds together",
    args: () => ["check", "L1", "--seed", "0", "--seeds", "1"],
    expect: /^--seed and --seeds: give one of them, not both$/,
  },
  {
    name: "check: unknown scenario",
    args: () => ["check", "L1", "--scenario", "defualt", "--seed", "0"],
    expect: /^--scenario defualt: unknown scenario; use one of default, symmetric, k3/,
    api: () => loadScenario("defualt"),
  },
  {
    name: "check: invalid scenario file (q = 2)",
    files: { "s.json": scenarioText({ q: 2 }) },
    args: (dir) => ["check", "L1", "--scenario", `${dir}/s.json`, "--seed", "0"],
    expect: /s\.json: q = 2: must be a number > 2$/,
    api: (dir) => loadScenario(`${dir}/s.json`),
  },
  {
    name: "check: a claim that trains, on a scenario too large for memory",
    files: { [BIG]: scenarioText({ name: "big", d: 100000, N: 100000 }) },
    args: (dir) => ["check", "L3", "--scenario", `${dir}/${BIG}`, "--seed", "0"],
    expect: /^scenario big: needs about [\d.]+ GiB of memory, more than the limit of 4\.00 GiB/,
    api: async (dir) =>
      evaluateClaim(claimsById(["L3"])[0], await loadScenario(`${dir}/${BIG}`), 0),
  },
  {
    name: "check: --backend unknown",
    args: () => ["check", "L1", "--seed", "0", "--backend", "gpu"],
    expect:
      /^option '--backend <name>' argument 'gpu' is invalid\. Allowed choices are wasm, cpu\.$/,
  },
  {
    name: "list: unknown option",
    args: () => ["list", "--ids"],
    expect: /^unknown option '--ids'/,
  },
  // --- report, sweep, merge ---------------------------------------------------------------
  {
    name: "report: --seeds range that does not parse",
    args: () => ["report", "--seeds", "4-1"],
    expect: /^--seeds 4-1: must be seeds like 3, 0-4 or 0,3,7 \(integers ≥ 0\)$/,
    api: () => parseSeeds("--seeds", "4-1"),
  },
  {
    name: "report: --out is a file",
    files: { "taken": "x" },
    args: (dir) => ["report", "--out", `${dir}/taken`],
    expect: /^--out .*taken: cannot write there \(it is a file\); give a folder/,
    api: (dir) => assertWritableDir(`${dir}/taken`),
  },
  {
    name: "report: --workers 0",
    args: () => ["report", "--workers", "0"],
    expect: /^--workers 0: must be an integer in 1\.\.\d+$/,
  },
  {
    name: "report: --grid neither a spec nor a file",
    args: () => ["report", "--grid", "foo"],
    expect: /^--grid foo: neither a spec like .+ nor a readable file \(NotFound\)$/,
  },
  {
    name: "report: unknown claim id",
    args: () => ["report", "--claims", "L9"],
    expect: /^claim L9: unknown claim id; use one of L1, .*T3$/,
    api: () => claimsById(["L9"]),
  },
  {
    name: "report: --cells that holds no sweep results",
    files: { "g.jsonl": "garbage\n" },
    args: (dir) => ["report", "--cells", `${dir}/g.jsonl`],
    expect: /g\.jsonl:1: not a sweep result line$/,
  },
  {
    name: "sweep: --shard i ≥ n",
    args: () => ["sweep", "--grid", SWEEP_GRID, "--out", "s.jsonl", "--shard", "3/2"],
    expect: /^--shard 3\/2: must be i\/n with integers 0 ≤ i < n/,
  },
  {
    name: "sweep: --seeds with a letter",
    args: () => ["sweep", "--grid", SWEEP_GRID, "--out", "s.jsonl", "--seeds", "a"],
    expect: /^--seeds a: must be seeds like 3, 0-4 or 0,3,7 \(integers ≥ 0\)$/,
    api: () => parseSeeds("--seeds", "a"),
  },
  {
    name: "sweep: --grid with an axis missing",
    args: () => ["sweep", "--grid", "ratio=0.2", "--out", "s.jsonl"],
    expect: /^--grid ratio=0\.2: mu0 is missing/,
  },
  {
    name: "sweep: --steps negative",
    args: () => ["sweep", "--grid", SWEEP_GRID, "--out", "s.jsonl", "--steps", "-1"],
    expect: /^--steps -1: must be an integer in 0\.\.\d+$/,
  },
  {
    name: "sweep: --out below a file",
    files: { "taken": "x" },
    args: (dir) => ["sweep", "--grid", SWEEP_GRID, "--out", `${dir}/taken/s.jsonl`],
    // the sweep file is read first (to resume), so the refusal is about reading it
    expect: /^--out .*taken\/s\.jsonl: cannot (read the file|write there) \(\w+\)/,
  },
  {
    name: "sweep: --grid required",
    args: () => ["sweep", "--out", "s.jsonl"],
    expect: /^required option '--grid <spec\|file>' not specified$/,
  },
  {
    name: "merge: a file that is missing",
    args: () => ["merge", "missing.jsonl", "--out", "m.jsonl"],
    expect: /^missing\.jsonl: cannot read the file \(NotFound\)$/,
  },
  {
    name: "merge: a file that is not a sweep file",
    files: { "g.jsonl": "garbage\n" },
    args: () => ["merge", "g.jsonl", "--out", "m.jsonl"],
    expect: /^g\.jsonl:1: not a sweep result line$/,
  },
  // --- commands ---------------------------------------------------------------------------
  {
    name: "unknown command",
    args: () => ["trian"],
    expect: /^unknown command 'trian'/,
  },
  {
    name: "no command",
    args: () => [],
    expect: /^missing command; use one of train, predict, bench, demo.* \(or --help\)$/,
  },
  {
    name: "unknown option",
    args: () => ["predict", "--sed", "3"],
    expect: /^unknown option '--sed'/,
  },
];

/** Every path under `dir`, relative, sorted. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (sub: string) => {
    for await (const e of Deno.readDir(`${dir}/${sub}`)) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      out.push(rel);
      if (e.isDirectory) await walk(rel);
    }
  };
  await walk("");
  return out.sort();
}

/** Run the CLI in `dir`; the environment holds no MODCOMP_* override. */
async function cli(dir: string, args: string[]) {
  const env: Record<string, string> = { ...Deno.env.toObject(), NO_COLOR: "1" };
  for (const k of Object.keys(env)) if (k.startsWith("MODCOMP_")) delete env[k];
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    cwd: dir,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: res.code, stdout: dec.decode(res.stdout), stderr: dec.decode(res.stderr) };
}

for (const c of CASES) {
  Deno.test(`bad input: ${c.name} → one line, exit 2, nothing written`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "modcomp-bad-" });
    try {
      for (const [name, text] of Object.entries(c.files ?? {})) {
        await Deno.writeTextFile(`${dir}/${name}`, text);
      }
      const before = await listing(dir);
      const { code, stdout, stderr } = await cli(dir, c.args(dir));
      const lines = stderr.split("\n").filter((l) => l !== "");
      assert.equal(lines.length, 1, `exactly one stderr line, got:\n${stderr}`);
      assert.equal(code, 2, `exit code (stderr: ${stderr})`);
      assert.equal(stdout, "");
      assert.ok(lines[0].startsWith("modcomp: "), lines[0]);
      const message = lines[0].slice("modcomp: ".length);
      assert.match(message, c.expect);
      assert.deepEqual(await listing(dir), before, "no file created");
      if (c.api) {
        const api = c.api;
        await assert.rejects(async () => await api(dir), (e: unknown) => {
          assert.ok(e instanceof InputError, `an InputError, got ${e}`);
          assert.equal(e.message, message, "the library says what the CLI says");
          return true;
        });
        assert.deepEqual(await listing(dir), before, "no file created by the library");
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

// --- library only: inputs the CLI never passes this way ------------------------------------

const API_CASES: { name: string; call: () => unknown; message: string }[] = [
  {
    name: "validateScenario: NaN",
    call: () => validateScenario({ ...DEFAULT_RAW, eta: NaN }, "api"),
    message: "api: eta = NaN: must be a number > 0",
  },
  {
    name: "validateScenario: -Infinity and q = Infinity",
    call: () => validateScenario({ ...DEFAULT_RAW, sigma0: -Infinity, q: Infinity }, "api"),
    message: "api: sigma0 = -Infinity: must be a number > 0; q = Infinity: must be a number > 2",
  },
  {
    name: "validateScenario: not an object",
    call: () => validateScenario(null, "api"),
    message: "api: a scenario must be a JSON object, got null",
  },
  {
    name: "parseScenario: empty text",
    call: () => parseScenario("", "api"),
    message: "api: not valid JSON (Unexpected end of JSON input)",
  },
  {
    name: "train: a scenario edited into an invalid one (mu = 1)",
    call: () => train({ ...TINY, mu: [1, 0.02] }),
    message: "scenario tiny: mu[0] = 1: must be a number in [0, 1)",
  },
  {
    name: "train: negative seed",
    call: () => train(TINY, { seed: -1 }),
    message: "seed -1: must be a non-negative integer",
  },
  {
    name: "train: NaN steps",
    call: () => train(TINY, { steps: NaN }),
    message: "steps NaN: must be a non-negative integer",
  },
  {
    name: "train: uni-modal modality out of range",
    call: () => train(TINY, { mode: { kind: "uni", r: 2 } }),
    message: "mode uni:2: the modality must be in 0..1",
  },
  {
    name: "train: unknown mode",
    call: () => train(TINY, { mode: { kind: "both" } as unknown as { kind: "joint" } }),
    message: 'mode {"kind":"both"}: must be {kind: "joint"} or {kind: "uni", r}',
  },
  {
    name: "train: unknown backend",
    call: () => train(TINY, { backend: "webgl" as "wasm" }),
    message: "backend webgl: must be one of wasm, cpu",
  },
  {
    name: "train: a prepared sample of another seed",
    call: () => train(TINY, { seed: 1, prepared: prepare(TINY, 0) }),
    message: "prepared: the prepared sample is of seed 0, not 1",
  },
  {
    name: "prepare: fractional seed",
    call: () => prepare(TINY, 0.5),
    message: "seed 0.5: must be a non-negative integer",
  },
  {
    name: "sampleDataset: zero samples",
    call: () => sampleDataset(TINY, 0, streams(0).train),
    message: "n = 0: the number of samples must be a positive integer",
  },
  {
    name: "claimsById: unknown claim id",
    call: () => claimsById(["L1", "L9"]),
    message: "claim L9: unknown claim id; use one of L1, L2, L3, L4, L5, L6, L7, L8, T1, T2, T3",
  },
  {
    name: "runClaims: unknown claim id",
    call: () => runClaims([TINY], { ids: ["T4"], seeds: [0] }),
    message: "claim T4: unknown claim id; use one of L1, L2, L3, L4, L5, L6, L7, L8, T1, T2, T3",
  },
  {
    name: "parseSeeds: a backwards range",
    call: () => parseSeeds("--seeds", "4-1"),
    message: "--seeds 4-1: must be seeds like 3, 0-4 or 0,3,7 (integers ≥ 0)",
  },
  {
    name: "parseSeeds: an empty item",
    call: () => parseSeeds("--seeds", "0,,2"),
    message: "--seeds 0,,2: must be seeds like 3, 0-4 or 0,3,7 (integers ≥ 0)",
  },
  {
    name: "parseSeeds: a negative seed",
    call: () => parseSeeds("--seeds", "-1"),
    message: "--seeds -1: must be seeds like 3, 0-4 or 0,3,7 (integers ≥ 0)",
  },
  {
    name: "parseSeeds: a huge range",
    call: () => parseSeeds("--seeds", "0-1000000"),
    message: "--seeds 0-1000000: must be seeds like 3, 0-4 or 0,3,7 (integers ≥ 0)",
  },
];

for (const c of API_CASES) {
  Deno.test(`bad input (library): ${c.name} → InputError`, async () => {
    await assert.rejects(async () => await c.call(), (e: unknown) => {
      assert.ok(e instanceof InputError, `an InputError, got ${e}`);
      assert.equal(e.message, c.message);
      return true;
    });
  });
}

Deno.test("an unexpected error prints one line and exits 1; MODCOMP_DEBUG shows it in full", async () => {
  // A failure that is no bad input: stdout goes away while the command prints.
  const script = `import { main } from ${JSON.stringify(new URL("./cli.ts", import.meta.url).href)};
console.log = () => { throw new TypeError("stdout is closed"); };
Deno.exit(await main(["predict", "--scenario", "default"]));
`;
  const dir = await Deno.makeTempDir({ prefix: "modcomp-internal-" });
  try {
    await Deno.writeTextFile(`${dir}/broken_stdout.ts`, script);
    const run = async (debug: boolean) => {
      const env: Record<string, string> = { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "" };
      if (debug) env.MODCOMP_DEBUG = "1";
      const res = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "broken_stdout.ts"],
        cwd: dir,
        env,
        clearEnv: true,
        stdout: "piped",
        stderr: "piped",
      }).output();
      return { code: res.code, stderr: new TextDecoder().decode(res.stderr) };
    };
    const plain = await run(false);
    assert.equal(plain.code, 1);
    assert.deepEqual(plain.stderr.split("\n").filter((l) => l !== ""), [
      "modcomp: internal error: TypeError: stdout is closed (set MODCOMP_DEBUG=1 for details)",
    ]);
    const debug = await run(true);
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /Uncaught (\(in promise\) )?TypeError: stdout is closed/);
    assert.match(debug.stderr, /\n\s+at /, "a stack trace");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
