/** The patient decider as the command loop runs it: how stored events become the events it folds. */
import type { StoredEvent } from '../eventStore/eventStore.port';
import type { StreamDecider } from '../shared/handleCommand';
import type { PatientCommand } from './patient.commands';
import { patientDecider, type PatientState } from './patient.decider';
import { PATIENT_EVENT_SCHEMA_VERSION, type PatientEvent, type RecordedPatientEvent } from './patient.events';

/** A stored event as folds see it. Version 1 is the only schema so far; upcasters go here. */
export const toRecordedPatientEvent = (stored: StoredEvent): RecordedPatientEvent =>
  ({ type: stored.type, data: stored.data, eventId: stored.eventId, recordedAt: stored.recordedAt }) as RecordedPatientEvent;

export const patientStream: StreamDecider<PatientState, PatientCommand, PatientEvent, RecordedPatientEvent> = {
  decider: patientDecider,
  toRecorded: toRecordedPatientEvent,
  schemaVersion: PATIENT_EVENT_SCHEMA_VERSION,
};
