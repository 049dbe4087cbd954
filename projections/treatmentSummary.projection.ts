/**
 * How a patient's calcinosis was treated and how it responded (Tables 3 and 4 of the seed study),
 * by the conventions of shared/cohorts/mayo-2012/expected.json.
 */
import { GRADE_RANK, type Grade } from '../src/patients/patient.vocabulary';
import { analysisProjection, type AnalysisPatient } from './analysis.cohort';
import { column, listCell, type Column, type Row } from './projection';
import { coursesOf, type Course } from './treatments.projection';

const best = (grades: readonly Grade[]): Grade => grades.reduce((b, g) => (GRADE_RANK[g] > GRADE_RANK[b] ? g : b), 'unknown');
/** A course that was never graded counts as unknown. */
const responseOf = (course: Course): Grade => course.latestGrade ?? 'unknown';

export function treatmentSummaryOf(patient: AnalysisPatient): Row {
  const courses = coursesOf(patient);
  const calcinosis = courses.filter((c) => c.indication === 'calcinosis');
  const unknownHistory = patient.enrolment.treatmentHistory === 'unknown';
  const categories = new Set(calcinosis.map((c) => c.category));
  const category = unknownHistory
    ? 'unknown'
    : categories.size === 0
      ? 'none'
      : categories.size === 2
        ? 'medical_and_surgical'
        : [...categories][0];
  const agents = [...new Set(calcinosis.map((c) => c.agent))];
  const agentResponse = (agent: string) => best(calcinosis.filter((c) => c.agent === agent).map(responseOf));
  return {
    treatment_history: patient.enrolment.treatmentHistory,
    treatment_category: category,
    best_response: unknownHistory ? 'unknown' : calcinosis.length === 0 ? 'none' : best(calcinosis.map(responseOf)),
    n_calcinosis_treatments: agents.length,
    n_calcinosis_courses: calcinosis.length,
    n_actd_treatments: new Set(courses.filter((c) => c.indication === 'actd').map((c) => c.agent)).size,
    calcinosis_agents: listCell(agents.map((a) => `${a}=${agentResponse(a)}`)),
  };
}

export const TREATMENT_SUMMARY_COLUMNS: readonly Column[] = [
  column('treatment_history', 'code', null, 'documented | unknown (the record does not say how the calcinosis was treated)'),
  column('treatment_category', 'code', null, 'medical | surgical | medical_and_surgical from the categories of the calcinosis courses; none without one; unknown when treatment_history is unknown'),
  column('best_response', 'code', null, 'best response over the calcinosis courses (complete > partial > none > unknown; a course never graded is unknown); none without a course; unknown when treatment_history is unknown'),
  column('n_calcinosis_treatments', 'integer', null, 'distinct calcinosis agents (repeat courses of one agent count once)'),
  column('n_calcinosis_courses', 'integer', null, 'calcinosis courses started on or before asOf'),
  column('n_actd_treatments', 'integer', null, 'distinct agents with indication actd'),
  column('calcinosis_agents', 'list', null, 'agent=best response over that agent\'s courses, `;`-separated in code-unit order (Table 4 counts patients)'),
];

export const treatmentSummaryProjection = analysisProjection({
  name: 'treatment-summary',
  grain: 'one row per patient of the analysis set',
  description: 'Per-patient summary of the calcinosis treatment: category, best response, agents.',
  columns: [column('patient_id', 'text', null, "the registry's patient id"), ...TREATMENT_SUMMARY_COLUMNS],
  patientRows: (patient) => [{ patient_id: patient.patientId, ...treatmentSummaryOf(patient) }],
});
