/**
 * A generation of the cohort read model in its own SQLite file (never in events.sqlite: a read model
 * can always be thrown away and rebuilt from the log). synchronous=NORMAL: after a power cut the
 * checkpoint may step back with the data, which the subscription simply folds again.
 */
import Database from 'better-sqlite3';
import type { PatientRecord } from '../patients/patient.record';
import { newPart, type Batch, type PatientMark, type ReadModelStorage, type SegmentStats } from './readModel.storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
INSERT OR IGNORE INTO checkpoint (id, position) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS patients (
  patient_id TEXT PRIMARY KEY, last_segment INTEGER NOT NULL, last_position INTEGER NOT NULL, max_recorded_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
  patient_id TEXT NOT NULL, segment_end INTEGER NOT NULL, record TEXT NOT NULL, UNIQUE (patient_id, segment_end)
);
CREATE TABLE IF NOT EXISTS segments (
  segment_end INTEGER PRIMARY KEY, events INTEGER NOT NULL, min_recorded_ms INTEGER, max_recorded_ms INTEGER
);
`;

interface SegmentRow {
  segment_end: number;
  events: number;
  min_recorded_ms: number | null;
  max_recorded_ms: number | null;
}

export class SqliteReadModelStorage implements ReadModelStorage {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly commitTransaction;

  constructor(
    readonly file: string,
    readonly generation: number,
    readonly segmentSize: number,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      checkpoint: this.db.prepare('SELECT position FROM checkpoint').pluck(),
      moveCheckpoint: this.db.prepare('UPDATE checkpoint SET position = ?'),
      upsertVersion: this.db.prepare(
        'INSERT INTO versions (patient_id, segment_end, record) VALUES (?, ?, ?) ON CONFLICT (patient_id, segment_end) DO UPDATE SET record = excluded.record',
      ),
      upsertPatient: this.db.prepare(
        `INSERT INTO patients (patient_id, last_segment, last_position, max_recorded_ms) VALUES (@patientId, @segment, @lastPosition, @maxRecordedMs)
         ON CONFLICT (patient_id) DO UPDATE SET last_segment = MAX(last_segment, excluded.last_segment),
           last_position = MAX(last_position, excluded.last_position), max_recorded_ms = MAX(max_recorded_ms, excluded.max_recorded_ms)`,
      ),
      upsertSegment: this.db.prepare(
        `INSERT INTO segments (segment_end, events, min_recorded_ms, max_recorded_ms) VALUES (@end, @events, @min, @max)
         ON CONFLICT (segment_end) DO UPDATE SET events = events + excluded.events,
           min_recorded_ms = MIN(COALESCE(min_recorded_ms, excluded.min_recorded_ms), COALESCE(excluded.min_recorded_ms, min_recorded_ms)),
           max_recorded_ms = MAX(COALESCE(max_recorded_ms, excluded.max_recorded_ms), COALESCE(excluded.max_recorded_ms, max_recorded_ms))`,
      ),
      latest: this.db.prepare(
        `SELECT p.patient_id, p.last_position, p.max_recorded_ms, v.record FROM patients p
         JOIN versions v ON v.patient_id = p.patient_id AND v.segment_end = p.last_segment`,
      ),
      segments: this.db.prepare('SELECT * FROM segments ORDER BY segment_end'),
      versionAt: this.db.prepare('SELECT record FROM versions WHERE patient_id = ? AND segment_end <= ? ORDER BY segment_end DESC LIMIT 1').pluck(),
    };
    this.commitTransaction = this.db.transaction((batch: Batch): boolean => {
      const checkpoint = this.statements.checkpoint.get() as number;
      if (batch.to <= checkpoint) return false;
      const part = newPart(batch, checkpoint);
      const finite = (ms: number) => (Number.isFinite(ms) ? ms : null);
      this.statements.upsertSegment.run({ end: part.end, events: part.events, min: finite(part.minRecordedMs), max: finite(part.maxRecordedMs) });
      for (const [patientId, record] of batch.touched) {
        this.statements.upsertVersion.run(patientId, batch.segmentEnd, JSON.stringify(record));
        this.statements.upsertPatient.run({ patientId, segment: batch.segmentEnd, ...batch.marks.get(patientId)! });
      }
      this.statements.moveCheckpoint.run(batch.to);
      return true;
    });
  }

  position(): number {
    return this.statements.checkpoint.get() as number;
  }

  loadLatest() {
    const records = new Map<string, PatientRecord>();
    const marks = new Map<string, PatientMark>();
    for (const row of this.statements.latest.iterate() as Iterable<{ patient_id: string; last_position: number; max_recorded_ms: number; record: string }>) {
      records.set(row.patient_id, JSON.parse(row.record));
      marks.set(row.patient_id, { lastPosition: row.last_position, maxRecordedMs: row.max_recorded_ms });
    }
    return { records, marks };
  }

  commit(batch: Batch): boolean {
    return this.commitTransaction.immediate(batch);
  }

  segments(): SegmentStats[] {
    return (this.statements.segments.all() as SegmentRow[]).map((row) => ({
      end: row.segment_end,
      events: row.events,
      minRecordedMs: row.min_recorded_ms ?? Infinity,
      maxRecordedMs: row.max_recorded_ms ?? -Infinity,
    }));
  }

  recordsAt(segmentEnd: number, patientIds: readonly string[]): Map<string, PatientRecord> {
    const found = new Map<string, PatientRecord>();
    for (const patientId of patientIds) {
      const record = this.statements.versionAt.get(patientId, segmentEnd) as string | undefined;
      if (record !== undefined) found.set(patientId, JSON.parse(record));
    }
    return found;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
