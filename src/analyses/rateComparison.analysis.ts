/**
 * The cohort against its general population, as the seed study against Minnesota: the one-sample
 * log-rank test (survdiff(... ~ offset(survexp individual.s))), the standardized mortality ratio with
 * its exact Poisson CI, and the Ederer expected survival of matched people to draw beside the KM curve.
 */
import { edererExpectedSurvival, rateTableComparison, standardizedMortalityRatio, type RateTable } from '../stats';
import type { AnalysisParams } from './analysis.params';
import { DAYS_PER_UNIT, type SurvivalInput } from './survival.input';

export function rateComparisonAnalysis(input: SurvivalInput, table: RateTable, params: AnalysisParams) {
  // matching needs the age: patients whose identity (birth date included) was erased are left out, and counted
  const subjects = input.subjects.filter((s) => Number.isFinite(s.ageDays));
  const test = rateTableComparison(table, subjects);
  const perDay = DAYS_PER_UNIT[params.timeUnit];
  const longest = Math.max(...subjects.map((s) => s.time));
  // A point every month of follow-up draws the expected curve smoothly at any scale.
  const step = DAYS_PER_UNIT.months;
  const days = Array.from({ length: Math.floor(longest / step) + 1 }, (_, k) => k * step);
  const curve = edererExpectedSurvival(table, subjects, days);
  return {
    ratetable: params.ratetable,
    ageUnknown: input.subjects.length - subjects.length,
    timeUnit: params.timeUnit,
    n: test.n,
    observed: test.obs,
    expected: test.exp,
    chisq: test.chisq,
    df: test.df,
    pvalue: test.pvalue,
    smr: standardizedMortalityRatio(test.obs, test.exp, params.confLevel),
    expectedCurve: curve.map((point) => ({ time: point.time / perDay, surv: point.surv })),
  };
}
