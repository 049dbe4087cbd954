/**
 * The cohort as the log says at a knowledge point: every patient event read from the store (in pages)
 * and folded by the projections' fold, which applies the cut (knownAt / atPosition).
 */
import { emptyCohort, foldCohort, type CohortState, type KnowledgeCut, type LoggedPatientEvent } from '../../projections/cohort.fold';
import { toLoggedPatientEvent } from '../datasets/loggedEvent';
import type { EventStore } from '../eventStore/eventStore.port';

const PAGE = 5000;

export async function readCohort(store: EventStore, cut: KnowledgeCut = {}): Promise<CohortState> {
  let cohort = emptyCohort();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return cohort;
    after = page[page.length - 1].position;
    cohort = foldCohort(cohort, page.map(toLoggedPatientEvent).filter((e): e is LoggedPatientEvent => e !== null), cut);
  }
}
