/**
 * Soft data-quality checks: they never block entry, but a data manager must see them. Each finding
 * names the patient, the rule, since when it holds (a clinical date, or for correction chains the
 * day the chain grew too deep) and what was found. Judged on the record at a knowledge cut, as of a
 * reference date.
 */
import type { PatientRecord } from '../src/patients/patient.record';
import { liveFacts } from '../src/patients/patient.facts';
import { CALCINOSIS } from '../src/patients/patient.vocabulary';
import { DAYS_PER_MONTH, daysBetween, fromEpochDay, maxDate, minDate, toEpochDay, type IsoDate } from '../src/shared/dates';
import { byCodeUnits } from './projection';

export const QUALITY_RULES = [
  'no_contact_for_24_months',
  'calcinosis_course_never_graded',
  'course_running_after_last_contact',
  'lesion_without_calcinosis_diagnosis',
  'calcinosis_without_actd',
  'deep_correction_chain',
] as const;
export type QualityRule = (typeof QUALITY_RULES)[number];

export interface QualityFinding {
  patientId: string;
  rule: QualityRule;
  since: IsoDate;
  detail: string;
}

export interface QualityOptions {
  /** the day the record is judged on */
  referenceDate: IsoDate;
  /** a fact corrected more often than this is flagged */
  maxCorrections: number;
}

const CONTACT_GAP_DAYS = Math.round(24 * DAYS_PER_MONTH);

function findingsOf(patientId: string, record: PatientRecord, options: QualityOptions): QualityFinding[] {
  const facts = liveFacts(record);
  const found: QualityFinding[] = [];
  const add = (rule: QualityRule, since: IsoDate, detail: string) => found.push({ patientId, rule, since, detail });
  const lastContact = maxDate(facts.contacts.map((c) => c.seenOn));
  const calcinosis = facts.diagnoses.filter((d) => d.condition === CALCINOSIS);
  const actd = facts.diagnoses.filter((d) => d.condition !== CALCINOSIS);

  if (facts.deaths.length === 0) {
    const lastSign = lastContact ?? minDate(facts.diagnoses.map((d) => d.diagnosedOn));
    if (lastSign && daysBetween(lastSign, options.referenceDate) > CONTACT_GAP_DAYS) {
      add('no_contact_for_24_months', fromEpochDay(toEpochDay(lastSign) + CONTACT_GAP_DAYS), `alive, last seen ${lastSign}`);
    }
  }
  for (const course of facts.treatments) {
    const stopped = facts.stops.some((s) => s.treatmentId === course.treatmentId);
    if (course.indication === 'calcinosis' && !facts.responses.some((r) => r.treatmentId === course.treatmentId)) {
      add('calcinosis_course_never_graded', course.startedOn, `${course.agent} (${course.treatmentId}) started ${course.startedOn} has no graded response`);
    }
    const end = facts.deaths[0]?.diedOn ?? lastContact;
    if (!stopped && end && course.startedOn <= end) {
      add('course_running_after_last_contact', end, `${course.agent} (${course.treatmentId}) has no stop date; the record ends ${end}`);
    }
  }
  if (facts.lesions.length > 0 && calcinosis.length === 0) {
    add('lesion_without_calcinosis_diagnosis', minDate(facts.lesions.map((l) => l.onsetOn))!, `${facts.lesions.length} lesion(s), no calcinosis_cutis diagnosis`);
  }
  if (calcinosis.length > 0 && actd.length === 0) {
    add('calcinosis_without_actd', minDate(calcinosis.map((d) => d.diagnosedOn))!, 'calcinosis cutis without an ACTD diagnosis');
  }
  for (const entry of record.entries) {
    if (entry.corrections.length > options.maxCorrections) {
      add('deep_correction_chain', entry.corrections[options.maxCorrections].recordedAt.slice(0, 10), `${entry.type} ${entry.eventId} corrected ${entry.corrections.length} times`);
    }
  }
  return found;
}

/** Every finding of every patient, by patient id, then rule, then since. */
export function qualityFindings(records: ReadonlyMap<string, PatientRecord>, options: QualityOptions): QualityFinding[] {
  // named by the record's id, not the map's key: streams are named by opaque keys (src/erasure/patientStreams.ts)
  const findings = [...records.values()].flatMap((record) => (record.patientId === null ? [] : findingsOf(record.patientId, record, options)));
  return findings.sort((a, b) => byCodeUnits(a.patientId, b.patientId) || QUALITY_RULES.indexOf(a.rule) - QUALITY_RULES.indexOf(b.rule) || byCodeUnits(a.since, b.since));
}
