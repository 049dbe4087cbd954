/** Queries about single patients, answered from their streams (always current, no lag). */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain.error';
import { patientStreamForRead } from '../erasure/erasableEventStore';
import { patientDecider } from '../patients/patient.decider';
import { toRecordedPatientEvent } from '../patients/patient.stream';
import { patientView, type PatientView } from '../patients/patient.view';
import { patientHistory, type HistoryEntry } from '../patients/patient.history';

export class GetPatientQuery {
  constructor(readonly patientId: string) {}
}

export class GetPatientHistoryQuery {
  constructor(readonly patientId: string) {}
}

export class GetPatientEventsQuery {
  constructor(readonly patientId: string) {}
}

async function readPatientStream(store: EventStore, patientId: string): Promise<StoredEvent[]> {
  const events = await store.readStream(patientStreamForRead(store, patientId).streamId);
  if (events.length === 0) throw new DomainError('not_found', `patient ${patientId} is not enrolled`);
  return events;
}

@QueryHandler(GetPatientQuery)
export class GetPatientHandler implements IQueryHandler<GetPatientQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ patientId }: GetPatientQuery): Promise<PatientView & { revision: number; position: number }> {
    const events = await readPatientStream(this.store, patientId);
    const record = fold(patientDecider.evolve, patientDecider.initialState(), events.map(toRecordedPatientEvent));
    const last = events[events.length - 1];
    return { ...patientView(record), revision: last.revision, position: last.position };
  }
}

@QueryHandler(GetPatientEventsQuery)
export class GetPatientEventsHandler implements IQueryHandler<GetPatientEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ patientId }: GetPatientEventsQuery): Promise<StoredEvent[]> {
    return readPatientStream(this.store, patientId);
  }
}

@QueryHandler(GetPatientHistoryQuery)
export class GetPatientHistoryHandler implements IQueryHandler<GetPatientHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ patientId }: GetPatientHistoryQuery): Promise<HistoryEntry[]> {
    const events = await readPatientStream(this.store, patientId);
    return patientHistory(events.map((e) => ({ ...e, ...toRecordedPatientEvent(e) })));
  }
}
