/**
 * The embedded durable store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so
 * an acknowledged append has reached the disk. One transaction per append; (stream_id, revision) is
 * unique and the global position is the autoincrement key, so positions are never reused. Triggers
 * refuse UPDATE and DELETE on the log. Storage faults become StoreUnavailableError (HTTP 503); the
 * connection is reopened on the next call, so the store recovers when the fault is gone.
 */
import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, StoredEvent, Subscription } from './eventStore.port';
import { StoreUnavailableError } from './eventStore.port';
import { openConnection, toEvent, type Row, type SqliteConnection } from './sqlite.connection';
import { Wakes, catchUpSubscription } from './subscription';

const FAULT = /^SQLITE_(FULL|READONLY|IOERR|CORRUPT|NOTADB|CANTOPEN|BUSY|LOCKED|PERM|AUTH)/;
/** After these the open connection cannot be trusted; the next call opens the file again. */
const FATAL = /^SQLITE_(READONLY|IOERR|CORRUPT|NOTADB|CANTOPEN|PERM)/;

export class SqliteEventStore implements EventStore {
  private connection: SqliteConnection | null = null;
  private closed = false;
  private readonly wakes = new Wakes();
  private readonly logger = new Logger('SqliteEventStore');

  constructor(readonly file: string) {
    try {
      this.use(() => undefined);
    } catch (error) {
      // Start anyway: every call answers "unavailable" until the file is usable again.
      this.logger.error((error as Error).message);
    }
  }

  /** Opens (creating if needed) the store of a data directory. */
  static inDirectory(dataDir: string): SqliteEventStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteEventStore(join(dataDir, 'events.sqlite'));
  }

  async appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const result = this.use((c) => c.append.immediate(streamId, events, options.expectedRevision));
    this.wakes.wakeAll();
    return result;
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StoredEvent[]> {
    return this.use((c) => (c.statements.stream.all(streamId, options.fromRevision ?? 0) as Row[]).map(toEvent));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.use((c) => (c.statements.all.all(options.after ?? 0, options.maxCount ?? -1) as Row[]).map(toEvent));
  }

  async headPosition(): Promise<number> {
    return this.use((c) => c.statements.head.get() as number);
  }

  subscribeToAll(after: number, handler: (event: StoredEvent) => void | Promise<void>): Subscription {
    return catchUpSubscription(this, this.wakes, after, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakes.clear();
    this.drop();
  }

  private use<T>(work: (connection: SqliteConnection) => T): T {
    if (this.closed) throw new StoreUnavailableError('the event store is closed');
    try {
      this.connection ??= openConnection(this.file);
      return work(this.connection);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!FAULT.test(code)) throw error;
      if (FATAL.test(code)) this.drop();
      this.logger.error(`storage fault (${code}): ${(error as Error).message}`);
      throw new StoreUnavailableError(`the event store cannot be used (${code}: ${(error as Error).message})`, error);
    }
  }

  private drop(): void {
    try {
      this.connection?.db.close();
    } catch {
      // a broken connection may refuse to close cleanly; it is discarded either way
    }
    this.connection = null;
  }
}
