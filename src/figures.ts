/**
 * The figures of experiments E1–E3 (THEORY.md §5) as Vega-Lite specifications, rendered
 * headless to SVG (no DOM, no canvas, no network): E1 Γ_r(t) and ḡ_r(t) of every modality,
 * joint against uni-modal, with τ_r and the predicted T̂_r marked; E2 the phase diagram
 * with the predicted boundary; E3 the test errors per scenario.
 * @module
 */
import * as vega from "npm:vega@6.4.0";
import { compile, type TopLevelSpec } from "npm:vega-lite@6.5.0";
import { cellEdges } from "./grid.ts";
import type { BoundaryPoint, CellResult } from "./phase.ts";

/** A Vega-Lite specification (plain JSON). */
export type VegaLiteSpec = Record<string, unknown>;

const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", grid: true },
  legend: { labelFontSize: 11, titleFontSize: 12, titleLimit: 300, labelLimit: 300 },
  title: { fontSize: 14, subtitleFontSize: 11, anchor: "start" },
  view: { stroke: "#999" },
};

/** The logger interface Vega and Vega-Lite accept. */
interface Logger {
  level(): number;
  level(l: number): Logger;
  error(...args: readonly unknown[]): Logger;
  warn(...args: readonly unknown[]): Logger;
  info(...args: readonly unknown[]): Logger;
  debug(...args: readonly unknown[]): Logger;
}

/** A logger that keeps warnings in `sink` instead of printing them, and throws errors. */
function quietLogger(sink: string[]): Logger {
  const logger: Logger = {
    level: ((l?: number) => l === undefined ? 2 : logger) as Logger["level"],
    error: (...args) => {
      throw new Error(args.map(String).join(" "));
    },
    warn: (...args) => {
      sink.push(args.map(String).join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Colours of the two kinds of run. */
const RUN_SCALE = { domain: ["joint", "uni-modal"], range: ["#c2410c", "#1d4ed8"] };

/**
 * Render a Vega-Lite specification to an SVG document, headless, and keep the warnings
 * Vega-Lite and Vega raise (an error throws).
 * @param spec the specification
 * @returns the SVG text and the warnings
 * @example
 * ```ts
 * import { renderSvgWithWarnings } from "./figures.ts";
 * const { warnings } = await renderSvgWithWarnings({ data: { values: [] }, mark: "point" });
 * console.log(warnings.length);
 * ```
 */
export async function renderSvgWithWarnings(
  spec: VegaLiteSpec,
): Promise<{ svg: string; warnings: string[] }> {
  const full = { config: CONFIG, ...spec } as unknown as TopLevelSpec;
  const warnings: string[] = [];
  const logger = quietLogger(warnings);
  const view = new vega.View(vega.parse(compile(full, { logger }).spec), {
    renderer: "none",
    logger,
  });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Render a Vega-Lite specification to an SVG document, headless (no DOM, no network).
 * @param spec the specification
 * @returns the SVG text
 * @example
 * ```ts
 * import { renderSvg } from "./figures.ts";
 * const svg = await renderSvg({
 *   data: { values: [{ x: 1, y: 2 }] },
 *   mark: "point",
 *   encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
 * });
 * console.log(svg.startsWith("<svg")); // true
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  return (await renderSvgWithWarnings(spec)).svg;
}

/** One recorded series of E1: modality r in one run. */
export interface E1Series {
  /** the modality */
  modality: number;
  /** which run */
  run: "joint" | "uni-modal";
  /** the steps shown */
  t: number[];
  /** Γ_r(t) at those steps */
  gamma: number[];
  /** ḡ_r(t) at those steps */
  gbar: number[];
  /** measured hitting time T_r (null: never) */
  hitTime: number | null;
}

/** Everything E1 draws for one scenario and seed. */
export interface E1Data {
  /** the scenario's name */
  scenario: string;
  /** the seed */
  seed: number;
  /** steps T */
  T: number;
  /** α_r */
  alpha: number[];
  /** μ_r */
  mu: number[];
  /** τ_r */
  tau: number[];
  /** predicted T̂_r (null: never) */
  predictedHitTime: (number | null)[];
  /** predicted winner r* */
  winner: number;
  /** μ̂_{r*} */
  muHatWinner: number;
  /** the series, joint and uni-modal, per modality */
  series: E1Series[];
}

/**
 * The steps at which to draw a series of T+1 steps on a log axis: about `n` steps spaced
 * evenly in log t from 1 to T (all of them while they are dense), always including T.
 * @param T the last step
 * @param n about how many points
 * @returns increasing steps in 1..T
 * @example
 * ```ts
 * import { logSteps } from "./figures.ts";
 * console.log(logSteps(10, 400)); // [1, 2, …, 10]
 * ```
 */
export function logSteps(T: number, n = 400): number[] {
  if (T < 1) return [];
  const out = new Set<number>();
  for (let k = 0; k < n; k++) out.add(Math.round(Math.exp(Math.log(T) * k / (n - 1))));
  out.add(T);
  return [...out].filter((t) => t >= 1 && t <= T).sort((a, b) => a - b);
}

function fmtNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "never";
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 0.01 ? x.toPrecision(3) : x.toExponential(2);
}

function panelTitle(d: E1Data, r: number): Record<string, unknown> {
  return {
    text: `modality ${r}${r === d.winner ? " — predicted winner r*" : " — loser"}`,
    subtitle: [
      `α_${r} = ${fmtNumber(d.alpha[r])}, μ_${r} = ${fmtNumber(d.mu[r])}`,
      `τ_${r} = ρ/α_${r} = ${fmtNumber(d.tau[r])}, predicted T̂_${r} = ${
        fmtNumber(d.predictedHitTime[r])
      }`,
    ],
  };
}

/** Joint runs solid, uni-modal runs dashed, in one legend with the colours. */
const RUN_DASH = {
  field: "run",
  type: "nominal",
  scale: { domain: ["joint", "uni-modal"], range: [[1, 0], [7, 4]] },
  title: "training",
  legend: { symbolType: "stroke", symbolStrokeWidth: 2.5, symbolSize: 300 },
};

const X_STEPS = (T: number) => ({
  field: "t",
  type: "quantitative",
  scale: { type: "log", domain: [1, T], nice: false },
  axis: { tickCount: 6, format: "~s" },
  title: "gradient-descent step t (log scale)",
});

/** A vertical rule at the predicted hitting time with its label at the top of the panel. */
function predictedMark(t: number | null, label: string, T: number, top: number): unknown[] {
  if (t === null || !(t >= 1 && t <= T)) return [];
  return [
    {
      data: { values: [{ t }] },
      mark: { type: "rule", color: "#111", strokeDash: [2, 3], strokeWidth: 1.5 },
      encoding: { x: { field: "t", type: "quantitative" } },
    },
    {
      data: { values: [{ t, y: top }] },
      mark: {
        type: "text",
        align: t > Math.sqrt(T) * 4 ? "right" : "left",
        dx: t > Math.sqrt(T) * 4 ? -4 : 4,
        dy: 8,
        fontSize: 11,
        color: "#111",
      },
      encoding: {
        x: { field: "t", type: "quantitative" },
        y: { field: "y", type: "quantitative" },
        text: { value: label },
      },
    },
  ];
}

/**
 * E1, first figure: Γ_r(t) of every modality (one panel each), joint against uni-modal, on
 * log axes, with the learned threshold τ_r (dashed) and the predicted T̂_r (dotted) marked,
 * and a dot where each run measured T_r.
 * @param d the data
 * @returns the Vega-Lite specification
 * @example
 * ```ts
 * import { e1GammaSpec } from "./figures.ts";
 * const spec = e1GammaSpec({ scenario: "x", seed: 0, T: 2, alpha: [1], mu: [0], tau: [0.1],
 *   predictedHitTime: [1], winner: 0, muHatWinner: 0, series: [] });
 * console.log(Object.keys(spec));
 * ```
 */
export function e1GammaSpec(d: E1Data): VegaLiteSpec {
  const K = d.alpha.length;
  const panels = Array.from({ length: K }, (_, r) => {
    const series = d.series.filter((s) => s.modality === r);
    const rows = series.flatMap((s) =>
      s.t.map((t, k) => ({ t, gamma: s.gamma[k], run: s.run })).filter((x) => x.gamma > 0)
    );
    const ys = [...rows.map((x) => x.gamma), d.tau[r]];
    const lo = Math.min(...ys) / 1.5, hi = Math.max(...ys) * 2.5;
    const hits = series.filter((s) => s.hitTime !== null && s.hitTime >= 1).map((s) => ({
      t: s.hitTime,
      gamma: d.tau[r],
      run: s.run,
    }));
    return {
      width: 400,
      height: 280,
      title: panelTitle(d, r),
      layer: [
        {
          data: { values: rows },
          mark: { type: "line", strokeWidth: 2.5, clip: true },
          encoding: {
            x: X_STEPS(d.T),
            y: {
              field: "gamma",
              type: "quantitative",
              scale: { type: "log", domain: [lo, hi], nice: false },
              axis: { format: "~g" },
              title: `Γ_${r}(t), log scale`,
            },
            color: {
              field: "run",
              type: "nominal",
              scale: RUN_SCALE,
              title: "training",
              legend: { symbolType: "stroke", symbolStrokeWidth: 2.5, symbolSize: 300 },
            },
            strokeDash: RUN_DASH,
          },
        },
        {
          data: { values: [{ tau: d.tau[r] }] },
          mark: { type: "rule", color: "#555", strokeDash: [6, 4] },
          encoding: { y: { field: "tau", type: "quantitative" } },
        },
        {
          data: { values: [{ t: 1, tau: d.tau[r] }] },
          mark: { type: "text", align: "left", dx: 4, dy: -7, fontSize: 11, color: "#555" },
          encoding: {
            x: { field: "t", type: "quantitative" },
            y: { field: "tau", type: "quantitative" },
            text: { value: `τ_${r} = ${fmtNumber(d.tau[r])} (learned above)` },
          },
        },
        ...predictedMark(
          d.predictedHitTime[r],
          `T̂_${r} = ${fmtNumber(d.predictedHitTime[r])}`,
          d.T,
          hi,
        ),
        {
          data: { values: hits },
          mark: { type: "point", filled: true, size: 60, stroke: "white", strokeWidth: 1 },
          encoding: {
            x: { field: "t", type: "quantitative" },
            y: { field: "gamma", type: "quantitative" },
            color: {
              field: "run",
              type: "nominal",
              scale: RUN_SCALE,
              title: "training",
              legend: { symbolType: "stroke", symbolStrokeWidth: 2.5, symbolSize: 300 },
            },
          },
        },
      ],
    };
  });
  return {
    title: {
      text:
        `E1 · alignment Γ_r(t) with the feature, joint vs uni-modal training (${d.scenario}, seed ${d.seed})`,
      subtitle: [
        "Γ_r(t) = max_j ⟨w_r,j(t), v_r⟩; grey dashed: learned threshold τ_r;",
        "black dotted: T̂_r predicted from the initial state (D5); dots: measured hitting times T_r",
      ],
    },
    hconcat: panels,
    spacing: 30,
  };
}

/**
 * E1, second figure: the residual weight ḡ_r(t) of every modality, joint against
 * uni-modal. Once the winner is learned (its predicted T̂_{r*} dotted), the joint loser's ḡ
 * collapses towards μ̂_{r*}/2 (dashed): the loser is starved of gradient.
 * @param d the data
 * @returns the Vega-Lite specification
 * @example
 * ```ts
 * import { e1GbarSpec } from "./figures.ts";
 * const spec = e1GbarSpec({ scenario: "x", seed: 0, T: 2, alpha: [1], mu: [0], tau: [0.1],
 *   predictedHitTime: [1], winner: 0, muHatWinner: 0, series: [] });
 * console.log(Object.keys(spec));
 * ```
 */
export function e1GbarSpec(d: E1Data): VegaLiteSpec {
  const K = d.alpha.length;
  const w = d.winner;
  const panels = Array.from({ length: K }, (_, r) => {
    const rows = d.series.filter((s) => s.modality === r).flatMap((s) =>
      s.t.map((t, k) => ({ t, gbar: s.gbar[k], run: s.run })).filter((x) => Number.isFinite(x.gbar))
    );
    const starve = d.muHatWinner / 2;
    return {
      width: 400,
      height: 220,
      title: {
        text: `modality ${r}${r === w ? " — predicted winner r*" : " — loser"}`,
        subtitle: r === w ? [`ḡ_${r} falls as modality ${r} fits the samples it explains`] : [
          `joint: starved once modality ${w} is learned`,
          `alone: falls only when modality ${r} itself is learned`,
        ],
      },
      layer: [
        {
          data: { values: rows },
          mark: { type: "line", strokeWidth: 2.5, clip: true },
          encoding: {
            x: X_STEPS(d.T),
            y: {
              field: "gbar",
              type: "quantitative",
              scale: { domain: [0, 0.55], nice: false },
              title: `ḡ_${r}(t)`,
            },
            color: {
              field: "run",
              type: "nominal",
              scale: RUN_SCALE,
              title: "training",
              legend: { symbolType: "stroke", symbolStrokeWidth: 2.5, symbolSize: 300 },
            },
            strokeDash: RUN_DASH,
          },
        },
        ...(r === w ? [] : [
          {
            data: { values: [{ y: starve }] },
            mark: { type: "rule", color: "#555", strokeDash: [6, 4] },
            encoding: { y: { field: "y", type: "quantitative" } },
          },
          {
            data: { values: [{ t: d.T, y: starve }] },
            mark: { type: "text", align: "right", dx: -4, dy: -7, fontSize: 11, color: "#555" },
            encoding: {
              x: { field: "t", type: "quantitative" },
              y: { field: "y", type: "quantitative" },
              text: { value: `μ̂_${w}/2 = ${fmtNumber(starve)}` },
            },
          },
        ]),
        ...predictedMark(
          d.predictedHitTime[w],
          `T̂_${w} = ${fmtNumber(d.predictedHitTime[w])} (winner learned)`,
          d.T,
          0.55,
        ),
      ],
    };
  });
  return {
    title: {
      text:
        `E1 · residual weight ḡ_r(t): the winner starves the loser (${d.scenario}, seed ${d.seed})`,
      subtitle: [
        "ḡ_r(t) = Σ_i g_i(t) z_r,i^q / Σ_i z_r,i^q, the share of the gradient that reaches modality r;",
        "black dotted: the winner's predicted T̂_r*; grey dashed: μ̂_r*/2, what is left for the loser",
      ],
    },
    hconcat: panels,
    spacing: 30,
  };
}

/** The outcome of a measured cell as the phase diagram names it. */
export function outcomeOf(c: Pick<CellResult, "measured">): string {
  const w = c.measured.winner;
  if (w === null) return "nothing learned";
  const losers = c.measured.learned.map((l, r) => ({ l, r })).filter((x) => x.r !== w);
  const allLearned = losers.every((x) => x.l);
  const names = losers.map((x) => x.r).join(", ");
  return `${w} wins, ${names} ${allLearned ? "learned too" : "starved"}`;
}

const OUTCOME_SCALE = {
  domain: [
    "0 wins, 1 starved",
    "0 wins, 1 learned too",
    "1 wins, 0 starved",
    "1 wins, 0 learned too",
    "nothing learned",
  ],
  range: ["#f59e0b", "#14b8a6", "#a78bfa", "#22c55e", "#cbd5e1"],
};

/**
 * E2: the phase diagram. Each grid cell (α_1/α_0, μ_0) is split into one slice per seed,
 * coloured by what the joint run measured (who won, and whether the loser was learned by
 * T); a cross marks a slice where the measurement disagrees with the prediction; the lines
 * are the predicted boundaries M_s = 1 (solid) and T̂_0 = T̂_1 (dashed); each cell is
 * labelled with the geometric mean of its predicted M_s over seeds.
 * @param cells measured cells
 * @param boundary predicted boundary points
 * @param title the figure's title
 * @returns the Vega-Lite specification
 * @example
 * ```ts
 * import { e2PhaseSpec } from "./figures.ts";
 * console.log(Object.keys(e2PhaseSpec([], [], "E2")));
 * ```
 */
export function e2PhaseSpec(
  cells: readonly CellResult[],
  boundary: readonly BoundaryPoint[],
  title: string,
): VegaLiteSpec {
  const ratios = [...new Set(cells.map((c) => c.ratio))].sort((a, b) => a - b);
  const mus = [...new Set(cells.map((c) => c.mu0))].sort((a, b) => a - b);
  const seeds = [...new Set(cells.map((c) => c.seed))].sort((a, b) => a - b);
  const xe = ratios.length ? cellEdges(ratios) : [0, 1];
  const ye = mus.length ? cellEdges(mus) : [0, 1];
  const slices = cells.map((c) => {
    const i = ratios.indexOf(c.ratio), j = mus.indexOf(c.mu0), k = seeds.indexOf(c.seed);
    const w = (xe[i + 1] - xe[i]) / seeds.length;
    const x0 = xe[i] + k * w;
    return {
      x0,
      x1: x0 + w,
      xm: x0 + w / 2,
      y0: ye[j],
      y1: ye[j + 1],
      ym: (ye[j] + ye[j + 1]) / 2,
      outcome: outcomeOf(c),
      agree: c.agree,
      cell: c.key,
    };
  });
  const labels = ratios.flatMap((ratio, i) =>
    mus.map((mu0, j) => {
      const here = cells.filter((c) => c.ratio === ratio && c.mu0 === mu0);
      const logs = here.map((c) => {
        const M = c.predicted.margin[1 - c.predicted.winner];
        return Math.log(Math.min(1e6, Math.max(1e-6, M ?? 1e6)));
      });
      const M = Math.exp(logs.reduce((a, b) => a + b, 0) / Math.max(1, logs.length));
      return {
        x: (xe[i] + xe[i + 1]) / 2,
        y: ye[j] + (ye[j + 1] - ye[j]) * 0.12,
        text: here.length ? `M = ${fmtNumber(M)}` : "",
      };
    })
  );
  const outlines = ratios.flatMap((_, i) =>
    mus.map((_, j) => ({ x0: xe[i], x1: xe[i + 1], y0: ye[j], y1: ye[j + 1] }))
  );
  const curves = ["M_s = 1", "T̂_0 = T̂_1"].filter((c) => boundary.some((b) => b.curve === c));
  const dashes: Record<string, number[]> = { "M_s = 1": [1, 0], "T̂_0 = T̂_1": [8, 5] };
  const x = (field: string) => ({
    field,
    type: "quantitative",
    scale: { domain: [xe[0], xe[xe.length - 1]], nice: false, zero: false },
    // the grid's own values, written as given (a format would round them to the tick step)
    axis: { values: ratios, labelExpr: "'' + datum.value" },
    title: "α_1 / α_0 (signal of modality 1 relative to modality 0)",
  });
  const y = (field: string) => ({
    field,
    type: "quantitative",
    scale: { domain: [ye[0], ye[ye.length - 1]], nice: false, zero: false },
    axis: { values: mus, labelExpr: "'' + datum.value" },
    title: "μ_0 (probability that modality 0 is insufficient)",
  });
  return {
    title: {
      text: title,
      subtitle: [
        `each cell split into ${seeds.length} seed slice${seeds.length === 1 ? "" : "s"} (seeds ${
          seeds.join(", ")
        }), coloured by the joint run's outcome at T; × = disagrees with the prediction`,
        "lines: predicted boundaries from the initial state (THEORY.md §4); M = geometric mean of the predicted margin M_s over seeds",
      ],
    },
    width: 560,
    height: 420,
    layer: [
      {
        data: { values: slices },
        mark: { type: "rect", stroke: "white", strokeWidth: 0.5, strokeOpacity: 0.7 },
        encoding: {
          x: x("x0"),
          x2: { field: "x1" },
          y: y("y0"),
          y2: { field: "y1" },
          color: {
            field: "outcome",
            type: "nominal",
            scale: OUTCOME_SCALE,
            title: "measured (joint run)",
            legend: { orient: "right", labelLimit: 240 },
          },
          tooltip: [{ field: "cell" }, { field: "outcome" }, { field: "agree" }],
        },
      },
      {
        data: { values: outlines },
        mark: { type: "rect", fill: null, stroke: "white", strokeWidth: 4 },
        encoding: { x: x("x0"), x2: { field: "x1" }, y: y("y0"), y2: { field: "y1" } },
      },
      {
        data: { values: labels },
        mark: { type: "text", fontSize: 10, color: "#1f2937" },
        encoding: { x: x("x"), y: y("y"), text: { field: "text" } },
      },
      {
        data: { values: slices.filter((s) => !s.agree) },
        mark: { type: "text", fontSize: 20, fontWeight: "bold", color: "#7f1d1d" },
        encoding: { x: x("xm"), y: y("ym"), text: { value: "×" } },
      },
      ...(boundary.length === 0 ? [] : [{
        data: { values: boundary.map((b, k) => ({ ...b, k })) },
        mark: { type: "line", color: "#111", strokeWidth: 2.5, clip: true },
        encoding: {
          x: x("ratio"),
          y: y("mu0"),
          order: { field: "k", type: "quantitative" },
          detail: { field: "curve", type: "nominal" },
          strokeDash: {
            field: "curve",
            type: "nominal",
            scale: { domain: curves, range: curves.map((c) => dashes[c]) },
            title: "predicted boundary",
            legend: { orient: "right", symbolStrokeColor: "#111", symbolType: "stroke" },
          },
        },
      }]),
    ],
    resolve: { legend: { color: "independent", strokeDash: "independent" } },
  };
}

/** One bar of E3: a configuration's test error on one scenario (mean ± sd over seeds). */
export interface E3Bar {
  /** the scenario */
  scenario: string;
  /** e.g. `uni-modal 0`, `joint`, `uni-modal ensemble` */
  config: string;
  /** mean test error */
  mean: number;
  /** standard deviation over seeds (0 for one seed) */
  sd: number;
}

/**
 * E3: test errors per scenario — each uni-modal network, the joint network and the
 * uni-modal ensemble — as bars with ± one standard deviation over seeds, and the ideal
 * Π_r μ_r / 2 as a dashed rule.
 * @param bars the bars
 * @param ideal Π_r μ_r / 2 per scenario
 * @returns the Vega-Lite specification
 * @example
 * ```ts
 * import { e3ErrorSpec } from "./figures.ts";
 * console.log(Object.keys(e3ErrorSpec([], {})));
 * ```
 */
export function e3ErrorSpec(bars: readonly E3Bar[], ideal: Record<string, number>): VegaLiteSpec {
  const scenarios = [...new Set(bars.map((b) => b.scenario))];
  const panels = scenarios.map((name) => {
    const rows = bars.filter((b) => b.scenario === name).map((b) => ({
      ...b,
      lo: Math.max(0, b.mean - b.sd),
      hi: b.mean + b.sd,
      label: fmtNumber(b.mean),
    }));
    const order = rows.map((b) => b.config);
    const xEnc = {
      field: "config",
      type: "nominal",
      sort: order,
      axis: { labelAngle: 0, labelExpr: "split(datum.label, ' ')", labelLimit: 160 },
      title: null,
    };
    const top = Math.max(ideal[name] ?? 0, ...rows.map((b) => b.hi)) * 1.2 || 1;
    return {
      width: 80 * Math.max(3, rows.length),
      height: 260,
      title: {
        text: name,
        subtitle: `ideal Π_r μ_r / 2 = ${fmtNumber(ideal[name] ?? NaN)} (dashed)`,
      },
      layer: [
        {
          data: { values: rows },
          mark: { type: "bar", color: "#64748b", width: { band: 0.6 } },
          encoding: {
            x: xEnc,
            y: {
              field: "mean",
              type: "quantitative",
              scale: { domain: [0, top], nice: false },
              title: "test error at T",
            },
            color: {
              field: "config",
              type: "nominal",
              scale: {
                domain: order,
                range: order.map((c) =>
                  c === "joint"
                    ? "#c2410c"
                    : c.startsWith("uni-modal ensemble")
                    ? "#0f766e"
                    : "#1d4ed8"
                ),
              },
              legend: null,
            },
          },
        },
        {
          data: { values: rows },
          mark: { type: "rule", color: "#111" },
          encoding: { x: xEnc, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } },
        },
        {
          data: { values: rows },
          mark: { type: "text", dy: -8, fontSize: 10, color: "#111" },
          encoding: { x: xEnc, y: { field: "hi", type: "quantitative" }, text: { field: "label" } },
        },
        {
          data: { values: [{ y: ideal[name] ?? 0 }] },
          mark: { type: "rule", color: "#111", strokeDash: [6, 4] },
          encoding: { y: { field: "y", type: "quantitative" } },
        },
      ],
    };
  });
  return {
    title: {
      text: "E3 · test error: uni-modal networks, joint training, uni-modal ensemble",
      subtitle:
        "bars: mean over seeds; whiskers: ± one standard deviation; dashed: the ideal Π_r μ_r / 2",
    },
    hconcat: panels,
    spacing: 40,
  };
}
