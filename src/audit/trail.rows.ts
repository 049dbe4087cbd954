/**
 * The audit trail for export: one row per event of the log with its envelope, the event in words, the
 * reason and each corrected field before -> after, as the patient history tells them (historyEntry). Pure: the shell hands
 * in the events page by page with the records folded so far, so the whole log needs no more memory
 * than one record per patient.
 */
import { stringify } from 'csv-stringify/sync';
import type { StoredEvent } from '../eventStore/eventStore.port';
import { PATIENT_STREAM_PREFIX, patientIdOfStream } from '../patients/patient.events';
import { historyEntry, type FieldChange } from '../patients/patient.history';
import { applyToRecord, emptyRecord, type PatientRecord } from '../patients/patient.record';
import { toRecordedPatientEvent } from '../patients/patient.stream';

export const TRAIL_FORMATS = ['csv', 'jsonl'] as const;
export type TrailFormat = (typeof TRAIL_FORMATS)[number];

export interface TrailRow {
  position: number;
  stream: string;
  revision: number;
  eventId: string;
  type: string;
  recordedAt: string;
  recordedBy: string;
  correlationId: string;
  causationId: string | null;
  description: string;
  reason: string | null;
  changes: FieldChange[];
}

const COLUMNS: readonly (keyof TrailRow)[] = ['position', 'stream', 'revision', 'eventId', 'type', 'recordedAt', 'recordedBy', 'correlationId', 'causationId', 'description', 'reason', 'changes'];

/**
 * The rows of one page, in log order; `records` (patient id -> record so far) is moved on past them.
 * Events of other streams (users, imports) show their type only: their payloads hold credentials.
 */
export function trailRows(page: readonly StoredEvent[], records: Map<string, PatientRecord>): TrailRow[] {
  return page.map((stored) => {
    const { position, streamId: stream, revision, eventId, type, recordedAt, recordedBy, correlationId, causationId } = stored;
    const envelope = { position, stream, revision, eventId, type, recordedAt, recordedBy, correlationId, causationId };
    if (!stream.startsWith(PATIENT_STREAM_PREFIX)) return { ...envelope, description: `${type} (${stream})`, reason: null, changes: [] };
    const patientId = patientIdOfStream(stream);
    const event = toRecordedPatientEvent(stored);
    const before = records.get(patientId) ?? emptyRecord();
    const entry = historyEntry({ ...stored, ...event }, before);
    records.set(patientId, applyToRecord(before, event));
    return { ...envelope, type: entry.type, description: entry.description, reason: entry.reason, changes: entry.changes };
  });
}

const shown = (value: unknown) => (value === null || value === undefined ? '(blank)' : JSON.stringify(value));

/** A page as text: CSV (the header before the first page; changes as `field: old -> new; ...`) or JSON lines. */
export function trailText(rows: readonly TrailRow[], format: TrailFormat, first: boolean): string {
  if (format === 'jsonl') return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  const cells = rows.map((row) => COLUMNS.map((c) => (c === 'changes' ? row.changes.map((x) => `${x.field}: ${shown(x.before)} -> ${shown(x.after)}`).join('; ') : row[c])));
  return stringify(first ? [COLUMNS, ...cells] : cells, { record_delimiter: '\n', cast: { number: String } });
}
