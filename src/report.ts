/**
 * The report of experiments E1–E3 (THEORY.md §5): trajectories of one scenario and seed,
 * the phase diagram over a grid, and the performance-gap table with every claim's verdict,
 * written as a self-contained `report.html` (inline SVG figures, no network), `report.md`,
 * the SVG files and `results.json`.
 * @module
 */
import type { ClaimResult, Verdict } from "../checks/claim.ts";
import { CLAIMS, claimsById, evaluateClaim } from "../checks/registry.ts";
import { fmt } from "./cli_util.ts";
import { toJson, writeFilesAtomic } from "./export.ts";
import {
  type E1Data,
  e1GammaSpec,
  e1GbarSpec,
  type E1Series,
  e2PhaseSpec,
  type E3Bar,
  e3ErrorSpec,
  logSteps,
  renderSvg,
} from "./figures.ts";
import { type Grid, gridCells } from "./grid.ts";
import {
  type Agreement,
  agreement,
  type BoundaryPoint,
  type CellResult,
  predictedBoundary,
} from "./phase.ts";
import type { Prediction } from "./predict.ts";
import { type Progress, startProgress } from "./progress.ts";
import { type RunSet, runSet } from "./runs.ts";
import type { Scenario } from "./scenario.ts";
import { runCells } from "./sweep.ts";
import type { Backend } from "./tf.ts";
import {
  finalCheckpoint,
  gammaSeries,
  gbarSeries,
  hitTime,
  type Trajectory,
} from "./trajectory.ts";

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** scenarios of the E3 table; the first is the one of E1 */
  scenarios: Scenario[];
  /** seeds of the E3 table (E1 uses the first) */
  seeds: number[];
  /** the E2 grid over the first two-modality scenario (null: no E2) */
  grid: Grid | null;
  /** E2 cells measured earlier (a merged sweep file), used instead of running the grid */
  cells?: CellResult[];
  /** claim ids whose verdicts the E3 table shows (default: every claim) */
  claims?: string[];
  /** parallel workers for the grid (default 1) */
  workers?: number;
  /** tfjs backend (default wasm) */
  backend?: Backend;
  /** no progress output */
  quiet?: boolean;
  /** the command line, for the record */
  command?: string;
}

/** mean ± standard deviation over seeds, and the values themselves. */
export interface Stat {
  /** the mean */
  mean: number;
  /** the sample standard deviation (0 for one value) */
  sd: number;
  /** the values, one per seed */
  values: number[];
}

/** One row of the E3 table: a scenario over its seeds. */
export interface E3Row {
  /** the scenario */
  scenario: string;
  /** the seeds */
  seeds: number[];
  /** test error of each modality trained alone */
  uni: Stat[];
  /** test error of the joint network */
  joint: Stat;
  /** test error of each encoder of the joint network on its own */
  jointEncoder: Stat[];
  /** test error of the sum of the separately trained uni-modal encoders */
  ensemble: Stat;
  /** Π_r μ_r / 2 */
  ideal: number;
  /** per claim id, the verdict on each seed */
  verdicts: Record<string, Verdict[]>;
}

/** E1's numbers: per modality, predicted and measured. */
export interface E1Row {
  /** the modality */
  modality: number;
  /** α_r */
  alpha: number;
  /** μ_r */
  mu: number;
  /** μ̂_r */
  muHat: number;
  /** τ_r */
  tau: number;
  /** Γ_r(0) */
  gamma0: number;
  /** predicted T̂_r */
  predictedHitTime: number;
  /** measured T_r in the joint run */
  jointHitTime: number;
  /** measured T_r trained alone */
  uniHitTime: number;
  /** Γ_r(T)/Γ_r(0) in the joint run */
  jointGrowth: number;
  /** Γ_r(T)/Γ_r(0) trained alone */
  uniGrowth: number;
  /** starvation margin M_r (NaN for the winner) */
  margin: number;
}

/** Everything the report shows; `results.json` is this object. */
export interface ReportData {
  /** how it was made */
  generated: {
    command: string;
    date: string;
    deno: string;
    seconds: number;
    workers: number;
    backend: Backend;
  };
  /** the scenarios */
  scenarios: Scenario[];
  /** the E3 seeds */
  seeds: number[];
  /** E1: one scenario and seed */
  e1: { data: E1Data; rows: E1Row[]; prediction: Prediction };
  /** E2: the grid, its cells, the predicted boundary and the agreement (null: skipped) */
  e2: {
    base: string;
    grid: Grid;
    cells: CellResult[];
    boundary: BoundaryPoint[];
    agreement: Agreement;
  } | null;
  /** why E2 was skipped */
  e2Skipped?: string;
  /** E3: one row per scenario */
  e3: E3Row[];
  /** every claim result (scenario, seed, claim) */
  claims: ClaimResult[];
}

function stat(values: number[]): Stat {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, values };
}

function errorOf(score: Float32Array, y: Float32Array): number {
  let wrong = 0;
  for (let i = 0; i < y.length; i++) if (y[i] * score[i] <= 0) wrong++;
  return wrong / y.length;
}

/** Test error of the uni-modal ensemble: the sum of the uni-modal encoders φ_r. */
async function ensembleError(runs: RunSet): Promise<number> {
  const y = runs.prepared.test.y;
  const sum = new Float32Array(y.length);
  for (let r = 0; r < runs.scenario.K; r++) {
    const phi = (await runs.uni(r)).testPhi[r];
    if (!phi) throw new Error(`uni-modal run ${r} recorded no test scores`);
    for (let i = 0; i < y.length; i++) sum[i] += phi[i];
  }
  return errorOf(sum, y);
}

function series(traj: Trajectory, r: number, steps: number[]): E1Series {
  const g = gammaSeries(traj, r), b = gbarSeries(traj, r);
  const h = hitTime(traj, r);
  return {
    modality: r,
    run: traj.mode.kind === "joint" ? "joint" : "uni-modal",
    t: steps,
    gamma: steps.map((t) => g[t]),
    gbar: steps.map((t) => b[t]),
    hitTime: Number.isFinite(h) ? h : null,
  };
}

async function e1Of(runs: RunSet, tick: () => void): Promise<ReportData["e1"]> {
  const s = runs.scenario;
  const joint = await runs.joint();
  tick();
  const unis: Trajectory[] = [];
  for (let r = 0; r < s.K; r++) {
    unis.push(await runs.uni(r));
    tick();
  }
  const p = runs.prepared.prediction;
  const steps = logSteps(joint.steps);
  const data: E1Data = {
    scenario: s.name,
    seed: runs.seed,
    T: joint.steps,
    alpha: s.alpha,
    mu: s.mu,
    tau: p.tau,
    predictedHitTime: p.hitTime.map((t) => Number.isFinite(t) ? t : null),
    winner: p.winner,
    muHatWinner: p.muHat[p.winner],
    series: [
      ...s.alpha.map((_, r) => series(joint, r, steps)),
      ...s.alpha.map((_, r) => series(unis[r], r, steps)),
    ],
  };
  const rows = s.alpha.map((alpha, r): E1Row => {
    const gj = gammaSeries(joint, r), gu = gammaSeries(unis[r], r);
    return {
      modality: r,
      alpha,
      mu: s.mu[r],
      muHat: p.muHat[r],
      tau: p.tau[r],
      gamma0: p.gamma0[r],
      predictedHitTime: p.hitTime[r],
      jointHitTime: hitTime(joint, r),
      uniHitTime: hitTime(unis[r], r),
      jointGrowth: gj[joint.steps] / gj[0],
      uniGrowth: gu[unis[r].steps] / gu[0],
      margin: p.margin[r],
    };
  });
  return { data, rows, prediction: p };
}

async function e3Of(
  s: Scenario,
  seeds: number[],
  backend: Backend,
  claimIds: string[],
  runsBar: Progress,
  claimBar: Progress,
  claims: ClaimResult[],
): Promise<E3Row> {
  const uni: number[][] = s.alpha.map(() => []);
  const enc: number[][] = s.alpha.map(() => []);
  const joint: number[] = [], ens: number[] = [];
  const verdicts: Record<string, Verdict[]> = Object.fromEntries(claimIds.map((id) => [id, []]));
  for (const seed of seeds) {
    const runs = runSet(s, seed, backend);
    const j = await runs.joint();
    runsBar.tick(1, `${s.name} seed ${seed} joint`);
    const last = finalCheckpoint(j);
    joint.push(last.testError);
    last.encoderTestError.forEach((e, r) => enc[r].push(e));
    for (let r = 0; r < s.K; r++) {
      uni[r].push(finalCheckpoint(await runs.uni(r)).testError);
      runsBar.tick(1, `${s.name} seed ${seed} uni:${r}`);
    }
    ens.push(await ensembleError(runs));
    for (const c of claimsById(claimIds)) {
      let res: ClaimResult;
      try {
        res = await evaluateClaim(c, s, seed, backend);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        res = {
          id: c.id,
          scenario: s.name,
          seed,
          verdict: "fail",
          parts: [],
          note: `the check raised an error: ${why.split("\n")[0]}`,
        };
      }
      claims.push(res);
      verdicts[c.id].push(res.verdict);
      claimBar.tick(1, `${c.id} ${s.name} seed ${seed}`);
    }
  }
  return {
    scenario: s.name,
    seeds,
    uni: uni.map(stat),
    joint: stat(joint),
    jointEncoder: enc.map(stat),
    ensemble: stat(ens),
    ideal: s.mu.reduce((a, b) => a * b, 1) / 2,
    verdicts,
  };
}

/**
 * Run everything the report shows: E2's grid (in parallel workers, unless cells are given),
 * E1's runs, E3's runs and the claims (in this process, each run trained once and shared).
 *
 * @param o scenarios, seeds, grid, claims, workers, backend
 * @returns the report's data
 * @example
 * ```ts
 * import { buildReport } from "./report.ts";
 * import { loadScenario } from "./scenario.ts";
 * const s = { ...(await loadScenario("default")), T: 100, nTest: 200 };
 * const data = await buildReport({ scenarios: [s], seeds: [0], grid: null, claims: ["L5"] });
 * console.log(data.e3[0].joint.mean);
 * ```
 */
export async function buildReport(o: ReportOptions): Promise<ReportData> {
  const started = performance.now();
  const backend = o.backend ?? "wasm";
  const workers = o.workers ?? 1;
  const claimIds = o.claims ?? CLAIMS.map((c) => c.id);
  claimsById(claimIds);
  if (o.scenarios.length === 0 || o.seeds.length === 0) {
    throw new Error("buildReport: give at least one scenario and one seed");
  }
  let e2: ReportData["e2"] = null;
  let e2Skipped: string | undefined;
  const base = o.scenarios.find((s) => s.K === 2);
  if (o.grid && !base) e2Skipped = "no two-modality scenario to vary";
  else if (!o.grid) e2Skipped = "no grid requested";
  if (o.grid && base) {
    let cells: CellResult[];
    if (o.cells) cells = o.cells;
    else {
      const todo = gridCells(o.grid);
      const bar = startProgress(todo.length, `E2 grid (${workers} workers)`, o.quiet);
      cells = await runCells(base, todo, {
        workers,
        backend,
        onResult: (c) => bar.tick(1, c.key),
      });
      bar.stop();
    }
    const boundary = predictedBoundary(base, o.grid);
    e2 = { base: base.name, grid: o.grid, cells, boundary, agreement: agreement(cells) };
  }
  const first = o.scenarios[0];
  const nRuns = o.scenarios.reduce((a, s) => a + o.seeds.length * (1 + s.K), 0);
  const nClaims = o.scenarios.length * o.seeds.length * claimIds.length;
  // One bar for runs and claims (two bars at once would fight over a terminal line).
  const bar = startProgress(nRuns + nClaims, "E1/E3 runs and claims", o.quiet);
  const e1 = await e1Of(runSet(first, o.seeds[0], backend), () => bar.tick(1, "E1"));
  // E1's runs are the first seed's runs of E3: count them once.
  let credited = 1 + first.K;
  const runTicks: Progress = {
    tick: (n = 1, note) => {
      if (credited > 0) credited -= n;
      else bar.tick(n, note);
    },
    stop: () => {},
  };
  const claims: ClaimResult[] = [];
  const e3: E3Row[] = [];
  for (const s of o.scenarios) {
    e3.push(await e3Of(s, o.seeds, backend, claimIds, runTicks, bar, claims));
  }
  bar.stop();
  return {
    generated: {
      command: o.command ?? "modcomp report",
      date: new Date().toISOString().slice(0, 10),
      deno: Deno.version.deno,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      workers,
      backend,
    },
    scenarios: o.scenarios,
    seeds: o.seeds,
    e1,
    e2,
    ...(e2Skipped ? { e2Skipped } : {}),
    e3,
    claims,
  };
}

/** The figures of a report, file name → SVG text. */
export async function reportFigures(d: ReportData): Promise<Map<string, string>> {
  const figs = new Map<string, string>();
  figs.set("e1_gamma.svg", await renderSvg(e1GammaSpec(d.e1.data)));
  figs.set("e1_gbar.svg", await renderSvg(e1GbarSpec(d.e1.data)));
  if (d.e2) {
    const g = d.e2.grid;
    figs.set(
      "e2_phase.svg",
      await renderSvg(e2PhaseSpec(
        d.e2.cells,
        d.e2.boundary,
        `E2 · phase diagram on ${d.e2.base}: ${g.ratio.length} × ${g.mu0.length} cells × ${g.seeds.length} seeds, joint runs of T = ${
          d.e2.cells[0]?.T ?? "?"
        } steps`,
      )),
    );
  }
  const bars: E3Bar[] = d.e3.flatMap((row) => [
    ...row.uni.map((u, r) => ({ scenario: row.scenario, config: `uni-modal ${r}`, ...u })),
    { scenario: row.scenario, config: "joint", ...row.joint },
    { scenario: row.scenario, config: "uni-modal ensemble", ...row.ensemble },
  ]);
  figs.set(
    "e3_errors.svg",
    await renderSvg(e3ErrorSpec(bars, Object.fromEntries(d.e3.map((r) => [r.scenario, r.ideal])))),
  );
  return figs;
}

const pct = (a: number, n: number) => n === 0 ? "–" : `${(100 * a / n).toFixed(0)} %`;

function pm(s: Stat): string {
  return s.values.length > 1 ? `${fmt(s.mean)} ± ${fmt(s.sd, 2)}` : fmt(s.mean);
}

/** A verdict list summarised: `pass 3/3`, or `2 pass, 1 fail`. */
export function verdictSummary(vs: readonly Verdict[]): string {
  const n = vs.length;
  const count = (v: Verdict) => vs.filter((x) => x === v).length;
  const short = { "pass": "pass", "fail": "fail", "not applicable": "n/a" } as const;
  for (const v of ["pass", "fail", "not applicable"] as const) {
    if (count(v) === n) return `${short[v]} ${n}/${n}`;
  }
  return (["pass", "fail", "not applicable"] as const).filter((v) => count(v) > 0)
    .map((v) => `${count(v)} ${short[v]}`).join(", ");
}

/** A table as header + rows of plain text cells (rendered to HTML or Markdown). */
interface TextTable {
  header: string[];
  rows: string[][];
}

function e1Table(d: ReportData): TextTable {
  return {
    header: [
      "modality",
      "α_r",
      "μ_r",
      "μ̂_r",
      "τ_r",
      "Γ_r(0)",
      "predicted T̂_r",
      "T_r joint",
      "T_r alone",
      "growth joint",
      "growth alone",
      "M_r",
    ],
    rows: d.e1.rows.map((r) => [
      `${r.modality}${r.modality === d.e1.prediction.winner ? " (r*)" : ""}`,
      fmt(r.alpha),
      fmt(r.mu),
      fmt(r.muHat),
      fmt(r.tau),
      fmt(r.gamma0),
      fmt(r.predictedHitTime),
      fmt(r.jointHitTime),
      fmt(r.uniHitTime),
      `×${fmt(r.jointGrowth)}`,
      `×${fmt(r.uniGrowth)}`,
      fmt(r.margin),
    ]),
  };
}

function e3Table(d: ReportData): TextTable {
  const K = Math.max(...d.e3.map((r) => r.uni.length));
  return {
    header: [
      "scenario",
      "seeds",
      ...Array.from({ length: K }, (_, r) => `uni-modal ${r}`),
      "joint",
      ...Array.from({ length: K }, (_, r) => `joint encoder ${r} alone`),
      "uni-modal ensemble",
      "ideal Π μ_r / 2",
    ],
    rows: d.e3.map((row) => [
      row.scenario,
      String(row.seeds.length),
      ...Array.from({ length: K }, (_, r) => row.uni[r] ? pm(row.uni[r]) : "–"),
      pm(row.joint),
      ...Array.from({ length: K }, (_, r) => row.jointEncoder[r] ? pm(row.jointEncoder[r]) : "–"),
      pm(row.ensemble),
      fmt(row.ideal),
    ]),
  };
}

function claimTable(d: ReportData): TextTable {
  const ids = Object.keys(d.e3[0]?.verdicts ?? {});
  return {
    header: ["scenario", ...ids],
    rows: d.e3.map((row) => [row.scenario, ...ids.map((id) => verdictSummary(row.verdicts[id]))]),
  };
}

function claimNotes(d: ReportData): string[] {
  return d.claims.filter((c) => c.verdict !== "pass").map((c) => {
    const part = c.parts.find((p) => p.verdict === c.verdict) ??
      c.parts.find((p) => p.verdict !== "pass");
    const why = c.note ??
      (part ? `${part.name}: ${part.reason ?? `${part.measured} vs ${part.bound}`}` : "");
    return `${c.id} on ${c.scenario}, seed ${c.seed}: ${c.verdict}${why ? ` — ${why}` : ""}`;
  });
}

function agreementText(a: Agreement): string {
  return `${a.agree} of ${a.n} runs (${pct(a.agree, a.n)}) agree with the prediction; ` +
    `away from the boundary (clear winner and every M_s outside (2/3, 3/2)): ${a.awayAgree} of ${a.away} (${
      pct(a.awayAgree, a.away)
    }); near it: ${a.nearAgree} of ${a.near} (${pct(a.nearAgree, a.near)}).`;
}

function e1Caption(d: ReportData): string {
  const p = d.e1.prediction;
  const w = p.winner;
  const rw = d.e1.rows[w];
  const losers = d.e1.rows.filter((r) => r.modality !== w);
  const loserText = losers.map((r) =>
    `Modality ${r.modality} trained alone crosses τ_${r.modality} at step ${
      fmt(r.uniHitTime)
    } (predicted ${fmt(r.predictedHitTime)}) and grows ×${
      fmt(r.uniGrowth)
    }; trained jointly it grows only ×${fmt(r.jointGrowth)}${
      Number.isFinite(r.jointHitTime)
        ? ` and crosses at ${fmt(r.jointHitTime)}`
        : " and is never learned"
    } (predicted margin M = ${fmt(r.margin)}).`
  ).join(" ");
  return `The winner, modality ${w}, is predicted from the initial weights and the sample to cross its threshold at T̂ = ${
    fmt(rw.predictedHitTime)
  }; it crosses at ${fmt(rw.jointHitTime)} jointly and ${fmt(rw.uniHitTime)} alone. ${loserText} ` +
    `Once the winner is learned, the loser's residual weight ḡ collapses in the joint run (second figure): ` +
    `the samples the winner explains stop sending gradient, and the loser starves.`;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/** Markdown code spans (`x`) of escaped text as HTML code elements. */
function codeSpans(html: string): string {
  return html.replace(/`([^`]+)`/g, "<code>$1</code>");
}

function htmlTable(t: TextTable): string {
  const head = t.header.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function mdTable(t: TextTable): string {
  const cell = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `| ${t.header.map(cell).join(" | ")} |`,
    `| ${t.header.map(() => "---").join(" | ")} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

const INTRO = [
  "A late-fusion network adds one encoder per modality and is trained jointly by gradient descent. " +
  "When one modality's feature is learned first, the loss on the samples it explains saturates, " +
  "their residuals vanish, and the other encoders stop receiving the gradient they would need: " +
  "they starve and never learn their own feature, although each would learn it trained alone. " +
  "This is modality competition (Huang, Lin, Zhou, Yang & Huang, ICML 2022).",
  "Every figure and number below comes from seeded runs of this repository's engine; the marks " +
  "labelled predicted are computed from the initial weights and the training sample, before any " +
  "training (THEORY.md D5 and §4).",
];

function scenarioTable(d: ReportData): TextTable {
  return {
    header: ["scenario", "K", "d", "P", "N", "N_test", "m", "q", "ρ", "σ_0", "η", "T", "α", "μ"],
    rows: d.scenarios.map((s) => [
      s.name,
      ...[s.K, s.d, s.P, s.N, s.nTest, s.m, s.q, s.rho, s.sigma0, s.eta, s.T].map((x) => fmt(x)),
      s.alpha.map((x) => fmt(x)).join(", "),
      s.mu.map((x) => fmt(x)).join(", "),
    ]),
  };
}

function gridText(d: ReportData): string {
  if (!d.e2) return `E2 skipped: ${d.e2Skipped ?? "no grid"}.`;
  const g = d.e2.grid;
  return `Grid over ${d.e2.base}: α_1/α_0 ∈ {${g.ratio.join(", ")}}, μ_0 ∈ {${
    g.mu0.join(", ")
  }}, seeds {${
    g.seeds.join(", ")
  }}; one joint run per cell and seed (${d.e2.cells.length} runs). ` +
    `A run's winner is the first modality to cross its threshold; the loser is learned when Γ_s(T) ≥ τ_s. ` +
    `The prediction: winner r* = argmin T̂_r, loser starved when M_s > 1.`;
}

function settingsText(d: ReportData): string {
  const g = d.generated;
  return `Made by \`${g.command}\` on ${g.date} with Deno ${g.deno}, tfjs backend ${g.backend}, ${g.workers} worker${
    g.workers === 1 ? "" : "s"
  }, in ${g.seconds} s. E1: scenario ${d.e1.data.scenario}, seed ${d.e1.data.seed}. E3: seeds ${
    d.seeds.join(", ")
  }.`;
}

/**
 * The report as one self-contained HTML page (figures inline, no external resources).
 * @param d the data
 * @param figs the figures, file name → SVG
 * @returns the HTML text
 */
export function renderHtml(d: ReportData, figs: Map<string, string>): string {
  const fig = (name: string, caption: string) =>
    figs.has(name)
      ? `<figure>\n${figs.get(name)}\n<figcaption>${esc(caption)}</figcaption>\n</figure>`
      : "";
  const notes = claimNotes(d);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>modcomp report: modality competition</title>
<style>
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1340px; margin: 24px auto; padding: 0 16px; color: #111827; line-height: 1.45; }
h1 { font-size: 26px; margin-bottom: 4px; }
h2 { font-size: 20px; margin-top: 36px; border-bottom: 1px solid #d1d5db; padding-bottom: 4px; }
p.small { color: #4b5563; font-size: 13px; }
table { border-collapse: collapse; margin: 12px 0; font-size: 13px; }
th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: right; }
th { background: #f3f4f6; }
td:first-child, th:first-child { text-align: left; }
figure { margin: 16px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: #374151; max-width: 1100px; }
.agree { font-size: 15px; background: #f0fdf4; border-left: 4px solid #16a34a; padding: 8px 12px; }
ul.notes { font-size: 12px; color: #4b5563; }
</style>
</head>
<body>
<h1>Modality competition: what the theory predicts, and what training does</h1>
${INTRO.map((p) => `<p>${esc(p)}</p>`).join("\n")}
<p class="small">${codeSpans(esc(settingsText(d)))}</p>
${htmlTable(scenarioTable(d))}

<h2 id="e1">E1 · Trajectories: the winner is learned, the loser starves</h2>
${htmlTable(e1Table(d))}
${fig("e1_gamma.svg", e1Caption(d))}
${
    fig(
      "e1_gbar.svg",
      "ḡ_r(t) weighs each sample's residual by its signal in modality r: it is the share of the gradient modality r receives. Jointly, it falls for every modality as soon as the winner fits; alone, it falls only once the modality itself is learned.",
    )
  }

<h2 id="e2">E2 · Phase diagram: who wins, and is the loser learned?</h2>
<p>${esc(gridText(d))}</p>
${d.e2 ? `<p class="agree">${esc(agreementText(d.e2.agreement))}</p>` : ""}
${
    fig(
      "e2_phase.svg",
      "Left of the solid line the predicted margin M_s exceeds 1: the weak modality is predicted to starve in joint training; right of it, to be learned as well. The colours are what the joint runs did.",
    )
  }

<h2 id="e3">E3 · Performance gap: joint training against uni-modal networks</h2>
<p>Test error at T on N_test fresh samples, mean ± sd over seeds ${
    esc(d.seeds.join(", "))
  }. The uni-modal ensemble adds the separately trained uni-modal encoders φ_r.</p>
${htmlTable(e3Table(d))}
${
    fig(
      "e3_errors.svg",
      "Joint training stays at the error of its winner alone (about μ_r*/2); the reliable modality trained alone does better, and the ensemble of uni-modal networks approaches Π μ_r / 2.",
    )
  }
<h3>Claims (THEORY.md §2–§3) on the same runs</h3>
${htmlTable(claimTable(d))}
${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join("\n")}</ul>` : ""}
<p class="small">Files beside this page: report.md, results.json (every number above), ${
    [...figs.keys()].join(", ")
  }.</p>
</body>
</html>
`;
}

/**
 * The report as Markdown, with the figures linked as SVG files beside it.
 * @param d the data
 * @param figs the figure file names
 * @returns the Markdown text
 */
export function renderMarkdown(d: ReportData, figs: readonly string[]): string {
  const img = (name: string, alt: string) => figs.includes(name) ? `![${alt}](${name})\n` : "";
  const notes = claimNotes(d);
  return [
    "# Modality competition: what the theory predicts, and what training does",
    "",
    ...INTRO.flatMap((p) => [p, ""]),
    settingsText(d),
    "",
    mdTable(scenarioTable(d)),
    "",
    "## E1 · Trajectories: the winner is learned, the loser starves",
    "",
    mdTable(e1Table(d)),
    "",
    img("e1_gamma.svg", "E1: Γ_r(t), joint vs uni-modal"),
    e1Caption(d),
    "",
    img("e1_gbar.svg", "E1: residual weights ḡ_r(t)"),
    "## E2 · Phase diagram: who wins, and is the loser learned?",
    "",
    gridText(d),
    "",
    ...(d.e2 ? [`**${agreementText(d.e2.agreement)}**`, ""] : []),
    img("e2_phase.svg", "E2: phase diagram with the predicted boundary M_s = 1"),
    "## E3 · Performance gap: joint training against uni-modal networks",
    "",
    `Test error at T, mean ± sd over seeds ${d.seeds.join(", ")}.`,
    "",
    mdTable(e3Table(d)),
    "",
    img("e3_errors.svg", "E3: test errors"),
    "### Claims on the same runs",
    "",
    mdTable(claimTable(d)),
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
}

/**
 * Every file of a report: report.html, report.md, results.json and the SVG figures.
 * @param d the data
 * @returns file name → bytes
 */
export async function reportFiles(d: ReportData): Promise<Map<string, Uint8Array>> {
  const figs = await reportFigures(d);
  const enc = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  files.set("report.html", enc.encode(renderHtml(d, figs)));
  files.set("report.md", enc.encode(renderMarkdown(d, [...figs.keys()])));
  files.set("results.json", enc.encode(toJson(d, 1) + "\n"));
  for (const [name, svg] of figs) files.set(name, enc.encode(svg + "\n"));
  return files;
}

/**
 * Build the report and write it to a folder (atomically: every file appears complete).
 * @param out the folder
 * @param o the report's options
 * @returns the data and the files written
 */
export async function writeReport(
  out: string,
  o: ReportOptions,
): Promise<{ data: ReportData; files: string[] }> {
  const data = await buildReport(o);
  const files = await reportFiles(data);
  await writeFilesAtomic(out, files);
  return { data, files: [...files.keys()] };
}
