/**
 * The cohort a request asks for: latest, or at a knowledge cut, once the read model has folded what
 * the request needs (minPosition; for a cut, atPosition or else the whole log as it is now). Every
 * request on the datasets' cohort (datasets, exports, reports, diffs) goes through here.
 */
import type { CohortState } from '../../projections/cohort.fold';
import type { EventStore } from '../eventStore/eventStore.port';
import { DomainError } from '../shared/domain.error';
import type { CohortReadModel } from './cohort.readModel';
import { positionProblems, type DatasetParams } from './datasets.params';

export const MAX_WAIT_MS = 5000;

export type CutParams = Pick<DatasetParams, 'knownAt' | 'atPosition' | 'minPosition'>;

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

/** The cohort and the head of the log it was taken against. */
export async function cohortForRequest(readModel: CohortReadModel, store: EventStore, params: CutParams): Promise<{ state: CohortState; head: number }> {
  const head = await store.headPosition();
  const problems = positionProblems(params, head);
  if (problems.length > 0) throw DomainError.invalid(problems);
  const historical = params.knownAt !== undefined || params.atPosition !== undefined;
  const needed = Math.max(params.minPosition ?? 0, historical ? (params.atPosition ?? head) : 0);
  if (!(await readModel.waitFor(needed, MAX_WAIT_MS))) throw new ReadModelBehindError(needed, readModel.status()?.position ?? 0);
  const state = historical ? await readModel.atCut({ knownAt: params.knownAt, atPosition: params.atPosition }) : await readModel.latest();
  return { state, head };
}
