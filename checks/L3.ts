import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L3 (placeholder until implemented). */
export const L3: Claim = {
  id: "L3",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
