/**
 * The events a store committed lately, by position, as a read of the log returns them: its live
 * subscriptions take their next page from here instead of reading back from SQLite, on the main
 * thread, what the writer thread has just written (a query, a row object and two JSON.parse per event,
 * about 0.015 ms of main-thread CPU per command, and the garbage they leave).
 *
 * A page is served only from the position right after the reader's, and only as long as positions
 * follow one another: an event this process did not commit (another process on the same file, e.g. the
 * CLI) leaves a hole, and the reader gets the log from there as before. Data and metadata are kept as
 * the texts the rows hold (encodedEvent.ts) and parsed per reader, so a reader gets exactly what it
 * would have read, in objects of its own. Bounded: the oldest are dropped, and a reader that far behind reads the log.
 */
import type { AppendRequest, AppendOutcome } from './sqlite.connection';
import type { StoredEvent } from './eventStore.port';

/** a few batches' worth: the live subscriptions take each batch at the next turn of the event loop */
const KEPT = 4096;

type Kept = Omit<StoredEvent, 'data' | 'metadata'> & { data: string; metadata: string };

export class RecentEvents {
  private readonly byPosition = new Map<number, Kept>();
  private newest = 0;

  /** Keeps the events of each append a commit accepted, in the order of their positions. */
  add(requests: readonly AppendRequest[], outcomes: readonly AppendOutcome[]): void {
    outcomes.forEach((outcome, i) => {
      if (!outcome.ok || outcome.placed === undefined) return;
      const { streamId, events } = requests[i];
      const { positions, hashes } = outcome.placed;
      const firstRevision = outcome.result.nextExpectedRevision - events.length + 1;
      events.forEach(([eventId, type, schemaVersion, data, recordedAt, recordedBy, correlationId, causationId, metadata], j) => {
        const position = positions[j];
        // the fields and their order of a row read back (toEvent), the texts the row holds
        this.byPosition.set(position, {
          eventId,
          type,
          schemaVersion,
          data,
          recordedAt,
          recordedBy,
          correlationId,
          causationId: causationId ?? null,
          metadata,
          streamId,
          revision: firstRevision + j,
          position,
          hash: hashes[j],
        });
        if (position > this.newest) this.newest = position;
      });
    });
    for (const position of this.byPosition.keys()) {
      if (position > this.newest - KEPT) break;
      this.byPosition.delete(position);
    }
  }

  /**
   * The events right after `after`, up to `maxCount`, while they are here one after the other; with
   * `complete` whether nothing of the log can lie between them and the newest kept (so a shorter page
   * than asked means the reader is at the head this process knows of).
   */
  page(after: number, maxCount: number): { events: StoredEvent[]; complete: boolean } {
    const events: StoredEvent[] = [];
    for (let position = after + 1; events.length < maxCount; position++) {
      const kept = this.byPosition.get(position);
      if (kept === undefined) break;
      events.push({ ...kept, data: JSON.parse(kept.data), metadata: JSON.parse(kept.metadata) });
    }
    const last = events.length === 0 ? after : events[events.length - 1].position;
    return { events, complete: last >= this.newest };
  }

  clear(): void {
    this.byPosition.clear();
  }
}
