/**
 * Courses of treatment as of a cut-off: a course started by then, stopped only if the stop is dated
 * by then too, graded by the latest grade assessed by then.
 */
import type { PatientFacts } from '../src/patients/patient.facts';
import type { Grade } from '../src/patients/patient.vocabulary';
import { daysBetween, monthsFromDays, type IsoDate } from '../src/shared/dates';
import { analysisProjection, type AnalysisPatient } from './analysis.cohort';
import { byCodeUnits, column, listCell } from './projection';

type Treatment = PatientFacts['treatments'][number];

export interface Course {
  treatmentId: string;
  indication: Treatment['indication'];
  agent: string;
  category: Treatment['category'];
  dose: number | null;
  doseUnit: string | null;
  startedOn: IsoDate;
  lesionIds: readonly string[];
  stoppedOn: IsoDate | null;
  /** the grade with the latest assessed_on (on one date, the one recorded last); null: never graded */
  latestGrade: Grade | null;
  latestAssessedOn: IsoDate | null;
  grades: number;
}

/**
 * The patient's courses in treatment_id order. Each course names its fields: a spread of the
 * treatment (an object of its fact type's class) took V8's slow copy and tripled the garbage of a
 * 400,000-course dataset.
 */
export function coursesOf(patient: AnalysisPatient): Course[] {
  const { treatments, stops, responses } = patient.facts;
  return treatments
    .map((t): Course => {
      const graded = responses.filter((r) => r.treatmentId === t.treatmentId);
      const latest = graded.reduce<(typeof graded)[number] | null>((l, r) => (l === null || r.assessedOn >= l.assessedOn ? r : l), null);
      return {
        treatmentId: t.treatmentId,
        indication: t.indication,
        agent: t.agent,
        category: t.category,
        dose: t.dose,
        doseUnit: t.doseUnit,
        startedOn: t.startedOn,
        lesionIds: t.lesionIds,
        stoppedOn: stops.find((s) => s.treatmentId === t.treatmentId)?.stoppedOn ?? null,
        latestGrade: latest?.grade ?? null,
        latestAssessedOn: latest?.assessedOn ?? null,
        grades: graded.length,
      };
    })
    .sort((a, b) => byCodeUnits(a.treatmentId, b.treatmentId));
}

export const treatmentsProjection = analysisProjection({
  name: 'treatments',
  grain: 'one row per course of treatment (calcinosis or ACTD) of a patient of the analysis set',
  description: 'Each course with its agent, indication, category, dates, duration and latest graded response.',
  columns: [
    column('patient_id', 'text', null, "the registry's patient id"),
    column('treatment_id', 'text', null, 'the course id, unique within the patient'),
    column('indication', 'code', null, 'calcinosis | actd'),
    column('agent', 'code', null, 'the drug or procedure'),
    column('category', 'code', null, 'medical | surgical'),
    column('dose', 'decimal', null, 'the dose in dose_unit; blank for procedures'),
    column('dose_unit', 'text', null, 'mg/d, mg/wk, ...'),
    column('started_on', 'date', null, 'start (a procedure: the day it was done)'),
    column('stopped_on', 'date', null, 'stop dated on or before asOf; blank while ongoing'),
    column('ongoing', 'flag', null, '1 when no stop is dated on or before asOf'),
    column('duration_days', 'integer', 'days', 'stopped_on - started_on; blank while ongoing'),
    column('duration_months', 'decimal', 'months', 'duration_days / (365.25 / 12)'),
    column('latest_grade', 'code', null, 'complete | partial | none | unknown: the grade assessed last (on or before asOf); blank: never graded'),
    column('latest_assessed_on', 'date', null, 'date of that assessment'),
    column('n_grades', 'integer', null, 'number of assessments on or before asOf'),
    column('lesion_ids', 'list', null, 'the lesions the course targets; blank: all'),
  ],
  patientRows(patient) {
    return coursesOf(patient).map((c) => {
      const days = c.stoppedOn === null ? null : daysBetween(c.startedOn, c.stoppedOn);
      return {
        patient_id: patient.patientId,
        treatment_id: c.treatmentId,
        indication: c.indication,
        agent: c.agent,
        category: c.category,
        dose: c.dose,
        dose_unit: c.doseUnit,
        started_on: c.startedOn,
        stopped_on: c.stoppedOn,
        ongoing: Number(c.stoppedOn === null),
        duration_days: days,
        duration_months: days === null ? null : monthsFromDays(days),
        latest_grade: c.latestGrade,
        latest_assessed_on: c.latestAssessedOn,
        n_grades: c.grades,
        lesion_ids: listCell(c.lesionIds),
      };
    });
  },
});
