/**
 * The event store port: everything the application asks of a store. Adapters (memory, SQLite,
 * EventStoreDB) implement it and pass one contract suite (test/contract).
 */

/** `no_stream`: the stream must not exist; a number: its last revision must be exactly that. */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** The envelope and payload as the shell hands them to the store. */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** record (knowledge) time: an ISO instant from the shell's clock, never from the payload */
  recordedAt: string;
  recordedBy: string;
  correlationId: string;
  causationId: string | null;
  /** extras that are not part of the fact (the idempotency key of the request, an import id, ...) */
  metadata: Record<string, unknown>;
}

export interface StoredEvent extends NewEvent {
  streamId: string;
  /** 0-based, contiguous within the stream */
  revision: number;
  /** 1-based, strictly increasing across the whole log */
  position: number;
  /** SHA-256 chaining this event to the previous one of the log (hashChain.ts), where the store keeps it */
  hash?: string;
}

export interface AppendResult {
  /** the stream's last revision after the append */
  nextExpectedRevision: number;
  /** global position of the last event appended */
  position: number;
}

export interface ReadAllOptions {
  /** read events strictly after this position (0: from the start) */
  after?: number;
  maxCount?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** position of the last event of the log (0 when empty) */
  headPosition(): Promise<number>;
  /** catch up from `after`, then follow live; the handler sees each event once, in order */
  subscribeToAll(after: number, handler: (event: StoredEvent) => void | Promise<void>): Subscription;
  close(): Promise<void>;
}

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} is at revision ${actual}, not ${expected}`);
    this.name = 'ConcurrencyError';
  }
}

/** The store cannot be used right now (disk full, read-only, unreachable): the caller may retry. */
export class StoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | 'no_stream'): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    expected === current;
  if (!ok) throw new ConcurrencyError(streamId, expected, current);
}
