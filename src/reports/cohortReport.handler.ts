/**
 * The report use case: the cohort from the datasets' read model at a knowledge cut (knownAt or
 * atPosition; default: latest), the seed study's tables as of a date (asOf, default every fact).
 * GET /reports/cohort and the CLI's `report` send it.
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CohortReadModel } from '../datasets/cohort.readModel';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { cohortAtCut, type CutParams } from '../export/cohort.cut';
import { reportOfCohort, type CohortReport } from './cohort.report';
import { rateTable } from '../analyses/rateTables.cache';

export class CohortReportQuery {
  constructor(readonly params: CutParams) {}
}

@QueryHandler(CohortReportQuery)
export class CohortReportHandler implements IQueryHandler<CohortReportQuery, CohortReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: CohortReadModel,
  ) {}

  async execute({ params }: CohortReportQuery): Promise<CohortReport> {
    const cohort = await cohortAtCut(this.readModel, this.store, params);
    return reportOfCohort(cohort, { asOf: params.asOf ?? null, knownAt: params.knownAt ?? null, atPosition: params.atPosition ?? null }, rateTable('minnesota'));
  }
}
