/**
 * Progress for long runs: a redrawn bar on a terminal (cli-progress), plain log lines when
 * standard error is piped (at most one per `logEvery` ticks), nothing when quiet.
 * @module
 */
import cliProgress from "npm:cli-progress@3.12.0";

/** A progress indicator. */
export interface Progress {
  /**
   * Advance by `n` units.
   * @param n units done since the last call (default 1)
   * @param note a short status, shown after the bar
   */
  tick(n?: number, note?: string): void;
  /** Finish the bar (or log the last line). */
  stop(): void;
}

/**
 * Start a progress indicator on standard error.
 * @param total units of work
 * @param label what is running
 * @param quiet print nothing at all
 * @returns the indicator
 * @example
 * ```ts
 * import { startProgress } from "./progress.ts";
 * const p = startProgress(3, "runs", true);
 * p.tick(); p.tick(); p.tick(); p.stop();
 * ```
 */
export function startProgress(total: number, label: string, quiet = false): Progress {
  if (quiet || total <= 0) return { tick() {}, stop() {} };
  if (Deno.stderr.isTerminal()) {
    const bar = new cliProgress.SingleBar({
      format: `${label} [{bar}] {value}/{total} {note}`,
      hideCursor: true,
      clearOnComplete: true,
    }, cliProgress.Presets.shades_classic);
    bar.start(total, 0, { note: "" });
    let lastNote = "", lastDraw = 0;
    return {
      tick: (n = 1, note = "") => {
        bar.increment(n, { note });
        // Training blocks the event loop, so the bar's timer cannot redraw: draw here, at
        // most every 100 ms unless the note changed.
        const now = performance.now();
        if (note !== lastNote || now - lastDraw >= 100) {
          bar.render();
          [lastNote, lastDraw] = [note, now];
        }
      },
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  const every = Math.max(1, Math.ceil(total / 10));
  const enc = new TextEncoder();
  const log = (note: string) =>
    Deno.stderr.writeSync(enc.encode(`${label}: ${done}/${total}${note ? " " + note : ""}\n`));
  return {
    tick: (n = 1, note = "") => {
      const before = Math.floor(done / every);
      done += n;
      if (Math.floor(done / every) > before && done < total) log(note);
    },
    stop: () => log("done"),
  };
}
