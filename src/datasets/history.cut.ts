/**
 * The cohort as the record stood at a knowledge cut, without folding the whole log:
 * - a patient all of whose events lie inside the cut is as the live read model has them;
 * - any other patient starts from the snapshot at the last segment end S that lies wholly inside the
 *   cut (its version at S), and folds their events after S that the cut keeps;
 * - after S the log is read segment by segment, skipping a segment whose earliest recordedAt is after
 *   knownAt (none of its events can be in the cut, whatever their order).
 * The cut is taken over the log up to the live read model's position (the manifest's `position`).
 */
import type { EventStore } from '../eventStore/eventStore.port';
import type { PatientRecord } from '../patients/patient.record';
import { epochMsOfInstant } from '../shared/dates';
import { cutFilter, foldTouched, type CohortState, type KnowledgeCut, type LoggedPatientEvent } from '../../projections/cohort.fold';
import { toLoggedPatientEvent } from './loggedEvent';
import type { PatientMark, ReadModelStorage, SegmentStats } from './readModel.storage';

export interface LiveView {
  records: ReadonlyMap<string, PatientRecord>;
  marks: ReadonlyMap<string, PatientMark>;
  position: number;
}

const PAGE = 5000;

export async function cohortAtCut(cut: KnowledgeCut, live: LiveView, storage: ReadModelStorage, store: EventStore): Promise<CohortState> {
  const head = live.position;
  const last = Math.min(cut.atPosition ?? head, head);
  const knownAtMs = cut.knownAt === undefined ? Infinity : epochMsOfInstant(cut.knownAt);
  // Everything below is read synchronously first: the live maps move on while we await the log.
  const state = new Map<string, PatientRecord>();
  const partial: string[] = [];
  for (const [patientId, mark] of live.marks) {
    if (mark.lastPosition <= last && mark.maxRecordedMs <= knownAtMs) state.set(patientId, live.records.get(patientId)!);
    else partial.push(patientId);
  }
  const segments = storage.segments();
  const base = baseSegment(segments, last, knownAtMs, storage.segmentSize);
  const snapshot = base.end === 0 ? new Map<string, PatientRecord>() : storage.recordsAt(base.end, partial);

  const inCut = cutFilter(cut);
  const wanted = new Set(partial);
  const tail: LoggedPatientEvent[] = [];
  let eventsFolded = base.eventsBefore;
  for (const [from, to] of rangesToRead(segments, base.end, last, knownAtMs, storage.segmentSize)) {
    for (let after = from; after < to; ) {
      const page = await store.readAll({ after, maxCount: Math.min(PAGE, to - after) });
      if (page.length === 0) break;
      for (const stored of page) {
        const logged = stored.position <= to ? toLoggedPatientEvent(stored) : null;
        if (logged === null || !inCut(logged)) continue;
        eventsFolded += 1;
        if (wanted.has(logged.patientId)) tail.push(logged);
      }
      after = page[page.length - 1].position;
    }
  }
  for (const [patientId, record] of foldTouched(snapshot, tail)) snapshot.set(patientId, record);
  for (const [patientId, record] of snapshot) state.set(patientId, record);
  return { records: state, position: last, eventsFolded };
}

/** The last complete segment end wholly inside the cut, and the patient events up to it. */
function baseSegment(segments: readonly SegmentStats[], last: number, knownAtMs: number, size: number) {
  let base = { end: 0, eventsBefore: 0 };
  let events = 0;
  let maxRecordedMs = -Infinity;
  for (let end = size, i = 0; end <= last; end += size) {
    for (; i < segments.length && segments[i].end <= end; i++) {
      events += segments[i].events;
      maxRecordedMs = Math.max(maxRecordedMs, segments[i].maxRecordedMs);
    }
    if (maxRecordedMs > knownAtMs) break;
    base = { end, eventsBefore: events };
  }
  return base;
}

/** The log ranges (after, to] after the base that may hold events of the cut. */
function rangesToRead(segments: readonly SegmentStats[], base: number, last: number, knownAtMs: number, size: number): [number, number][] {
  const stats = new Map(segments.map((s) => [s.end, s]));
  const ranges: [number, number][] = [];
  for (let start = base; start < last; start += size) {
    const segment = stats.get(start + size);
    if (segment && segment.minRecordedMs > knownAtMs) continue;
    const to = Math.min(start + size, last);
    if (ranges.length > 0 && ranges[ranges.length - 1][1] === start) ranges[ranges.length - 1][1] = to;
    else ranges.push([start, to]);
  }
  return ranges;
}
