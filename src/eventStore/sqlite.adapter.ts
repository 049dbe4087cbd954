/**
 * The embedded durable store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so
 * an acknowledged append has reached the disk. One transaction per append; (stream_id, revision) is
 * unique and the global position is the autoincrement key, so positions are never reused. Triggers
 * refuse UPDATE and DELETE on the log.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, StoredEvent, Subscription } from './eventStore.port';
import { StoreUnavailableError, checkExpectedRevision } from './eventStore.port';
import { alreadyAppended } from './memory.adapter';
import { catchUpSubscription } from './subscription';
import { GENESIS_HASH, eventHash } from './hashChain';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT    NOT NULL UNIQUE,
  stream_id       TEXT    NOT NULL,
  revision        INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  recorded_at     TEXT    NOT NULL,
  recorded_by     TEXT    NOT NULL,
  correlation_id  TEXT    NOT NULL,
  causation_id    TEXT,
  metadata        TEXT    NOT NULL,
  hash            TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TRIGGER IF NOT EXISTS events_are_immutable BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable: record a correction instead'); END;
CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are never deleted: record a retraction instead'); END;
`;

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  recorded_at: string;
  recorded_by: string;
  correlation_id: string;
  causation_id: string | null;
  metadata: string;
  hash: string;
}

const toEvent = (row: Row): StoredEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: JSON.parse(row.data),
  recordedAt: row.recorded_at,
  recordedBy: row.recorded_by,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  metadata: JSON.parse(row.metadata),
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  hash: row.hash,
});

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly listeners = new Set<() => void>();
  private readonly statements;
  private readonly appendTransaction;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, recorded_at, recorded_by, correlation_id, causation_id, metadata, hash)
         VALUES (@eventId, @streamId, @revision, @type, @schemaVersion, @data, @recordedAt, @recordedBy, @correlationId, @causationId, @metadata, @hash)`,
      ),
      lastRevision: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?').pluck(),
      byEventId: this.db.prepare('SELECT * FROM events WHERE event_id = ?'),
      stream: this.db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision'),
      all: this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: this.db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
      headHash: this.db.prepare('SELECT hash FROM events ORDER BY position DESC LIMIT 1').pluck(),
    };
    this.appendTransaction = this.db.transaction(
      (streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): AppendResult => {
        const replayed = alreadyAppended(events, (id) => this.findEvent(id), streamId);
        if (replayed) return replayed;
        const last = this.statements.lastRevision.get(streamId) as number | null;
        checkExpectedRevision(streamId, expectedRevision, last === null ? 'no_stream' : last);
        let revision = last ?? -1;
        let position = 0;
        // Appends are serialised by SQLite's write lock, so the chain's previous event cannot change under us.
        let hash = (this.statements.headHash.get() as string | undefined) ?? GENESIS_HASH;
        for (const event of events) {
          revision += 1;
          hash = eventHash(hash, { ...event, streamId, revision });
          const info = this.statements.insert.run({
            ...event,
            streamId,
            revision,
            data: JSON.stringify(event.data),
            metadata: JSON.stringify(event.metadata),
            hash,
          });
          position = Number(info.lastInsertRowid);
        }
        return { nextExpectedRevision: revision, position };
      },
    );
  }

  /** Opens (creating if needed) the store of a data directory. */
  static inDirectory(dataDir: string): SqliteEventStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteEventStore(join(dataDir, 'events.sqlite'));
  }

  async appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const result = this.guard(() => this.appendTransaction.immediate(streamId, events, options.expectedRevision));
    this.listeners.forEach((wake) => wake());
    return result;
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StoredEvent[]> {
    return this.guard(() => (this.statements.stream.all(streamId, options.fromRevision ?? 0) as Row[]).map(toEvent));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.guard(() =>
      (this.statements.all.all(options.after ?? 0, options.maxCount ?? -1) as Row[]).map(toEvent),
    );
  }

  async headPosition(): Promise<number> {
    return this.guard(() => this.statements.head.get() as number);
  }

  subscribeToAll(after: number, handler: (event: StoredEvent) => void | Promise<void>): Subscription {
    return catchUpSubscription(
      (from, maxCount) => this.readAll({ after: from, maxCount }),
      (wake) => {
        this.listeners.add(wake);
        return () => this.listeners.delete(wake);
      },
      after,
      handler,
    );
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }

  private findEvent(eventId: string): StoredEvent | undefined {
    const row = this.statements.byEventId.get(eventId) as Row | undefined;
    return row && toEvent(row);
  }

  /** Storage faults (full disk, read-only file, corruption) become one error the shell maps to 503. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (/^SQLITE_(FULL|READONLY|IOERR|CORRUPT|NOTADB|CANTOPEN|BUSY|LOCKED)/.test(code)) {
        throw new StoreUnavailableError(`the event store cannot be used: ${(error as Error).message}`, error);
      }
      throw error;
    }
  }
}
