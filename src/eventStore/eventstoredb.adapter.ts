/**
 * The event store port on EventStoreDB, through @eventstore/db-client (gRPC). One server stream per port
 * stream (`patient-<id>` passes through unchanged); envelope, ids and positions as in eventstoredb.codec.ts.
 *
 * `$all` holds the server's own events too (settings, users, scavenges, projections) and perhaps other
 * applications' streams: reads and subscriptions see only the streams under `streamPrefixes`. Subscriptions
 * filter on the server; the 6.x client's readAll takes no filter, so readAll and headPosition filter here
 * (a node dedicated to the registry has few foreign events).
 *
 * `namespace` prefixes every server stream name (default none): test runs, or registries, sharing one node
 * each see only their own streams.
 */
import { BACKWARDS, END, EventStoreDBClient, StreamNotFoundError, WrongExpectedVersionError, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position, ReadPosition, RecordedEvent } from '@eventstore/db-client';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, StoredEvent, Subscription } from './eventStore.port';
import { ConcurrencyError } from './eventStore.port';
import { positionNumber, readPosition, toCurrentRevision, toEventData, toExpectedRevision, toStoredEvent } from './eventstoredb.codec';
import { ConnectionTracker, redactedTarget } from './eventstoredb.connection';
import { resubscribingSubscription, type ServerSubscription } from './eventstoredb.subscription';
import type { ReportsConnection, StoreConnection } from './storeConnection';

export interface EventStoreDbOptions {
  /** esdb://host:2113?tls=false, esdb+discover://..., or several hosts for a cluster; TLS and credentials ride in it */
  connectionString: string;
  /** the port's streams: only these are read from `$all` (e.g. ['patient-']) */
  streamPrefixes: readonly string[];
  namespace?: string;
}

/** Events per `$all` page: large enough to stream fast, small enough that no call outlives its use. */
const PAGE = 1000;

export class EventStoreDbEventStore implements EventStore, ReportsConnection {
  private readonly client: EventStoreDBClient;
  private readonly tracker: ConnectionTracker;
  private readonly namespace: string;
  private readonly serverPrefixes: string[];
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: EventStoreDbOptions) {
    if (options.streamPrefixes.length === 0) throw new Error('EventStoreDB adapter: name at least one stream prefix');
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.tracker = new ConnectionTracker(redactedTarget(options.connectionString));
    this.namespace = options.namespace ?? '';
    this.serverPrefixes = options.streamPrefixes.map((prefix) => this.namespace + prefix);
  }

  connection(): StoreConnection {
    return this.tracker.state;
  }

  async appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    // An event this store would not read back from $all is a bug to stop here, not a silent gap in read models.
    if (!this.isOurs(this.namespace + streamId)) throw new Error(`stream ${streamId} is outside the stream prefixes ${this.serverPrefixes.join(', ')}`);
    const result = await this.call(async () => {
      try {
        return await this.client.appendToStream(this.namespace + streamId, events.map(toEventData), {
          expectedRevision: toExpectedRevision(options.expectedRevision),
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        throw new ConcurrencyError(streamId, options.expectedRevision, toCurrentRevision(error.actualVersion));
      }
    });
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // Older servers answer an idempotent (already written) append without a position: read it back.
    const position = result.position
      ? positionNumber(result.position.commit)
      : ((await this.readStream(streamId, { fromRevision: Math.max(0, nextExpectedRevision) })).at(0)?.position ?? 0);
    return { nextExpectedRevision, position };
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StoredEvent[]> {
    return this.call(async () => {
      const events: StoredEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(this.namespace + streamId, { fromRevision: BigInt(options.fromRevision ?? 0) })) {
          events.push(toStoredEvent(resolved.event!, streamId));
        }
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
      }
      return events;
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: StoredEvent[] = [];
    let from: ReadPosition = readPosition(after);
    let seenUpTo = after;
    while (events.length < maxCount) {
      // +1: a read from a position includes the event at it, which the port excludes
      const page = await this.page({ fromPosition: from, maxCount: Math.min(PAGE, maxCount - events.length + 1) });
      for (const recorded of page.events) {
        const position = positionNumber(recorded.position.commit, recorded.id);
        if (position <= seenUpTo) continue;
        seenUpTo = position;
        if (this.isOurs(recorded.streamId) && events.length < maxCount) events.push(this.toStored(recorded));
      }
      if (!page.full) break;
      from = page.events.at(-1)!.position;
    }
    return events;
  }

  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.page({ fromPosition: from, maxCount: PAGE, direction: BACKWARDS });
      const ours = page.events.find((recorded) => this.isOurs(recorded.streamId));
      if (ours) return positionNumber(ours.position.commit, ours.id);
      if (!page.full) return 0;
      from = page.events.at(-1)!.position;
    }
  }

  subscribeToAll(after: number, handler: (event: StoredEvent) => void | Promise<void>): Subscription {
    const subscription = resubscribingSubscription(
      {
        open: (from) => this.openSubscription(from),
        onConnected: () => this.tracker.succeeded(),
        onDropped: (error) => this.tracker.failed(error),
      },
      after,
      handler,
    );
    this.subscriptions.add(subscription);
    return {
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  private openSubscription(after: number): ServerSubscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: readPosition(after),
      filter: streamNameFilter({ prefixes: this.serverPrefixes }),
    });
    const toStored = (resolved: AllStreamResolvedEvent) => this.toStored(resolved.event!);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const resolved of subscription) yield toStored(resolved as AllStreamResolvedEvent);
      },
      async unsubscribe() {
        await subscription.unsubscribe();
        subscription.destroy();
      },
    };
  }

  private async page(options: { fromPosition: ReadPosition; maxCount: number; direction?: typeof BACKWARDS }) {
    return this.call(async () => {
      const events: (RecordedEvent & { position: Position })[] = [];
      for await (const resolved of this.client.readAll(options)) events.push(resolved.event!);
      return { events, full: events.length === options.maxCount };
    });
  }

  private isOurs(serverStreamName: string): boolean {
    return this.serverPrefixes.some((prefix) => serverStreamName.startsWith(prefix));
  }

  private toStored(recorded: RecordedEvent): StoredEvent {
    return toStoredEvent(recorded, recorded.streamId.slice(this.namespace.length));
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.tracker.succeeded();
      return result;
    } catch (error) {
      throw this.tracker.failed(error);
    }
  }
}
