/**
 * One descriptive row per patient of the analysis set: what Tables 1-3 of the seed study count
 * (sex, ACTD group, age at onset, lesion sites, ulceration, pain, confirmation, treatment).
 */
import { IMAGING_CONFIRMATIONS } from '../src/patients/patient.vocabulary';
import type { AnalysisPatient } from './analysis.cohort';
import { analysisProjection } from './analysis.cohort';
import { column, listCell } from './projection';
import { ageAtOnsetOf } from './timeToOnset.projection';
import { TREATMENT_SUMMARY_COLUMNS, treatmentSummaryOf } from './treatmentSummary.projection';

/** The seed study's ACTD groups: condition, and subtype where it has one (dermatomyositis_juvenile). */
const actdGroupOf = (patient: AnalysisPatient): string | null =>
  patient.actd === null ? null : [patient.actd.condition, patient.actd.subtype].filter(Boolean).join('_');

/** 1 when any lesion says yes; "no" and "not recorded" both count 0, as the seed study counts patients with it. */
const anyLesion = (patient: AnalysisPatient, field: 'ulcerated' | 'painful') => Number(patient.facts.lesions.some((l) => l[field] === true));

export const patientsProjection = analysisProjection({
  name: 'patients',
  grain: 'one row per patient of the analysis set (research authorization granted, calcinosis cutis diagnosed on or before asOf)',
  description: 'Demographics, ACTD, lesion sites and characteristics, confirmation and treatment summary per patient.',
  columns: [
    column('patient_id', 'text', null, "the registry's patient id"),
    column('sex', 'code', null, 'female | male'),
    column('birth_year', 'integer', null, 'calendar year of birth; blank when the identity was erased'),
    column('calcinosis_diagnosed_on', 'date', null, 'the earliest calcinosis_cutis diagnosis'),
    column('calcinosis_subtype', 'code', null, 'dystrophic | metastatic | iatrogenic | idiopathic'),
    column('actd_condition', 'code', null, "the patient's ACTD: the earliest ACTD diagnosis dated on or before asOf; blank: none"),
    column('actd_subtype', 'code', null, 'its subtype; blank where the condition has none'),
    column('actd_group', 'code', null, 'the seed study group: the condition, joined with its subtype where it has one (dermatomyositis_classic, systemic_sclerosis_limited_cutaneous, sle, ...)'),
    column('actd_components', 'list', null, 'overlap / undifferentiated CTD: the ACTDs whose features are present'),
    column('age_at_onset_years', 'integer', 'years', 'completed years from birth to the earliest lesion onset; blank when the identity was erased'),
    column('sites', 'list', null, 'distinct lesion sites (hands_feet, extremity, trunk, head)'),
    column('n_locations', 'integer', null, 'number of distinct lesion sites'),
    column('location_group', 'integer', null, '1, 2 or 3 (three or more) distinct sites; blank without a lesion'),
    column('ulcerated', 'flag', null, '1 when any lesion is recorded ulcerated; not recorded counts 0'),
    column('painful', 'flag', null, '1 when any lesion is recorded painful; not recorded counts 0'),
    column('biopsy', 'flag', null, '1 when the calcinosis_cutis diagnosis was confirmed by biopsy (an ACTD biopsy does not count)'),
    column('imaging', 'flag', null, '1 when the calcinosis_cutis diagnosis was confirmed by radiography, CT, MRI or ultrasonography'),
    ...TREATMENT_SUMMARY_COLUMNS,
  ],
  patientRows(patient) {
    const sites = [...new Set(patient.facts.lesions.map((l) => l.site))];
    const confirmedBy: readonly string[] = patient.calcinosis.confirmedBy;
    return [
      {
      patient_id: patient.patientId,
      sex: patient.enrolment.sex,
      birth_year: patient.enrolment.birthDate === null ? null : Number(patient.enrolment.birthDate.slice(0, 4)),
      calcinosis_diagnosed_on: patient.calcinosis.diagnosedOn,
      calcinosis_subtype: patient.calcinosis.subtype,
      actd_condition: patient.actd?.condition ?? null,
      actd_subtype: patient.actd?.subtype ?? null,
      actd_group: actdGroupOf(patient),
      actd_components: listCell(patient.actd?.components ?? []),
      age_at_onset_years: ageAtOnsetOf(patient),
      sites: listCell(sites),
      n_locations: sites.length,
      location_group: sites.length === 0 ? null : Math.min(sites.length, 3),
      ulcerated: anyLesion(patient, 'ulcerated'),
      painful: anyLesion(patient, 'painful'),
      biopsy: Number(confirmedBy.includes('biopsy')),
      imaging: Number(confirmedBy.some((c) => IMAGING_CONFIRMATIONS.includes(c))),
      ...treatmentSummaryOf(patient),
      },
    ];
  },
});
