/**
 * Survival from the calcinosis cutis diagnosis: the input of R's Surv(time, status) and of a
 * rate-table comparison (age and calendar date at entry, sex).
 */
import { daysBetween, monthsFromDays } from '../src/shared/dates';
import { analysisProjection } from './analysis.cohort';
import { followUpOf } from './followUp.projection';
import { column } from './projection';

export const survivalProjection = analysisProjection({
  name: 'survival',
  grain: 'one row per patient with follow-up (patients without follow-up are left out)',
  description:
    'Origin the calcinosis cutis diagnosis, event death, censored at the last contact; as of a cut-off C a death after C is no event and a patient known alive after C is censored at C.',
  columns: [
    column('patient_id', 'text', null, "the registry's patient id"),
    column('entry_date', 'date', null, 'origin: the earliest calcinosis_cutis diagnosis (the rate-table year)'),
    column('sex', 'code', null, 'female | male (the rate-table sex)'),
    column('age_days', 'integer', 'days', 'age at entry: entry_date - birth date, in days (the rate-table age); blank when the identity was erased'),
    column('time_days', 'integer', 'days', 'end of follow-up - entry_date (see the follow-up dataset)'),
    column('time_months', 'decimal', 'months', 'time_days / (365.25 / 12)'),
    column('status', 'flag', null, '1 death, 0 censored'),
  ],
  patientRows(patient) {
    const f = followUpOf(patient);
    if (f === null) return [];
    return [
      {
        patient_id: patient.patientId,
        entry_date: f.origin,
        sex: patient.enrolment.sex,
        age_days: patient.enrolment.birthDate === null ? null : daysBetween(patient.enrolment.birthDate, f.origin),
        time_days: f.days,
        time_months: monthsFromDays(f.days),
        status: Number(f.died),
      },
    ];
  },
});
