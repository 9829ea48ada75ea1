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
export async function useBackend(backend: Backend = "wasm"): Promise<void> {
  if (tf.getBackend() === backend) return;
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
}
