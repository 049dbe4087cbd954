/**
 * Copies the whole log of one store into another, in log order, event by event as it was recorded
 * (ids, streams, revisions, envelopes, recordedAt: nothing re-stamped), then checks that both logs give
 * the same datasets. The decisions are pure (copyLog.plan.ts, logDigest.ts); this file only reads and
 * appends.
 *
 * Resuming: the target's log is compared with the source's from the start; the events it already holds
 * are skipped and the copy goes on after them. An append the target had already taken before an
 * interruption is recognised by its event ids (every adapter's appends are idempotent on them).
 */
import { ConcurrencyError, type EventStore } from './eventStore.port';
import { prefixDivergence, streamRuns } from './copyLog.plan';
import { digestDifferences, digestLog, type LogDigest } from './logDigest';

/** The target is not a (partial) copy of the source, or a stream of it took other events meanwhile. */
export class CopyRefusedError extends Error {
  constructor(reason: string) {
    super(`copy refused: ${reason}. Nothing in the target was overwritten; copy into an empty store, or into one that holds an earlier, interrupted copy of this source`);
    this.name = 'CopyRefusedError';
  }
}

export interface CopyProgress {
  copied: number;
  skipped: number;
  /** the source position reached, of `sourceHead` */
  position: number;
  sourceHead: number;
}

export interface CopyOptions {
  /** events per source read (default 1000) */
  pageSize?: number;
  /** stop after copying this many events (an interrupted copy, in tests; a resumed run goes on) */
  stopAfter?: number;
  onProgress?: (progress: CopyProgress) => void;
}

export interface CopySummary {
  copied: number;
  /** events the target already held (an earlier, interrupted copy) */
  skipped: number;
  /** false when stopAfter stopped the copy before the end of the source */
  complete: boolean;
  seconds: number;
  eventsPerSecond: number;
}

export async function copyLog(source: EventStore, target: EventStore, options: CopyOptions = {}): Promise<CopySummary> {
  const pageSize = options.pageSize ?? 1000;
  const stopAfter = options.stopAfter ?? Number.POSITIVE_INFINITY;
  const startedAt = performance.now();
  const sourceHead = await source.headPosition();
  let { sourceAfter, skipped } = await resumePoint(source, target, pageSize);
  let copied = 0;
  let complete = true;
  for (;;) {
    const wanted = Math.min(pageSize, stopAfter - copied);
    if (wanted <= 0) {
      complete = (await source.readAll({ after: sourceAfter, maxCount: 1 })).length === 0;
      break;
    }
    const page = await source.readAll({ after: sourceAfter, maxCount: wanted });
    for (const run of streamRuns(page)) {
      try {
        await target.appendToStream(run.streamId, run.events, { expectedRevision: run.expectedRevision });
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        throw new CopyRefusedError(`the target's stream ${run.streamId} is at revision ${error.actual}, but the source's next event there is revision ${nextRevision(run.expectedRevision)} (id ${run.events[0].eventId})`);
      }
    }
    copied += page.length;
    if (page.length > 0) sourceAfter = page[page.length - 1].position;
    options.onProgress?.({ copied, skipped, position: sourceAfter, sourceHead });
    if (page.length < wanted) break;
  }
  const seconds = (performance.now() - startedAt) / 1000;
  return { copied, skipped, complete, seconds, eventsPerSecond: seconds > 0 ? Math.round(copied / seconds) : 0 };
}

const nextRevision = (expected: number | string) => (typeof expected === 'number' ? expected + 1 : 0);

/** Reads the target's log alongside the source's: how much of the source it holds, and where the copy goes on. */
async function resumePoint(source: EventStore, target: EventStore, pageSize: number): Promise<{ sourceAfter: number; skipped: number }> {
  let sourceAfter = 0;
  let targetAfter = 0;
  let skipped = 0;
  for (;;) {
    const targetPage = await target.readAll({ after: targetAfter, maxCount: pageSize });
    if (targetPage.length === 0) break;
    const sourcePage = await source.readAll({ after: sourceAfter, maxCount: targetPage.length });
    const divergence = prefixDivergence(sourcePage, targetPage, skipped);
    if (divergence) throw new CopyRefusedError(divergence);
    skipped += targetPage.length;
    sourceAfter = sourcePage[sourcePage.length - 1].position;
    targetAfter = targetPage[targetPage.length - 1].position;
    if (targetPage.length < pageSize) break;
  }
  return { sourceAfter, skipped };
}

export interface CopyVerification {
  ok: boolean;
  source: LogDigest;
  target: LogDigest;
  differences: string[];
}

/** Folds every dataset from each store's own log and counts each stream's events on both sides. */
export async function verifyCopy(source: EventStore, target: EventStore): Promise<CopyVerification> {
  const [s, t] = [await digestLog(source), await digestLog(target)];
  const differences = digestDifferences(s, t);
  return { ok: differences.length === 0, source: s, target: t, differences };
}
