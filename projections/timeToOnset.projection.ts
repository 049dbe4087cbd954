/**
 * Time from the ACTD diagnosis to the calcinosis onset. The seed study counts an onset that came
 * before the ACTD diagnosis as 0 months; the raw (negative) value stays beside it.
 */
import { completedYears, daysBetween, minDate, monthsFromDays, type IsoDate } from '../src/shared/dates';
import { analysisProjection, type AnalysisPatient } from './analysis.cohort';
import { column } from './projection';

/** The calcinosis onset: the earliest onset of the patient's lesions dated on or before asOf. */
export const onsetOf = (patient: AnalysisPatient): IsoDate | null => minDate(patient.facts.lesions.map((l) => l.onsetOn));

export const ageAtOnsetOf = (patient: AnalysisPatient): number | null => {
  const onset = onsetOf(patient);
  const born = patient.enrolment.birthDate;
  return onset === null || born === null ? null : completedYears(born, onset);
};

export const timeToOnsetProjection = analysisProjection({
  name: 'time-to-onset',
  grain: 'one row per patient of the analysis set',
  description: 'Months from the diagnosis of the ACTD to the calcinosis onset, raw and floored at 0.',
  columns: [
    column('patient_id', 'text', null, "the registry's patient id"),
    column('actd_condition', 'code', null, "the patient's ACTD: the earliest ACTD diagnosis dated on or before asOf; blank: none"),
    column('actd_subtype', 'code', null, 'its subtype; blank where the condition has none'),
    column('actd_diagnosed_on', 'date', null, 'date of that ACTD diagnosis'),
    column('calcinosis_onset', 'date', null, 'the earliest lesion onset_on dated on or before asOf; blank: no lesion'),
    column('age_at_onset_years', 'integer', 'years', 'completed years from the birth date to calcinosis_onset; blank when the identity was erased'),
    column('time_to_onset_days_raw', 'integer', 'days', 'calcinosis_onset - actd_diagnosed_on (negative when the onset came first)'),
    column('time_to_onset_months_raw', 'decimal', 'months', 'time_to_onset_days_raw / (365.25 / 12)'),
    column('time_to_onset_months', 'decimal', 'months', 'time_to_onset_months_raw floored at 0, as the seed study counts it'),
  ],
  patientRows(patient) {
    const onset = onsetOf(patient);
    const actd = patient.actd;
    const days = onset !== null && actd !== null ? daysBetween(actd.diagnosedOn, onset) : null;
    return [
      {
      patient_id: patient.patientId,
      actd_condition: actd?.condition ?? null,
      actd_subtype: actd?.subtype ?? null,
      actd_diagnosed_on: actd?.diagnosedOn ?? null,
      calcinosis_onset: onset,
      age_at_onset_years: ageAtOnsetOf(patient),
      time_to_onset_days_raw: days,
      time_to_onset_months_raw: days === null ? null : monthsFromDays(days),
      time_to_onset_months: days === null ? null : monthsFromDays(Math.max(0, days)),
      },
    ];
  },
});
