/**
 * Helpers shared by the CLI commands: flag parsers that fail with one clear line, and the
 * table printer.
 * @module
 */
import { Option } from "npm:commander@14.0.3";
import { InputError } from "./errors.ts";
import { BACKENDS } from "./tf.ts";

/**
 * Parse a non-negative integer flag.
 * @param flag the flag, for the message
 * @param text what was given
 * @param max the largest allowed value
 * @returns the integer
 * @throws {InputError} naming the flag and the range
 * @example
 * ```ts
 * import { parseCount } from "./cli_util.ts";
 * console.log(parseCount("--seed", "3")); // 3
 * ```
 */
export function parseCount(flag: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n > max) {
    throw new InputError(`${flag} ${text}: must be an integer in 0..${max}`);
  }
  return n;
}

/**
 * Parse a seed list: `3`, `0-4` or `0,3,7` (combinations like `0-2,9` too).
 * @param flag the flag, for the message
 * @param text what was given
 * @returns the seeds in order, without repeats
 * @throws {InputError} when it does not parse
 * @example
 * ```ts
 * import { parseSeeds } from "./cli_util.ts";
 * console.log(parseSeeds("--seeds", "0-2,7")); // [0, 1, 2, 7]
 * ```
 */
export function parseSeeds(flag: string, text: string): number[] {
  const out: number[] = [];
  const bad = () =>
    new InputError(`${flag} ${text}: must be seeds like 3, 0-4 or 0,3,7 (integers ≥ 0)`);
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw bad();
    const a = Number(m[1]), b = m[2] === undefined ? a : Number(m[2]);
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a || b - a > 100_000) {
      throw bad();
    }
    for (let s = a; s <= b; s++) if (!out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Format rows as an aligned plain-text table.
 * @param header the column names
 * @param rows the cells
 * @returns the table, one line per row
 * @example
 * ```ts
 * import { table } from "./cli_util.ts";
 * console.log(table(["a", "b"], [["1", "22"]]));
 * ```
 */
export function table(header: string[], rows: string[][]): string {
  const width = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((x, c) => (x ?? "").padEnd(width[c])).join("  ");
  return [line(header), ...rows.map(line)].map((l) => l.trimEnd()).join("\n");
}

/**
 * A number for a table: fixed or exponential as fits, "never" for Infinity, "-" for NaN.
 * @param x the number
 * @param digits significant digits
 * @returns the text
 * @example
 * ```ts
 * import { fmt } from "./cli_util.ts";
 * console.log(fmt(Infinity)); // never
 * ```
 */
export function fmt(x: number, digits = 3): string {
  if (Number.isNaN(x)) return "-";
  if (x === Infinity) return "never";
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(digits - 1) : x.toPrecision(digits);
}

/**
 * The `--backend` option shared by the commands that train.
 * @returns a commander option restricted to the tfjs backends, default wasm
 * @example
 * ```ts
 * import { backendOption } from "./cli_util.ts";
 * console.log(backendOption().defaultValue); // wasm
 * ```
 */
export function backendOption(): Option {
  return new Option("--backend <name>", "tfjs backend").choices(BACKENDS).default("wasm");
}
