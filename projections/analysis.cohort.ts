/**
 * Valid time: the patients of an analysis as of a cut-off date, each with the facts dated on or
 * before it. Every dataset starts here, so the analysis set (research authorization granted, a
 * calcinosis cutis diagnosis by the cut-off) and the date rules are the same in all of them.
 */
import type { PatientFacts, PatientRecord } from '../src/patients/patient.record';
import { liveFacts } from '../src/patients/patient.record';
import { ACTD_CONDITIONS, CALCINOSIS } from '../src/patients/patient.vocabulary';
import type { IsoDate } from '../src/shared/dates';
import { byCodeUnits } from './projection';

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
  const by = (on: IsoDate) => on <= asOf;
  return {
    enrolment: facts.enrolment,
    diagnoses: facts.diagnoses.filter((d) => by(d.diagnosedOn)),
    lesions: facts.lesions.filter((l) => by(l.onsetOn)),
    treatments: facts.treatments.filter((t) => by(t.startedOn)),
    stops: facts.stops.filter((s) => by(s.stoppedOn)),
    responses: facts.responses.filter((r) => by(r.assessedOn)),
    contacts: facts.contacts.filter((c) => by(c.seenOn)),
    deaths: facts.deaths.filter((d) => by(d.diedOn)),
  };
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

/** The analysis set as of `asOf`, in patient_id order. */
export function analysisCohort(records: ReadonlyMap<string, PatientRecord>, asOf?: IsoDate): AnalysisPatient[] {
  const patients: AnalysisPatient[] = [];
  for (const [patientId, record] of records) {
    const patient = analysisPatient(patientId, record, asOf ?? null);
    if (patient) patients.push(patient);
  }
  return patients.sort((a, b) => byCodeUnits(a.patientId, b.patientId));
}
