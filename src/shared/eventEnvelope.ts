/**
 * How a decided event becomes an event to store: the envelope every write path puts around the
 * decider's `{ type, data }`. The command loop (handleCommand) and the import's bulk write
 * (appendDecided) both stamp through here, so an event is the same whichever path wrote it.
 */
import type { EventStore, ExpectedRevision, NewEvent } from '../eventStore/eventStore.port';
import type { CommandEnvelope, CommandResult } from './handleCommand';

/** The metadata an envelope gives its events. */
export const metadataOf = (envelope: CommandEnvelope): Record<string, unknown> => ({ ...envelope.metadata, ...(envelope.idempotencyKey ? { idempotencyKey: envelope.idempotencyKey } : {}) });

/**
 * `metadata` may be one object shared by the events of one append (they have one envelope): the store
 * then serialises it once for them all (prepareAppend). Events are never changed after they are stamped.
 */
export function stampEvent(event: { type: string; data: unknown }, envelope: CommandEnvelope, eventId: string, schemaVersion: number, metadata = metadataOf(envelope)): NewEvent {
  return {
    eventId,
    type: event.type,
    schemaVersion,
    data: event.data,
    recordedAt: envelope.recordedAt,
    recordedBy: envelope.recordedBy,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    metadata,
  };
}

/**
 * Appends events a decider already decided against revision `checked` of the stream (undefined: the
 * stream did not exist), without deciding again. A stream that moved since throws ConcurrencyError,
 * so the caller decides again on the new state. For callers that ran the decider themselves (the
 * import checks every patient before it writes any); everyone else goes through handleCommand.
 */
export async function appendDecided(
  store: EventStore,
  streamId: string,
  events: readonly { type: string; data: unknown }[],
  checked: number | undefined,
  envelope: CommandEnvelope,
  { newId, schemaVersion }: { newId: () => string; schemaVersion: number },
): Promise<CommandResult> {
  const metadata = metadataOf(envelope);
  const stamped = events.map((event) => stampEvent(event, envelope, newId(), schemaVersion, metadata));
  const expectedRevision: ExpectedRevision = checked ?? 'no_stream';
  const result = await store.appendToStream(streamId, stamped, { expectedRevision });
  return { streamId, revision: result.nextExpectedRevision, position: result.position, eventIds: stamped.map((e) => e.eventId), replayed: false };
}
