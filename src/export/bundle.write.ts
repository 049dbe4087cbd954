/**
 * Patients' effective facts -> a Cohort CSV bundle, through the same schema the import reads, so that
 * import -> export gives back the rows that were imported (corrections applied, retractions left out).
 *
 * Canonical order: columns as in the spec; patients.csv by patient_id; every other file by patient_id,
 * then the fact's clinical date (diagnosed_on, onset_on, started_on, assessed_on, seen_on, died_on),
 * then the rest of its key (diagnosis_id, lesion_id, treatment_id); text in UTF-16 code-unit order.
 * Every file is written, with its header, even when it has no rows.
 */
import { stringify } from 'csv-stringify/sync';
import type { PatientFacts } from '../patients/patient.facts';
import { dateOf } from '../patients/patient.facts';
import type { BundleFiles } from '../import/bundle.parse';
import { BUNDLE_FILES, factKey, type BundleFile, type FactType } from '../import/bundle.schema';

type Fact = Record<string, unknown>;

const FACTS_OF: Record<FactType, (facts: PatientFacts) => readonly object[]> = {
  PatientEnrolled: (f) => (f.enrolment ? [f.enrolment] : []),
  DiagnosisRecorded: (f) => f.diagnoses,
  LesionOnsetRecorded: (f) => f.lesions,
  TreatmentStarted: (f) => f.treatments,
  TreatmentStopped: (f) => f.stops,
  ResponseGraded: (f) => f.responses,
  ContactRecorded: (f) => f.contacts,
  DeathRecorded: (f) => f.deaths,
};

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rows of one file (values as payload fields, before cell formatting), in canonical order. */
export function fileRows(file: BundleFile, patients: readonly PatientFacts[]): Fact[] {
  const [own, ...joined] = file.facts;
  const rows: Fact[] = [];
  const ordered = patients.filter((p) => p.enrolment).sort((a, b) => byCodeUnits(a.enrolment!.patientId, b.enrolment!.patientId));
  for (const patient of ordered) {
    const sortKey = (fact: object) => `${dateOf(own.type, fact as never)}|${factKey(own.type, fact)}`;
    const facts = [...FACTS_OF[own.type](patient)].sort((a, b) => byCodeUnits(sortKey(a), sortKey(b))) as Fact[];
    for (const fact of facts) {
      const row: Fact = { patientId: patient.enrolment!.patientId };
      for (const field of own.fields) row[field] = fact[field];
      // a course's stop sits on the course's row: find it by the shared key
      for (const mapping of joined) {
        const match = (FACTS_OF[mapping.type](patient) as Fact[]).find((f) => factKey(mapping.type, f) === factKey(own.type, fact));
        for (const field of mapping.fields.filter((f) => !(f in row))) row[field] = match ? match[field] : null;
      }
      rows.push(row);
    }
  }
  return rows;
}

/** The whole bundle as CSV texts, one per file of the format. */
export function writeBundle(patients: readonly PatientFacts[]): BundleFiles {
  const files: BundleFiles = {};
  for (const file of BUNDLE_FILES) {
    const cells = fileRows(file, patients).map((row) => file.columns.map((c) => c.codec.write(row[c.field])));
    files[file.name] = stringify([file.columns.map((c) => c.name), ...cells]);
  }
  return files;
}
