import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L8 (placeholder until implemented). */
export const L8: Claim = {
  id: "L8",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
