/**
 * Export a run: `trajectory.json` (scenario, seed, mode, predictions, hitting times, final
 * metrics, per-step series) and `arrays/*.npy` (data, initial weights, alignments, loss) —
 * enough for an independent implementation to replay the run. Files appear atomically:
 * everything is written under a temporary name first, then renamed into place.
 * @module
 */
import { encodeNpy } from "./npy.ts";
import type { Prepared } from "./train.ts";
import { finalCheckpoint, gammaSeries, hitTime, modeName, type Trajectory } from "./trajectory.ts";
import { InputError } from "./errors.ts";

/**
 * JSON with non-finite numbers as null and typed arrays as plain arrays.
 * @param value anything JSON-like
 * @param indent spaces to indent (0: one line)
 * @returns the JSON text
 * @example
 * ```ts
 * import { toJson } from "./export.ts";
 * console.log(toJson({ t: Infinity, a: new Float32Array([1]) })); // {"t":null,"a":[1]}
 * ```
 */
export function toJson(value: unknown, indent = 0): string {
  return JSON.stringify(value, (_k, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      return Array.from(v as Float32Array, (x) => Number.isFinite(x) ? x : null);
    }
    return v;
  }, indent || undefined);
}

/**
 * The summary of a run, as `trajectory.json` and `modcomp train --json` give it.
 * @param traj the trajectory
 * @returns a JSON-ready object
 * @example
 * ```ts
 * import { loadScenario, runSummary, train } from "../mod.ts";
 * const s = await loadScenario("default");
 * console.log(runSummary(await train(s, { steps: 30 })).hitTime);
 * ```
 */
export function runSummary(traj: Trajectory): Record<string, unknown> {
  const s = traj.scenario;
  const last = finalCheckpoint(traj);
  const K = s.K;
  return {
    scenario: s,
    seed: traj.seed,
    mode: modeName(traj.mode),
    backend: traj.backend,
    steps: traj.steps,
    prediction: traj.prediction,
    hitTime: Array.from({ length: K }, (_, r) => hitTime(traj, r)),
    final: {
      gamma: Array.from({ length: K }, (_, r) => gammaSeries(traj, r)[traj.steps]),
      gbar: Array.from(traj.gbar.subarray(traj.steps * K)),
      loss: traj.loss[traj.steps],
      trainError: last.trainError,
      testError: last.testError,
      encoderTestError: last.encoderTestError,
      insufficientTestError: last.insufficientTestError,
      maxXi: last.xi.reduce((a, b) => Math.max(a, b), -Infinity),
    },
    checkpoints: traj.checkpoints.map((c) => ({ ...c, xi: undefined })),
    wallMs: Math.round(traj.wallMs),
  };
}

/**
 * Every file of an exported run, path → bytes, in the order they are written.
 * @param traj the trajectory
 * @param prep the data and initial weights it was trained from
 * @returns the files
 * @example
 * ```ts
 * import { loadScenario, prepare, runFiles, train } from "../mod.ts";
 * const s = { ...(await loadScenario("default")), T: 3 };
 * const prep = prepare(s, 0);
 * console.log([...runFiles(await train(s, { prepared: prep }), prep).keys()]);
 * ```
 */
export function runFiles(traj: Trajectory, prep: Prepared): Map<string, Uint8Array> {
  const s = traj.scenario;
  const { N, P, d, K, m } = s;
  const files = new Map<string, Uint8Array>();
  // Wall time is not a result of the run; leaving it out keeps the files byte-reproducible.
  const { wallMs: _wallMs, ...summary } = runSummary(traj);
  const series = {
    loss: traj.loss,
    trainError: traj.trainError,
    gbar: Array.from({ length: K }, (_, r) => traj.gbar.filter((_, i) => i % K === r)),
    gamma: Array.from({ length: K }, (_, r) => gammaSeries(traj, r)),
  };
  files.set("trajectory.json", new TextEncoder().encode(toJson({ ...summary, series }, 1) + "\n"));
  prep.train.X.forEach((X, r) => files.set(`arrays/X${r}.npy`, encodeNpy(X, [N, P, d])));
  files.set("arrays/y.npy", encodeNpy(prep.train.y, [N]));
  const z = new Float64Array(K * N);
  prep.train.z.forEach((zr, r) => z.set(zr, r * N));
  files.set("arrays/z.npy", encodeNpy(z, [K, N]));
  const sp = new Int32Array(K * N);
  prep.train.signalPatch.forEach((p, r) => sp.set(p, r * N));
  files.set("arrays/signal_patch.npy", encodeNpy(sp, [K, N]));
  const v = new Float64Array(K * d);
  prep.v.forEach((vr, r) => v.set(vr, r * d));
  files.set("arrays/v.npy", encodeNpy(v, [K, d]));
  files.set("arrays/W0.npy", encodeNpy(prep.W0, [K, m, d]));
  files.set("arrays/WT.npy", encodeNpy(traj.weights, [K, m, d]));
  files.set("arrays/alignment.npy", encodeNpy(traj.alignment, [traj.steps + 1, K, m]));
  files.set("arrays/loss.npy", encodeNpy(traj.loss, [traj.steps + 1]));
  files.set("arrays/gbar.npy", encodeNpy(traj.gbar, [traj.steps + 1, K]));
  return files;
}

/**
 * Write files under `dir` atomically: all go to a temporary sibling folder first, then each
 * is renamed into place, so an interrupted export leaves no half-written file.
 *
 * @param dir the output folder (created if missing)
 * @param files relative path → bytes
 * @returns once every file is in place
 * @throws {InputError} when the folder cannot be created or written
 * @example
 * ```ts
 * import { writeFilesAtomic } from "./export.ts";
 * await writeFilesAtomic(await Deno.makeTempDir(), new Map([["a.txt", new Uint8Array([65])]]));
 * ```
 */
export async function writeFilesAtomic(dir: string, files: Map<string, Uint8Array>): Promise<void> {
  const base = await writableBase(dir);
  let tmp: string;
  try {
    tmp = await Deno.makeTempDir({ dir: base, prefix: ".modcomp-" });
  } catch (e) {
    throw outError(dir, reason(e));
  }
  try {
    for (const [path, bytes] of files) {
      const full = `${tmp}/${path}`;
      await Deno.mkdir(full.replace(/\/[^/]*$/, ""), { recursive: true });
      await Deno.writeFile(full, bytes);
    }
    for (const path of files.keys()) {
      const target = `${dir}/${path}`;
      await Deno.mkdir(target.replace(/\/[^/]*$/, ""), { recursive: true });
      await Deno.rename(`${tmp}/${path}`, target);
    }
  } catch (e) {
    throw outError(dir, reason(e));
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/**
 * Check, before any work is done, that `dir` is a folder that exists or can be created and
 * that files can be written in it. Nothing is left behind.
 *
 * @param dir the output folder
 * @returns once the folder is known to be writable
 * @throws {InputError} naming the folder and why it cannot be written
 * @example
 * ```ts
 * import { assertWritableDir } from "./export.ts";
 * await assertWritableDir(`${await Deno.makeTempDir()}/run0`); // fine: it can be created
 * ```
 */
export async function assertWritableDir(dir: string): Promise<void> {
  const base = await writableBase(dir);
  try {
    await Deno.remove(await Deno.makeTempDir({ dir: base, prefix: ".modcomp-" }));
  } catch (e) {
    throw outError(dir, reason(e));
  }
}

function outError(dir: string, why: string): InputError {
  return new InputError(
    `--out ${dir}: cannot write there (${why}); give a folder that exists or can be created`,
  );
}

/** An OS error in a few words, without the path and the error number. */
function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/\s*\(os error \d+\)[\s\S]*$/, "").split("\n")[0] || String(e);
}

/**
 * The closest existing folder on the way up from `dir` (where a sibling temporary folder
 * can go); fails when `dir` itself, or the closest existing entry above it, is a file.
 */
async function writableBase(dir: string): Promise<string> {
  if (dir.trim() === "") throw outError(dir, "empty path");
  let p = dir.replace(/\/+$/, "") || "/";
  for (;;) {
    let info: Deno.FileInfo | null;
    try {
      info = await Deno.stat(p);
    } catch (e) {
      const absent = e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory;
      if (!absent) throw outError(dir, reason(e)); // e.g. no permission to look
      info = null;
    }
    if (info) {
      if (info.isDirectory) return p;
      throw outError(dir, p === dir.replace(/\/+$/, "") ? "it is a file" : `${p} is a file`);
    }
    const up = p.includes("/") ? p.replace(/\/[^/]*$/, "") || "/" : ".";
    if (up === p) return p;
    p = up;
  }
}
