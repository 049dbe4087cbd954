/**
 * The command loop, the same for every decider: read the stream, fold, decide, append with the
 * revision that was read. Everything else about a command (what it means, whether it is allowed)
 * lives in the pure decider.
 */
import type { EventStore, ExpectedRevision, NewEvent, StoredEvent } from '../eventStore/eventStore.port';
import { ConcurrencyError } from '../eventStore/eventStore.port';
import type { Decider } from './decider';
import { fold } from './decider';

export interface CommandContext {
  store: EventStore;
  newId: () => string;
}

export interface CommandEnvelope {
  recordedAt: string;
  recordedBy: string;
  correlationId: string;
  causationId: string | null;
  /** the revision the caller saw (If-Match): a stale one is a conflict, never a retry */
  expectedRevision?: number;
  /** a retried request with the same key gets the first answer and appends nothing */
  idempotencyKey?: string;
  metadata?: Record<string, unknown>;
}

export interface CommandResult {
  streamId: string;
  /** the stream's revision after the command */
  revision: number;
  /** global position of the command's last event: pass it as minPosition to read your own write */
  position: number;
  eventIds: string[];
  /** true when an earlier request with the same idempotency key already did this */
  replayed: boolean;
}

export interface StreamDecider<State, Command, Event extends { type: string; data: unknown }, Recorded> {
  decider: Decider<State, Command, Event, Recorded>;
  /** a stored event as the decider folds it (upcast to the current schema) */
  toRecorded: (stored: StoredEvent) => Recorded;
  schemaVersion: number;
}

const RETRIES_ON_RACE = 3;

export async function handleCommand<State, Command, Event extends { type: string; data: unknown }, Recorded>(
  context: CommandContext,
  { decider, toRecorded, schemaVersion }: StreamDecider<State, Command, Event, Recorded>,
  streamId: string,
  commands: Command[],
  envelope: CommandEnvelope,
): Promise<CommandResult> {
  for (let attempt = 0; ; attempt++) {
    const stored = await context.store.readStream(streamId);
    const replay = replayOf(streamId, stored, envelope.idempotencyKey);
    if (replay) return replay;
    const current = stored.length === 0 ? 'no_stream' : stored.length - 1;
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== current) {
      throw new ConcurrencyError(streamId, envelope.expectedRevision, current);
    }
    let state = fold(decider.evolve, decider.initialState(), stored.map(toRecorded));
    const events: NewEvent[] = [];
    for (const command of commands) {
      for (const event of decider.decide(command, state)) {
        const newEvent: NewEvent = {
          eventId: context.newId(),
          type: event.type,
          schemaVersion,
          data: event.data,
          recordedAt: envelope.recordedAt,
          recordedBy: envelope.recordedBy,
          correlationId: envelope.correlationId,
          causationId: envelope.causationId,
          metadata: { ...envelope.metadata, ...(envelope.idempotencyKey ? { idempotencyKey: envelope.idempotencyKey } : {}) },
        };
        events.push(newEvent);
        state = decider.evolve(state, toRecorded({ ...newEvent, streamId, revision: -1, position: -1 }));
      }
    }
    if (events.length === 0) return { streamId, revision: stored.length - 1, position: stored.at(-1)?.position ?? 0, eventIds: [], replayed: false };
    const expectedRevision: ExpectedRevision = current;
    try {
      const result = await context.store.appendToStream(streamId, events, { expectedRevision });
      return { streamId, revision: result.nextExpectedRevision, position: result.position, eventIds: events.map((e) => e.eventId), replayed: false };
    } catch (error) {
      // Someone else appended between our read and our append: decide again on the new state, unless
      // the caller pinned the revision it saw.
      const raced = error instanceof ConcurrencyError && envelope.expectedRevision === undefined && attempt < RETRIES_ON_RACE;
      if (!raced) throw error;
    }
  }
}

function replayOf(streamId: string, stored: StoredEvent[], key: string | undefined): CommandResult | null {
  if (!key) return null;
  const earlier = stored.filter((e) => e.metadata.idempotencyKey === key);
  if (earlier.length === 0) return null;
  const last = earlier[earlier.length - 1];
  return { streamId, revision: last.revision, position: last.position, eventIds: earlier.map((e) => e.eventId), replayed: true };
}
