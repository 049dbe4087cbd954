/** The k-sample test of survdiff (rho 0 log-rank, rho 1 Peto-Peto), optionally stratified. */
import { DomainError } from '../shared/domain.error';
import { logRankTest } from '../stats';
import type { AnalysisParams } from './analysis.params';
import type { SurvivalInput } from './survival.input';

export function logRankAnalysis(input: SurvivalInput, params: AnalysisParams) {
  if (!input.group) throw DomainError.invalid([{ field: 'groupBy', reason: 'is required: name the column whose groups are compared' }]);
  const result = logRankTest({ time: input.time, status: input.status, group: input.group, strata: input.strata }, { rho: params.rho });
  return { groupBy: params.groupBy, strata: params.strata ?? null, excluded: input.excluded, ...result };
}
