/**
 * The Kaplan-Meier answer: per stratum the full survfit table, the median with its CI, the estimates
 * at chosen times (summary(fit, times, extend = TRUE)) and the number-at-risk table a plot needs,
 * plus the log-rank test when the curves are grouped. Times are in the requested unit; `stdErr` is
 * survfit's (SE of the cumulative hazard), `stdErrSurv` summary()'s (SE of S).
 */
import { kaplanMeier, logRankTest, medianSurvival, numberAtRiskTable, summarizeCurve } from '../stats';
import type { AnalysisParams } from './analysis.params';
import type { SurvivalInput } from './survival.input';

/** 0 and every 5 years in the unit, up to the longest follow-up: the seed study's 60/120/180/240 months. */
export function defaultTimes(input: SurvivalInput, params: Pick<AnalysisParams, 'timeUnit'>): number[] {
  const step = { months: 60, years: 5, days: 1826.25 }[params.timeUnit];
  const last = Math.max(0, ...input.time);
  return Array.from({ length: Math.floor(last / step) + 1 }, (_, k) => k * step);
}

/** JSON has no Infinity or NaN: an estimate that does not exist is null, as R's NA. */
const finite = (value: number | null): number | null => (value === null || !Number.isFinite(value) ? null : value);

export function kaplanMeierAnalysis(input: SurvivalInput, params: AnalysisParams) {
  const fit = kaplanMeier({ time: input.time, status: input.status, strata: input.group }, { confType: params.confType, confLevel: params.confLevel });
  const times = params.times ?? defaultTimes(input, params);
  const risk = numberAtRiskTable(fit, times);
  const strata = fit.curves.map((curve) => {
    const median = medianSurvival(curve);
    return {
      name: curve.strata ?? 'all',
      n: curve.n,
      events: curve.events,
      table: curve.rows.map((r) => ({ ...r, stdErr: finite(r.stdErr) })),
      median: { estimate: median.quantile, lower: median.lower, upper: median.upper },
      atTimes: summarizeCurve(curve, times, { extend: true }).map((r) => ({ ...r, stdErr: finite(r.stdErr) })),
      riskTable: risk.filter((r) => r.strata === curve.strata).map(({ time, nRisk, cumEvents, cumCensored }) => ({ time, nRisk, cumEvents, cumCensored })),
    };
  });
  const grouped = input.group !== undefined && fit.curves.length > 1;
  const logRank = grouped ? logRankTest({ time: input.time, status: input.status, group: input.group! }) : null;
  return {
    timeUnit: params.timeUnit,
    confType: params.confType,
    confLevel: params.confLevel,
    groupBy: params.groupBy ?? null,
    excluded: input.excluded,
    strata,
    logRank: logRank && { chisq: logRank.chisq, df: logRank.df, pvalue: logRank.pvalue },
  };
}

export type KaplanMeierAnswer = ReturnType<typeof kaplanMeierAnalysis>;
