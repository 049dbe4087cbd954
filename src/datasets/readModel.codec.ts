/**
 * How a generation stores a patient record: the record as JSON, each entry by its own fields
 * (patient.record.ts's FactEntry: stamp, type, payload with its eventId, and the amendments of a fact
 * corrected or retracted, null for the rest), so storing needs no copy of anything. On the way back,
 * one string for each repeated value (types, dates, codes, recordedAt), since a restart loads every
 * record of the cohort at once.
 */
import { entryOfFields, payloadWith, type Amendments, type Entry, type PatientRecord } from '../patients/patient.record';
import { sameAsLast, shared, shareStrings } from '../shared/sharedStrings';

interface StoredEntry {
  position: number;
  recordedAt: string;
  type: Entry['type'];
  data: Record<string, unknown>;
  amendments: (Omit<Amendments, 'original'> & { original: Record<string, unknown> | null }) | null;
}

export function encodeRecord(record: PatientRecord): string {
  return JSON.stringify(record);
}

export function decodeRecord(text: string): PatientRecord {
  const stored = JSON.parse(text) as Omit<PatientRecord, 'entries'> & { entries: StoredEntry[] };
  const entries = stored.entries.map(({ position, recordedAt, type, data, amendments }): Entry => {
    const payload = payloadOf(type, data);
    const original = amendments?.original ? payloadOf(type, amendments.original) : payload;
    return entryOfFields(position, sameAsLast(recordedAt), shared(type) as Entry['type'], payload, original, amendments?.corrections ?? [], amendments?.retractions ?? []);
  });
  return Object.assign(stored, { entries }) as PatientRecord;
}

function payloadOf(type: Entry['type'], payload: Record<string, unknown>): Entry['data'] {
  return payloadWith(type, shareStrings(payload));
}
