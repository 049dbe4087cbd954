import { deciderSpecification } from '../shared/decider.specification';
import { fold } from '../shared/decider';
import type { PatientCommand } from './patient.commands';
import { patientDecider } from './patient.decider';
import type { PatientEvent, RecordedPatientEvent } from './patient.events';
import { liveFacts } from './patient.facts';

const metadata = { now: '2011-06-30T12:00:00Z', recordedBy: 'admin' };
const recorded = (event: PatientEvent, i: number) => ({ ...event, eventId: `e${i}`, recordedAt: '2011-01-01T00:00:00Z', position: i + 1 }) as RecordedPatientEvent;
const spec = deciderSpecification(patientDecider, recorded);
const command = <T extends PatientCommand['type']>(type: T, data: Extract<PatientCommand, { type: T }>['data']) => ({ type, data, metadata }) as PatientCommand;

const ANON = 'erased-0f8b3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b';
const enrolled: PatientEvent = {
  type: 'PatientEnrolled',
  data: { patientId: 'MCC-7', sex: 'male', birthDate: '1941-02-03', researchAuthorization: 'granted', treatmentHistory: 'documented' },
};
const diagnosed: PatientEvent = {
  type: 'DiagnosisRecorded',
  data: { diagnosisId: 'D1', condition: 'calcinosis_cutis', subtype: null, components: [], diagnosedOn: '1990-01-10', confirmedBy: ['clinical'] },
};
const died: PatientEvent = { type: 'DeathRecorded', data: { diedOn: '2005-01-01', cause: 'car accident on the Zumbro bridge' } };
const corrected: PatientEvent = { type: 'EntryCorrected', data: { eventId: 'e2', changes: { diedOn: '2005-01-02' }, reason: 'letter from Dr. Wu' } };
const erased = (mode: 'anonymous' | 'exclude'): PatientEvent => ({ type: 'IdentityErased', data: { mode, anonymousId: ANON, reason: 'request 17' } });

describe('EraseIdentity', () => {
  it('records the erasure with the anonymous id the shell chose', () =>
    spec.given([enrolled, diagnosed]).when(command('EraseIdentity', { mode: 'anonymous', anonymousId: ANON, reason: 'request 17' })).then([erased('anonymous')]));

  it('refuses a patient that is not enrolled', () =>
    spec.given([]).when(command('EraseIdentity', { mode: 'exclude', anonymousId: ANON, reason: 'r' })).thenThrows('not_found'));

  it('refuses an unknown mode, naming the field', () =>
    spec.given([enrolled]).when(command('EraseIdentity', { mode: 'forget' as never, anonymousId: ANON, reason: 'r' })).thenThrows('invalid', /mode: must be one of anonymous, exclude/, ['mode']));

  it('refuses an erasure without a reason', () =>
    spec.given([enrolled]).when(command('EraseIdentity', { mode: 'exclude', anonymousId: ANON, reason: ' ' })).thenThrows('invalid', /must say why/, ['reason']));

  it('refuses a second erasure and every later command', () => {
    spec.given([enrolled, erased('anonymous')]).when(command('EraseIdentity', { mode: 'exclude', anonymousId: ANON, reason: 'again' })).thenThrows('conflict', /was erased/);
    spec.given([enrolled, erased('anonymous')]).when(command('RecordContact', { seenOn: '2010-01-01' })).thenThrows('conflict', /was erased/);
    spec.given([enrolled, erased('exclude')]).when(command('ChangeResearchAuthorization', { researchAuthorization: 'granted', reason: 'x' })).thenThrows('conflict', /was erased/);
  });
});

describe('IdentityErased in the record', () => {
  const before = [enrolled, diagnosed, died, corrected];

  it('anonymous: no registry id, birth date or free text is left anywhere in the record; the clinical facts stay', () => {
    const record = fold(patientDecider.evolve, patientDecider.initialState(), [...before, erased('anonymous')].map(recorded));
    const text = JSON.stringify(record);
    for (const identifying of ['MCC-7', '1941-02-03', 'Zumbro', 'Dr. Wu']) expect(text).not.toContain(identifying);
    const facts = liveFacts(record);
    expect(record.patientId).toBe(ANON);
    expect(facts.enrolment).toMatchObject({ patientId: ANON, birthDate: null, sex: 'male', researchAuthorization: 'granted' });
    expect(facts.diagnoses.map((d) => d.diagnosedOn)).toEqual(['1990-01-10']);
    expect(facts.deaths).toMatchObject([{ diedOn: '2005-01-02', cause: '[erased]' }]);
  });

  it('exclude: research authorization is denied in every stamp the record keeps', () => {
    const record = fold(patientDecider.evolve, patientDecider.initialState(), [...before, erased('exclude')].map(recorded));
    expect(record.researchAuthorization).toBe('denied');
    expect(liveFacts(record).enrolment?.researchAuthorization).toBe('denied');
    expect(JSON.stringify(record)).not.toContain('granted');
  });

  it('a rebuild after the shred (placeholders read in place of sealed fields) reaches the same record as the live fold', () => {
    const live = fold(patientDecider.evolve, patientDecider.initialState(), [...before, erased('anonymous')].map(recorded));
    const placeholders: PatientEvent[] = [
      { ...enrolled, data: { ...(enrolled.data as object), patientId: ANON, birthDate: null } } as PatientEvent,
      diagnosed,
      { type: 'DeathRecorded', data: { diedOn: '2005-01-01', cause: '[erased]' } },
      { type: 'EntryCorrected', data: { eventId: 'e2', changes: { diedOn: '2005-01-02' }, reason: '[erased]' } },
      { type: 'IdentityErased', data: { mode: 'anonymous', anonymousId: ANON, reason: '[erased]' } },
    ];
    expect(fold(patientDecider.evolve, patientDecider.initialState(), placeholders.map(recorded))).toEqual(live);
  });
});
