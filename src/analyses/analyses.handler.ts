/**
 * The analysis use cases: read the survival dataset (and the dataset holding the grouping column) at
 * one knowledge cut through the datasets' own query, then run the pure analysis. The answer carries the
 * datasets' manifests, the parameters, and the SHA-256 of its canonical JSON.
 */
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import type { Row } from '../../projections/projection';
import { SOFTWARE_VERSION, type DatasetAnswer } from '../datasets/dataset.answer';
import { GetDatasetQuery } from '../datasets/datasets.query';
import { canonicalJson } from '../eventStore/canonicalJson';
import { rateTable } from './rateTables.cache';
import { GROUPING_COLUMNS, type AnalysisParams } from './analysis.params';
import { kaplanMeierAnalysis } from './kaplanMeier.analysis';
import { logRankAnalysis } from './logRank.analysis';
import { rateComparisonAnalysis } from './rateComparison.analysis';
import { survivalInput, type SurvivalInput } from './survival.input';
import { DomainError } from '../shared/domain.error';

export const ANALYSES = ['kaplan-meier', 'log-rank', 'rate-comparison'] as const;
export type AnalysisKind = (typeof ANALYSES)[number];

export class AnalysisQuery {
  constructor(
    readonly kind: AnalysisKind,
    readonly params: AnalysisParams,
  ) {}
}


@QueryHandler(AnalysisQuery)
export class AnalysisHandler implements IQueryHandler<AnalysisQuery> {
  constructor(private readonly queryBus: QueryBus) {}

  async execute({ kind, params }: AnalysisQuery) {
    const survival: DatasetAnswer = await this.dataset('survival', params.cut);
    // "Latest" moves as commands land: the grouping rows are read at the very position the survival rows were.
    const pinned = params.cut.knownAt === undefined ? { ...params.cut, atPosition: survival.manifest.position, minPosition: undefined } : params.cut;
    const columns = kind === 'rate-comparison' ? [] : [params.groupBy, params.strata].filter((c): c is string => c !== undefined);
    const groupingNames = [...new Set(columns.map((c) => GROUPING_COLUMNS[c]))];
    const grouping = await Promise.all(groupingNames.map((name) => this.dataset(name, pinned)));
    const rowsById = new Map<string, Row>();
    for (const answer of grouping) for (const row of answer.rows) rowsById.set(String(row.patient_id), { ...rowsById.get(String(row.patient_id)), ...row });
    const input = survivalInput(survival.rows, params.timeUnit, { groupBy: kind === 'rate-comparison' ? undefined : params.groupBy, strata: kind === 'log-rank' ? params.strata : undefined, rowsById });
    const result = analyse(kind, input, params);
    const { cut, ...parameters } = params;
    const manifest = {
      analysis: kind,
      parameters: { ...cut, ...parameters },
      datasets: [survival, ...grouping].map((answer) => answer.manifest),
      softwareVersion: SOFTWARE_VERSION,
      sha256: createHash('sha256').update(canonicalJson(result)).digest('hex'),
    };
    return { manifest, ...result };
  }

  private dataset(name: string, cut: AnalysisParams['cut']): Promise<DatasetAnswer> {
    return this.queryBus.execute(new GetDatasetQuery({ name, format: 'json', ...cut }));
  }
}

/** The statistics refuse data they cannot estimate from (no subjects, no events) with a RangeError. */
function analyse(kind: AnalysisKind, input: SurvivalInput, params: AnalysisParams) {
  if (input.time.length === 0) throw new DomainError('rule_violated', 'no patient with follow-up at this cut: there is nothing to analyse');
  try {
    if (kind === 'kaplan-meier') return kaplanMeierAnalysis(input, params);
    if (kind === 'log-rank') return logRankAnalysis(input, params);
    return rateComparisonAnalysis(input, rateTable(params.ratetable), params);
  } catch (error) {
    if (error instanceof RangeError) throw new DomainError('rule_violated', `this analysis cannot be computed here: ${error.message}`);
    throw error;
  }
}
