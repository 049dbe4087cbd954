/**
 * The export use case: the bundle of the whole cohort as the log says at a knowledge cut (knownAt or
 * atPosition; default: latest) and as the facts stood at `asOf` (default: every fact). The same query
 * serves GET /exports/bundle and the CLI's `export`.
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CohortReadModel } from '../datasets/cohort.readModel';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import type { BundleFiles } from '../import/bundle.parse';
import { exportBundle } from './bundle.export';
import { cohortAtCut, type CutParams } from './cohort.cut';

export class ExportBundleQuery {
  constructor(readonly params: CutParams) {}
}

@QueryHandler(ExportBundleQuery)
export class ExportBundleHandler implements IQueryHandler<ExportBundleQuery, BundleFiles> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: CohortReadModel,
  ) {}

  async execute({ params }: ExportBundleQuery): Promise<BundleFiles> {
    return exportBundle(await cohortAtCut(this.readModel, this.store, params), params.asOf ?? null);
  }
}
