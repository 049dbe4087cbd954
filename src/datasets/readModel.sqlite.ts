/**
 * A generation of the cohort read model in its own SQLite file (never in events.sqlite: a read model
 * can always be thrown away and rebuilt from the log). synchronous=NORMAL: after a power cut the
 * checkpoint may step back with the data, which the subscription simply folds again.
 */
import Database from 'better-sqlite3';
import type { PatientRecord } from '../patients/patient.record';
import { decodeRecord, encodeRecord } from './readModel.codec';
import { newEvents, type Batch, type PatientMark, type ReadModelStorage } from './readModel.storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, events_folded INTEGER NOT NULL
);
INSERT OR IGNORE INTO checkpoint (id, position, events_folded) VALUES (1, 0, 0);
CREATE TABLE IF NOT EXISTS patients (
  patient_id TEXT PRIMARY KEY, last_position INTEGER NOT NULL, max_recorded_ms INTEGER NOT NULL, record TEXT NOT NULL
);
`;

interface PatientRow {
  patient_id: string;
  last_position: number;
  max_recorded_ms: number;
  record: string;
}

export class SqliteReadModelStorage implements ReadModelStorage {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly commitTransaction;

  constructor(
    readonly file: string,
    readonly generation: number,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      checkpoint: this.db.prepare('SELECT position, events_folded FROM checkpoint'),
      moveCheckpoint: this.db.prepare('UPDATE checkpoint SET position = ?, events_folded = events_folded + ?'),
      upsertPatient: this.db.prepare(
        `INSERT INTO patients (patient_id, last_position, max_recorded_ms, record) VALUES (@patientId, @lastPosition, @maxRecordedMs, @record)
         ON CONFLICT (patient_id) DO UPDATE SET last_position = excluded.last_position, max_recorded_ms = excluded.max_recorded_ms, record = excluded.record
         WHERE excluded.last_position >= patients.last_position`,
      ),
      latest: this.db.prepare('SELECT patient_id, last_position, max_recorded_ms, record FROM patients'),
    };
    this.commitTransaction = this.db.transaction((batch: Batch): boolean => {
      const { position } = this.checkpointRow();
      if (batch.to <= position) return false;
      for (const [patientId, record] of batch.touched) {
        this.statements.upsertPatient.run({ patientId, ...batch.marks.get(patientId)!, record: batch.encoded?.get(patientId) ?? encodeRecord(record) });
      }
      this.statements.moveCheckpoint.run(batch.to, newEvents(batch, position));
      return true;
    });
  }

  position = () => this.checkpointRow().position;
  eventsFolded = () => this.checkpointRow().events_folded;

  loadLatest() {
    const records = new Map<string, PatientRecord>();
    const marks = new Map<string, PatientMark>();
    for (const row of this.statements.latest.iterate() as Iterable<PatientRow>) {
      records.set(row.patient_id, decodeRecord(row.record));
      marks.set(row.patient_id, { lastPosition: row.last_position, maxRecordedMs: row.max_recorded_ms });
    }
    return { records, marks };
  }

  commit(batch: Batch): boolean {
    return this.commitTransaction.immediate(batch);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private checkpointRow() {
    return this.statements.checkpoint.get() as { position: number; events_folded: number };
  }
}
