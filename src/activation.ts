/**
 * The smoothed ReLU σ̃ and the odd activation h of THEORY.md D2, in float64.
 *
 * σ̃(u) = 0 for u ≤ 0; u^q / (q ρ^{q−1}) for 0 < u ≤ ρ; u − (1 − 1/q) ρ for u > ρ.
 * h(u) = σ̃(u) − σ̃(−u), odd and C¹, with h'(u) = σ̃'(|u|) ∈ [0, 1].
 * @module
 */

/**
 * The smoothed ReLU σ̃.
 * @param u the pre-activation
 * @param q the exponent, q > 2
 * @param rho the knee ρ > 0
 * @returns σ̃(u)
 * @example
 * ```ts
 * import { sigmaTilde } from "./activation.ts";
 * console.log(sigmaTilde(1, 3, 0.1)); // 1 − (2/3)·0.1
 * ```
 */
export function sigmaTilde(u: number, q: number, rho: number): number {
  if (u <= 0) return 0;
  if (u <= rho) return u ** q / (q * rho ** (q - 1));
  return u - (1 - 1 / q) * rho;
}

/**
 * The derivative σ̃'.
 * @param u the pre-activation
 * @param q the exponent, q > 2
 * @param rho the knee ρ > 0
 * @returns σ̃'(u) ∈ [0, 1]
 * @example
 * ```ts
 * import { sigmaTildePrime } from "./activation.ts";
 * console.log(sigmaTildePrime(0.05, 3, 0.1)); // 0.25
 * ```
 */
export function sigmaTildePrime(u: number, q: number, rho: number): number {
  if (u <= 0) return 0;
  if (u <= rho) return (u / rho) ** (q - 1);
  return 1;
}

/**
 * The odd activation h(u) = σ̃(u) − σ̃(−u).
 * @param u the pre-activation
 * @param q the exponent, q > 2
 * @param rho the knee ρ > 0
 * @returns h(u)
 * @example
 * ```ts
 * import { h } from "./activation.ts";
 * console.log(h(-1, 3, 0.1) === -h(1, 3, 0.1)); // true
 * ```
 */
export function h(u: number, q: number, rho: number): number {
  return u >= 0 ? sigmaTilde(u, q, rho) : -sigmaTilde(-u, q, rho);
}

/**
 * The derivative h'(u) = σ̃'(|u|).
 * @param u the pre-activation
 * @param q the exponent, q > 2
 * @param rho the knee ρ > 0
 * @returns h'(u) ∈ [0, 1]
 * @example
 * ```ts
 * import { hPrime } from "./activation.ts";
 * console.log(hPrime(-0.05, 3, 0.1)); // 0.25
 * ```
 */
export function hPrime(u: number, q: number, rho: number): number {
  return sigmaTildePrime(Math.abs(u), q, rho);
}
