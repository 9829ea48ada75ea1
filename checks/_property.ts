/**
 * Running a fast-check property as a claim part: the property runs with the claim's seed,
 * and a counterexample is reported with fast-check's seed and path so that it replays.
 * @module
 */
import fc from "npm:fast-check@4.11.0";
import { type Part, part } from "./claim.ts";

/** How many random cases each property tries (fast-check's default is 100). */
export const PROPERTY_RUNS = 200;

/**
 * Check a property and turn the outcome into a part.
 * @param name the part's name
 * @param property the fast-check property
 * @param seed the seed (the claim's seed)
 * @param bound what the property asserts, in words
 * @param numRuns cases to try
 * @returns a passing part with the number of cases, or a failing one with the replay data
 */
export async function propertyPart<T>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>,
  seed: number,
  bound: string,
  numRuns = PROPERTY_RUNS,
): Promise<Part> {
  const details = await fc.check(property as fc.IAsyncProperty<T>, { seed, numRuns });
  if (!details.failed) return part(name, `${details.numRuns} cases`, true, bound);
  const example = fc.stringify(details.counterexample);
  const why = details.errorInstance instanceof Error
    ? details.errorInstance.message.split("\n")[0]
    : String(details.errorInstance ?? "");
  return part(
    name,
    `counterexample ${example.length > 200 ? example.slice(0, 197) + "..." : example}`,
    false,
    bound,
    `${why} (replay: fast-check seed ${details.seed}, path "${
      details.counterexample ? details.counterexamplePath : ""
    }")`,
  );
}
