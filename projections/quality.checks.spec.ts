import { fold } from '../src/shared/decider';
import type { PatientEvent, RecordedPatientEvent } from '../src/patients/patient.events';
import { applyToRecord, emptyRecord, type PatientRecord } from '../src/patients/patient.record';
import { qualityFindings } from './quality.checks';

const record = (events: PatientEvent[], recordedAt: (i: number) => string = () => '2010-01-01T00:00:00Z'): PatientRecord =>
  fold(applyToRecord, emptyRecord(), events.map((e, i) => ({ ...e, eventId: `e${i}`, recordedAt: recordedAt(i) }) as RecordedPatientEvent));
const enrolled = (patientId: string): PatientEvent => ({ type: 'PatientEnrolled', data: { patientId, sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } });
const diagnosis = (diagnosisId: string, condition: 'calcinosis_cutis' | 'sle', diagnosedOn: string): PatientEvent => ({
  type: 'DiagnosisRecorded',
  data: { diagnosisId, condition, subtype: null, components: [], diagnosedOn, confirmedBy: [] },
});
const options = { referenceDate: '2011-06-30', maxCorrections: 2 };

describe('data quality checks', () => {
  it('flags an alive patient unseen for more than 24 months, from the day the gap passed 24 months', () => {
    const findings = qualityFindings(new Map([['A', record([enrolled('A'), diagnosis('D1', 'sle', '2000-01-01'), diagnosis('D2', 'calcinosis_cutis', '2001-01-01'), { type: 'ContactRecorded', data: { seenOn: '2008-03-01' } }])]]), options);
    // 24 months = 730.5 days, rounded to 731: 2008-03-01 + 731 days = 2010-03-02
    expect(findings).toEqual([{ patientId: 'A', rule: 'no_contact_for_24_months', since: '2010-03-02', detail: 'alive, last seen 2008-03-01' }]);
  });

  it('flags ungraded and unstopped courses, lesions without calcinosis, calcinosis without ACTD; not the dead for contact', () => {
    const events: PatientEvent[] = [
      enrolled('B'),
      diagnosis('D1', 'calcinosis_cutis', '2001-01-01'),
      { type: 'LesionOnsetRecorded', data: { lesionId: 'L1', site: 'trunk', onsetOn: '2000-06-01', ulcerated: null, painful: null } },
      { type: 'TreatmentStarted', data: { treatmentId: 'T1', indication: 'calcinosis', agent: 'diltiazem', category: 'medical', dose: null, doseUnit: null, startedOn: '2002-01-01', lesionIds: [] } },
      { type: 'ContactRecorded', data: { seenOn: '2003-01-01' } },
      { type: 'DeathRecorded', data: { diedOn: '2004-01-01', cause: null } },
    ];
    expect(qualityFindings(new Map([['B', record(events)]]), options).map((f) => [f.rule, f.since])).toEqual([
      ['calcinosis_course_never_graded', '2002-01-01'],
      ['course_running_after_last_contact', '2004-01-01'],
      ['calcinosis_without_actd', '2001-01-01'],
    ]);
    const noCalcinosis = record([enrolled('C'), diagnosis('D1', 'sle', '2001-01-01'), events[2], { type: 'ContactRecorded', data: { seenOn: '2011-01-01' } }]);
    expect(qualityFindings(new Map([['C', noCalcinosis]]), options).map((f) => [f.rule, f.since])).toEqual([['lesion_without_calcinosis_diagnosis', '2000-06-01']]);
  });

  it('flags a fact corrected more than N times, since the correction that passed N', () => {
    const correct = (seenOn: string): PatientEvent => ({ type: 'EntryCorrected', data: { eventId: 'e3', changes: { seenOn }, reason: 'r' } });
    const events = [enrolled('D'), diagnosis('D1', 'sle', '2000-01-01'), diagnosis('D2', 'calcinosis_cutis', '2000-02-01'), { type: 'ContactRecorded', data: { seenOn: '2011-01-01' } } as PatientEvent, correct('2011-01-02'), correct('2011-01-03'), correct('2011-01-04')];
    const findings = qualityFindings(new Map([['D', record(events, (i) => `2011-02-0${i}T10:00:00Z`)]]), options);
    expect(findings).toEqual([{ patientId: 'D', rule: 'deep_correction_chain', since: '2011-02-06', detail: 'ContactRecorded e3 corrected 3 times' }]);
  });
});
