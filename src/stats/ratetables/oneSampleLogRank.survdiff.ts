import { pchisq } from '../distributions/chiSquare.distribution';
import { assertFiniteNumbers, assertNonEmpty, assertSameLength, assertStatus } from '../input.validation';
import { expectedCumulativeHazard, RateTableSubject, YearRule } from './expectedHazard.pyears';
import { RateTable } from './rateTable.model';

export interface OneSampleLogRankResult {
  n: number;
  obs: number;
  exp: number;
  var: number;
  chisq: number;
  df: 1;
  pvalue: number;
}

/**
 * One-sample log-rank test of observed deaths against the deaths expected from each subject's
 * expected cumulative hazard H_i over their own follow-up: O = Σ status, E = Σ H_i, Var = E,
 * chisq = (O - E)² / E on 1 df. R computes this as survdiff(Surv(time, status) ~ offset(s)) with
 * s = exp(-H_i) from survexp(method = "individual.s"); E there is Σ -log s_i, the same sum.
 *
 * Reference: R survival 3.5-3 `survdiff` (offset branch, rho = 0); Finkelstein, Muzikansky &
 * Schoenfeld (2003) Stat Med 22:3253 (the one-sample log-rank). Complexity O(n).
 * @example oneSampleLogRank({ status: [1, 0, 1], expectedHazard: [0.5, 0.25, 0.25] }) gives
 *   obs 2, exp 1, chisq 1, pvalue 0.3173105078629141
 */
export function oneSampleLogRank(data: { status: readonly number[]; expectedHazard: readonly number[] }): OneSampleLogRankResult {
  assertNonEmpty('status', data.status);
  assertSameLength(['status', 'expectedHazard'], [data.status, data.expectedHazard]);
  assertStatus('status', data.status);
  assertFiniteNumbers('expectedHazard', data.expectedHazard);
  let obs = 0;
  let exp = 0;
  data.status.forEach((s, i) => {
    if (data.expectedHazard[i] < 0) throw new RangeError(`expectedHazard[${i}] is negative (${data.expectedHazard[i]})`);
    obs += s;
    exp += data.expectedHazard[i];
  });
  if (!(exp > 0)) throw new RangeError('the expected number of deaths is 0: the one-sample test is undefined');
  const num = exp - obs;
  const chisq = (num * num) / exp;
  return { n: data.status.length, obs, exp, var: exp, chisq, df: 1, pvalue: pchisq(chisq, 1, false) };
}

export interface RateComparisonSubject extends RateTableSubject {
  /** follow-up in days from entry */
  time: number;
  status: number;
}

/**
 * The seed study's comparison with the general population in one call: each subject's expected
 * cumulative hazard from the rate table over their follow-up (expectedCumulativeHazard), then the
 * one-sample log-rank test. Reference: as oneSampleLogRank. Complexity O(n + cells crossed).
 * @example the 75 mayo-2012 patients against Minnesota: obs 7, exp 3.9428926907, chisq 2.3703,
 *   p 0.1236619475 (R 0.12366194747819; the paper's P = .12)
 */
export function rateTableComparison(
  table: RateTable,
  subjects: readonly RateComparisonSubject[],
  options: { yearRule?: YearRule } = {},
): OneSampleLogRankResult & { expectedHazard: number[] } {
  assertNonEmpty('subjects', subjects);
  const expectedHazard = subjects.map((s) => expectedCumulativeHazard(table, s, s.time, options));
  const test = oneSampleLogRank({ status: subjects.map((s) => s.status), expectedHazard });
  return { ...test, expectedHazard };
}
