/**
 * The access log: who read or exported which dataset, analysis or report, when, and with which
 * parameters, as events in one stream per day (`access-YYYY-MM-DD`) of the same tamper-evident log. It
 * has no rules to decide, so entries are appended as they come (expected revision: any).
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';

export const ACCESS_STREAM_PREFIX = 'access-';
export const accessStreamId = (day: string) => `${ACCESS_STREAM_PREFIX}${day}`;
/** Reads of these resources hold or summarise patient data, so each one is logged. */
export const LOGGED_RESOURCES = ['/datasets', '/analyses', '/reports', '/exports', '/audit/trail', '/fhir/Patient'];
/** Compared in lower case, as Express matches routes: /DATASETS/survival is the same read as /datasets/survival. */
const LOGGED_LOWER = LOGGED_RESOURCES.map((prefix) => prefix.toLowerCase());
export const isLogged = (path: string) => {
  const lower = path.toLowerCase();
  return LOGGED_LOWER.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
};

export interface DataAccessed {
  userName: string;
  method: string;
  /** the path without its query, e.g. /datasets/survival */
  resource: string;
  parameters: Record<string, unknown>;
  status: number;
}

export async function recordAccess(store: EventStore, access: DataAccessed, recordedAt: string): Promise<void> {
  await store.appendToStream(
    accessStreamId(recordedAt.slice(0, 10)),
    [{ eventId: randomUUID(), type: 'DataAccessed', schemaVersion: 1, data: access, recordedAt, recordedBy: access.userName, correlationId: randomUUID(), causationId: null, metadata: {} }],
    { expectedRevision: 'any' },
  );
}

export const accessEntry = (event: StoredEvent) => ({ at: event.recordedAt, position: event.position, ...(event.data as DataAccessed) });
