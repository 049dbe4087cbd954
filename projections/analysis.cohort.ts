/**
 * Valid time: the patients of an analysis as of a cut-off date, each with the facts dated on or
 * before it. Every dataset starts here, so the analysis set (research authorization granted, a
 * calcinosis cutis diagnosis by the cut-off) and the date rules are the same in all of them.
 */
import type { PatientFacts, PatientRecord } from '../src/patients/patient.record';
import { eachLiveFact, enrolmentFact, noFacts } from '../src/patients/patient.record';
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

const ACTD: ReadonlySet<string> = new Set(ACTD_CONDITIONS);
const isActd = (d: Diagnosis) => ACTD.has(d.condition);
const isCalcinosis = (d: Diagnosis) => d.condition === CALCINOSIS;

/** The earliest of the diagnoses that pass `test`, by date; on the same date the one recorded first (facts are in log order). */
function earliest(diagnoses: readonly Diagnosis[], test: (d: Diagnosis) => boolean): Diagnosis | null {
  let first: Diagnosis | null = null;
  for (const d of diagnoses) if (test(d) && (first === null || d.diagnosedOn < first.diagnosedOn)) first = d;
  return first;
}

export interface FactsAsOf {
  /** the live facts dated on or before the cut-off (all of them without one); the enrolment whatever its date */
  facts: PatientFacts;
  /** a contact or a death dated after the cut-off shows the patient alive at it */
  knownAliveAfter: boolean;
}

/**
 * The live facts of a record dated on or before `asOf`, gathered in one walk of its entries: a
 * dataset asks for 100,000 patients' facts at a time, and collecting every fact before dropping the
 * later ones made each patient's lists twice. Each fact's date is read in its own case, so that each
 * read meets one kind of object (a look-up by field name met every kind at one place and went the
 * slow way).
 */
export function factsAsOf(record: PatientRecord, asOf: IsoDate | null): FactsAsOf {
  const facts = noFacts();
  let knownAliveAfter = false;
  const dated = (on: IsoDate) => asOf === null || on <= asOf;
  eachLiveFact(record, (type, data) => {
    switch (type) {
      case 'PatientEnrolled':
        facts.enrolment = enrolmentFact(record, data);
        break;
      case 'DiagnosisRecorded':
        if (dated((data as Diagnosis).diagnosedOn)) facts.diagnoses.push(data as Diagnosis);
        break;
      case 'LesionOnsetRecorded':
        if (dated((data as Lesion).onsetOn)) facts.lesions.push(data as Lesion);
        break;
      case 'TreatmentStarted':
        if (dated((data as Treatment).startedOn)) facts.treatments.push(data as Treatment);
        break;
      case 'TreatmentStopped':
        if (dated((data as Stop).stoppedOn)) facts.stops.push(data as Stop);
        break;
      case 'ResponseGraded':
        if (dated((data as Response).assessedOn)) facts.responses.push(data as Response);
        break;
      case 'ContactRecorded':
        if (dated((data as Contact).seenOn)) facts.contacts.push(data as Contact);
        else knownAliveAfter = true;
        break;
      case 'DeathRecorded':
        if (dated((data as Death).diedOn)) facts.deaths.push(data as Death);
        else knownAliveAfter = true;
        break;
    }
  });
  return { facts, knownAliveAfter };
}

type Lesion = PatientFacts['lesions'][number];
type Treatment = PatientFacts['treatments'][number];
type Stop = PatientFacts['stops'][number];
type Response = PatientFacts['responses'][number];
type Contact = PatientFacts['contacts'][number];
type Death = PatientFacts['deaths'][number];

function analysisPatient(patientId: string, record: PatientRecord, asOf: IsoDate | null): AnalysisPatient | null {
  // Research authorization is as the record stood at the knowledge cut: it has no clinical date.
  // It is the enrolment fact's too, so a patient not granted is left out before its facts are gathered.
  if (record.researchAuthorization !== 'granted') return null;
  const { facts, knownAliveAfter } = factsAsOf(record, asOf);
  if (facts.enrolment === null) return null;
  const calcinosis = earliest(facts.diagnoses, isCalcinosis);
  if (calcinosis === null) return null;
  return {
    // the record's id, not the stream's key: streams are named by opaque keys (src/erasure/patientStreams.ts)
    patientId: record.patientId ?? patientId,
    enrolment: facts.enrolment,
    facts,
    calcinosis,
    actd: earliest(facts.diagnoses, isActd),
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
