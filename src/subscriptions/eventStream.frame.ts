/**
 * The text of the log as server-sent events (the WHATWG EventSource format): one frame per event with
 * `id: <position>` (what a reconnecting client sends back as Last-Event-ID), `event: <type>` and
 * `data: <the envelope as one line of JSON>`. Pure: an event in, the frame's text out.
 */
import type { StoredEvent } from '../eventStore/eventStore.port';
import { PATIENT_STREAM_PREFIX } from '../patients/patient.events';

/** A comment line: EventSource ignores it, proxies and load balancers see the connection alive. */
export const HEARTBEAT = ': heartbeat\n\n';

export interface StreamedEvent extends Omit<StoredEvent, 'hash' | 'data'> {
  /** the payload; null for events outside patient streams (users, access log, imports) */
  data: unknown;
}

/**
 * The envelope and payload of an event as the stream sends it. As in the audit trail, only patient
 * streams carry their payload: a user stream's payload holds credential hashes, so events of other
 * streams go out with their envelope (type, stream, position, who, when) and `data: null`.
 */
export function streamedEvent(event: StoredEvent): StreamedEvent {
  const { hash: _hash, data, ...envelope } = event;
  return { ...envelope, data: event.streamId.startsWith(PATIENT_STREAM_PREFIX) ? data : null };
}

/** One event as an SSE frame. JSON.stringify escapes line breaks, so `data` is one line. */
export function eventFrame(event: StoredEvent): string {
  return `id: ${event.position}\nevent: ${event.type.replace(/[\r\n]/g, ' ')}\ndata: ${JSON.stringify(streamedEvent(event))}\n\n`;
}

/** The first bytes of a stream: the reconnection delay and where it starts (a comment). */
export const streamPreamble = (after: number, retryMs: number): string => `retry: ${retryMs}\n: following the log after position ${after}\n\n`;
