import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L4 (placeholder until implemented). */
export const L4: Claim = {
  id: "L4",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
