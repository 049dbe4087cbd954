/**
 * The bundle of a cohort as the record stood: records folded up to a knowledge point (knownAt) are the
 * input; a valid-time cut-off (asOf) keeps only facts dated on or before it, by the projections' own
 * rule (factsAsOf). A patient born after the cut-off did not exist then and is left out; a course's
 * stop dated after it is left out too, so the course is written as still running.
 */
import { factsAsOf } from '../../projections/analysis.facts';
import type { CohortState } from '../../projections/cohort.fold';
import type { BundleFiles } from '../import/bundle.parse';
import type { PatientFacts } from '../patients/patient.facts';
import type { IsoDate } from '../shared/dates';
import { writeBundle } from './bundle.write';

export function patientsAsOf(cohort: CohortState, asOf: IsoDate | null): PatientFacts[] {
  const patients: PatientFacts[] = [];
  for (const record of cohort.records.values()) {
    const facts = factsAsOf(record, asOf);
    if (facts.enrolment === null || (asOf !== null && facts.enrolment.birthDate !== null && facts.enrolment.birthDate > asOf)) continue;
    // A course may name a lesion first noted after the cut-off; the bundle must still import.
    const lesions = new Set(facts.lesions.map((l) => l.lesionId));
    patients.push({ ...facts, treatments: facts.treatments.map((t) => ({ ...t, lesionIds: t.lesionIds.filter((id) => lesions.has(id)) })) });
  }
  return patients;
}

export const exportBundle = (cohort: CohortState, asOf: IsoDate | null = null): BundleFiles => writeBundle(patientsAsOf(cohort, asOf));
