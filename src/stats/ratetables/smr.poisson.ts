import { qgamma } from '../distributions/chiSquare.distribution';
import { dpois, ppois } from '../distributions/poisson.distribution';
import { assertProbability } from '../input.validation';

export interface StandardizedMortalityRatio {
  observed: number;
  expected: number;
  /** O / E */
  smr: number;
  lower: number;
  upper: number;
  confLevel: number;
  /** exact two-sided Poisson p-value for SMR = 1 */
  pvalue: number;
}

/**
 * Standardized mortality ratio O/E with the exact Poisson confidence interval (Garwood 1936):
 * lower = qgamma(α/2, O) / E (0 when O = 0), upper = qgamma(1 - α/2, O + 1) / E, the same as
 * qchisq(α/2, 2O) / 2E and qchisq(1 - α/2, 2O + 2) / 2E; and the two-sided p-value of
 * poisson.test (tables at most as likely as O, with R's relative tolerance 1e-7).
 *
 * Reference: R `poisson.test(O, E)`; Breslow & Day (1987) vol. II §2.3. Complexity O(O + E).
 * @example standardizedMortalityRatio(7, 3.94289269066) gives smr 1.7753, CI 0.7138 - 3.6578
 */
export function standardizedMortalityRatio(observed: number, expected: number, confLevel = 0.95): StandardizedMortalityRatio {
  if (!Number.isInteger(observed) || observed < 0) throw new RangeError(`observed must be a whole number >= 0 (got ${observed})`);
  if (!Number.isFinite(expected) || !(expected > 0)) throw new RangeError(`expected must be finite and > 0 (got ${expected})`);
  assertProbability('confLevel', confLevel);
  const alpha = (1 - confLevel) / 2;
  const lower = observed === 0 ? 0 : qgamma(alpha, observed) / expected;
  const upper = qgamma(1 - alpha, observed + 1) / expected;
  return { observed, expected, smr: observed / expected, lower, upper, confLevel, pvalue: poissonTwoSided(observed, expected) };
}

/** The two-sided p-value of R's poisson.test for x events with mean m. */
function poissonTwoSided(x: number, m: number): number {
  const relErr = 1 + 1e-7;
  const d = dpois(x, m);
  if (x === m) return 1;
  if (x < m) {
    let N = Math.ceil(2 * m - x);
    while (dpois(N, m) > d) N *= 2;
    let y = 0;
    for (let i = Math.ceil(m); i <= N; i++) if (dpois(i, m) <= d * relErr) y++;
    return ppois(x, m) + ppois(N - y, m, false);
  }
  let y = 0;
  for (let i = 0; i <= Math.floor(m); i++) if (dpois(i, m) <= d * relErr) y++;
  return ppois(y - 1, m) + ppois(x - 1, m, false);
}
