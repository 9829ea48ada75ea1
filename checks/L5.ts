import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L5 (placeholder until implemented). */
export const L5: Claim = {
  id: "L5",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
