/** An event store in process memory, for tests and throw-away demos. */
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, StoredEvent, Subscription } from './eventStore.port';
import { checkExpectedRevision } from './eventStore.port';
import { Wakes, catchUpSubscription } from './subscription';
import { GENESIS_HASH, eventHash } from './hashChain';

export class MemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byEventId = new Map<string, StoredEvent>();
  private readonly wakes = new Wakes();

  async appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const replayed = alreadyAppended(events.map((e) => e.eventId), (id) => this.byEventId.get(id), streamId);
    if (replayed) return replayed;
    checkExpectedRevision(streamId, options.expectedRevision, stream.length === 0 ? 'no_stream' : stream.length - 1);
    let previousHash = this.log.at(-1)?.hash ?? GENESIS_HASH;
    const stored = events.map((event, i) => {
      const placed = { ...event, streamId, revision: stream.length + i, position: this.log.length + i + 1 };
      previousHash = eventHash(previousHash, placed);
      return { ...placed, hash: previousHash };
    });
    for (const event of stored) {
      if (this.byEventId.has(event.eventId)) throw new Error(`event id ${event.eventId} is already in the log`);
    }
    for (const event of stored) {
      this.log.push(event);
      stream.push(event);
      this.byEventId.set(event.eventId, event);
    }
    this.streams.set(streamId, stream);
    this.wakes.wakeAll();
    return { nextExpectedRevision: stream.length - 1, position: this.log.length };
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StoredEvent[]> {
    return (this.streams.get(streamId) ?? []).slice(options.fromRevision ?? 0);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const start = options.after ?? 0;
    return this.log.slice(start, start + (options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  subscribeToAll(after: number, handler: (event: StoredEvent) => void | Promise<void>): Subscription {
    return catchUpSubscription(this, this.wakes, after, handler);
  }

  async close(): Promise<void> {
    this.wakes.clear();
  }
}

/**
 * A retried append (same event ids, same stream) succeeds without writing again, as EventStoreDB's
 * idempotent appends do; the answer is the one the first append gave.
 */
export function alreadyAppended(
  eventIds: readonly string[],
  find: (eventId: string) => StoredEvent | undefined,
  streamId: string,
): AppendResult | null {
  if (eventIds.length === 0) return null;
  const existing = eventIds.map(find);
  if (existing.some((e) => e === undefined || e.streamId !== streamId)) return null;
  const last = existing[existing.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
}
