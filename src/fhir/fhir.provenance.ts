/**
 * A Provenance per correction or retraction: who (recordedBy), when (recordedAt), why (the reason)
 * and what (the resource the amended fact maps to). The effective record keeps no reasons or authors,
 * so the shell hands the amending events in as Amendments (amendmentsOf reads them off a stream).
 * A retracted fact is not exported: its Provenance names the resource it would have been.
 */
import type { StoredEvent } from '../eventStore/eventStore.port';
import type { EntryCorrected, EntryRetracted, PatientFact } from '../patients/patient.events';
import type { Entry, PatientRecord } from '../patients/patient.record';
import { DATA_OPERATION, IDENTIFIER } from './fhir.codes';
import { ids } from './fhir.ids';
import { courseType } from './fhir.mapping.care';
import type { FhirResource } from './fhir.types';

export interface Amendment {
  eventId: string;
  kind: 'corrected' | 'retracted';
  /** the amended fact's event id */
  target: string;
  recordedAt: string;
  recordedBy: string;
  reason: string;
  /** the fields a correction changed */
  fields: string[];
}

/** The corrections and retractions of one patient's stream, in log order. */
export function amendmentsOf(stream: readonly StoredEvent[]): Amendment[] {
  return stream
    .filter((e) => e.type === 'EntryCorrected' || e.type === 'EntryRetracted')
    .map((e) => {
      const data = e.data as (EntryCorrected | EntryRetracted)['data'];
      return {
        eventId: e.eventId,
        kind: e.type === 'EntryCorrected' ? 'corrected' : 'retracted',
        target: data.eventId,
        recordedAt: e.recordedAt,
        recordedBy: e.recordedBy,
        reason: data.reason,
        fields: 'changes' in data ? Object.keys(data.changes) : [],
      };
    });
}

/**
 * Every fact entry of a record, in log order. Object.values reads the entries whether the record keeps
 * them by id or as a list (its layout is being reworked alongside this module).
 */
export const entriesOf = (record: PatientRecord): Entry[] => Object.values(record.entries) as Entry[];

/** Whether a record has a corrected or retracted fact, i.e. whether its stream needs reading for Provenance. */
export const isAmended = (record: PatientRecord): boolean =>
  entriesOf(record).some((e) => {
    // the times of a fact's corrections: `corrections` in the reworked record, `correctedAt` before
    const stamps = e as unknown as { corrections?: unknown[]; correctedAt?: unknown[] };
    return e.retracted || (stamps.corrections ?? stamps.correctedAt ?? []).length > 0;
  });

export function provenanceResources(record: PatientRecord, amendments: readonly Amendment[]): FhirResource[] {
  const pid = record.patientId!;
  return amendments
        .flatMap((a) => {
      const entry = entriesOf(record).find((e) => e.eventId === a.target);
      return entry ? [{ amendment: a, entry }] : [];
    })
    .map(({ amendment: a, entry }) => ({
      resourceType: 'Provenance',
      id: ids.provenance(pid, a.eventId),
      target: [{ reference: targetOf(record, entry) }],
      recorded: a.recordedAt,
      activity: { coding: [{ system: DATA_OPERATION, code: a.kind === 'corrected' ? 'UPDATE' : 'NULLIFY' }] },
      reason: [{ text: a.kind === 'corrected' ? `${a.reason} (changed: ${a.fields.join(', ')})` : a.reason }],
      agent: [{ who: { identifier: { system: IDENTIFIER.user, value: a.recordedBy }, display: a.recordedBy } }],
    }));
}

/** The reference of the resource a fact maps to (with the fact's values as they stand now). */
function targetOf(record: PatientRecord, entry: Entry): string {
  const pid = record.patientId!;
  const data = entry.data as PatientFact['data'] & Record<string, string>;
  switch (entry.type) {
    case 'PatientEnrolled':
    case 'DeathRecorded':
      return `Patient/${ids.patient(pid)}`;
    case 'DiagnosisRecorded':
      return `Condition/${ids.diagnosis(pid, data.diagnosisId)}`;
    case 'LesionOnsetRecorded':
      return `Condition/${ids.lesion(pid, data.lesionId)}`;
    case 'TreatmentStarted':
    case 'TreatmentStopped': {
      const course = entriesOf(record).find((e) => e.type === 'TreatmentStarted' && (e.data as { treatmentId: string }).treatmentId === data.treatmentId);
      return `${courseType((course?.data as { category?: string } | undefined)?.category ?? 'medical')}/${ids.treatment(pid, data.treatmentId)}`;
    }
    case 'ResponseGraded':
      return `Observation/${ids.response(pid, data.treatmentId, data.assessedOn)}`;
    case 'ContactRecorded':
      return `Encounter/${ids.contact(pid, data.seenOn)}`;
  }
}
