import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L7 (placeholder until implemented). */
export const L7: Claim = {
  id: "L7",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
