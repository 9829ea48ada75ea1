import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L6 (placeholder until implemented). */
export const L6: Claim = {
  id: "L6",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
