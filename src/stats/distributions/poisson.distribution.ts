import { logGamma, regularizedGamma } from './gamma.functions';

/**
 * Poisson probabilities (R: `dpois`, `ppois`), used by the exact test of a standardized mortality
 * ratio. dpois = exp(x log λ - λ - lgamma(x + 1)); ppois through the incomplete gamma:
 * P(X <= x) = Q(x + 1, λ). O(sqrt(x + λ)).
 * @example dpois(2, 3) === 9 * Math.exp(-3) / 2
 */
export function dpois(x: number, lambda: number): number {
  if (!(lambda >= 0)) throw new RangeError(`dpois needs lambda >= 0 (got ${lambda})`);
  if (x < 0 || !Number.isInteger(x)) return 0;
  if (lambda === 0) return x === 0 ? 1 : 0;
  return Math.exp(x * Math.log(lambda) - lambda - logGamma(x + 1));
}

/**
 * P(X <= x) (lowerTail) or P(X > x) for X ~ Poisson(λ) (R: `ppois`), as Q(x + 1, λ). O(sqrt(x + λ)).
 * @example ppois(2, 3) = e^-3 (1 + 3 + 9/2) = 0.42319008112684353
 */
export function ppois(x: number, lambda: number, lowerTail = true): number {
  if (!(lambda >= 0)) throw new RangeError(`ppois needs lambda >= 0 (got ${lambda})`);
  const k = Math.floor(x + 1e-7);
  if (k < 0) return lowerTail ? 0 : 1;
  if (lambda === 0) return lowerTail ? 1 : 0;
  const tails = regularizedGamma(k + 1, lambda);
  return lowerTail ? tails.upper : tails.lower;
}
