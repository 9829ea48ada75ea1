/**
 * tfjs, its backends and the one switch between them. The wasm backend (SIMD) is the
 * default; the cpu backend is the fallback. Importing this module registers both.
 * @module
 */
import * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
import "npm:@tensorflow/tfjs-backend-cpu@4.22.0";
import "npm:@tensorflow/tfjs-backend-wasm@4.22.0";

export { tf };

/** The tfjs backends the engine runs on. */
export type Backend = "wasm" | "cpu";

/** Backends in order of preference. */
export const BACKENDS: readonly Backend[] = ["wasm", "cpu"];

tf.enableProdMode();

let switching: Promise<void> = Promise.resolve();

/**
 * Make `backend` the active tfjs backend (idempotent).
 * @param backend "wasm" (default, SIMD) or "cpu"
 * @returns once the backend is ready
 * @example
 * ```ts
 * import { useBackend } from "./tf.ts";
 * await useBackend("cpu");
 * ```
 */
export function useBackend(backend: Backend = "wasm"): Promise<void> {
  // One switch at a time: tfjs reports the new backend's name before its asynchronous
  // initialisation has finished, so a concurrent caller must wait for the switch in progress.
  const next = switching.catch(() => {}).then(async () => {
    if (tf.getBackend() === backend) return;
    const ok = await tf.setBackend(backend);
    if (!ok) throw new Error(`tfjs backend ${backend} failed to initialise`);
    await tf.ready();
  });
  switching = next;
  return next;
}
