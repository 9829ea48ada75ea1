import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L1 (placeholder until implemented). */
export const L1: Claim = {
  id: "L1",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
