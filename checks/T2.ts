import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** T2 (placeholder until implemented). */
export const T2: Claim = {
  id: "T2",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
