import assert from "node:assert/strict";
import { buildReport, reportFiles, verdictSummary, writeReport } from "./report.ts";
import { loadScenario, type Scenario } from "./scenario.ts";

async function tiny(): Promise<Scenario> {
  const s = await loadScenario("default");
  return { ...s, name: "tiny", T: 200, N: 50, nTest: 100, checkpointEvery: 50 };
}

Deno.test("verdicts summarise as all-the-same or as counts", () => {
  assert.equal(verdictSummary(["pass", "pass"]), "pass 2/2");
  assert.equal(verdictSummary(["not applicable"]), "n/a 1/1");
  assert.equal(verdictSummary(["pass", "fail", "pass", "not applicable"]), "2 pass, 1 fail, 1 n/a");
});

Deno.test("a report is written to a folder: html with inline SVGs, md, SVGs, results.json", async () => {
  const dir = await Deno.makeTempDir({ prefix: "modcomp-report-test-" });
  try {
    const out = `${dir}/nested/report`;
    const { data, files } = await writeReport(out, {
      scenarios: [await tiny()],
      seeds: [0, 1],
      grid: { ratio: [0.3, 0.9], mu0: [0.05, 0.3], seeds: [0] },
      claims: ["L5", "T2"],
      workers: 2,
      quiet: true,
    });
    assert.deepEqual(files.sort(), [
      "e1_gamma.svg",
      "e1_gbar.svg",
      "e2_phase.svg",
      "e3_errors.svg",
      "report.html",
      "report.md",
      "results.json",
    ]);
    const html = await Deno.readTextFile(`${out}/report.html`);
    assert.equal(html.match(/<svg /g)?.length, 4);
    // self-contained: nothing is loaded from elsewhere
    assert.doesNotMatch(html, /<(script|link|img|iframe)\b/i);
    assert.doesNotMatch(html, /(src|href)="(https?:|\/\/)/);
    assert.match(html, /E1 · Trajectories/);
    assert.match(html, /agree with the prediction/);
    const md = await Deno.readTextFile(`${out}/report.md`);
    assert.match(md, /!\[E1: Γ_r\(t\), joint vs uni-modal\]\(e1_gamma\.svg\)/);
    assert.match(md, /\| scenario \| seeds \| uni-modal 0 \| uni-modal 1 \| joint \|/);
    const svg = await Deno.readTextFile(`${out}/e2_phase.svg`);
    assert.match(svg, /^<svg /);
    const results = JSON.parse(await Deno.readTextFile(`${out}/results.json`));
    assert.equal(results.e2.cells.length, 4);
    assert.equal(results.e3[0].seeds.length, 2);
    assert.deepEqual(Object.keys(results.e3[0].verdicts), ["L5", "T2"]);
    assert.equal(results.claims.length, 4);
    // E3 numbers are the runs' numbers
    const row = data.e3[0];
    assert.equal(row.joint.values.length, 2);
    assert.ok(row.ensemble.mean >= 0 && row.ensemble.mean <= 1);
    assert.equal(row.ideal, 0.1 * 0.02 / 2);
    // E1: the winner's predicted and measured hitting times are reported
    assert.equal(data.e1.rows[0].predictedHitTime, data.e1.prediction.hitTime[0]);
    assert.equal(data.e1.data.series.length, 4);
    // no temporary files are left beside the report
    const left = [...Deno.readDirSync(`${dir}/nested`)].map((e) => e.name);
    assert.deepEqual(left, ["report"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without a grid or a two-modality scenario, E2 is skipped and said so", async () => {
  const k3 = { ...(await loadScenario("k3")), T: 100, N: 40, nTest: 60, checkpointEvery: 50 };
  const data = await buildReport({
    scenarios: [k3],
    seeds: [0],
    grid: { ratio: [0.5], mu0: [0.1], seeds: [0] },
    claims: ["L5"],
    quiet: true,
  });
  assert.equal(data.e2, null);
  assert.match(data.e2Skipped ?? "", /two-modality/);
  assert.equal(data.e3[0].uni.length, 3);
  const files = await reportFiles(data);
  assert.equal(files.has("e2_phase.svg"), false);
  assert.match(new TextDecoder().decode(files.get("report.html")), /E2 skipped/);
});
