import assert from "node:assert/strict";
import {
  type E1Data,
  e1GammaSpec,
  e1GbarSpec,
  e2PhaseSpec,
  e3ErrorSpec,
  logSteps,
  outcomeOf,
  renderSvgWithWarnings,
} from "./figures.ts";
import type { CellResult } from "./phase.ts";

/** The text of every <text> element of an SVG, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
  );
}

async function render(spec: Record<string, unknown>): Promise<string> {
  const { svg, warnings } = await renderSvgWithWarnings(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.trimEnd().endsWith("</svg>"));
  // self-contained: no reference to anything outside the document
  assert.doesNotMatch(svg, /(href|src)="(https?:|\/\/)/);
  return svg;
}

const E1: E1Data = {
  scenario: "test",
  seed: 0,
  T: 100,
  alpha: [1, 0.3],
  mu: [0.1, 0.02],
  tau: [0.1, 1 / 3],
  predictedHitTime: [20, null],
  winner: 0,
  muHatWinner: 0.12,
  series: (["joint", "uni-modal"] as const).flatMap((run) =>
    [0, 1].map((modality) => {
      const t = logSteps(100, 50);
      return {
        modality,
        run,
        t,
        gamma: t.map((x) => modality === 0 ? 0.02 * Math.exp(x / 12) : 0.01 * (1 + x / 500)),
        gbar: t.map((x) => modality === 0 ? 0.5 / (1 + x / 20) : 0.5),
        hitTime: modality === 0 ? 20 : null,
      };
    })
  ),
};

Deno.test("logSteps covers 1..T once each, dense at the start", () => {
  assert.deepEqual(logSteps(10, 400), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const s = logSteps(3000);
  assert.equal(s[0], 1);
  assert.equal(s[s.length - 1], 3000);
  assert.ok(s.length <= 400 && s.length > 200);
  assert.ok(s.every((x, i) => i === 0 || x > s[i - 1]));
  assert.deepEqual(logSteps(0), []);
});

Deno.test("E1 Γ figure: an SVG with a panel per modality, log axes, τ and T̂ marked", async () => {
  const svg = await render(e1GammaSpec(E1));
  const t = texts(svg);
  assert.ok(t.includes("Γ_0(t), log scale"));
  assert.ok(t.includes("Γ_1(t), log scale"));
  assert.equal(t.filter((x) => x === "gradient-descent step t (log scale)").length, 2);
  assert.ok(t.includes("T̂_0 = 20"));
  assert.ok(t.some((x) => x.startsWith("τ_1 = 0.333")));
  assert.ok(t.includes("joint") && t.includes("uni-modal"));
});

Deno.test("E1 ḡ figure: an SVG with the winner's T̂ and the starvation level", async () => {
  const t = texts(await render(e1GbarSpec(E1)));
  assert.ok(t.includes("ḡ_0(t)") && t.includes("ḡ_1(t)"));
  assert.ok(t.includes("T̂_0 = 20 (winner learned)"));
  assert.ok(t.includes("μ̂_0/2 = 0.0600"));
});

function cell(ratio: number, mu0: number, seed: number, loserLearned: boolean): CellResult {
  const margin = loserLearned ? 0.5 : 2;
  return {
    key: `ratio=${ratio},mu0=${mu0},seed=${seed}`,
    base: "test",
    fingerprint: "0",
    ratio,
    mu0,
    seed,
    alpha: [1, ratio],
    mu: [mu0, 0.02],
    T: 100,
    predicted: {
      winner: 0,
      clear: true,
      hitTime: [20, 80],
      margin: [null, margin],
      learned: [true, margin <= 1],
    },
    measured: {
      winner: 0,
      hitTime: [20, loserLearned ? 90 : null],
      learned: [true, loserLearned],
      gamma0: [0.02, 0.01],
      gammaT: [1, loserLearned ? 1 : 0.02],
      tau: [0.1, 0.1 / ratio],
      gbarT: [0.05, 0.05],
      trainError: 0,
      testError: 0.05,
    },
    agree: margin <= 1 === loserLearned,
    near: false,
  };
}

Deno.test("outcomes name the winner and the loser's fate", () => {
  assert.equal(outcomeOf(cell(0.2, 0.1, 0, false)), "0 wins, 1 starved");
  assert.equal(outcomeOf(cell(0.8, 0.1, 0, true)), "0 wins, 1 learned too");
  const none = cell(0.2, 0.1, 0, false);
  assert.equal(outcomeOf({ measured: { ...none.measured, winner: null } }), "nothing learned");
});

Deno.test("E2 figure: an SVG with labelled axes, outcome legend and the boundary", async () => {
  const cells = [
    cell(0.2, 0.1, 0, false),
    { ...cell(0.2, 0.1, 1, true), agree: false }, // disagrees: crossed
    cell(0.8, 0.1, 0, true),
    cell(0.8, 0.1, 1, true),
    cell(0.2, 0.3, 0, false),
    cell(0.2, 0.3, 1, false),
    cell(0.8, 0.3, 0, true),
    cell(0.8, 0.3, 1, true),
  ];
  const boundary = [
    { curve: "M_s = 1", ratio: 0.45, mu0: 0.05 },
    { curve: "M_s = 1", ratio: 0.4, mu0: 0.35 },
  ];
  const t = texts(await render(e2PhaseSpec(cells, boundary, "E2 test")));
  assert.ok(t.includes("α_1 / α_0 (signal of modality 1 relative to modality 0)"));
  assert.ok(t.includes("μ_0 (probability that modality 0 is insufficient)"));
  assert.ok(t.includes("0 wins, 1 starved") && t.includes("0 wins, 1 learned too"));
  assert.ok(t.includes("M_s = 1"));
  assert.equal(t.filter((x) => x === "×").length, 1);
  // no boundary inside the range: the figure still renders
  await render(e2PhaseSpec(cells, [], "E2 without boundary"));
});

Deno.test("E3 figure: an SVG with one bar per configuration and the ideal", async () => {
  const bars = [
    { scenario: "s", config: "uni-modal 0", mean: 0.05, sd: 0.004 },
    { scenario: "s", config: "uni-modal 1", mean: 0.01, sd: 0.002 },
    { scenario: "s", config: "joint", mean: 0.05, sd: 0.005 },
    { scenario: "s", config: "uni-modal ensemble", mean: 0.001, sd: 0.0005 },
  ];
  const t = texts(await render(e3ErrorSpec(bars, { s: 0.001 })));
  assert.ok(t.includes("test error at T"));
  assert.ok(t.includes("joint"));
  assert.ok(t.some((x) => x.includes("ideal Π_r μ_r / 2 = 1.00e-3")));
});
