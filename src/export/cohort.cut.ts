/**
 * The cohort an export or a report is made from: the datasets' read model, latest or at a knowledge
 * cut, once it has folded what the request needs, with the same parameter rules, positions check and
 * waiting as GET /datasets (the report is the patients, time-to-onset and follow-up datasets summed up).
 */
import type { CohortState } from '../../projections/cohort.fold';
import type { CohortReadModel } from '../datasets/cohort.readModel';
import { datasetParams } from '../datasets/datasets.params';
import { cohortForRequest } from '../datasets/cohort.request';
import type { EventStore } from '../eventStore/eventStore.port';

export interface CutParams {
  asOf?: string;
  knownAt?: string;
  atPosition?: number;
  minPosition?: number;
}

/** Checks asOf, knownAt, atPosition and minPosition as the datasets do; any other parameter is refused. */
export function cutParams(raw: Record<string, unknown>): CutParams {
  const { asOf, knownAt, atPosition, minPosition } = datasetParams('patients', raw);
  return { asOf, knownAt, atPosition, minPosition };
}

export async function cohortAtCut(readModel: CohortReadModel, store: EventStore, params: CutParams): Promise<CohortState> {
  return (await cohortForRequest(readModel, store, params)).state;
}
