/**
 * How the port's events and revisions look in EventStoreDB. Pure: no client calls.
 *
 * - The payload is the event's JSON data; our eventId is the EventStoreDB event id, so a retried append of
 *   the same events is recognised by the server as already written (idempotent).
 * - The rest of the envelope rides in the event's JSON metadata. Correlation and causation use the server's
 *   own `$correlationId` / `$causationId` keys, so its by-correlation projections work on our events.
 *   `recordedAt` is the shell's clock, not the server's `created` stamp (record time is ours to define).
 * - Global position = the event's `$all` commit position, a byte offset in the server's transaction log.
 *   The port wants a JS number: exact up to 2^53 bytes (8 PiB of log), far beyond any registry; a larger
 *   position is refused loudly rather than rounded.
 */
import { jsonEvent, START, type AppendExpectedRevision, type EventData, type Position, type RecordedEvent } from '@eventstore/db-client';
import type { ExpectedRevision, NewEvent, StoredEvent } from './eventStore.port';

export interface EnvelopeMetadata {
  schemaVersion: number;
  recordedAt: string;
  recordedBy: string;
  $correlationId: string;
  $causationId?: string;
  metadata: Record<string, unknown>;
}

export function toEventData(event: NewEvent): EventData {
  const metadata: EnvelopeMetadata = {
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    $correlationId: event.correlationId,
    ...(event.causationId === null ? {} : { $causationId: event.causationId }),
    metadata: event.metadata,
  };
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data as never, metadata });
}

/** `streamId` is the port's name of the stream (the server's name may carry a namespace in front). */
export function toStoredEvent(recorded: RecordedEvent, streamId: string): StoredEvent {
  const envelope = recorded.metadata as Partial<EnvelopeMetadata> | undefined;
  if (!envelope || typeof envelope.recordedAt !== 'string' || typeof envelope.$correlationId !== 'string') {
    throw new Error(`event ${recorded.id} in ${recorded.streamId} has no Cohort Chronicle envelope in its metadata`);
  }
  return {
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: envelope.schemaVersion ?? 1,
    data: recorded.isJson ? recorded.data : JSON.parse(Buffer.from(recorded.data as Uint8Array).toString('utf8')),
    recordedAt: envelope.recordedAt,
    recordedBy: envelope.recordedBy ?? '',
    correlationId: envelope.$correlationId,
    causationId: envelope.$causationId ?? null,
    metadata: envelope.metadata ?? {},
    streamId,
    revision: Number(recorded.revision),
    position: positionNumber(recorded.position?.commit, recorded.id),
  };
}

/** The server sends 2^64-1 for "no position" (stream reads on nodes older than 22.6). */
const NO_POSITION = (1n << 64n) - 1n;

export function positionNumber(commit: bigint | undefined, eventId = 'an appended event'): number {
  if (commit === undefined || commit === NO_POSITION) {
    throw new Error(`EventStoreDB gave no $all position for ${eventId}; stream reads carry it from server version 22.6 on`);
  }
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`$all position ${commit} does not fit in 2^53; positions need a wider type`);
  return Number(commit);
}

/** The port reads strictly after `after`; the server reads from a position inclusive, so callers skip it. */
export const readPosition = (after: number): Position | typeof START =>
  after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START;

export const toExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  typeof expected === 'number' ? BigInt(expected) : expected;

export const toCurrentRevision = (current: bigint | 'no_stream'): number | 'no_stream' =>
  current === 'no_stream' ? current : Number(current);
