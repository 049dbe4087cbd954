/**
 * The cohort an export or a report is made from: the datasets' read model, latest or at a knowledge
 * cut, once it has folded what the request needs, with the same parameter rules, positions check and
 * waiting as GET /datasets (the report is the patients, time-to-onset and follow-up datasets summed up).
 */
import type { CohortState } from '../../projections/cohort.fold';
import type { CohortReadModel } from '../datasets/cohort.readModel';
import { datasetParams, positionProblems } from '../datasets/datasets.params';
import { MAX_WAIT_MS, ReadModelBehindError } from '../datasets/datasets.query';
import type { EventStore } from '../eventStore/eventStore.port';
import { DomainError } from '../shared/domain.error';

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
  const head = await store.headPosition();
  const problems = positionProblems({ ...params, name: 'patients', format: 'json' }, head);
  if (problems.length > 0) throw DomainError.invalid(problems);
  const historical = params.knownAt !== undefined || params.atPosition !== undefined;
  const needed = Math.max(params.minPosition ?? 0, historical ? (params.atPosition ?? head) : 0);
  if (!(await readModel.waitFor(needed, MAX_WAIT_MS))) throw new ReadModelBehindError(needed, readModel.status()?.position ?? 0);
  return historical ? readModel.atCut({ knownAt: params.knownAt, atPosition: params.atPosition }) : readModel.latest();
}
