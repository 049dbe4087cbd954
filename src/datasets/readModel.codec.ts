/**
 * How a generation stores a patient record: JSON without what the record can derive again (an
 * uncorrected entry's original payload is its payload; `retracted` is whether it has a retraction;
 * each payload's eventId is its entry's), and, on the way back, one string for each repeated value
 * (types, dates, codes, recordedAt), since a restart loads every record of the cohort at once.
 */
import type { Entry, PatientRecord } from '../patients/patient.record';

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

export function decodeRecord(text: string, strings: Map<string, string>): PatientRecord {
  const stored = JSON.parse(text) as Omit<PatientRecord, 'entries'> & { entries: StoredEntry[] };
  const same = (value: string): string => {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
  };
  const entries = stored.entries.map(({ original, ...entry }): Entry => {
    const data = payloadOf(entry.data, entry.eventId, same);
    return {
      ...entry,
      type: same(entry.type) as Entry['type'],
      recordedAt: same(entry.recordedAt),
      data,
      original: original === undefined ? data : payloadOf(original, entry.eventId, same),
      retracted: entry.retractions.length > 0,
    } as Entry;
  });
  return { ...stored, entries };
}

/** Short strings are the shared vocabulary of a cohort (codes, dates); ids and free text stay as they are. */
function payloadOf(payload: Record<string, unknown>, eventId: string, same: (value: string) => string): Entry['data'] {
  for (const [field, value] of Object.entries(payload)) {
    if (typeof value === 'string' && value.length <= 24) payload[field] = same(value);
    else if (Array.isArray(value)) payload[field] = value.map((item) => (typeof item === 'string' ? same(item) : item));
  }
  return Object.assign(payload, { eventId }) as Entry['data'];
}
