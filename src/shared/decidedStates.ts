/**
 * The write side's memory of streams it has decided on: the folded state, revision and position of a
 * stream and the answers of the idempotency keys it holds, so that a command does not read and fold
 * its whole stream again. It is a cache, never a truth: handleCommand trusts a remembered state only
 * for a command that succeeds on it, and the append's expected revision proves that nothing was
 * appended behind its back (another process, the CLI, an import); any other outcome is decided again
 * on the stream as stored. Bounded: the streams least recently written are folded again when they return.
 * It relies on the house rule that `evolve` is pure: a decision evolves the remembered state into new
 * objects and leaves it as it was, whatever the append answers.
 */
import type { NewEvent, StoredEvent } from '../eventStore/eventStore.port';
import { BoundedCache } from './boundedCache';

export interface DecidedStream<State> {
  state: State;
  /** the last revision folded into `state` */
  revision: number;
  /** the global position of that event */
  position: number;
  /** idempotency key -> the events appended under it, as a replay answers them */
  replays: ReadonlyMap<string, { revision: number; position: number; eventIds: readonly string[] }>;
}

/**
 * Streams remembered per cache. A patient's state takes about 3 kB with 10 events, 11 kB with 50
 * (measured), so this holds at most some 100 MB beside the read model, which keeps every patient anyway.
 */
export const REMEMBERED_STREAMS = 10_000;

export class DecidedStates<State> {
  private readonly streams: BoundedCache<string, DecidedStream<State>>;

  constructor(capacity = REMEMBERED_STREAMS) {
    this.streams = new BoundedCache(capacity);
  }

  get = (streamId: string): DecidedStream<State> | undefined => this.streams.get(streamId);

  /**
   * Keeps what a command knows (null: nothing worth keeping), never replacing a newer revision with an
   * older one: appends answer in commit order, reads need not.
   */
  keep(streamId: string, decided: DecidedStream<State> | null): void {
    if (decided === null) return this.forget(streamId);
    const current = this.streams.get(streamId);
    if (current === undefined || current.revision <= decided.revision) this.streams.set(streamId, decided);
  }

  /** e.g. at an erasure: the remembered state holds the plaintext the shred makes unreadable */
  forget = (streamId: string): void => this.streams.delete(streamId);
}

/** The fold of a stream as read, with the answers of its idempotency keys. */
export function decidedStreamOf<State, Recorded>(
  decider: { initialState: () => State; evolve: (state: State, event: Recorded) => State },
  toRecorded: (stored: StoredEvent) => Recorded,
  stored: StoredEvent[],
): DecidedStream<State> {
  let state = decider.initialState();
  const replays = new Map<string, { revision: number; position: number; eventIds: string[] }>();
  for (const event of stored) {
    state = decider.evolve(state, toRecorded(event));
    const key = event.metadata.idempotencyKey;
    if (typeof key === 'string') replays.set(key, { revision: event.revision, position: event.position, eventIds: [...(replays.get(key)?.eventIds ?? []), event.eventId] });
  }
  return { state, revision: stored.length - 1, position: stored.at(-1)?.position ?? 0, replays };
}

/**
 * The remembered state after a successful append. Only a one-event append is folded on: its position is
 * the append's, where the positions of several events are the adapter's business (contiguous in SQLite,
 * not in EventStoreDB); after several the stream is read again by the next command.
 */
export function afterAppend<State, Recorded>(
  toRecorded: (stored: StoredEvent) => Recorded,
  evolve: (state: State, event: Recorded) => State,
  streamId: string,
  known: DecidedStream<State>,
  events: NewEvent[],
  revision: number,
  position: number,
  idempotencyKey: string | undefined,
): DecidedStream<State> | null {
  if (events.length !== 1 || revision !== known.revision + 1) return null;
  // the data as a reader of the log gets it back: JSON, without undefined fields
  const stored = asStored(events[0], JSON.parse(JSON.stringify(events[0].data)) as unknown, streamId, revision, position);
  const replays = idempotencyKey === undefined ? known.replays : new Map(known.replays).set(idempotencyKey, { revision, position, eventIds: [stored.eventId] });
  return { state: evolve(known.state, toRecorded(stored)), revision, position, replays };
}

/**
 * A new event as the log would return it, with `data` as given. A literal, not `{ ...event, streamId, ... }`:
 * V8 gives a spread that gains keys a hidden class of its own every time, so each command made new maps
 * and every later read of the object missed its inline cache.
 */
export const asStored = (event: NewEvent, data: unknown, streamId: string, revision: number, position: number): StoredEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data,
  recordedAt: event.recordedAt,
  recordedBy: event.recordedBy,
  correlationId: event.correlationId,
  causationId: event.causationId,
  metadata: event.metadata,
  streamId,
  revision,
  position,
});
