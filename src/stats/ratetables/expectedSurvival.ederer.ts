import { assertNonEmpty } from '../input.validation';
import { expectedHazardPath, RateTableSubject, YearRule } from './expectedHazard.pyears';
import { RateTable } from './rateTable.model';

export interface ExpectedSurvivalPoint {
  time: number;
  /** expected survival of the matched population cohort */
  surv: number;
  nRisk: number;
}

/**
 * Ederer ("exact") expected survival of a cohort: the survival a group of people with the same sex,
 * age and entry date would have from the population's rates, everyone followed to every time (no
 * censoring): S_E(t) = mean_i exp(-H_i(t)). Computed as R's pyears3b does it (conditional
 * ratios per interval, then the cumulative product), which equals the mean to rounding.
 * Times must be increasing (as R requires), in days from entry.
 *
 * Reference: R survival 3.5-3 `survexp(~ 1, rmap = ..., times = ..., method = "ederer")`;
 * Ederer, Axtell & Cutler (1961) Natl Cancer Inst Monogr 6:101. Complexity O(n (k + cells crossed)).
 * @example two subjects whose expected hazards at t are 0.1 and 0.3 give S_E(t) = (e^-0.1 + e^-0.3) / 2
 */
export function edererExpectedSurvival(
  table: RateTable,
  subjects: readonly RateTableSubject[],
  times: readonly number[],
  options: { yearRule?: YearRule } = {},
): ExpectedSurvivalPoint[] {
  assertNonEmpty('subjects', subjects);
  assertNonEmpty('times', times);
  times.forEach((t, j) => {
    if (!Number.isFinite(t) || t < 0) throw new RangeError(`times[${j}] must be finite and >= 0 (got ${t})`);
    if (j > 0 && t < times[j - 1]) throw new RangeError('times must be in increasing order');
  });
  const k = times.length;
  const numerator = new Float64Array(k);
  const denominator = new Float64Array(k);
  for (const subject of subjects) {
    const path = expectedHazardPath(table, subject, times, options);
    let previousTime = 0;
    let previousHazard = 0;
    for (let j = 0; j < k; j++) {
      const width = times[j] - previousTime;
      numerator[j] += Math.exp(-path[j]) * width;
      denominator[j] += Math.exp(-previousHazard) * width;
      previousTime = times[j];
      previousHazard = path[j];
    }
  }
  let surv = 1;
  return times.map((time, j) => {
    // a zero-width interval (t = 0 or a repeated time) changes nothing
    if (denominator[j] > 0) surv *= numerator[j] / denominator[j];
    return { time, surv, nRisk: subjects.length };
  });
}
