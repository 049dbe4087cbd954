/**
 * How a generation stores a patient record: the record as JSON, each entry as its stamp, type, payload
 * (with its eventId) and the amendments of a fact corrected or retracted (null for the rest). On the way back,
 * one string for each repeated value (types, dates, codes, recordedAt), since a restart loads every
 * record of the cohort at once.
 */
import { entryOfFields, payloadWith, type Entry, type PatientRecord } from '../patients/patient.record';
import { indexed } from '../patients/patient.entryIndex';
import { sameAsLast, shared, shareStrings } from '../shared/sharedStrings';

/** The stored form of an entry: `data` as it stands now, `original` only when a correction changed it. */
interface StoredEntry {
  position: number;
  recordedAt: string;
  type: Entry['type'];
  data: object;
  amendments: { original: object | null; corrections: Entry['corrections']; retractions: Entry['retractions'] } | null;
}

export function encodeRecord(record: PatientRecord): string {
  return JSON.stringify({ ...record, entries: record.entries.map(storedEntry) });
}

/** An entry's payload fields are its own enumerable fields, so JSON.stringify writes a payload of it. */
function storedEntry(entry: Entry): StoredEntry {
  const { position, recordedAt, type, data, original, corrections, retractions } = entry;
  const amended = data !== original || corrections.length > 0 || retractions.length > 0;
  return { position, recordedAt, type, data, amendments: amended ? { original: data === original ? null : original, corrections, retractions } : null };
}

export function decodeRecord(text: string): PatientRecord {
  const stored = JSON.parse(text) as Omit<PatientRecord, 'entries'> & { entries: StoredEntry[] };
  const entries = stored.entries.map(({ position, recordedAt, type, data, amendments }): Entry => {
    const payload = shareStrings(data) as Entry['data'];
    const original = amendments?.original ? (shareStrings(amendments.original) as Entry['data']) : payload;
    const current = original === payload ? original : payloadWith(type, payload);
    return entryOfFields(position, sameAsLast(recordedAt), shared(type) as Entry['type'], current, original, amendments?.corrections ?? [], amendments?.retractions ?? []);
  });
  return indexed(Object.assign(stored, { entries }) as PatientRecord);
}
