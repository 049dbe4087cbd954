/**
 * The pure half of copying a log from one store to another (copyLog.ts does the I/O): what an event
 * becomes on the target, where a resumed copy starts, and how a page of the source is cut into appends.
 *
 * A copy keeps log order, so a target that a previous (interrupted) copy wrote to holds a prefix of the
 * source's log: the resume point is the length of that prefix. A target holding anything else is refused
 * rather than merged: its datasets could not match the source's, and nothing in it may be overwritten.
 */
import type { ExpectedRevision, NewEvent, StoredEvent } from './eventStore.port';
import { canonicalJson } from './canonicalJson';

/** The event as it is handed to the target: the whole envelope, never re-stamped; position and hash are the target's. */
export function toNewEvent(e: StoredEvent): NewEvent {
  const { eventId, type, schemaVersion, data, recordedAt, recordedBy, correlationId, causationId, metadata } = e;
  return { eventId, type, schemaVersion, data, recordedAt, recordedBy, correlationId, causationId, metadata };
}

/** What must be equal for two stored events to be the same event of the log (positions and hashes differ by store). */
export const sameEvent = (a: StoredEvent, b: StoredEvent): boolean =>
  a.streamId === b.streamId && a.revision === b.revision && canonicalJson(toNewEvent(a)) === canonicalJson(toNewEvent(b));

/**
 * Compares the next page of the target's log with the source's events at the same places (`sourcePage`
 * read after the same number of events, up to as many as the target page holds). `offset` is how many
 * events earlier pages matched. null: the whole target page is a copy of the source's; else why not.
 */
export function prefixDivergence(sourcePage: readonly StoredEvent[], targetPage: readonly StoredEvent[], offset: number): string | null {
  for (let i = 0; i < targetPage.length; i++) {
    const t = targetPage[i];
    const s = sourcePage[i];
    const place = `event ${offset + i + 1} of the target's log (${t.streamId} revision ${t.revision}, id ${t.eventId})`;
    if (s === undefined) return `${place} is not in the source: the target holds more events than the source`;
    if (!sameEvent(s, t)) {
      const what = s.eventId === t.eventId ? 'has a different envelope or payload than' : 'is not';
      return `${place} ${what} the source's event at that place (${s.streamId} revision ${s.revision}, id ${s.eventId})`;
    }
  }
  return null;
}

/** One append: consecutive events of one stream, with the revision the stream had before the first of them. */
export interface AppendRun {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
}

/**
 * Cuts a page of the log into runs of consecutive events of the same stream: one append each, in log order,
 * so the target's log order is the source's. Each run expects the revision the source stream had just
 * before it, so a target stream that holds other events refuses the append instead of being extended.
 */
export function streamRuns(page: readonly StoredEvent[]): AppendRun[] {
  const runs: AppendRun[] = [];
  let current: AppendRun | null = null;
  let lastRevision = -1;
  for (const e of page) {
    if (current === null || current.streamId !== e.streamId || e.revision !== lastRevision + 1) {
      current = { streamId: e.streamId, expectedRevision: e.revision === 0 ? 'no_stream' : e.revision - 1, events: [] };
      runs.push(current);
    }
    current.events.push(toNewEvent(e));
    lastRevision = e.revision;
  }
  return runs;
}
