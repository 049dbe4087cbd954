/**
 * The seed study's survival paragraph: Kaplan-Meier survival from the calcinosis cutis diagnosis at
 * 60, 120, 180 and 240 months with 95% log-scale limits and numbers at risk, and the comparison with
 * the Minnesota population (one-sample log-rank, P = .12 in the paper). The same analyses as
 * GET /analyses/*, on the survival dataset's rows.
 */
import type { Row } from '../../projections/projection';
import { kaplanMeierAnalysis } from '../analyses/kaplanMeier.analysis';
import { rateComparisonAnalysis } from '../analyses/rateComparison.analysis';
import { survivalInput } from '../analyses/survival.input';
import type { AnalysisParams } from '../analyses/analysis.params';
import type { RateTable } from '../stats';

export const REPORT_TIMES = [60, 120, 180, 240];

export interface SurvivalParagraph {
  n: number;
  deaths: number;
  atTimes: { months: number; nRisk: number; surv: number; lower: number | null; upper: number | null }[];
  minnesota: { observed: number; expected: number; chisq: number; pvalue: number; smr: number; smrLower: number; smrUpper: number };
}

const PARAMS: AnalysisParams = { cut: {}, timeUnit: 'months', confType: 'log', confLevel: 0.95, times: REPORT_TIMES, rho: 0, ratetable: 'minnesota' };

export function survivalParagraph(survivalRows: readonly Row[], minnesota: RateTable): SurvivalParagraph | null {
  const input = survivalInput(survivalRows, 'months', { rowsById: new Map() });
  if (input.time.length === 0) return null;
  const [curve] = kaplanMeierAnalysis(input, PARAMS).strata;
  const comparison = rateComparisonAnalysis(input, minnesota, PARAMS);
  return {
    n: curve.n,
    deaths: curve.events,
    atTimes: curve.atTimes.map((r) => ({ months: r.time, nRisk: r.nRisk, surv: r.surv, lower: r.lower, upper: r.upper })),
    minnesota: {
      observed: comparison.observed,
      expected: comparison.expected,
      chisq: comparison.chisq,
      pvalue: comparison.pvalue,
      smr: comparison.smr.smr,
      smrLower: comparison.smr.lower,
      smrUpper: comparison.smr.upper,
    },
  };
}
