/**
 * `modcomp list` and `modcomp check`: the claims of THEORY.md from the command line.
 * @module
 */
import type { Command } from "npm:commander@14.0.3";
import type { ClaimResult } from "../checks/claim.ts";
import { CLAIMS, claimsById, evaluateClaim, requiredClaims } from "../checks/registry.ts";
import { backendOption, parseSeeds, table } from "./cli_util.ts";
import { InputError } from "./errors.ts";
import { toJson } from "./export.ts";
import { startProgress } from "./progress.ts";
import { loadScenario } from "./scenario.ts";
import type { Backend } from "./tf.ts";

/** Thrown by a command to end with a given exit code after its output (1: a claim failed). */
export class ExitStatus extends Error {
  /**
   * @param code the exit code
   */
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = "ExitStatus";
  }
}

function listClaims(opts: { json?: boolean }): void {
  if (opts.json) {
    console.log(toJson(CLAIMS.map(({ id, title, statement }) => ({ id, title, statement }))));
    return;
  }
  const oneLine = (s: string) => s.length > 90 ? s.slice(0, 87) + "..." : s;
  console.log(
    table(["id", "title", "statement"], CLAIMS.map((c) => [c.id, c.title, oneLine(c.statement)])),
  );
}

/**
 * The table of `check`: one row per part, the claim's row first.
 * @param results the claim results
 * @returns the table text
 */
export function resultTable(results: ClaimResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    r.parts.forEach((p, i) => {
      const head = i === 0
        ? [r.id, r.scenario, String(r.seed), r.verdict.toUpperCase()]
        : ["", "", "", ""];
      const mark = p.verdict === "pass" ? "ok" : p.verdict === "fail" ? "FAIL" : "n/a";
      rows.push([...head, `${mark} ${p.name}`, String(p.measured), p.bound, p.reason ?? ""]);
    });
    if (r.note) rows.push(["", "", "", "", `note: ${r.note}`, "", "", ""]);
  }
  return table(["claim", "scenario", "seed", "verdict", "part", "measured", "bound", "why"], rows);
}

async function runCheck(
  ids: string[],
  opts: { scenario: string[]; seeds?: string; seed?: string; json?: boolean; backend: Backend },
): Promise<void> {
  const claims = ids.length > 0 ? claimsById(ids) : null;
  if (opts.seeds !== undefined && opts.seed !== undefined) {
    throw new InputError("--seed and --seeds: give one of them, not both");
  }
  const seeds = opts.seeds !== undefined
    ? parseSeeds("--seeds", opts.seeds)
    : opts.seed !== undefined
    ? parseSeeds("--seed", opts.seed)
    : null;
  const scenarios = [];
  for (const name of opts.scenario) scenarios.push(await loadScenario(name));
  const plan = scenarios.flatMap((s) =>
    (seeds ?? s.require.seeds).flatMap((seed) =>
      (claims ?? requiredClaims(s)).map((c) => ({ s, seed, c }))
    )
  );
  if (plan.length === 0) throw new InputError("nothing to check: no claims or no seeds");
  const bar = startProgress(plan.length, "check", opts.json);
  const results: ClaimResult[] = [];
  for (const { s, seed, c } of plan) {
    bar.tick(0, `${c.id} ${s.name} seed ${seed} (training its runs on first use)`);
    results.push(await evaluateClaim(c, s, seed, opts.backend));
    bar.tick(1, `${c.id} ${s.name} seed ${seed}`);
  }
  bar.stop();
  const failed = results.filter((r) => r.verdict === "fail").length;
  if (opts.json) {
    console.log(toJson({ results, passed: results.length - failed, failed }));
  } else {
    console.log(resultTable(results));
    console.log(`${results.length - failed} passed, ${failed} failed`);
  }
  if (failed > 0) throw new ExitStatus(1);
}

/**
 * Register `list` and `check` on the program.
 * @param program the commander program
 */
export function registerCheckCommands(program: Command): void {
  program.command("list")
    .description("the claims: ids, titles, statements")
    .option("--json", "print JSON")
    .action(listClaims);
  program.command("check")
    .description("evaluate claims on scenarios and seeds; exit 1 if one fails")
    .argument(
      "[ids...]",
      `claim ids (${CLAIMS.map((c) => c.id).join(" ")}); default: the scenario's`,
    )
    .option("--scenario <s...>", "scenario names or JSON paths", ["default"])
    .option("--seeds <list>", "seeds like 0-4 or 0,3,7 (default: the scenario's)")
    .option("--seed <list>", "same as --seeds")
    .addOption(backendOption())
    .option("--json", "print JSON")
    .action(runCheck);
}
