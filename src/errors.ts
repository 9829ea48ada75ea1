/**
 * The one error type for bad input: a scenario that does not validate, an unknown claim id,
 * a flag out of range, an output folder that cannot be written. The CLI prints its message
 * on one line and exits with code 2.
 * @module
 */

/**
 * Bad input, described in one line that names the field or flag and what is allowed.
 *
 * @example
 * ```ts
 * import { InputError } from "./errors.ts";
 * const e = new InputError("scenario.q: 2 is not allowed; q must be a number > 2");
 * console.log(e.message);
 * ```
 */
export class InputError extends Error {
  /**
   * Make an input error.
   * @param message one line naming the field or flag, the value and the allowed range
   */
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
