import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** T1 (placeholder until implemented). */
export const T1: Claim = {
  id: "T1",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
