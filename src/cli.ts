/**
 * The `modcomp` command line: `deno task modcomp <command> …`. Every command takes `--json`;
 * bad input prints one line and exits 2, a failing claim exits 1.
 * @module
 */
import { Command, CommanderError } from "npm:commander@14.0.3";
import { benchScenario, benchSteps, parseSize, REFERENCE_SIZE } from "./bench.ts";
import { backendOption, fmt, parseCount, table } from "./cli_util.ts";
import { ExitStatus, registerCheckCommands } from "./cli_check.ts";
import { registerReportCommands, runDemoReport } from "./cli_report.ts";
import { InputError } from "./errors.ts";
import { assertWritableDir, runFiles, runSummary, toJson, writeFilesAtomic } from "./export.ts";
import { startProgress } from "./progress.ts";
import { assertFits, loadScenario, type Scenario } from "./scenario.ts";
import type { Backend } from "./tf.ts";
import { prepare, train } from "./train.ts";
import {
  finalCheckpoint,
  gammaSeries,
  hitTime,
  modeName,
  parseMode,
  type Trajectory,
} from "./trajectory.ts";
import type { Prediction } from "./predict.ts";

/** Text output of a command (stdout). */
function out(text: string): void {
  console.log(text);
}

function predictionTable(s: Scenario, p: Prediction): string {
  return table(
    ["modality", "alpha", "mu", "mu_hat", "C", "gamma(0)", "tau", "T_hat", "kappa", "M"],
    s.alpha.map((a, r) => [
      String(r) + (r === p.winner ? "*" : ""),
      fmt(a),
      fmt(s.mu[r]),
      fmt(p.muHat[r]),
      fmt(p.C[r]),
      fmt(p.gamma0[r]),
      fmt(p.tau[r]),
      fmt(p.hitTime[r]),
      fmt(p.kappa[r]),
      fmt(p.margin[r]),
    ]),
  );
}

function runTable(traj: Trajectory): string {
  const s = traj.scenario;
  const last = finalCheckpoint(traj);
  const rows = s.alpha.map((_, r) => {
    const g = gammaSeries(traj, r);
    return [
      String(r),
      traj.active.includes(r) ? "yes" : "no",
      fmt(traj.prediction.tau[r]),
      fmt(g[0]),
      fmt(g[traj.steps]),
      fmt(traj.prediction.hitTime[r]),
      fmt(hitTime(traj, r)),
      fmt(traj.gbar[traj.steps * s.K + r]),
      fmt(last.encoderTestError[r]),
    ];
  });
  return [
    `scenario ${s.name}  seed ${traj.seed}  mode ${modeName(traj.mode)}  backend ${traj.backend}` +
    `  ${traj.steps} steps in ${(traj.wallMs / 1000).toFixed(2)} s`,
    table(
      ["modality", "trained", "tau", "gamma(0)", "gamma(T)", "T_hat", "T_r", "gbar(T)", "own_err"],
      rows,
    ),
    `loss ${fmt(traj.loss[traj.steps])}  train error ${fmt(last.trainError)}  test error ${
      fmt(last.testError)
    }`,
  ].join("\n");
}

async function runTrain(
  opts: {
    scenario: string;
    seed: string;
    mode: string;
    steps?: string;
    out?: string;
    backend: Backend;
    json?: boolean;
  },
): Promise<void> {
  const s = await loadScenario(opts.scenario);
  const seed = parseCount("--seed", opts.seed);
  const mode = parseMode(opts.mode, s.K);
  const steps = opts.steps === undefined ? s.T : parseCount("--steps", opts.steps, 10_000_000);
  assertFits({ ...s, T: steps });
  if (opts.out !== undefined) await assertWritableDir(opts.out);
  const prepared = prepare(s, seed);
  const bar = startProgress(steps + 1, `train ${s.name} ${modeName(mode)}`, opts.json);
  const traj = await train(s, {
    seed,
    mode,
    steps,
    backend: opts.backend,
    prepared,
    onStep: () => bar.tick(),
  });
  bar.stop();
  if (opts.out) await writeFilesAtomic(opts.out, runFiles(traj, prepared));
  out(opts.json ? toJson(runSummary(traj)) : runTable(traj));
}

async function runPredict(opts: { scenario: string; seed: string; json?: boolean }) {
  const s = await loadScenario(opts.scenario);
  const seed = parseCount("--seed", opts.seed);
  const p = prepare(s, seed).prediction;
  if (opts.json) return out(toJson({ scenario: s.name, seed, prediction: p }));
  out(`scenario ${s.name}  seed ${seed}  T ${s.T}`);
  out(predictionTable(s, p));
  out(
    `winner ${p.winner} (${p.clear ? "clear" : "contested"}); ` +
      `competition regime ${p.competition ? "predicted" : "not predicted"} ` +
      `(M > 1 for every loser); uni-modal regime: ${
        p.uniRegime.map((u, r) => `${r} ${u ? "yes" : "no"}`).join(", ")
      }`,
  );
}

async function runBench(
  opts: {
    scenario?: string;
    size?: string;
    steps: string;
    backend: Backend;
    reference?: string;
    json?: boolean;
  },
) {
  if (opts.scenario && opts.size) {
    throw new InputError("--scenario and --size: give one of them, not both");
  }
  const steps = parseCount("--steps", opts.steps, 1_000_000);
  if (steps < 1) throw new InputError(`--steps ${opts.steps}: must be an integer in 1..1000000`);
  if (opts.reference !== undefined) {
    const info = await Deno.stat(opts.reference).catch((e) => e as Error);
    if (info instanceof Error || !info.isFile) {
      const why = info instanceof Error ? info.name : "not a file";
      throw new InputError(`--reference ${opts.reference}: cannot read the script (${why})`);
    }
  }
  const s = opts.scenario
    ? await loadScenario(opts.scenario)
    : benchScenario(opts.size ? parseSize(opts.size) : REFERENCE_SIZE, steps);
  try {
    assertFits({ ...s, T: steps + 5 });
  } catch (e) {
    // name the flag that chose the size
    const flag = opts.scenario ? "" : `--size ${opts.size ?? "(default)"}: `;
    if (e instanceof InputError && flag) {
      throw new InputError(flag + e.message.replace(/^scenario bench: /, ""));
    }
    throw e;
  }
  const results: Record<string, unknown>[] = [{ ...await benchSteps(s, steps, opts.backend) }];
  if (opts.reference) {
    const cmd = new Deno.Command("python3", {
      args: [opts.reference, ...[s.K, s.N, s.P, s.d, s.m].map(String)],
      env: { OPENBLAS_NUM_THREADS: "1" },
      stdout: "piped",
      stderr: "piped",
    });
    const res = await cmd.output().catch((e) => {
      throw new InputError(`--reference ${opts.reference}: cannot run python3 (${e.message})`);
    });
    if (!res.success) {
      throw new InputError(`--reference ${opts.reference}: the reference script failed`);
    }
    let ref: { impl: string; ms_per_step: number; gflops: number };
    try {
      ref = JSON.parse(new TextDecoder().decode(res.stdout).trim().split("\n").pop()!);
    } catch {
      throw new InputError(
        `--reference ${opts.reference}: the script's last line must be a JSON object ` +
          `{impl, ms_per_step, gflops}`,
      );
    }
    results.push({ impl: ref.impl, msPerStep: ref.ms_per_step, gflops: ref.gflops });
    results[0].ratioToReference = (results[0].msPerStep as number) / ref.ms_per_step;
  }
  if (opts.json) return out(toJson(results));
  out(`K=${s.K} N=${s.N} P=${s.P} d=${s.d} m=${s.m}, median over ${steps} steps`);
  out(table(
    ["impl", "ms/step", "GFLOP/s"],
    results.map((r) => [String(r.impl), fmt(r.msPerStep as number), fmt(r.gflops as number)]),
  ));
  if (results[0].ratioToReference !== undefined) {
    out(`time ratio to the reference: ${fmt(results[0].ratioToReference as number)}`);
  }
}

/**
 * The commander program with every command registered.
 * @returns the program (not yet parsed)
 */
export function buildProgram(): Command {
  const program = new Command("modcomp")
    .description("Modality competition (Huang et al., ICML 2022), executable and checked.")
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ outputError: () => {} });
  program.command("train")
    .description("train one run and print (or export) its trajectory summary")
    .option("--scenario <s>", "scenario name or JSON path", "default")
    .option("--seed <n>", "seed", "0")
    .option("--mode <m>", "joint or uni:R", "joint")
    .option("--steps <T>", "gradient-descent steps (default: the scenario's T)")
    .option("--out <dir>", "write trajectory.json and arrays/*.npy there")
    .addOption(backendOption())
    .option("--json", "print the summary as JSON")
    .action(runTrain);
  program.command("predict")
    .description("D5 predictions from the initial state, without training")
    .option("--scenario <s>", "scenario name or JSON path", "default")
    .option("--seed <n>", "seed", "0")
    .option("--json", "print JSON")
    .action(runPredict);
  program.command("bench")
    .description("median ms per joint GD step and GFLOP/s (4·K·N·P·d·m flops a step)")
    .option("--scenario <s>", "time a scenario's sizes")
    .option("--size <K,N,P,d,m>", "time these sizes (default 2,512,8,256,16)")
    .option("--steps <n>", "steps to time", "50")
    .option("--reference <numpy_step.py>", "also run the numpy reference script and compare")
    .addOption(backendOption())
    .option("--json", "print JSON")
    .action(runBench);
  program.command("demo")
    .description("the report (E1–E3) on the default scenario with a small grid, into report/")
    .option("--json", "print a JSON summary")
    .action(runDemoReport);
  registerCheckCommands(program);
  registerReportCommands(program);
  return program;
}

/**
 * Run the CLI on arguments and return the exit code (0 ok, 1 a claim failed, 2 bad input).
 * @param args the arguments after `modcomp`
 * @returns the exit code
 */
export async function main(args: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (args.length === 0) {
      const names = program.commands.map((c) => c.name()).filter((n) => n !== "help");
      throw new InputError(`missing command; use one of ${names.join(", ")} (or --help)`);
    }
    await program.parseAsync(args, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof ExitStatus) return e.code;
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      if (e.code === "commander.help") return 2; // the usage text is already on stderr
      console.error(`modcomp: ${e.message.replace(/^error: /, "").split("\n")[0]}`);
      return 2;
    }
    if (e instanceof InputError) {
      console.error(`modcomp: ${e.message}`);
      return 2;
    }
    // Anything else is a bug: one line by default, the full error with MODCOMP_DEBUG set.
    if (debugRequested()) throw e;
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    console.error(
      `modcomp: internal error: ${text.split("\n")[0]} (set MODCOMP_DEBUG=1 for details)`,
    );
    return 1;
  }
}

function debugRequested(): boolean {
  try {
    return !!Deno.env.get("MODCOMP_DEBUG");
  } catch {
    return false; // no env permission
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
