/**
 * Valid time: the patients of an analysis as of a cut-off date, each with the facts dated on or
 * before it. Every dataset starts here, so the analysis set (research authorization granted, a
 * calcinosis cutis diagnosis by the cut-off) and the date rules are the same in all of them.
 */
import type { PatientFacts, PatientRecord } from '../src/patients/patient.record';
import { liveFacts } from '../src/patients/patient.record';
import { ACTD_CONDITIONS, CALCINOSIS } from '../src/patients/patient.vocabulary';
import type { IsoDate } from '../src/shared/dates';
import { byCodeUnits, type Projection, type Row } from './projection';

export type Diagnosis = PatientFacts['diagnoses'][number];
export type Enrolment = NonNullable<PatientFacts['enrolment']>;

export interface AnalysisPatient {
  patientId: string;
  enrolment: Enrolment;
  /** the live facts dated on or before the cut-off (all of them without one) */
  facts: PatientFacts;
  /** the earliest calcinosis cutis diagnosis: the origin of follow-up and survival */
  calcinosis: Diagnosis;
  /** the patient's ACTD: the earliest ACTD diagnosis, null when none is recorded */
  actd: Diagnosis | null;
  asOf: IsoDate | null;
  /** a contact or a death dated after the cut-off shows the patient alive at it */
  knownAliveAfter: boolean;
}

const isActd = (d: Diagnosis) => (ACTD_CONDITIONS as readonly string[]).includes(d.condition);

/** The earliest by date; on the same date the one recorded first (facts are in log order). */
function earliest(diagnoses: readonly Diagnosis[]): Diagnosis | null {
  return diagnoses.reduce<Diagnosis | null>((first, d) => (first === null || d.diagnosedOn < first.diagnosedOn ? d : first), null);
}

export function factsAsOf(facts: PatientFacts, asOf: IsoDate | null): PatientFacts {
  if (asOf === null) return facts;
  return {
    enrolment: facts.enrolment,
    diagnoses: datedBy(facts.diagnoses, (d) => d.diagnosedOn, asOf),
    lesions: datedBy(facts.lesions, (l) => l.onsetOn, asOf),
    treatments: datedBy(facts.treatments, (t) => t.startedOn, asOf),
    stops: datedBy(facts.stops, (s) => s.stoppedOn, asOf),
    responses: datedBy(facts.responses, (r) => r.assessedOn, asOf),
    contacts: datedBy(facts.contacts, (c) => c.seenOn, asOf),
    deaths: datedBy(facts.deaths, (d) => d.diedOn, asOf),
  };
}

/**
 * The facts dated on or before `asOf`: the list itself when that is all of them (a dataset asks for
 * 100,000 patients' lists at a time). One reader per fact type, not a field name: each reads one kind
 * of object, where a look-up by name met every kind at one place and went the slow way.
 */
function datedBy<F>(facts: F[], dateOf: (fact: F) => IsoDate, asOf: IsoDate): F[] {
  for (let i = 0; i < facts.length; i++) if (dateOf(facts[i]) > asOf) return facts.filter((f) => dateOf(f) <= asOf);
  return facts;
}

function analysisPatient(patientId: string, record: PatientRecord, asOf: IsoDate | null): AnalysisPatient | null {
  const all = liveFacts(record);
  // Research authorization is as the record stood at the knowledge cut: it has no clinical date.
  if (all.enrolment === null || all.enrolment.researchAuthorization !== 'granted') return null;
  const facts = factsAsOf(all, asOf);
  const calcinosis = earliest(facts.diagnoses.filter((d) => d.condition === CALCINOSIS));
  if (calcinosis === null) return null;
  const knownAliveAfter =
    asOf !== null && (all.contacts.some((c) => c.seenOn > asOf) || all.deaths.some((d) => d.diedOn > asOf));
  return {
    // the record's id, not the stream's key: streams are named by opaque keys (src/erasure/patientStreams.ts)
    patientId: record.patientId ?? patientId,
    enrolment: all.enrolment,
    facts,
    calcinosis,
    actd: earliest(facts.diagnoses.filter(isActd)),
    asOf,
    knownAliveAfter,
  };
}

/**
 * What `of` makes of each patient of the analysis set as of `asOf`, in patient_id order. A patient
 * is made into its result as soon as it is derived, so a dataset over the whole registry never holds
 * every patient's facts at once.
 */
export function byAnalysisPatient<T>(records: ReadonlyMap<string, PatientRecord>, asOf: IsoDate | undefined, of: (patient: AnalysisPatient) => T): T[] {
  const results: T[] = [];
  const ids: string[] = [];
  let sorted = true;
  for (const [patientId, record] of records) {
    const patient = analysisPatient(patientId, record, asOf ?? null);
    if (!patient) continue;
    if (ids.length > 0 && byCodeUnits(ids[ids.length - 1], patient.patientId) > 0) sorted = false;
    ids.push(patient.patientId);
    results.push(of(patient));
  }
  if (sorted) return results;
  const order = ids.map((_, k) => k).sort((a, b) => byCodeUnits(ids[a], ids[b]) || a - b);
  return order.map((k) => results[k]);
}

/** Each patient's rows (`rowsOf`), patients in patient_id order. */
export function analysisRows<R>(records: ReadonlyMap<string, PatientRecord>, asOf: IsoDate | undefined, rowsOf: (patient: AnalysisPatient) => R[]): R[] {
  const rows: R[] = [];
  for (const patientRows of byAnalysisPatient(records, asOf, rowsOf)) for (const row of patientRows) rows.push(row);
  return rows;
}

/** A dataset whose rows are made patient by patient: its rows() are its patientRows() over the analysis set. */
export function analysisProjection<R extends Row>(definition: Omit<Projection<R>, 'rows'>): Projection<R> {
  return { ...definition, rows: (cohort, { asOf }) => analysisRows(cohort.records, asOf, definition.patientRows) };
}
