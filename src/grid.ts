/**
 * The grid of experiment E2 (THEORY.md §5): cells (α_1/α_0, μ_0, seed), each a scenario
 * derived from a base scenario; the grid spec a user writes on the command line or in a JSON
 * file; and the deterministic split of the cells into shards for array jobs.
 *
 * Grid spec syntax (`--grid`): keys separated by commas, each `key=values`, where values are
 * `A:B:N` (N evenly spaced numbers from A to B, both included), a list `v1/v2/v3`, or one
 * number. Keys: `ratio` (α_1/α_0 > 0) and `mu0` (μ_0 in [0, 1)), both required. Example:
 * `ratio=0.2:0.8:4,mu0=0.02:0.32:4`. A JSON file holds the same keys (arrays or the same
 * strings) and optionally `seeds` (a list or `0-3`), `scenario` (the base) and `steps` (T).
 * @module
 */
import { InputError } from "./errors.ts";
import { parseSeeds } from "./cli_util.ts";
import type { Scenario } from "./scenario.ts";

/** The values a grid takes; every list sorted ascending without repeats. */
export interface Grid {
  /** α_1/α_0 values */
  ratio: number[];
  /** μ_0 values */
  mu0: number[];
  /** seeds, one run per seed in every (ratio, μ_0) */
  seeds: number[];
}

/** What a grid spec or grid file says (seeds, base and steps are optional there). */
export interface GridInput {
  /** α_1/α_0 values */
  ratio: number[];
  /** μ_0 values */
  mu0: number[];
  /** seeds, when the file gives them */
  seeds?: number[];
  /** base scenario name or path, when the file gives it */
  scenario?: string;
  /** gradient-descent steps T, when the file gives them */
  steps?: number;
}

/** One cell of the grid: a base scenario with α_1 = ratio·α_0 and μ_0 replaced, and a seed. */
export interface Cell {
  /** α_1/α_0 */
  ratio: number;
  /** μ_0 */
  mu0: number;
  /** the seed */
  seed: number;
}

/** A share of the cells: shard `index` of `count` (0 ≤ index < count). */
export interface Shard {
  /** which shard, from 0 */
  index: number;
  /** how many shards */
  count: number;
}

/** Most values one grid key may take, and most cells a grid may have. */
export const GRID_LIMITS = { values: 1000, cells: 1_000_000 } as const;

/** A number rounded to 12 significant digits, so that `0.1 + 0.2` is written `0.3`. */
function tidy(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

function sortedUnique(xs: number[]): number[] {
  return [...new Set(xs.map(tidy))].sort((a, b) => a - b);
}

function parseNumber(text: string): number {
  const t = text.trim();
  return t === "" || !/^[-+0-9.eE]+$/.test(t) ? NaN : Number(t);
}

/**
 * Parse the values of one key: `A:B:N`, `v1/v2/…` or a single number.
 * @param key the key, for messages
 * @param text the values as written
 * @param where where it was written (a flag or a file), for messages
 * @returns the values, sorted, without repeats
 * @throws {InputError} when the values do not parse
 * @example
 * ```ts
 * import { parseValues } from "./grid.ts";
 * console.log(parseValues("ratio", "0.2:1:5", "--grid")); // [0.2, 0.4, 0.6, 0.8, 1]
 * ```
 */
export function parseValues(key: string, text: string, where: string): number[] {
  const bad = (why: string) => new InputError(`${where}: ${key}=${text}: ${why}`);
  const range = /^([^:]+):([^:]+):([^:]+)$/.exec(text.trim());
  let values: number[];
  if (range) {
    const a = parseNumber(range[1]), b = parseNumber(range[2]), n = parseNumber(range[3]);
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw bad("A and B of A:B:N must be numbers");
    if (!Number.isSafeInteger(n) || n < 1 || n > GRID_LIMITS.values) {
      throw bad(`N of A:B:N must be an integer in 1..${GRID_LIMITS.values}`);
    }
    if (n === 1 && a !== b) throw bad("A:B:1 needs A = B (one value)");
    values = Array.from({ length: n }, (_, k) => n === 1 ? a : a + (b - a) * k / (n - 1));
  } else {
    values = text.split("/").map(parseNumber);
    if (values.some((x) => !Number.isFinite(x))) {
      throw bad("values must be A:B:N, a list v1/v2/v3 or one number");
    }
    if (values.length > GRID_LIMITS.values) throw bad(`at most ${GRID_LIMITS.values} values`);
  }
  return sortedUnique(values);
}

function checkRanges(g: { ratio: number[]; mu0: number[] }, where: string): void {
  const r = g.ratio.find((x) => !(x > 0));
  if (r !== undefined) throw new InputError(`${where}: ratio ${r}: must be a number > 0`);
  const m = g.mu0.find((x) => !(x >= 0 && x < 1));
  if (m !== undefined) throw new InputError(`${where}: mu0 ${m}: must be a number in [0, 1)`);
}

/**
 * Parse a grid spec such as `ratio=0.2:1:5,mu0=0.02:0.2:4`.
 * @param text the spec
 * @param where the flag it came from, for messages
 * @returns the ratio and μ_0 values
 * @throws {InputError} on an unknown or missing key, or values that do not parse
 * @example
 * ```ts
 * import { parseGridSpec } from "./grid.ts";
 * console.log(parseGridSpec("ratio=0.25/0.5,mu0=0.1").ratio); // [0.25, 0.5]
 * ```
 */
export function parseGridSpec(text: string, where = "--grid"): GridInput {
  const out: Partial<Record<"ratio" | "mu0", number[]>> = {};
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "");
  for (const part of parts) {
    const m = /^([A-Za-z0-9_]+)=(.+)$/.exec(part);
    if (!m) {
      throw new InputError(
        `${where} ${text}: "${part}" is not key=values (e.g. ratio=0.2:1:5,mu0=0.02:0.2:4)`,
      );
    }
    const key = m[1];
    if (key !== "ratio" && key !== "mu0") {
      throw new InputError(`${where} ${text}: unknown key "${key}"; use ratio and mu0`);
    }
    if (out[key]) throw new InputError(`${where} ${text}: ${key} is given twice`);
    out[key] = parseValues(key, m[2], where);
  }
  for (const key of ["ratio", "mu0"] as const) {
    if (!out[key]) {
      throw new InputError(
        `${where} ${text}: ${key} is missing (e.g. ratio=0.2:1:5,mu0=0.02:0.2:4)`,
      );
    }
  }
  const g = { ratio: out.ratio!, mu0: out.mu0! };
  checkRanges(g, where);
  return g;
}

/**
 * Validate a parsed grid file.
 * @param raw the parsed JSON
 * @param where the file, for messages
 * @returns the grid input
 * @throws {InputError} naming the field and what is allowed
 * @example
 * ```ts
 * import { gridFromJson } from "./grid.ts";
 * console.log(gridFromJson({ ratio: [0.5], mu0: "0:0.2:3", seeds: "0-1" }, "g.json").mu0);
 * ```
 */
export function gridFromJson(raw: unknown, where: string): GridInput {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError(`${where}: a grid file must be a JSON object with ratio and mu0`);
  }
  const o = raw as Record<string, unknown>;
  const known = new Set(["ratio", "mu0", "seeds", "scenario", "steps", "description"]);
  const unknown = Object.keys(o).find((k) => !known.has(k));
  if (unknown) {
    throw new InputError(
      `${where}: unknown field "${unknown}"; use ratio, mu0, seeds, scenario, steps`,
    );
  }
  const values = (key: "ratio" | "mu0"): number[] => {
    const v = o[key];
    if (typeof v === "string") return parseValues(key, v, where);
    if (typeof v === "number") return parseValues(key, String(v), where);
    if (Array.isArray(v) && v.length > 0 && v.every((x) => Number.isFinite(x))) {
      if (v.length > GRID_LIMITS.values) {
        throw new InputError(`${where}: ${key}: at most ${GRID_LIMITS.values} values`);
      }
      return sortedUnique(v as number[]);
    }
    throw new InputError(`${where}: ${key} must be a list of numbers or "A:B:N"`);
  };
  const g: GridInput = { ratio: values("ratio"), mu0: values("mu0") };
  checkRanges(g, where);
  if (o.seeds !== undefined) {
    if (typeof o.seeds === "string") g.seeds = parseSeeds(`${where}: seeds`, o.seeds);
    else if (
      Array.isArray(o.seeds) && o.seeds.length > 0 &&
      o.seeds.every((x) => Number.isSafeInteger(x) && x >= 0)
    ) {
      g.seeds = [...new Set(o.seeds as number[])].sort((a, b) => a - b);
    } else {
      throw new InputError(`${where}: seeds must be a list of integers ≥ 0 or a string like 0-3`);
    }
  }
  if (o.scenario !== undefined) {
    if (typeof o.scenario !== "string" || o.scenario === "") {
      throw new InputError(`${where}: scenario must be a scenario name or path`);
    }
    g.scenario = o.scenario;
  }
  if (o.steps !== undefined) {
    if (!Number.isSafeInteger(o.steps) || (o.steps as number) < 1) {
      throw new InputError(`${where}: steps must be a positive integer`);
    }
    g.steps = o.steps as number;
  }
  return g;
}

/**
 * Read `--grid`: a spec (anything with `=`) or the path of a JSON grid file.
 * @param text the flag's value
 * @returns the grid input
 * @throws {InputError} when the spec does not parse or the file cannot be read or is invalid
 * @example
 * ```ts
 * import { readGrid } from "./grid.ts";
 * console.log((await readGrid("ratio=0.5,mu0=0.1")).mu0); // [0.1]
 * ```
 */
export async function readGrid(text: string): Promise<GridInput> {
  if (text.includes("=")) return parseGridSpec(text);
  let body: string;
  try {
    body = await Deno.readTextFile(text);
  } catch (e) {
    throw new InputError(
      `--grid ${text}: neither a spec like ratio=0.2:1:5,mu0=0.02:0.2:4 nor a readable file (${
        (e as Error).name
      })`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw new InputError(`--grid ${text}: not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  return gridFromJson(raw, `--grid ${text}`);
}

/**
 * Every cell of a grid, in the canonical order: ratio, then μ_0, then seed, ascending.
 * @param g the grid
 * @returns the cells
 * @throws {InputError} when the grid has more than GRID_LIMITS.cells cells
 * @example
 * ```ts
 * import { gridCells } from "./grid.ts";
 * console.log(gridCells({ ratio: [0.5], mu0: [0.1, 0.2], seeds: [0] }).length); // 2
 * ```
 */
export function gridCells(g: Grid): Cell[] {
  const ratio = sortedUnique(g.ratio), mu0 = sortedUnique(g.mu0);
  const seeds = [...new Set(g.seeds)].sort((a, b) => a - b);
  const n = ratio.length * mu0.length * seeds.length;
  if (n > GRID_LIMITS.cells) {
    throw new InputError(`--grid: ${n} cells, more than ${GRID_LIMITS.cells}`);
  }
  const out: Cell[] = [];
  for (const r of ratio) {
    for (const m of mu0) for (const seed of seeds) out.push({ ratio: r, mu0: m, seed });
  }
  return out;
}

/**
 * The canonical name of a cell, used to skip finished cells and to join shard files.
 * @param c the cell
 * @returns e.g. `ratio=0.5,mu0=0.1,seed=0`
 * @example
 * ```ts
 * import { cellKey } from "./grid.ts";
 * console.log(cellKey({ ratio: 0.1 + 0.2, mu0: 0.1, seed: 3 })); // ratio=0.3,mu0=0.1,seed=3
 * ```
 */
export function cellKey(c: Cell): string {
  return `ratio=${tidy(c.ratio)},mu0=${tidy(c.mu0)},seed=${c.seed}`;
}

/**
 * Order of cells: ratio, then μ_0, then seed.
 * @param a a cell
 * @param b another
 * @returns negative, zero or positive
 * @example
 * ```ts
 * import { compareCells } from "./grid.ts";
 * console.log(compareCells({ ratio: 1, mu0: 0, seed: 0 }, { ratio: 0.5, mu0: 0, seed: 9 }) > 0);
 * ```
 */
export function compareCells(a: Cell, b: Cell): number {
  return tidy(a.ratio) - tidy(b.ratio) || tidy(a.mu0) - tidy(b.mu0) || a.seed - b.seed;
}

/**
 * Parse `--shard i/n` (0 ≤ i < n).
 * @param text the flag's value
 * @returns the shard
 * @throws {InputError} when it is not two integers with 0 ≤ i < n
 * @example
 * ```ts
 * import { parseShard } from "./grid.ts";
 * console.log(parseShard("2/8")); // { index: 2, count: 8 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || !(index < count)) {
    throw new InputError(
      `--shard ${text}: must be i/n with integers 0 ≤ i < n (e.g. 0/4 … 3/4)`,
    );
  }
  return { index, count };
}

/**
 * The cells of one shard: every n-th cell of the canonical order, starting at i. The shards
 * of one grid are disjoint, together cover it, and depend only on the grid, so independent
 * machines agree on them without talking to each other.
 * @param cells the grid's cells (in any order; they are put in canonical order first)
 * @param shard which share
 * @returns that share, in canonical order
 * @example
 * ```ts
 * import { gridCells, shardCells } from "./grid.ts";
 * const cells = gridCells({ ratio: [0.2, 0.4], mu0: [0.1], seeds: [0, 1] });
 * console.log(shardCells(cells, { index: 1, count: 2 }).length); // 2
 * ```
 */
export function shardCells(cells: readonly Cell[], shard: Shard): Cell[] {
  return [...cells].sort(compareCells).filter((_, k) => k % shard.count === shard.index);
}

/**
 * The scenario of a cell: the base with α_1 = ratio·α_0 and μ_0 replaced (every other field,
 * and every other modality, as in the base). Its name records the cell.
 * @param base the base scenario (K ≥ 2)
 * @param c the cell
 * @returns the derived scenario (no required claims)
 * @example
 * ```ts
 * import { cellScenario } from "./grid.ts";
 * import { loadScenario } from "./scenario.ts";
 * const s = cellScenario(await loadScenario("default"), { ratio: 0.5, mu0: 0.2, seed: 0 });
 * console.log(s.alpha, s.mu); // [1, 0.5] [0.2, 0.02]
 * ```
 */
export function cellScenario(base: Scenario, c: Cell): Scenario {
  if (base.K < 2) throw new InputError(`scenario ${base.name}: a grid needs K ≥ 2 modalities`);
  const alpha = [...base.alpha];
  alpha[1] = tidy(c.ratio * base.alpha[0]);
  const mu = [...base.mu];
  mu[0] = tidy(c.mu0);
  return {
    ...base,
    name: `${base.name}-ratio${tidy(c.ratio)}-mu0${tidy(c.mu0)}`,
    alpha,
    mu,
    require: { claims: [], seeds: [] },
  };
}

/**
 * A short fingerprint of a scenario's training parameters (everything but its name,
 * description and required claims): cells of sweeps with different bases never mix.
 * @param s the scenario
 * @returns 8 hex digits (FNV-1a of the canonical JSON)
 * @example
 * ```ts
 * import { scenarioFingerprint } from "./grid.ts";
 * import { loadScenario } from "./scenario.ts";
 * console.log(scenarioFingerprint(await loadScenario("default")).length); // 8
 * ```
 */
export function scenarioFingerprint(s: Scenario): string {
  const fields = [
    s.K,
    s.d,
    s.P,
    s.N,
    s.nTest,
    s.m,
    s.q,
    s.rho,
    s.sigma0,
    s.sigmaP,
    s.alpha,
    s.mu,
    s.eta,
    s.T,
    s.checkpointEvery,
  ];
  const text = JSON.stringify(fields);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * Edges of the cells drawn around sorted grid values: the midpoints between neighbours, and
 * half a gap beyond the first and the last value (±10 % of a single value, ±0.05 around 0).
 * @param values the grid values of one axis
 * @returns one more edge than values
 * @example
 * ```ts
 * import { cellEdges } from "./grid.ts";
 * console.log(cellEdges([0.2, 0.4, 0.8])); // [0.1, 0.3, 0.6, 1]
 * ```
 */
export function cellEdges(values: readonly number[]): number[] {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return [];
  if (v.length === 1) {
    const h = v[0] === 0 ? 0.05 : Math.abs(v[0]) * 0.1;
    return [v[0] - h, v[0] + h].map(tidy);
  }
  const mids = v.slice(1).map((x, k) => (x + v[k]) / 2);
  const last = v.length - 1;
  return [v[0] - (v[1] - v[0]) / 2, ...mids, v[last] + (v[last] - v[last - 1]) / 2].map(tidy);
}
