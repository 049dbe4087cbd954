/**
 * The report use case: the cohort folded at a knowledge point (knownAt, default now), the seed study's
 * tables as of a date (asOf, default every fact). GET /reports/cohort and the CLI's `report` send it.
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { checkCutOffs } from '../export/exportBundle.handler';
import { readCohort } from '../export/cohort.reader';
import { reportOfCohort, type CohortReport } from './cohort.report';

export class CohortReportQuery {
  constructor(
    readonly asOf?: string,
    readonly knownAt?: string,
  ) {}
}

@QueryHandler(CohortReportQuery)
export class CohortReportHandler implements IQueryHandler<CohortReportQuery, CohortReport> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ asOf, knownAt }: CohortReportQuery): Promise<CohortReport> {
    checkCutOffs(asOf, knownAt);
    return reportOfCohort(await readCohort(this.store, { knownAt }), { asOf: asOf ?? null, knownAt: knownAt ?? null });
  }
}
