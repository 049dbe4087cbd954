/**
 * The floors under two of the targets, measured on the very log a scenario made, so that a
 * missed target can be set against what no implementation on this machine can go below:
 *  - reading: the columns a fold needs, as arrays, and each payload parsed: what any rebuild must do;
 *  - writing: the log's rows inserted again, already serialised and hashed, into a fresh file with the
 *    store's schema and pragmas (openConnection), in transactions of the store's largest group commit:
 *    what writing an import's events costs before anything else.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConnection } from '../src/eventStore/sqlite.connection';

const PAGE = 10_000;

export interface Floor {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

const floor = (events: number, seconds: number): Floor => ({ events, seconds: +seconds.toFixed(3), eventsPerSecond: Math.round(events / seconds) });

/** Pages of the log's rows in position order, as arrays of the columns named. */
function* pages(db: Database.Database, columns: string): Generator<unknown[][]> {
  const page = db.prepare(`SELECT position, ${columns} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw();
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE) as unknown[][];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1][0] as number;
  }
}

export function readFloor(eventsFile: string): Floor {
  const db = new Database(eventsFile, { readonly: true });
  try {
    const started = performance.now();
    let events = 0;
    let parsed = 0;
    for (const rows of pages(db, 'stream_id, type, schema_version, data, recorded_at, event_id')) {
      for (const row of rows) if (JSON.parse(row[4] as string) !== null) parsed++;
      events += rows.length;
    }
    if (parsed !== events) throw new Error(`${events - parsed} payloads parsed to null`);
    return floor(events, (performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

const INSERTED = 'event_id, stream_id, revision, type, schema_version, data, recorded_at, recorded_by, correlation_id, causation_id, metadata, hash';

export function insertFloor(eventsFile: string, perCommit: number): Floor {
  const source = new Database(eventsFile, { readonly: true });
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-floor-'));
  const { db } = openConnection(join(dir, 'events.sqlite'));
  try {
    const insert = db.prepare(`INSERT INTO events (${INSERTED}) VALUES (${INSERTED.split(',').map(() => '?').join(', ')})`);
    const commit = db.transaction((rows: unknown[][]) => {
      for (const row of rows) insert.run(row.slice(1));
    });
    // only the inserts and commits are timed, not the reading of the source
    let seconds = 0;
    let events = 0;
    let batch: unknown[][] = [];
    const flush = () => {
      const started = performance.now();
      commit(batch);
      seconds += (performance.now() - started) / 1000;
      events += batch.length;
      batch = [];
    };
    for (const rows of pages(source, INSERTED)) {
      for (const row of rows) {
        batch.push(row);
        if (batch.length === perCommit) flush();
      }
    }
    if (batch.length > 0) flush();
    return floor(events, seconds);
  } finally {
    db.close();
    source.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
