import type { Claim } from "./claim.ts";
import { notApplicable } from "./claim.ts";

/** L2 (placeholder until implemented). */
export const L2: Claim = {
  id: "L2",
  title: "not yet implemented",
  statement: "see THEORY.md",
  evaluate: () => Promise.resolve({ parts: [notApplicable("all", "not implemented yet")] }),
};
