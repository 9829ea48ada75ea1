/**
 * A sweep worker: a Web Worker with its own tfjs backend that measures the grid cells its
 * parent sends, one message per cell, and answers with the cell's result or the error.
 * @module
 */
import { measureCell } from "./phase.ts";
import type { WorkerReply, WorkerRequest } from "./sweep.ts";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

scope.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const { id, base, cell, backend } = e.data;
  try {
    scope.postMessage({ id, result: await measureCell(base, cell, backend) });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    scope.postMessage({ id, error: { name: error.name, message: error.message } });
  }
};
