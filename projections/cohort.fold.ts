/**
 * Knowledge time: which events of the log count, and the fold of those events into one effective
 * record per patient. The per-patient fold is applyToRecord, the same one the decider uses, so a
 * correction means the same thing in an analysis as on the write side.
 */
import type { RecordedPatientEvent } from '../src/patients/patient.events';
import { emptyRecord, foldRecord, type PatientRecord } from '../src/patients/patient.record';
import { epochMsOfInstant } from '../src/shared/dates';

/** A patient event with what the fold needs from the log besides the event itself. */
export interface LoggedPatientEvent {
  patientId: string;
  /** global 1-based log position */
  position: number;
  event: RecordedPatientEvent;
}

/**
 * A cut of the log along knowledge time: `atPosition` keeps events with position <= p, `knownAt`
 * events with recordedAt <= t (compared by value, not by assuming positions follow recordedAt).
 * Neither: the whole log.
 */
export interface KnowledgeCut {
  atPosition?: number;
  knownAt?: string;
}

export interface CohortState {
  /** effective record of each patient, by the patient id of its stream */
  records: ReadonlyMap<string, PatientRecord>;
  /** highest position of an event folded (0: none) */
  position: number;
  /** number of events folded */
  eventsFolded: number;
}

export const emptyCohort = (): CohortState => ({ records: new Map(), position: 0, eventsFolded: 0 });

/** A predicate for the cut, with knownAt parsed once rather than per event. */
export function cutFilter(cut: KnowledgeCut): (event: LoggedPatientEvent) => boolean {
  const knownAtMs = cut.knownAt === undefined ? undefined : epochMsOfInstant(cut.knownAt);
  const atPosition = cut.atPosition;
  return (e) =>
    (atPosition === undefined || e.position <= atPosition) &&
    (knownAtMs === undefined || epochMsOfInstant(e.event.recordedAt) <= knownAtMs);
}

/**
 * The new records of the patients that `events` touch; `records` is left as it was. Long-lived
 * read models merge the result into their own map instead of copying the whole cohort per batch.
 */
export function foldTouched(
  records: ReadonlyMap<string, PatientRecord>,
  events: Iterable<LoggedPatientEvent>,
): Map<string, PatientRecord> {
  const byPatient = new Map<string, RecordedPatientEvent[]>();
  for (const { patientId, event } of events) {
    const own = byPatient.get(patientId);
    if (own) own.push(event);
    else byPatient.set(patientId, [event]);
  }
  const touched = new Map<string, PatientRecord>();
  for (const [patientId, own] of byPatient) touched.set(patientId, foldRecord(records.get(patientId) ?? emptyRecord(), own));
  return touched;
}

/** Folds the events inside `cut` into a new cohort state. */
export function foldCohort(state: CohortState, events: Iterable<LoggedPatientEvent>, cut: KnowledgeCut = {}): CohortState {
  const inCut = cutFilter(cut);
  const kept: LoggedPatientEvent[] = [];
  let position = state.position;
  for (const e of events) {
    if (!inCut(e)) continue;
    kept.push(e);
    position = Math.max(position, e.position);
  }
  const records = new Map(state.records);
  for (const [patientId, record] of foldTouched(state.records, kept)) records.set(patientId, record);
  return { records, position, eventsFolded: state.eventsFolded + kept.length };
}
