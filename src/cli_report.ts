/**
 * `modcomp report`, `modcomp sweep` and `modcomp merge`: experiments E1–E3 as a report,
 * and E2 grids as resumable, shardable sweeps.
 * @module
 */
import { type Command, Option } from "npm:commander@14.0.3";
import { backendOption, fmt, parseCount, parseSeeds, table } from "./cli_util.ts";
import { InputError } from "./errors.ts";
import { assertWritableDir, toJson } from "./export.ts";
import { CLAIMS, claimsById } from "../checks/registry.ts";
import { cellKey, type Grid, gridCells, type GridInput, parseShard, readGrid } from "./grid.ts";
import type { CellResult } from "./phase.ts";
import { startProgress } from "./progress.ts";
import { type ReportData, verdictSummary, writeReport } from "./report.ts";
import { loadScenario, type Scenario } from "./scenario.ts";
import { mergeCellFiles, readCellFile, sweep } from "./sweep.ts";
import type { Backend } from "./tf.ts";

/** The grid of `deno task demo` and of `report` without `--grid`. */
export const DEMO_GRID = "ratio=0.2:0.8:4,mu0=0.02:0.32:4";
/** Seeds per grid cell of `report` without `--grid-seeds`. */
export const DEMO_GRID_SEEDS = "0-1";
/** Seeds of the E3 table of `report` without `--seeds`. */
export const DEMO_SEEDS = "0-2";

/** Most workers a command accepts. */
const MAX_WORKERS = 256;

function defaultWorkers(): number {
  return Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
}

function parseWorkers(text: string | undefined): number {
  if (text === undefined) return defaultWorkers();
  const n = parseCount("--workers", text, MAX_WORKERS);
  if (n < 1) throw new InputError(`--workers ${text}: must be an integer in 1..${MAX_WORKERS}`);
  return n;
}

/** The grid of a command: values from `--grid`, seeds from the flag, else the file, else default. */
function gridOf(
  input: GridInput,
  seedsFlag: string | undefined,
  flag: string,
  fallback: string,
): Grid {
  const seeds = seedsFlag !== undefined
    ? parseSeeds(flag, seedsFlag)
    : input.seeds ?? parseSeeds(flag, fallback);
  return { ratio: input.ratio, mu0: input.mu0, seeds };
}

function withSteps(s: Scenario, steps: number | undefined): Scenario {
  return steps === undefined
    ? s
    : { ...s, T: steps, checkpointEvery: Math.min(s.checkpointEvery, steps) };
}

/** The flags of `modcomp report`, as commander parses them (all text, as typed). */
export interface ReportFlags {
  /** scenario names or paths; the first is E1's */
  scenario: string[];
  /** E3 seeds, like `0-2` */
  seeds?: string;
  /** E2 grid spec or file, or `none` */
  grid?: string;
  /** seeds per grid cell */
  gridSeeds?: string;
  /** a sweep file with E2's cells */
  cells?: string;
  /** claim ids, comma-separated */
  claims?: string;
  /** parallel workers */
  workers?: string;
  /** the report folder */
  out: string;
  /** tfjs backend */
  backend: Backend;
  /** print a JSON summary */
  json?: boolean;
}

function summaryText(d: ReportData, out: string, files: string[]): string {
  const lines: string[] = [];
  const e1 = d.e1;
  lines.push(`report written to ${out}/: ${files.join(", ")} (${d.generated.seconds} s)`);
  lines.push("");
  lines.push(
    `E1 (${e1.data.scenario}, seed ${e1.data.seed}): predicted winner ${e1.prediction.winner}`,
  );
  lines.push(table(
    ["modality", "T_hat", "T joint", "T alone", "growth joint", "growth alone", "M"],
    e1.rows.map((r) => [
      String(r.modality),
      fmt(r.predictedHitTime),
      fmt(r.jointHitTime),
      fmt(r.uniHitTime),
      fmt(r.jointGrowth),
      fmt(r.uniGrowth),
      fmt(r.margin),
    ]),
  ));
  if (d.e2) {
    const a = d.e2.agreement;
    lines.push("");
    lines.push(
      `E2 (${d.e2.base}, ${a.n} runs): ${a.agree}/${a.n} agree with the prediction; ` +
        `away from the boundary ${a.awayAgree}/${a.away}, near it ${a.nearAgree}/${a.near}`,
    );
  }
  lines.push("");
  lines.push("E3 test error (mean over seeds):");
  lines.push(table(
    ["scenario", "uni-modal", "joint", "ensemble", "ideal"],
    d.e3.map((r) => [
      r.scenario,
      r.uni.map((u) => fmt(u.mean)).join(" / "),
      fmt(r.joint.mean),
      fmt(r.ensemble.mean),
      fmt(r.ideal),
    ]),
  ));
  const ids = Object.keys(d.e3[0]?.verdicts ?? {});
  lines.push(table(
    ["claims", ...ids],
    d.e3.map((r) => [r.scenario, ...ids.map((id) => verdictSummary(r.verdicts[id]))]),
  ));
  return lines.join("\n");
}

/**
 * `modcomp report`: run E1–E3 and write the report folder.
 * @param f the command's flags
 * @param command the command line, recorded in the report
 */
export async function runReport(f: ReportFlags, command = "modcomp report"): Promise<void> {
  const scenarios: Scenario[] = [];
  for (const name of f.scenario) scenarios.push(await loadScenario(name));
  const seeds = parseSeeds("--seeds", f.seeds ?? DEMO_SEEDS);
  const workers = parseWorkers(f.workers);
  const claims = f.claims === undefined
    ? undefined
    : f.claims.split(",").map((x) => x.trim()).filter((x) => x !== "");
  if (claims) claimsById(claims);
  let grid: Grid | null = null;
  let cells: CellResult[] | undefined;
  if (f.grid !== "none") {
    const input = await readGrid(f.grid ?? DEMO_GRID);
    grid = gridOf(input, f.gridSeeds, "--grid-seeds", DEMO_GRID_SEEDS);
  }
  if (f.cells !== undefined) {
    if (!grid) throw new InputError("--cells: give the --grid the cells belong to");
    const file = await readCellFile(f.cells);
    const have = new Set(file.results.map((r) => r.key));
    if (file.results.length === 0) throw new InputError(`--cells ${f.cells}: no cell results`);
    const missing = gridCells(grid).filter((c) => !have.has(cellKey(c)));
    if (missing.length > 0) {
      throw new InputError(
        `--cells ${f.cells}: ${missing.length} cells of the grid are missing (first: ${
          cellKey(missing[0])
        })`,
      );
    }
    const wanted = new Set(gridCells(grid).map(cellKey));
    cells = file.results.filter((r) => wanted.has(r.key));
  }
  await assertWritableDir(f.out);
  const { data, files } = await writeReport(f.out, {
    scenarios,
    seeds,
    grid,
    cells,
    claims,
    workers,
    backend: f.backend,
    quiet: f.json,
    command,
  });
  if (f.json) {
    console.log(toJson({
      out: f.out,
      files,
      seconds: data.generated.seconds,
      e2: data.e2?.agreement ?? null,
      e3: data.e3,
    }));
  } else console.log(summaryText(data, f.out, files));
}

/**
 * `deno task demo`: the report on the default scenario with the small grid into `report/`.
 * @param opts `json`: print the JSON summary instead of the text one
 * @returns when the report is written
 */
export function runDemoReport(opts: { json?: boolean } = {}): Promise<void> {
  return runReport(
    { scenario: ["default"], out: "report", backend: "wasm", json: opts.json },
    "deno task demo",
  );
}

interface SweepFlags {
  grid: string;
  scenario?: string;
  seeds?: string;
  steps?: string;
  workers?: string;
  shard?: string;
  out: string;
  backend: Backend;
  json?: boolean;
}

async function runSweep(f: SweepFlags): Promise<void> {
  const input = await readGrid(f.grid);
  const grid = gridOf(input, f.seeds, "--seeds", "0");
  const shard = f.shard === undefined ? undefined : parseShard(f.shard);
  const workers = parseWorkers(f.workers);
  const steps = f.steps !== undefined ? parseCount("--steps", f.steps, 10_000_000) : input.steps;
  if (steps !== undefined && steps < 1) {
    throw new InputError(`--steps ${f.steps}: must be an integer in 1..10000000`);
  }
  const base = withSteps(await loadScenario(f.scenario ?? input.scenario ?? "default"), steps);
  let bar = startProgress(0, "sweep", true);
  const summary = await sweep({
    base,
    grid,
    out: f.out,
    shard,
    workers,
    backend: f.backend,
    onStart: (cells, todo) => {
      const label = `sweep${
        shard ? ` shard ${shard.index}/${shard.count}` : ""
      } (${workers} workers)`;
      if (!f.json && todo < cells) {
        console.error(`${f.out}: ${cells - todo} of ${cells} cells already done, ${todo} to run`);
      }
      bar = startProgress(todo, label, f.json);
    },
    onResult: (r) => bar.tick(1, r.key),
  });
  bar.stop();
  if (f.json) return console.log(toJson(summary));
  console.log(
    `${summary.out}: ${summary.ran} cells run, ${summary.skipped} already there, ${summary.cells} in ${
      shard ? `shard ${shard.index}/${shard.count}` : "the grid"
    } (${summary.seconds.toFixed(1)} s${
      summary.repaired ? "; a cut-off last line was dropped" : ""
    }${summary.foreign ? `; ${summary.foreign} other lines kept` : ""})`,
  );
}

interface MergeFlags {
  out: string;
  grid?: string;
  seeds?: string;
  json?: boolean;
}

async function runMerge(files: string[], f: MergeFlags): Promise<void> {
  let grid: Grid | undefined;
  if (f.grid !== undefined) grid = gridOf(await readGrid(f.grid), f.seeds, "--seeds", "0");
  else if (f.seeds !== undefined) throw new InputError("--seeds: only with --grid");
  const m = await mergeCellFiles(files, f.out, grid);
  if (f.json) return console.log(toJson(m));
  for (const t of m.truncated) console.error(`${t}: dropped a cut-off last line`);
  console.log(
    `${m.out}: ${m.cells} cells from ${m.files} files (${m.duplicates} duplicate lines dropped)` +
      (grid ? `; ${m.missing.length} cells of the grid missing` : ""),
  );
  if (m.missing.length > 0) {
    console.error(`missing: ${m.missing.slice(0, 5).join(" ")}${m.missing.length > 5 ? " …" : ""}`);
  }
}

/** The arguments the program was started with (commander keeps them, untyped). */
function rawArgs(cmd: Command): string[] {
  const raw = (cmd.parent as unknown as { rawArgs?: unknown } | null)?.rawArgs;
  return Array.isArray(raw) ? raw.map(String) : [cmd.name()];
}

/**
 * Register `report`, `sweep` and `merge` on the program.
 * @param program the commander program
 */
export function registerReportCommands(program: Command): void {
  program.command("report")
    .description("experiments E1–E3: report.html, report.md, SVG figures and results.json")
    .option("--scenario <s...>", "scenarios of the E3 table; the first is E1's", ["default"])
    .option("--seeds <list>", `seeds of E3 (E1: the first), like 0-2 (default ${DEMO_SEEDS})`)
    .option(
      "--grid <spec|file|none>",
      `E2 grid over the first two-modality scenario (default ${DEMO_GRID})`,
    )
    .option(
      "--grid-seeds <list>",
      `seeds per grid cell (default ${DEMO_GRID_SEEDS}, or the grid file's)`,
    )
    .option(
      "--cells <file.jsonl>",
      "take E2's cells from a (merged) sweep file instead of running them",
    )
    .option(
      "--claims <ids>",
      `claim ids for the verdict table, comma-separated (default: all, ${
        CLAIMS.map((c) => c.id).join(",")
      })`,
    )
    .option("--workers <k>", "parallel workers for the grid (default: the number of cores)")
    .option("--out <dir>", "the report folder", "report")
    .addOption(backendOption())
    .option("--json", "print a JSON summary")
    .action((f: ReportFlags, cmd: Command) => runReport(f, ["modcomp", ...rawArgs(cmd)].join(" ")));
  program.command("sweep")
    .description("run an E2 grid in parallel workers, one JSON line per cell; resumable, shardable")
    .requiredOption("--grid <spec|file>", "e.g. ratio=0.2:1:5,mu0=0.02:0.2:4, or a JSON grid file")
    .option("--scenario <s>", "the base scenario (default: the grid file's, else default)")
    .option("--seeds <list>", "seeds per cell, like 0-3 (default: the grid file's, else 0)")
    .option(
      "--steps <T>",
      "gradient-descent steps (default: the grid file's, else the scenario's T)",
    )
    .option("--workers <k>", "parallel workers (default: the number of cores)")
    .option("--shard <i/n>", "run only shard i of n (0 ≤ i < n), for array jobs")
    .requiredOption("--out <file.jsonl>", "append results here; cells already in it are skipped")
    .addOption(backendOption())
    .option("--json", "print a JSON summary")
    .action(runSweep);
  program.command("merge")
    .description("join sweep files into one, sorted by cell; identical duplicates dropped")
    .argument("<files...>", "sweep files (shards, or pieces of resumed runs)")
    .requiredOption("--out <file.jsonl>", "the merged file (written atomically)")
    .option("--grid <spec|file>", "also list the cells of this grid that no file holds")
    .option("--seeds <list>", "seeds of that grid (default: the grid file's, else 0)")
    .addOption(new Option("--json", "print a JSON summary"))
    .action(runMerge);
}
