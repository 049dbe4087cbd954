import { KaplanMeierFit } from './kaplanMeier.estimator';
import { countAtOrBefore, countBefore } from './kaplanMeier.summary';

export interface RiskTableRow {
  /** the curve's stratum label, null for a single curve */
  strata: string | null;
  time: number;
  /** at risk at `time` (follow-up >= time); 0 after the last follow-up */
  nRisk: number;
  /** events at or before `time` (cumulative, KMunicate "Events") */
  cumEvents: number;
  /** censorings at or before `time` (cumulative, KMunicate "Censored") */
  cumCensored: number;
}

/**
 * The number-at-risk table under a Kaplan-Meier plot, in the KMunicate layout (Morris et al., BMJ Open
 * 2019;9:e030215): for each curve and each chosen time, the number still at risk and the cumulative
 * numbers of events and of censored subjects up to that time, so that
 * nRisk(t) + cumEvents(t) + cumCensored(t) = n for every t that is not itself a follow-up time.
 * Same step semantics as `summarizeCurve` with extend = TRUE (times past the end give nRisk 0).
 *
 * Reference: R `summary(fit, times, extend = TRUE)` with cumsum of n.event and n.censor.
 * Complexity O(m + k log m) per curve for m rows and k times.
 * @example for kaplanMeier({ time: [1, 2, 2, 3, 4], status: [1, 1, 0, 1, 0] }) at times [0, 2, 5]:
 *   nRisk 5, 4, 0; cumEvents 0, 2, 3; cumCensored 0, 1, 2
 */
export function numberAtRiskTable(fit: KaplanMeierFit, times: readonly number[]): RiskTableRow[] {
  for (const t of times) {
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) throw new RangeError(`risk table times must be finite and >= 0 (got ${t})`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const out: RiskTableRow[] = [];
  for (const curve of fit.curves) {
    const rows = curve.rows;
    const cumEvents = new Float64Array(rows.length + 1);
    const cumCensored = new Float64Array(rows.length + 1);
    rows.forEach((row, j) => {
      cumEvents[j + 1] = cumEvents[j] + row.nEvent;
      cumCensored[j + 1] = cumCensored[j] + row.nCensor;
    });
    for (const time of sorted) {
      const upTo = countAtOrBefore(rows, time);
      const next = countBefore(rows, time);
      out.push({
        strata: curve.strata,
        time,
        nRisk: next < rows.length ? rows[next].nRisk : 0,
        cumEvents: cumEvents[upTo],
        cumCensored: cumCensored[upTo],
      });
    }
  }
  return out;
}
