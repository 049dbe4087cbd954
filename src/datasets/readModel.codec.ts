/**
 * How a generation stores a patient record: JSON without what the record can derive again (an
 * uncorrected entry's original payload is its payload; `retracted` is whether it has a retraction;
 * each payload's eventId is its entry's), and, on the way back, one string for each repeated value
 * (types, dates, codes, recordedAt), since a restart loads every record of the cohort at once.
 */
import { entryOfFields, payloadWith, type Entry, type PatientRecord } from '../patients/patient.record';
import { sameAsLast, shared, shareStrings } from '../shared/sharedStrings';

type StoredEntry = Omit<Entry, 'original' | 'retracted' | 'data'> & { data: Record<string, unknown>; original?: Record<string, unknown> };

export function encodeRecord(record: PatientRecord): string {
  const entries = record.entries.map(({ original, retracted: _derived, data, ...entry }): StoredEntry => {
    const { eventId: _sameAsEntry, ...payload } = data as Record<string, unknown>;
    if (original === data) return { ...entry, data: payload };
    const { eventId: _alsoSame, ...first } = original as Record<string, unknown>;
    return { ...entry, data: payload, original: first };
  });
  return JSON.stringify({ ...record, entries });
}

export function decodeRecord(text: string): PatientRecord {
  const stored = JSON.parse(text) as Omit<PatientRecord, 'entries'> & { entries: StoredEntry[] };
  const entries = stored.entries.map((entry): Entry => {
    const data = payloadOf(entry.type, entry.data, entry.eventId);
    const original = entry.original === undefined ? data : payloadOf(entry.type, entry.original, entry.eventId);
    return entryOfFields(entry.position, sameAsLast(entry.recordedAt), entry.eventId, shared(entry.type) as Entry['type'], data, original, entry.corrections, entry.retractions);
  });
  return Object.assign(stored, { entries }) as PatientRecord;
}

function payloadOf(type: Entry['type'], payload: Record<string, unknown>, eventId: string): Entry['data'] {
  return payloadWith(type, shareStrings(payload), { eventId });
}
