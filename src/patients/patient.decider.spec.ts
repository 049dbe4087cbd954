import { deciderSpecification } from '../shared/decider.specification';
import type { PatientCommand } from './patient.commands';
import { patientDecider } from './patient.decider';
import type { PatientEvent, RecordedPatientEvent } from './patient.events';

const NOW = '2011-06-30T12:00:00Z';
const metadata = { now: NOW, recordedBy: 'tester' };
// Given events get ids e0, e1, ... in order, so corrections below can name them.
const spec = deciderSpecification(patientDecider, (event: PatientEvent, i): RecordedPatientEvent =>
  ({ ...event, eventId: `e${i}`, recordedAt: '2011-01-01T00:00:00Z' }) as RecordedPatientEvent,
);
const command = <T extends PatientCommand['type']>(type: T, data: Extract<PatientCommand, { type: T }>['data']) =>
  ({ type, data, metadata }) as PatientCommand;

const enrolment = {
  patientId: 'MCC-1',
  sex: 'female' as const,
  birthDate: '1950-03-04',
  researchAuthorization: 'granted' as const,
  treatmentHistory: 'documented' as const,
};
const enrolled: PatientEvent = { type: 'PatientEnrolled', data: enrolment };
const diagnosis = {
  diagnosisId: 'D1',
  condition: 'dermatomyositis' as const,
  subtype: 'classic',
  components: [],
  diagnosedOn: '1990-01-10',
  confirmedBy: ['biopsy' as const],
};
const lesion = { lesionId: 'L1', site: 'hands_feet' as const, onsetOn: '1992-05-01', ulcerated: true, painful: null };
const treatment = {
  treatmentId: 'T1',
  indication: 'calcinosis' as const,
  agent: 'diltiazem',
  category: 'medical' as const,
  dose: 240,
  doseUnit: 'mg/d',
  startedOn: '1993-01-01',
  lesionIds: ['L1'],
};
const lesionRecorded: PatientEvent = { type: 'LesionOnsetRecorded', data: lesion };
const treatmentStarted: PatientEvent = { type: 'TreatmentStarted', data: treatment };
const stop = { treatmentId: 'T1', stoppedOn: '1994-01-01', reason: null };
const died: PatientEvent = { type: 'DeathRecorded', data: { diedOn: '2005-01-01', cause: null } };

describe('patient decider', () => {
  describe('EnrollPatient', () => {
    it('enrols a new patient', () =>
      spec.given([]).when(command('EnrollPatient', enrolment)).then([enrolled]));
    it('refuses a second enrolment', () =>
      spec.given([enrolled]).when(command('EnrollPatient', enrolment)).thenThrows('conflict', /already enrolled/));
    it('names every bad field', () =>
      spec
        .given([])
        .when(command('EnrollPatient', { ...enrolment, sex: 'x', birthDate: '2021-02-30' } as never))
        .thenThrows('invalid', /sex: must be one of female, male; birthDate: must be a real calendar date/, ['sex', 'birthDate']));
    it('refuses a birth date after the day it is recorded', () =>
      spec.given([]).when(command('EnrollPatient', { ...enrolment, birthDate: '2011-07-02' })).thenThrows('rule_violated', /after the day/));
    it('refuses unknown fields', () =>
      spec.given([]).when(command('EnrollPatient', { ...enrolment, name: 'Jane' } as never)).thenThrows('invalid', /name: is not a field/));
  });

  describe('nothing before enrolment', () => {
    it.each([
      ['RecordDiagnosis', diagnosis],
      ['RecordLesionOnset', lesion],
      ['RecordContact', { seenOn: '2000-01-01' }],
      ['RecordDeath', { diedOn: '2000-01-01', cause: null }],
      ['CorrectEntry', { eventId: 'e0', changes: { sex: 'male' }, reason: 'typo' }],
    ] as const)('%s on an unknown patient is not found', (type, data) =>
      spec.given([]).when(command(type, data as never)).thenThrows('not_found'));
  });

  describe('RecordDiagnosis', () => {
    it('records a diagnosis', () =>
      spec.given([enrolled]).when(command('RecordDiagnosis', diagnosis)).then([{ type: 'DiagnosisRecorded', data: diagnosis }]));
    it('refuses a subtype of another condition', () =>
      spec.given([enrolled]).when(command('RecordDiagnosis', { ...diagnosis, subtype: 'dystrophic' })).thenThrows('invalid', /subtype/));
    it('refuses components on a condition without them', () =>
      spec.given([enrolled]).when(command('RecordDiagnosis', { ...diagnosis, components: ['sle'] })).thenThrows('invalid', /components/));
    it('accepts components on overlap CTD', () =>
      spec
        .given([enrolled])
        .when(command('RecordDiagnosis', { ...diagnosis, condition: 'overlap_ctd', subtype: null, components: ['sle', 'dermatomyositis'] }))
        .then([{ type: 'DiagnosisRecorded', data: { ...diagnosis, condition: 'overlap_ctd', subtype: null, components: ['sle', 'dermatomyositis'] } }]));
    it('refuses a date before birth', () =>
      spec.given([enrolled]).when(command('RecordDiagnosis', { ...diagnosis, diagnosedOn: '1949-12-31' })).thenThrows('rule_violated', /before birth/));
    it('refuses an id already in use', () =>
      spec.given([enrolled, { type: 'DiagnosisRecorded', data: diagnosis }]).when(command('RecordDiagnosis', diagnosis)).thenThrows('conflict', /D1 is already recorded/));
    it('refuses an unknown confirmation', () =>
      spec.given([enrolled]).when(command('RecordDiagnosis', { ...diagnosis, confirmedBy: ['xray'] } as never)).thenThrows('invalid', /confirmedBy/));
  });

  describe('RecordLesionOnset', () => {
    it('records a lesion', () => spec.given([enrolled]).when(command('RecordLesionOnset', lesion)).then([lesionRecorded]));
    it('refuses an unknown site', () =>
      spec.given([enrolled]).when(command('RecordLesionOnset', { ...lesion, site: 'knee' } as never)).thenThrows('invalid', /site: must be one of/));
    it('refuses a duplicate lesion id', () =>
      spec.given([enrolled, lesionRecorded]).when(command('RecordLesionOnset', lesion)).thenThrows('conflict', /lesion L1/));
    it('refuses an onset after a recorded death', () =>
      spec.given([enrolled, died]).when(command('RecordLesionOnset', { ...lesion, onsetOn: '2005-01-02' })).thenThrows('rule_violated', /after death/));
    it('accepts an onset on the day of death', () =>
      spec.given([enrolled, died]).when(command('RecordLesionOnset', { ...lesion, onsetOn: '2005-01-01' })).then([{ type: 'LesionOnsetRecorded', data: { ...lesion, onsetOn: '2005-01-01' } }]));
  });

  describe('StartTreatment', () => {
    it('starts a course', () => spec.given([enrolled, lesionRecorded]).when(command('StartTreatment', treatment)).then([treatmentStarted]));
    it('refuses a course that targets an unrecorded lesion', () =>
      spec.given([enrolled]).when(command('StartTreatment', treatment)).thenThrows('rule_violated', /lesion L1, which is not recorded/));
    it('refuses a calcinosis agent outside the vocabulary', () =>
      spec.given([enrolled, lesionRecorded]).when(command('StartTreatment', { ...treatment, agent: 'aspirin' })).thenThrows('invalid', /agent/));
    it('refuses a surgical category for a medical agent', () =>
      spec.given([enrolled, lesionRecorded]).when(command('StartTreatment', { ...treatment, category: 'surgical' })).thenThrows('invalid', /category: must be medical/));
    it('accepts any lower-case ACTD agent', () =>
      spec
        .given([enrolled])
        .when(command('StartTreatment', { ...treatment, indication: 'actd', agent: 'tacrolimus', lesionIds: [] }))
        .then([{ type: 'TreatmentStarted', data: { ...treatment, indication: 'actd', agent: 'tacrolimus', lesionIds: [] } }]));
    it('refuses a negative dose', () =>
      spec.given([enrolled, lesionRecorded]).when(command('StartTreatment', { ...treatment, dose: -1 })).thenThrows('invalid', /dose/));
    it('refuses a treatment id in use', () =>
      spec.given([enrolled, lesionRecorded, treatmentStarted]).when(command('StartTreatment', treatment)).thenThrows('conflict', /T1 is already recorded/));
  });

  describe('StopTreatment', () => {
    const given = [enrolled, lesionRecorded, treatmentStarted];
    it('stops a started course', () =>
      spec.given(given).when(command('StopTreatment', stop)).then([{ type: 'TreatmentStopped', data: stop }]));
    it('refuses to stop a course never started', () =>
      spec.given(given).when(command('StopTreatment', { ...stop, treatmentId: 'T9' })).thenThrows('not_found', /T9 was never started/));
    it('refuses to stop before the start', () =>
      spec.given(given).when(command('StopTreatment', { ...stop, stoppedOn: '1992-12-31' })).thenThrows('rule_violated', /before its start/));
    it('stops a course only once', () =>
      spec.given([...given, { type: 'TreatmentStopped', data: stop }]).when(command('StopTreatment', stop)).thenThrows('conflict', /already stopped/));
    it('accepts a procedure stopped the day it started', () =>
      spec.given(given).when(command('StopTreatment', { ...stop, stoppedOn: '1993-01-01' })).then([{ type: 'TreatmentStopped', data: { ...stop, stoppedOn: '1993-01-01' } }]));
  });

  describe('GradeResponse', () => {
    const given = [enrolled, lesionRecorded, treatmentStarted];
    const graded = { treatmentId: 'T1', assessedOn: '1993-06-01', grade: 'partial' as const };
    it('grades a course', () => spec.given(given).when(command('GradeResponse', graded)).then([{ type: 'ResponseGraded', data: graded }]));
    it('refuses to grade a course never started', () =>
      spec.given([enrolled]).when(command('GradeResponse', graded)).thenThrows('not_found'));
    it('refuses a grade before the course started', () =>
      spec.given(given).when(command('GradeResponse', { ...graded, assessedOn: '1992-12-31' })).thenThrows('rule_violated', /before its start/));
    it('refuses an unknown grade', () =>
      spec.given(given).when(command('GradeResponse', { ...graded, grade: 'good' } as never)).thenThrows('invalid', /grade/));
  });

  describe('RecordContact and RecordDeath', () => {
    it('records a contact', () =>
      spec.given([enrolled]).when(command('RecordContact', { seenOn: '2001-02-03' })).then([{ type: 'ContactRecorded', data: { seenOn: '2001-02-03' } }]));
    it('refuses a second contact on the same day', () =>
      spec.given([enrolled, { type: 'ContactRecorded', data: { seenOn: '2001-02-03' } }]).when(command('RecordContact', { seenOn: '2001-02-03' })).thenThrows('conflict'));
    it('refuses a contact after death', () =>
      spec.given([enrolled, died]).when(command('RecordContact', { seenOn: '2006-01-01' })).thenThrows('rule_violated', /after death/));
    it('records one death', () => spec.given([enrolled]).when(command('RecordDeath', died.data as never)).then([died]));
    it('refuses a second death', () => spec.given([enrolled, died]).when(command('RecordDeath', died.data as never)).thenThrows('conflict', /already recorded/));
    it('refuses a death before a recorded contact', () =>
      spec.given([enrolled, { type: 'ContactRecorded', data: { seenOn: '2006-01-01' } }]).when(command('RecordDeath', died.data as never)).thenThrows('rule_violated', /contact \(2006-01-01\) is after death/));
    it('refuses a death in the future', () =>
      spec.given([enrolled]).when(command('RecordDeath', { diedOn: '2011-07-05', cause: null })).thenThrows('rule_violated', /after the day it is recorded/));
  });

  describe('CorrectEntry', () => {
    const given = [enrolled, lesionRecorded, treatmentStarted, { type: 'TreatmentStopped', data: stop } as PatientEvent];
    it('corrects a field and keeps the reason', () =>
      spec
        .given(given)
        .when(command('CorrectEntry', { eventId: 'e1', changes: { site: 'trunk' }, reason: 'chart says trunk' }))
        .then([{ type: 'EntryCorrected', data: { eventId: 'e1', changes: { site: 'trunk' }, reason: 'chart says trunk' } }]));
    it('requires a reason', () =>
      spec.given(given).when(command('CorrectEntry', { eventId: 'e1', changes: { site: 'trunk' }, reason: ' ' })).thenThrows('invalid', /reason/));
    it('requires an existing event of this patient', () =>
      spec.given(given).when(command('CorrectEntry', { eventId: 'nope', changes: { site: 'trunk' }, reason: 'x' })).thenThrows('not_found'));
    it('validates the corrected values', () =>
      spec.given(given).when(command('CorrectEntry', { eventId: 'e1', changes: { site: 'knee' }, reason: 'x' })).thenThrows('invalid', /changes.site/));
    it('refuses to change an id', () =>
      spec.given(given).when(command('CorrectEntry', { eventId: 'e1', changes: { lesionId: 'L2' }, reason: 'x' })).thenThrows('invalid', /changes.lesionId/));
    it('refuses a correction that breaks a rule (start moved after the stop)', () =>
      spec.given(given).when(command('CorrectEntry', { eventId: 'e2', changes: { startedOn: '1995-01-01' }, reason: 'x' })).thenThrows('rule_violated', /before its start/));
    it('refuses a correction that changes nothing', () =>
      spec.given(given).when(command('CorrectEntry', { eventId: 'e1', changes: { site: 'hands_feet' }, reason: 'x' })).thenThrows('invalid', /nothing to correct/));
    it('refuses to correct a retracted entry', () =>
      spec
        .given([...given, { type: 'EntryRetracted', data: { eventId: 'e3', reason: 'wrong patient' } }])
        .when(command('CorrectEntry', { eventId: 'e3', changes: { stoppedOn: '1995-01-01' }, reason: 'x' }))
        .thenThrows('conflict', /retracted/));
    it('allows a correction recorded after death', () =>
      spec
        .given([...given, died])
        .when(command('CorrectEntry', { eventId: 'e4', changes: { cause: 'sepsis' }, reason: 'death certificate' }))
        .then([{ type: 'EntryCorrected', data: { eventId: 'e4', changes: { cause: 'sepsis' }, reason: 'death certificate' } }]));
    it('refuses to correct the research authorization (it has its own event)', () =>
      spec.given(given).when(command('CorrectEntry', { eventId: 'e0', changes: { researchAuthorization: 'denied' }, reason: 'x' })).thenThrows('invalid', /researchAuthorization/));
  });

  describe('RetractEntry', () => {
    const given = [enrolled, lesionRecorded, treatmentStarted];
    it('retracts a fact', () =>
      spec.given([enrolled, lesionRecorded]).when(command('RetractEntry', { eventId: 'e1', reason: 'duplicate' })).then([{ type: 'EntryRetracted', data: { eventId: 'e1', reason: 'duplicate' } }]));
    it('refuses a retraction that leaves a course targeting a missing lesion', () =>
      spec.given(given).when(command('RetractEntry', { eventId: 'e1', reason: 'x' })).thenThrows('rule_violated', /not recorded/));
    it('refuses to retract the enrolment', () =>
      spec.given(given).when(command('RetractEntry', { eventId: 'e0', reason: 'x' })).thenThrows('rule_violated', /enrolment/));
    it('refuses to retract twice', () =>
      spec.given([enrolled, lesionRecorded, { type: 'EntryRetracted', data: { eventId: 'e1', reason: 'x' } }]).when(command('RetractEntry', { eventId: 'e1', reason: 'x' })).thenThrows('conflict'));
    it('requires a reason', () => spec.given([enrolled, lesionRecorded]).when(command('RetractEntry', { eventId: 'e1', reason: '' })).thenThrows('invalid'));
    it('lets the id of a retracted lesion be used again', () =>
      spec
        .given([enrolled, lesionRecorded, { type: 'EntryRetracted', data: { eventId: 'e1', reason: 'x' } }])
        .when(command('RecordLesionOnset', lesion))
        .then([lesionRecorded]));
  });

  describe('ChangeResearchAuthorization', () => {
    it('records a denial with its reason', () =>
      spec.given([enrolled]).when(command('ChangeResearchAuthorization', { researchAuthorization: 'denied', reason: 'patient request' })).then([
        { type: 'ResearchAuthorizationChanged', data: { researchAuthorization: 'denied', reason: 'patient request' } },
      ]));
    it('refuses a change to the current value', () =>
      spec.given([enrolled]).when(command('ChangeResearchAuthorization', { researchAuthorization: 'granted', reason: 'x' })).thenThrows('conflict'));
    it('refuses an unknown value', () =>
      spec.given([enrolled]).when(command('ChangeResearchAuthorization', { researchAuthorization: 'maybe', reason: 'x' } as never)).thenThrows('invalid'));
  });
});
