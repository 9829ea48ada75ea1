/**
 * Sweeps: measure the cells of an E2 grid in parallel Web Workers (each with its own tfjs
 * backend), append one JSON line per finished cell to a file, resume after a kill by
 * skipping the cells already there, take a deterministic shard of the cells for array jobs,
 * and merge shard files into one sorted file. Results do not depend on the number of
 * workers or shards: every cell is seeded.
 * @module
 */
import {
  type Cell,
  cellKey,
  compareCells,
  type Grid,
  gridCells,
  scenarioFingerprint,
  type Shard,
  shardCells,
} from "./grid.ts";
import { InputError } from "./errors.ts";
import { toJson } from "./export.ts";
import type { CellResult } from "./phase.ts";
import type { Scenario } from "./scenario.ts";
import type { Backend } from "./tf.ts";

/** A message to a sweep worker: measure one cell. */
export interface WorkerRequest {
  /** the request's id, echoed in the reply */
  id: number;
  /** the base scenario */
  base: Scenario;
  /** the cell */
  cell: Cell;
  /** the tfjs backend */
  backend: Backend;
}

/** A sweep worker's answer: the cell's result, or the error it raised. */
export type WorkerReply =
  | { id: number; result: CellResult; error?: undefined }
  | { id: number; result?: undefined; error: { name: string; message: string } };

/** Options of {@link runCells}. */
export interface RunCellsOptions {
  /** parallel workers (default 1) */
  workers?: number;
  /** tfjs backend (default wasm) */
  backend?: Backend;
  /** called in the parent for every finished cell, in the order they finish */
  onResult?: (result: CellResult) => void;
}

/**
 * Measure cells in parallel Web Workers. Each worker takes the next cell when it is free.
 *
 * @param base the base scenario
 * @param cells the cells to measure
 * @param options workers, backend, a callback per finished cell
 * @returns the results in canonical cell order
 * @throws the first error a worker raises (an InputError stays an InputError)
 * @example
 * ```ts
 * import { runCells } from "./sweep.ts";
 * import { loadScenario } from "./scenario.ts";
 * const base = { ...(await loadScenario("default")), T: 50 };
 * const res = await runCells(base, [{ ratio: 0.3, mu0: 0.1, seed: 0 }], { workers: 1 });
 * console.log(res[0].measured.winner);
 * ```
 */
export async function runCells(
  base: Scenario,
  cells: readonly Cell[],
  options: RunCellsOptions = {},
): Promise<CellResult[]> {
  const backend = options.backend ?? "wasm";
  const queue = [...cells];
  const results: CellResult[] = [];
  const count = Math.max(0, Math.min(options.workers ?? 1, queue.length));
  const workers: Worker[] = [];
  let failed = false;
  let nextId = 0;
  const call = (w: Worker, cell: Cell) =>
    new Promise<CellResult>((resolve, reject) => {
      const id = nextId++;
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        const reply = e.data;
        if (reply.id !== id) return;
        if (reply.error) {
          const { name, message } = reply.error;
          reject(name === "InputError" ? new InputError(message) : new Error(message));
        } else resolve(reply.result);
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        reject(new Error(`sweep worker failed: ${e.message}`));
      };
      w.postMessage({ id, base, cell, backend } satisfies WorkerRequest);
    });
  try {
    await Promise.all(Array.from({ length: count }, async () => {
      const w = new Worker(new URL("./sweep_worker.ts", import.meta.url).href, {
        type: "module",
      });
      workers.push(w);
      while (!failed) {
        const cell = queue.shift();
        if (!cell) break;
        try {
          const res = await call(w, cell);
          results.push(res);
          options.onResult?.(res);
        } catch (e) {
          failed = true;
          throw e;
        }
      }
    }));
  } finally {
    for (const w of workers) w.terminate();
  }
  return results.sort(compareCells);
}

/** A sweep file read back: its complete lines, and where a cut-off last line starts. */
export interface CellFile {
  /** the results of the complete lines, in file order */
  results: CellResult[];
  /** bytes of the complete lines (the file's length unless the last line was cut off) */
  validBytes: number;
  /** the file ended in a cut-off line (a write interrupted by a kill), which was dropped */
  truncated: boolean;
}

function isCellResult(x: unknown): x is CellResult {
  if (typeof x !== "object" || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.key === "string" && typeof o.fingerprint === "string" &&
    typeof o.ratio === "number" && typeof o.mu0 === "number" &&
    Number.isSafeInteger(o.seed) && typeof o.predicted === "object" &&
    typeof o.measured === "object" && o.key === cellKey(o as unknown as Cell);
}

/**
 * Parse the text of a sweep file. Every complete line must be a cell result; a last line
 * without its newline is the trace of an interrupted write and is dropped.
 * @param text the file's text
 * @param where the file's name, for messages
 * @returns the results and where the complete lines end
 * @throws {InputError} naming the line that is not a cell result
 * @example
 * ```ts
 * import { parseCellFile } from "./sweep.ts";
 * console.log(parseCellFile('{"key":"rat', "a.jsonl").truncated); // true
 * ```
 */
export function parseCellFile(text: string, where: string): CellFile {
  const enc = new TextEncoder();
  const end = text.lastIndexOf("\n") + 1;
  const complete = text.slice(0, end);
  const results: CellResult[] = [];
  complete.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      v = undefined;
    }
    if (!isCellResult(v)) {
      throw new InputError(`${where}:${i + 1}: not a sweep result line`);
    }
    results.push(v);
  });
  return {
    results,
    validBytes: enc.encode(complete).length,
    truncated: end < text.length,
  };
}

/**
 * Read a sweep file (see {@link parseCellFile}); a missing file reads as empty.
 * @param path the file
 * @param where how to name it in messages (default: the path)
 * @returns its results
 * @throws {InputError} when it cannot be read or a complete line is not a result
 * @example
 * ```ts
 * import { readCellFile } from "./sweep.ts";
 * console.log((await readCellFile("/nonexistent.jsonl")).results.length); // 0
 * ```
 */
export async function readCellFile(path: string, where = path): Promise<CellFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { results: [], validBytes: 0, truncated: false };
    throw new InputError(`${where}: cannot read the file (${(e as Error).name})`);
  }
  return parseCellFile(text, where);
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** the base scenario (K = 2); its T is the runs' T */
  base: Scenario;
  /** the grid */
  grid: Grid;
  /** the output file (JSON lines); cells already in it are skipped */
  out: string;
  /** this process's share of the cells (default: all) */
  shard?: Shard;
  /** parallel workers (default 1) */
  workers?: number;
  /** tfjs backend (default wasm) */
  backend?: Backend;
  /** called once the work is known: cells of the shard, and how many are left to run */
  onStart?: (cells: number, todo: number) => void;
  /** called for every cell written */
  onResult?: (result: CellResult) => void;
}

/** What a sweep did. */
export interface SweepSummary {
  /** the output file */
  out: string;
  /** cells in this shard of the grid */
  cells: number;
  /** of those, already in the file before this run */
  skipped: number;
  /** measured and appended by this run */
  ran: number;
  /** a cut-off last line was dropped from the file before appending */
  repaired: boolean;
  /** lines in the file that are not cells of this shard (kept as they are) */
  foreign: number;
  /** wall-clock seconds */
  seconds: number;
}

function writeAllSync(file: Deno.FsFile, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += file.writeSync(bytes.subarray(off));
}

/**
 * Run (or resume) a sweep: measure every cell of this shard that the output file does not
 * hold yet, appending one line per finished cell with a single write by this process (the
 * workers never write), so that a kill leaves at most one cut-off last line, which the
 * next run drops before appending.
 *
 * @param options base, grid, output, shard, workers, backend, callbacks
 * @returns what was done
 * @throws {InputError} when the file holds results of another base scenario or cannot be
 *   written, or the base is not a two-modality scenario — before anything is written
 * @example
 * ```ts
 * import { sweep } from "./sweep.ts";
 * import { loadScenario } from "./scenario.ts";
 * const base = { ...(await loadScenario("default")), T: 50 };
 * const out = `${await Deno.makeTempDir()}/cells.jsonl`;
 * const grid = { ratio: [0.3], mu0: [0.1], seeds: [0, 1] };
 * console.log((await sweep({ base, grid, out, workers: 2 })).ran); // 2
 * ```
 */
export async function sweep(options: SweepOptions): Promise<SweepSummary> {
  const started = performance.now();
  const { base, out } = options;
  if (base.K !== 2) {
    throw new InputError(
      `--scenario ${base.name}: the E2 grid varies α_1/α_0 and μ_0 of a two-modality scenario; this one has K = ${base.K}`,
    );
  }
  const shard = options.shard ?? { index: 0, count: 1 };
  const cells = shardCells(gridCells(options.grid), shard);
  const fingerprint = scenarioFingerprint(base);
  const existing = await readCellFile(out, `--out ${out}`);
  const other = existing.results.find((r) => r.fingerprint !== fingerprint);
  if (other) {
    throw new InputError(
      `--out ${out}: holds cells of another sweep (base ${other.base}, fingerprint ${other.fingerprint}; this one is ${base.name}, ${fingerprint}); use another file`,
    );
  }
  const done = new Set(existing.results.map((r) => r.key));
  const wanted = new Set(cells.map(cellKey));
  const todo = cells.filter((c) => !done.has(cellKey(c)));
  let file: Deno.FsFile;
  try {
    const dir = out.includes("/") ? out.replace(/\/[^/]*$/, "") : "";
    if (dir) await Deno.mkdir(dir, { recursive: true });
    file = await Deno.open(out, { append: true, create: true });
  } catch (e) {
    throw new InputError(`--out ${out}: cannot write there (${(e as Error).message})`);
  }
  const enc = new TextEncoder();
  try {
    if (existing.truncated) await file.truncate(existing.validBytes);
    options.onStart?.(cells.length, todo.length);
    await runCells(base, todo, {
      workers: options.workers,
      backend: options.backend,
      onResult: (res) => {
        writeAllSync(file, enc.encode(toJson(res) + "\n"));
        options.onResult?.(res);
      },
    });
  } finally {
    file.close();
  }
  return {
    out,
    cells: cells.length,
    skipped: cells.length - todo.length,
    ran: todo.length,
    repaired: existing.truncated,
    foreign: existing.results.filter((r) => !wanted.has(r.key)).length,
    seconds: (performance.now() - started) / 1000,
  };
}

/** What a merge did. */
export interface MergeSummary {
  /** the output file */
  out: string;
  /** files read */
  files: number;
  /** distinct cells written */
  cells: number;
  /** lines that repeated a cell already seen (identical, so dropped) */
  duplicates: number;
  /** files whose cut-off last line was dropped */
  truncated: string[];
  /** cells of `grid` that no file holds (when a grid was given) */
  missing: string[];
}

/**
 * Join sweep files (shards, or the pieces of resumed runs) into one file sorted by cell:
 * ratio, then μ_0, then seed. Every file must come from the same base scenario; a cell that
 * appears more than once must have the same result each time.
 *
 * @param inputs the files to join
 * @param out the merged file, written atomically (a temporary file renamed into place)
 * @param grid when given, list the grid's cells that no file holds
 * @returns what was merged
 * @throws {InputError} on unreadable files, mixed base scenarios, conflicting duplicates
 *   or an output that cannot be written
 * @example
 * ```ts
 * import { mergeCellFiles } from "./sweep.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.jsonl`, "");
 * console.log((await mergeCellFiles([`${dir}/a.jsonl`], `${dir}/all.jsonl`)).cells); // 0
 * ```
 */
export async function mergeCellFiles(
  inputs: readonly string[],
  out: string,
  grid?: Grid,
): Promise<MergeSummary> {
  if (inputs.length === 0) throw new InputError("merge: give at least one sweep file");
  const byKey = new Map<string, { line: string; result: CellResult; from: string }>();
  let duplicates = 0;
  const truncated: string[] = [];
  let fingerprint: { value: string; from: string } | undefined;
  for (const path of inputs) {
    try {
      await Deno.stat(path);
    } catch (e) {
      throw new InputError(`${path}: cannot read the file (${(e as Error).name})`);
    }
    const f = await readCellFile(path);
    if (f.truncated) truncated.push(path);
    for (const r of f.results) {
      fingerprint ??= { value: r.fingerprint, from: path };
      if (r.fingerprint !== fingerprint.value) {
        throw new InputError(
          `${path}: cell ${r.key} comes from another sweep (fingerprint ${r.fingerprint}, ${fingerprint.from} has ${fingerprint.value})`,
        );
      }
      const line = toJson(r);
      const seen = byKey.get(r.key);
      if (seen) {
        if (seen.line !== line) {
          throw new InputError(
            `${path}: cell ${r.key} differs from the same cell in ${seen.from}`,
          );
        }
        duplicates++;
      } else byKey.set(r.key, { line, result: r, from: path });
    }
  }
  const sorted = [...byKey.values()].sort((a, b) => compareCells(a.result, b.result));
  await writeFileAtomic(out, sorted.map((x) => x.line + "\n").join(""));
  const missing = grid ? gridCells(grid).map(cellKey).filter((k) => !byKey.has(k)) : [];
  return { out, files: inputs.length, cells: sorted.length, duplicates, truncated, missing };
}

/**
 * Write a text file atomically: a temporary file beside it, then a rename.
 * @param path the file
 * @param text its content
 * @throws {InputError} when it cannot be written
 * @example
 * ```ts
 * import { writeFileAtomic } from "./sweep.ts";
 * await writeFileAtomic(`${await Deno.makeTempDir()}/x.txt`, "hello\n");
 * ```
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const slash = path.lastIndexOf("/");
  const dir = slash >= 0 ? path.slice(0, slash) || "/" : ".";
  const tmp = `${dir}/.${path.slice(slash + 1)}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    const info = await Deno.stat(path).catch(() => null);
    if (info?.isDirectory) throw new Error("it is a folder");
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(tmp, text);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw new InputError(`--out ${path}: cannot write there (${(e as Error).message})`);
  }
}
