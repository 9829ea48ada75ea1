import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** T3 (placeholder until implemented). */
export const T3: Claim = {
  id: "T3",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
