/**
 * A patient's history for auditors: every event in log order with who recorded it and when, the fact
 * in words, for a correction each field's value before and after (a previous value is never hidden),
 * and the patient's state after the event.
 */
import { describeEvent } from './patient.describe';
import type { RecordedPatientEvent } from './patient.events';
import { applyToRecord, emptyRecord, entryOf, type PatientRecord } from './patient.record';
import { patientView, type PatientView } from './patient.view';

export interface Envelope {
  eventId: string;
  revision: number;
  position: number;
  recordedAt: string;
  recordedBy: string;
  correlationId: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry extends Envelope {
  type: string;
  description: string;
  reason: string | null;
  /** for a correction: each corrected field; for a retraction: the withdrawn fact's fields */
  changes: FieldChange[];
  stateAfter: PatientView;
}

export function patientHistory(events: readonly (RecordedPatientEvent & Envelope)[]): HistoryEntry[] {
  let record: PatientRecord = emptyRecord();
  return events.map((event) => {
    const before = record;
    record = applyToRecord(record, event);
    return { ...historyEntry(event, before), stateAfter: patientView(record) };
  });
}

/**
 * One event's entry given the record just before it, without the state after: the audit trail of the
 * whole log needs it page by page, and the patient's view per event would cost it most of its time.
 */
export function historyEntry(event: RecordedPatientEvent & Envelope, before: PatientRecord): Omit<HistoryEntry, 'stateAfter'> {
  return {
    eventId: event.eventId,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    correlationId: event.correlationId,
    type: event.type,
    description: describeEvent(event, before),
    reason: reasonOf(event),
    changes: changesOf(event, before),
  };
}

const reasonOf = (event: RecordedPatientEvent): string | null =>
  event.type === 'EntryCorrected' || event.type === 'EntryRetracted' || event.type === 'ResearchAuthorizationChanged' ? event.data.reason : null;

function changesOf(event: RecordedPatientEvent, before: PatientRecord): FieldChange[] {
  if (event.type === 'EntryCorrected') {
    const current = (entryOf(before, event.data.eventId)?.data ?? {}) as Record<string, unknown>;
    return Object.entries(event.data.changes).map(([field, after]) => ({ field, before: current[field] ?? null, after }));
  }
  if (event.type === 'EntryRetracted') {
    const current = (entryOf(before, event.data.eventId)?.data ?? {}) as Record<string, unknown>;
    return Object.entries(current).map(([field, value]) => ({ field, before: value, after: null }));
  }
  if (event.type === 'ResearchAuthorizationChanged') {
    return [{ field: 'researchAuthorization', before: before.researchAuthorization, after: event.data.researchAuthorization }];
  }
  return [];
}
