/**
 * The embedded durable store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so
 * an acknowledged append has reached the disk. (stream_id, revision) is unique and the global position
 * is the autoincrement key, so positions are never reused. Triggers refuse UPDATE and DELETE on the log.
 *
 * Group commit: an append is queued and the queue is committed at the next turn of the event loop
 * (setImmediate), so every append that arrives in the meantime - the requests of one burst, the
 * patients an import keeps in flight - shares ONE transaction and one fsync. Each append keeps its own
 * expected-revision check and its own answer; a promise resolves only after its transaction committed.
 *
 * Storage faults become StoreUnavailableError (HTTP 503) for every caller of the failed batch; after a
 * fatal one the connection is reopened on the next call, so the store recovers when the fault is gone.
 *
 * With `writerThread` (the application: server and CLI), the batches are committed by a writer thread
 * with its own connection (sqlite.writer.ts), one at a time: the fsync and the inserts no longer stop
 * the event loop, and the appends that arrive during a commit form the next batch. Reads stay on this
 * thread's connection; WAL shows them a commit once it is on disk. Without it (stores opened directly:
 * tools, tests) the batch is committed here, as before.
 *
 * Live subscriptions take what this store has just committed from memory (recentEvents.ts), and read
 * the log for anything else.
 */
import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, StoredEvent, Subscription } from './eventStore.port';
import { StoreUnavailableError } from './eventStore.port';
import { isFatalFault, isStorageFault, openConnection, toEvent, type AppendOutcome, type AppendRequest, type Row, type SqliteConnection } from './sqlite.connection';
import { Wakes, catchUpSubscription } from './subscription';
import { SqliteWriterThread } from './sqlite.writer';
import { RecentEvents } from './recentEvents';
import { encodeEvents } from './encodedEvent';

/**
 * A transaction takes queued appends up to about this many events; the rest wait for the next turn,
 * so that an import with thousands of appends in flight does not stall every request for one long commit.
 */
export const MAX_EVENTS_PER_COMMIT = 10_000;

/**
 * Batches handed to the writer thread and not yet answered. With two, the thread finds the next batch
 * waiting when it ends a commit, instead of idling while this thread takes in the answer and clones
 * the next batch over; it still commits them one at a time, in order (the chain follows).
 */
const WRITER_DEPTH = 2;

interface PendingAppend {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export class SqliteEventStore implements EventStore {
  private connection: SqliteConnection | null = null;
  private closed = false;
  private readonly wakes = new Wakes();
  private readonly logger = new Logger('SqliteEventStore');
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private committed = 0;
  private readonly writer: SqliteWriterThread | null;
  /** the last batch handed to the writer thread, while any is unanswered */
  private inFlight: Promise<void> | null = null;
  private unanswered = 0;
  private closing = false;
  private readonly recent = new RecentEvents();

  constructor(
    readonly file: string,
    options: { writerThread?: boolean } = {},
  ) {
    this.writer = options.writerThread ? new SqliteWriterThread(file) : null;
    try {
      this.use(() => undefined);
    } catch (error) {
      // Start anyway: every call answers "unavailable" until the file is usable again.
      this.logger.error((error as Error).message);
    }
  }

  /** Opens (creating if needed) the store of a data directory. */
  static inDirectory(dataDir: string, options: { writerThread?: boolean } = {}): SqliteEventStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteEventStore(join(dataDir, 'events.sqlite'), options);
  }

  /** Append transactions committed by this store since it opened: tests and benchmarks read it to see appends grouped. */
  get commitCount(): number {
    return this.committed;
  }

  appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed || this.closing) return Promise.reject(new StoreUnavailableError('the event store is closed'));
    return new Promise<AppendResult>((resolve, reject) => {
      // encoded here, on the caller's turn: the writer thread then only hashes and inserts (encodedEvent.ts)
      this.pending.push({ request: { streamId, events: encodeEvents(events), expectedRevision: options.expectedRevision }, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
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
    return catchUpSubscription({ readAll: (options) => this.readRecent(options) }, this.wakes, after, handler);
  }

  /** readAll, from memory for what this store has just committed (recentEvents.ts), from the log for the rest */
  private async readRecent(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount === undefined || options.maxCount < 0 ? Infinity : options.maxCount;
    if (this.closed) return this.readAll(options);
    const { events, complete } = this.recent.page(after, maxCount);
    if (events.length === 0) return this.readAll(options);
    if (events.length === maxCount || complete) return events;
    const rest = await this.readAll({ after: events[events.length - 1].position, maxCount: maxCount === Infinity ? undefined : maxCount - events.length });
    return [...events, ...rest];
  }

  async close(): Promise<void> {
    this.closing = true;
    // appends already accepted are committed (or refused) before the file is closed
    if (this.writer) {
      while (this.inFlight !== null || this.pending.length > 0) await (this.inFlight ?? this.flush());
      await this.writer.close();
    } else {
      while (this.pending.length > 0) this.flush();
    }
    this.closed = true;
    this.wakes.clear();
    this.recent.clear();
    this.drop();
  }

  /** Commits the queued appends (up to MAX_EVENTS_PER_COMMIT) in one transaction and answers each caller. */
  private flush(): Promise<void> | undefined {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.unanswered >= WRITER_DEPTH) return; // the writer thread's answer flushes again
    let taken = 0;
    for (let events = 0; taken < this.pending.length && (taken === 0 || events + this.pending[taken].request.events.length <= MAX_EVENTS_PER_COMMIT); taken++) {
      events += this.pending[taken].request.events.length;
    }
    const batch = this.pending.splice(0, taken);
    if (this.writer) {
      this.unanswered += 1;
      return (this.inFlight = this.commitOnWriter(this.writer, batch));
    }
    if (this.pending.length > 0 && !this.closed) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    let outcomes;
    try {
      outcomes = this.use((c) => c.appendBatch.immediate(batch.map((p) => p.request), this.placing()));
    } catch (error) {
      batch.forEach((p) => p.reject(error));
      return;
    }
    this.answer(batch, outcomes);
  }

  private async commitOnWriter(writer: SqliteWriterThread, batch: PendingAppend[]): Promise<void> {
    try {
      this.answer(batch, await writer.commit(batch.map((p) => p.request), this.placing()));
    } catch (error) {
      batch.forEach((p) => p.reject(this.unavailable(error)));
    } finally {
      this.unanswered -= 1;
      if (this.unanswered === 0) this.inFlight = null;
      if (this.pending.length > 0 && !this.closing) void this.flush();
    }
  }

  /** Whether a commit keeps where its events landed: for live subscriptions only (recentEvents.ts); one that subscribes meanwhile reads them from the log. */
  private placing(): boolean {
    return this.wakes.size > 0;
  }

  private answer(batch: PendingAppend[], outcomes: AppendOutcome[]): void {
    this.committed += 1;
    if (this.placing()) this.recent.add(batch.map((p) => p.request), outcomes);
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error)));
    if (outcomes.some((outcome) => outcome.ok)) this.wakes.wakeAll();
  }

  private use<T>(work: (connection: SqliteConnection) => T): T {
    if (this.closed) throw new StoreUnavailableError('the event store is closed');
    try {
      this.connection ??= openConnection(this.file);
      return work(this.connection);
    } catch (error) {
      if (isFatalFault(error)) this.drop();
      throw this.unavailable(error);
    }
  }

  /** A storage fault as the callers see it (503); any other error as it is. */
  private unavailable(error: unknown): unknown {
    if (!isStorageFault(error)) return error;
    const code = (error as { code: string }).code;
    this.logger.error(`storage fault (${code}): ${(error as Error).message}`);
    return new StoreUnavailableError(`the event store cannot be used (${code}: ${(error as Error).message})`, error);
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
