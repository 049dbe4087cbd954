/**
 * GET /datasets/:name and `cli dataset`: latest rows from the live read model, or rows at a knowledge
 * cut folded from its snapshots and the log. A caller who just wrote passes the position its command
 * answered as minPosition and is answered only once the read model has folded it (or 503 after 5 s).
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { DomainError } from '../shared/domain.error';
import { findDataset } from '../../projections/dataset.registry';
import { CohortReadModel } from './cohort.readModel';
import { datasetAnswer, type DatasetAnswer } from './dataset.answer';
import { positionProblems, type DatasetParams } from './datasets.params';

export const MAX_WAIT_MS = 5000;

/** The read model has not reached the position a request needs: try again shortly. */
export class ReadModelBehindError extends Error {
  constructor(
    readonly needed: number,
    readonly reached: number,
  ) {
    super(`the read model has folded the log up to position ${reached}, not yet ${needed}; retry shortly`);
    this.name = 'ReadModelBehindError';
  }
}

export class GetDatasetQuery {
  constructor(readonly params: DatasetParams) {}
}

@QueryHandler(GetDatasetQuery)
export class GetDatasetHandler implements IQueryHandler<GetDatasetQuery, DatasetAnswer> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: CohortReadModel,
  ) {}

  async execute({ params }: GetDatasetQuery): Promise<DatasetAnswer> {
    const projection = findDataset(params.name)!;
    const head = await this.store.headPosition();
    const problems = positionProblems(params, head);
    if (problems.length > 0) throw DomainError.invalid(problems);
    const historical = params.knownAt !== undefined || params.atPosition !== undefined;
    // A cut must see every event it may keep: atPosition needs that position, knownAt the whole log.
    const needed = Math.max(params.minPosition ?? 0, historical ? (params.atPosition ?? head) : 0);
    if (!(await this.readModel.waitFor(needed, MAX_WAIT_MS))) {
      throw new ReadModelBehindError(needed, this.readModel.status()?.position ?? 0);
    }
    const state = historical ? await this.readModel.atCut({ knownAt: params.knownAt, atPosition: params.atPosition }) : await this.readModel.latest();
    return datasetAnswer(projection, state, params, head);
  }
}
