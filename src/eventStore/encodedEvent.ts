/**
 * An event as the SQLite log keeps it: the envelope's fields in the INSERT's column order, with the
 * payload and the metadata already as canonical JSON text (hashChain.canonicalJson). That one text is
 * what the row stores and what the chain hashes, so the writer thread serialises nothing: the append
 * path made each payload twice on that thread (JSON for the row, canonical JSON for the hash), the
 * costliest work of a bulk import there after SQLite itself. A tuple, not an object: it crosses to the
 * writer thread by structured clone, which writes every key of every object again.
 */
import type { NewEvent } from './eventStore.port';
import { canonicalJson } from './canonicalJson';

export type EncodedEvent = [
  eventId: string,
  type: string,
  schemaVersion: number,
  data: string,
  recordedAt: string,
  recordedBy: string,
  correlationId: string,
  causationId: string | null,
  metadata: string,
];

/** canonicalJson, with a field that is absent kept absent (the chain leaves it out, as canonicalJson leaves out an undefined key) */
const textOf = (value: unknown): string => (value === undefined ? (undefined as unknown as string) : canonicalJson(value));

/** `metadata` may hand over the canonical text of the metadata already made: the events of one append share theirs. */
export function encodeEvent(event: NewEvent, metadata = textOf(event.metadata)): EncodedEvent {
  return [event.eventId, event.type, event.schemaVersion, textOf(event.data), event.recordedAt, event.recordedBy, event.correlationId, event.causationId, metadata];
}

/** The events of one append, their shared metadata (one envelope: stampEvent) serialised once. */
export function encodeEvents(events: readonly NewEvent[]): EncodedEvent[] {
  let metadata: unknown = undefined;
  let text = '';
  return events.map((event, i) => {
    if (i === 0 || event.metadata !== metadata) {
      metadata = event.metadata;
      text = textOf(metadata);
    }
    return encodeEvent(event, text);
  });
}
