import assert from "node:assert/strict";
import { runFiles, writeFilesAtomic } from "./export.ts";
import { encodeNpy } from "./npy.ts";
import { loadScenario } from "./scenario.ts";
import { prepare, train } from "./train.ts";
import type { Mode } from "./trajectory.ts";

const REPLAY = new URL("./replay.py", import.meta.url).pathname;

interface ReplayReport {
  maxRelativeDeviation: number;
  tol: number;
  hitTimeFloat64: (number | null)[];
  hitTimeExported: (number | null)[];
  ok: boolean;
}

async function replay(dir: string): Promise<{ code: number; report: ReplayReport }> {
  const res = await new Deno.Command("python3", {
    args: [REPLAY, dir],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(res.stdout).trim();
  assert.ok(text !== "", `replay printed nothing: ${new TextDecoder().decode(res.stderr)}`);
  return { code: res.code, report: JSON.parse(text.split("\n").at(-1)!) };
}

Deno.test("a float64 numpy replay of exported runs (joint and uni:1) agrees with the engine", async () => {
  const s = { ...(await loadScenario("default")), T: 300 };
  const prep = prepare(s, 0);
  const root = await Deno.makeTempDir();
  try {
    const modes: [string, Mode][] = [["joint", { kind: "joint" }], ["uni1", { kind: "uni", r: 1 }]];
    const dirs = await Promise.all(modes.map(async ([name, mode]) => {
      const traj = await train(s, { mode, prepared: prep });
      const dir = `${root}/${name}`;
      await writeFilesAtomic(dir, runFiles(traj, prep));
      return { dir, traj };
    }));
    const reports = await Promise.all(dirs.map(({ dir }) => replay(dir)));
    for (const [k, { code, report }] of reports.entries()) {
      assert.equal(report.ok, true, `${modes[k][0]}: ${JSON.stringify(report)}`);
      assert.equal(code, 0);
      assert.ok(report.maxRelativeDeviation <= report.tol);
      assert.deepEqual(report.hitTimeFloat64, report.hitTimeExported);
    }
    // The joint run learns modality 0 within these 300 steps, so the replay compared a hit.
    assert.ok(typeof reports[0].report.hitTimeExported[0] === "number");

    // The replay has teeth: alignments that are off by 1 % are reported.
    const { dir, traj } = dirs[0];
    const { K, m } = s;
    const skewed = traj.alignment.map((a) => a * 1.01);
    await Deno.writeFile(`${dir}/arrays/alignment.npy`, encodeNpy(skewed, [s.T + 1, K, m]));
    const bad = await replay(dir);
    assert.equal(bad.report.ok, false);
    assert.equal(bad.code, 1);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
