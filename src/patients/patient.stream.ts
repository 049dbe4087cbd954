/** The patient decider as the command loop runs it: how stored events become the events it folds. */
import type { StoredEvent } from '../eventStore/eventStore.port';
import type { StreamDecider } from '../shared/handleCommand';
import type { PatientCommand } from './patient.commands';
import { patientDecider, type PatientState } from './patient.decider';
import { PATIENT_EVENT_SCHEMA_VERSION, type PatientEvent, type RecordedPatientEvent } from './patient.events';
import { sameAsLast, shared, shareStrings } from '../shared/sharedStrings';
import { PATIENT_UPCASTERS, upcast, type UpcasterRegistry } from './patient.upcasters';

/**
 * How a given version of the software reads stored events (tests build "upgraded" readers with it).
 * Repeated short values share one string (sharedStrings.ts): read models keep every payload.
 */
export const recordedPatientEventReader =
  (current: number, upcasters: UpcasterRegistry) =>
  (stored: StoredEvent): RecordedPatientEvent =>
    ({
      type: stored.type,
      data: shareStrings(upcast(stored.type, stored.schemaVersion, stored.data, current, upcasters) as object),
      eventId: stored.eventId,
      recordedAt: sameAsLast(stored.recordedAt),
      position: stored.position,
    }) as RecordedPatientEvent;

/** A stored event as every fold of this software sees it: upcast to the current schema. */
export const toRecordedPatientEvent = recordedPatientEventReader(PATIENT_EVENT_SCHEMA_VERSION, PATIENT_UPCASTERS);

export const patientStream: StreamDecider<PatientState, PatientCommand, PatientEvent, RecordedPatientEvent> = {
  decider: patientDecider,
  toRecorded: toRecordedPatientEvent,
  schemaVersion: PATIENT_EVENT_SCHEMA_VERSION,
};
