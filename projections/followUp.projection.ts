/**
 * Follow-up from the calcinosis cutis diagnosis (shared/spec/cohort-csv.md, "Derived quantities"),
 * the time scale that survival also uses.
 */
import { daysBetween, monthsFromDays, type IsoDate } from '../src/shared/dates';
import { analysisProjection, type AnalysisPatient } from './analysis.cohort';
import { column } from './projection';

export type FollowUpEnd = 'death' | 'last_contact' | 'cut_off';

export interface FollowUp {
  origin: IsoDate;
  end: IsoDate;
  endedBy: FollowUpEnd;
  died: boolean;
  days: number;
}

/**
 * Origin: the calcinosis diagnosis. End: the death, else (as of a cut-off C) C itself when the record
 * shows the patient alive after C, else the last contact. The end must fall strictly after the origin
 * (a contact on the diagnosis day is not follow-up); without such an end there is no follow-up: null.
 */
export function followUpOf(patient: AnalysisPatient): FollowUp | null {
  // loops rather than find/map/filter: a dataset derives this for each of 100,000 patients
  const origin = patient.calcinosis.diagnosedOn;
  for (const { diedOn } of patient.facts.deaths) if (diedOn > origin) return ended(origin, diedOn, 'death');
  if (patient.asOf !== null && patient.knownAliveAfter && patient.asOf > origin) return ended(origin, patient.asOf, 'cut_off');
  let lastContact: IsoDate | null = null;
  for (const { seenOn } of patient.facts.contacts) if (seenOn > origin && (lastContact === null || seenOn > lastContact)) lastContact = seenOn;
  return lastContact === null ? null : ended(origin, lastContact, 'last_contact');
}

const ended = (origin: IsoDate, end: IsoDate, endedBy: FollowUpEnd): FollowUp => ({ origin, end, endedBy, died: endedBy === 'death', days: daysBetween(origin, end) });

export const followUpProjection = analysisProjection({
  name: 'follow-up',
  grain: 'one row per patient of the analysis set; follow-up columns blank when the patient has none',
  description: 'Follow-up from the calcinosis cutis diagnosis to death or the last contact (or the cut-off).',
  columns: [
    column('patient_id', 'text', null, "the registry's patient id"),
    column('calcinosis_diagnosed_on', 'date', null, 'origin: the earliest calcinosis_cutis diagnosis dated on or before asOf'),
    column('followup_end', 'date', null, 'the death, else asOf when the record shows the patient alive after it, else the last contact after the origin; blank: no follow-up'),
    column('followup_days', 'integer', 'days', 'followup_end - calcinosis_diagnosed_on, in days'),
    column('followup_months', 'decimal', 'months', 'followup_days / (365.25 / 12)'),
    column('died', 'flag', null, '1 when the follow-up ended by death on or before asOf, else 0'),
    column('ended_by', 'code', null, 'death | last_contact | cut_off (censored at asOf, known alive after it)'),
  ],
  patientRows(patient) {
    const f = followUpOf(patient);
    return [
      {
      patient_id: patient.patientId,
      calcinosis_diagnosed_on: patient.calcinosis.diagnosedOn,
      followup_end: f?.end ?? null,
      followup_days: f?.days ?? null,
      followup_months: f ? monthsFromDays(f.days) : null,
      died: f ? Number(f.died) : null,
      ended_by: f?.endedBy ?? null,
      },
    ];
  },
});
