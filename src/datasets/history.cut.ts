/**
 * The cohort as the record stood at a knowledge cut, from the live records alone: each record keeps
 * the stamps (position, recordedAt) of its facts, corrections and retractions, so
 * - a patient all of whose events lie inside the cut is as the live read model has them (same object,
 *   so whatever a dataset derived from it before is reused);
 * - any other patient is their live record filtered to what the cut knew (recordAsKnown).
 * No log is read and nothing is awaited: the live maps cannot move under the cut. The cut is taken
 * over the log up to the live read model's position (the manifest's `position`).
 */
import { eventsIn, recordAsKnown, type PatientRecord, type Stamp } from '../patients/patient.record';
import { epochMsOfInstant } from '../shared/dates';
import type { CohortState, KnowledgeCut } from '../../projections/cohort.fold';
import type { PatientMark } from './readModel.storage';

export interface LiveView {
  records: ReadonlyMap<string, PatientRecord>;
  marks: ReadonlyMap<string, PatientMark>;
  position: number;
}

export function cohortAtCut(cut: KnowledgeCut, live: LiveView): CohortState {
  const last = Math.min(cut.atPosition ?? live.position, live.position);
  const knownAtMs = cut.knownAt === undefined ? Infinity : epochMsOfInstant(cut.knownAt);
  const known = stampFilter(last, knownAtMs);
  const records = new Map<string, PatientRecord>();
  let eventsFolded = 0;
  for (const [patientId, mark] of live.marks) {
    const latest = live.records.get(patientId)!;
    const whole = mark.lastPosition <= last && mark.maxRecordedMs <= knownAtMs;
    const record = whole ? latest : recordAsKnown(latest, known);
    eventsFolded += whole ? eventsIn(latest) : eventsIn(latest, known);
    if (record !== null) records.set(patientId, record);
  }
  return { records, position: last, eventsFolded };
}

/**
 * Whether a stamp is inside the cut. recordedAt is compared by value; the shell's clock writes the
 * canonical 24-character UTC form, whose text order is its time order, so only other forms are parsed.
 */
function stampFilter(last: number, knownAtMs: number): (stamp: Stamp) => boolean {
  if (knownAtMs === Infinity) return (s) => s.position <= last;
  const byValue = (s: Stamp) => epochMsOfInstant(s.recordedAt) <= knownAtMs;
  const knownAt = Number.isFinite(knownAtMs) ? new Date(knownAtMs).toISOString() : '';
  if (!isCanonical(knownAt)) return (s) => s.position <= last && byValue(s);
  return (s) => s.position <= last && (isCanonical(s.recordedAt) ? s.recordedAt <= knownAt : byValue(s));
}

/** The form Date#toISOString writes for years 0000-9999 (YYYY-MM-DDTHH:mm:ss.sssZ), checked by its fixed characters. */
function isCanonical(instant: string): boolean {
  return (
    instant.length === 24 &&
    instant.charCodeAt(4) === 45 && // -
    instant.charCodeAt(7) === 45 &&
    instant.charCodeAt(10) === 84 && // T
    instant.charCodeAt(13) === 58 && // :
    instant.charCodeAt(16) === 58 &&
    instant.charCodeAt(19) === 46 && // .
    instant.charCodeAt(23) === 90 // Z
  );
}
