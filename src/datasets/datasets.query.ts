/**
 * GET /datasets/:name and `cli dataset`: latest rows from the live read model, or rows at a knowledge
 * cut folded from its snapshots and the log. A caller who just wrote passes the position its command
 * answered as minPosition and is answered only once the read model has folded it (or 503 after 5 s).
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { findDataset } from '../../projections/dataset.registry';
import { cohortForRequest } from './cohort.request';
import { CohortReadModel } from './cohort.readModel';
import { datasetAnswer, type DatasetAnswer } from './dataset.answer';
import type { DatasetParams } from './datasets.params';
import { INSTALLATION_SECRET } from '../auth/installationSecret';
import { pseudonymizer } from '../auth/pseudonym';
import { dateShifter } from '../auth/dateShift';
import { CLOCK, type Clock } from '../shared/clock';

// Still exported from here for the modules that import them from this file.
export { MAX_WAIT_MS, ReadModelBehindError } from './cohort.request';

export class GetDatasetQuery {
  constructor(readonly params: DatasetParams) {}
}

@QueryHandler(GetDatasetQuery)
export class GetDatasetHandler implements IQueryHandler<GetDatasetQuery, DatasetAnswer> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INSTALLATION_SECRET) private readonly secret: Buffer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModel: CohortReadModel,
  ) {}

  async execute({ params }: GetDatasetQuery): Promise<DatasetAnswer> {
    const { state, head } = await cohortForRequest(this.readModel, this.store, params);
    const referenceYear = Number((params.asOf ?? params.knownAt ?? this.clock.now()).slice(0, 4));
    const keys = { pseudonym: pseudonymizer(this.secret), offsetDays: dateShifter(this.secret), referenceYear };
    return datasetAnswer(findDataset(params.name)!, state, params, head, keys);
  }
}
