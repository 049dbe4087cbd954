/**
 * GET /quality and `cli quality`: the soft data-quality findings of the record at a knowledge cut,
 * judged as of a day (asOf, else the day of knownAt, else today).
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { qualityFindings, QUALITY_RULES } from '../../projections/quality.checks';
import { CohortReadModel } from '../datasets/cohort.readModel';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { cohortAtCut, cutParams, type CutParams } from '../export/cohort.cut';
import { CLOCK, type Clock } from '../shared/clock';
import { DomainError } from '../shared/domain.error';

export const DEFAULT_MAX_CORRECTIONS = 3;

export interface QualityParams extends CutParams {
  maxCorrections: number;
}

export function qualityParams(raw: Record<string, unknown>): QualityParams {
  const { maxCorrections, ...cut } = raw;
  const depth = maxCorrections === undefined ? DEFAULT_MAX_CORRECTIONS : Number(maxCorrections);
  if (typeof maxCorrections !== 'undefined' && (typeof maxCorrections !== 'string' || !/^\d{1,3}$/.test(maxCorrections))) {
    throw DomainError.invalid([{ field: 'maxCorrections', reason: 'must be a whole number from 0 to 999' }]);
  }
  return { ...cutParams(cut), maxCorrections: depth };
}

export class QualityQuery {
  constructor(readonly params: QualityParams) {}
}

@QueryHandler(QualityQuery)
export class QualityHandler implements IQueryHandler<QualityQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModel: CohortReadModel,
  ) {}

  async execute({ params }: QualityQuery) {
    const cohort = await cohortAtCut(this.readModel, this.store, params);
    const referenceDate = params.asOf ?? (params.knownAt ?? this.clock.now()).slice(0, 10);
    const findings = qualityFindings(cohort.records, { referenceDate, maxCorrections: params.maxCorrections });
    const counts = Object.fromEntries(QUALITY_RULES.map((rule) => [rule, findings.filter((f) => f.rule === rule).length]));
    return { referenceDate, position: cohort.position, maxCorrections: params.maxCorrections, counts, findings };
  }
}
