/**
 * Valid time: the patients of an analysis as of a cut-off date, each with the facts dated on or
 * before it. Every dataset starts here, so the analysis set (research authorization granted, a
 * calcinosis cutis diagnosis by the cut-off) and the date rules are the same in all of them.
 */
import type { PatientRecord } from '../src/patients/patient.record';
import type { PatientFacts } from '../src/patients/patient.facts';
import { FactsAsOf } from './analysis.facts';
import { ACTD_CONDITIONS, CALCINOSIS } from '../src/patients/patient.vocabulary';
import type { IsoDate } from '../src/shared/dates';
import { byCodeUnits, type Projection, type Row } from './projection';

export type Diagnosis = PatientFacts['diagnoses'][number];
export type Enrolment = NonNullable<PatientFacts['enrolment']>;

export interface AnalysisPatient {
  patientId: string;
  enrolment: Enrolment;
  /** the live facts dated on or before the cut-off (all of them without one), each kind gathered when first read (FactsAsOf) */
  facts: PatientFacts;
  /** the earliest calcinosis cutis diagnosis: the origin of follow-up and survival */
  calcinosis: Diagnosis;
  /** the patient's ACTD: the earliest ACTD diagnosis, null when none is recorded */
  actd: Diagnosis | null;
  asOf: IsoDate | null;
  /** a contact or a death dated after the cut-off shows the patient alive at it */
  knownAliveAfter: boolean;
}

const ACTD: ReadonlySet<string> = new Set(ACTD_CONDITIONS);
const isActd = (d: Diagnosis) => ACTD.has(d.condition);
const isCalcinosis = (d: Diagnosis) => d.condition === CALCINOSIS;

/** The earliest of the diagnoses that pass `test`, by date; on the same date the one recorded first (facts are in log order). */
function earliest(diagnoses: readonly Diagnosis[], test: (d: Diagnosis) => boolean): Diagnosis | null {
  let first: Diagnosis | null = null;
  for (const d of diagnoses) if (test(d) && (first === null || d.diagnosedOn < first.diagnosedOn)) first = d;
  return first;
}

function analysisPatient(patientId: string, record: PatientRecord, asOf: IsoDate | null): AnalysisPatient | null {
  // Research authorization is as the record stood at the knowledge cut: it has no clinical date.
  // It is the enrolment fact's too, so a patient not granted is left out before its facts are gathered.
  if (record.researchAuthorization !== 'granted') return null;
  const facts = new FactsAsOf(record, asOf);
  if (facts.enrolment === null) return null;
  const calcinosis = earliest(facts.diagnoses, isCalcinosis);
  if (calcinosis === null) return null;
  // the record's id, not the stream's key: streams are named by opaque keys (src/erasure/patientStreams.ts)
  return new Patient(record.patientId ?? patientId, facts.enrolment, facts, calcinosis, asOf);
}

/** An AnalysisPatient whose ACTD and whether it is known alive are found when first read (survival reads no ACTD). */
class Patient implements AnalysisPatient {
  #actd: Diagnosis | null | undefined;

  constructor(
    readonly patientId: string,
    readonly enrolment: Enrolment,
    readonly facts: FactsAsOf,
    readonly calcinosis: Diagnosis,
    readonly asOf: IsoDate | null,
  ) {}

  get actd(): Diagnosis | null {
    if (this.#actd === undefined) this.#actd = earliest(this.facts.diagnoses, isActd);
    return this.#actd;
  }

  get knownAliveAfter(): boolean {
    return this.asOf !== null && this.facts.aliveAfter;
  }
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
  // forEach, not for-of: a cut's records are made on each visit, and for-of made an entry pair and an iterator result besides
  records.forEach((record, patientId) => {
    const patient = analysisPatient(patientId, record, asOf ?? null);
    if (!patient) return;
    if (ids.length > 0 && byCodeUnits(ids[ids.length - 1], patient.patientId) > 0) sorted = false;
    ids.push(patient.patientId);
    results.push(of(patient));
  });
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
