import type { RecordedPatientEvent } from './patient.events';
import { applyToRecord, emptyRecord, foldRecord, liveFacts, withNewFact } from './patient.record';

const at = '2011-06-30T12:00:00Z';
const enrolled: RecordedPatientEvent = {
  type: 'PatientEnrolled',
  data: { patientId: 'P', sex: 'female', birthDate: '1960-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' },
  eventId: 'e1',
  recordedAt: at,
};
const contact = (eventId: string, seenOn: string): RecordedPatientEvent => ({ type: 'ContactRecorded', data: { seenOn }, eventId, recordedAt: at });

describe('withNewFact', () => {
  it('given the facts of a record with one contact, when a second contact is appended, then the contacts list holds both in log order and the other lists are the same objects', () => {
    const record = foldRecord(emptyRecord(), [enrolled, contact('e2', '1990-01-01')]);
    const before = liveFacts(record);
    const after = applyToRecord(record, contact('e3', '1991-02-02'));

    const facts = withNewFact(before, after.entries[2]);

    expect(facts.contacts.map((c) => ({ ...c }))).toEqual([
      { seenOn: '1990-01-01', eventId: 'e2' },
      { seenOn: '1991-02-02', eventId: 'e3' },
    ]);
    expect(facts.enrolment?.patientId).toBe('P');
    expect(facts.diagnoses).toBe(before.diagnoses);
    expect(facts.lesions).toBe(before.lesions);
    expect(before.contacts).toHaveLength(1); // the facts before are left as they were
  });

  it('given a new death, when appended, then it goes to the deaths and nowhere else', () => {
    const record = foldRecord(emptyRecord(), [enrolled]);
    const after = applyToRecord(record, { type: 'DeathRecorded', data: { diedOn: '2001-03-04', cause: null }, eventId: 'e2', recordedAt: at });

    const facts = withNewFact(liveFacts(record), after.entries[1]);

    expect(facts.deaths.map((d) => d.diedOn)).toEqual(['2001-03-04']);
    expect(facts.contacts).toEqual([]);
  });

  it('given the enrolment, when appended, then it is refused: its facts carry the authorization, derived by liveFacts', () => {
    const record = foldRecord(emptyRecord(), [enrolled]);
    expect(() => withNewFact(liveFacts(emptyRecord()), record.entries[0])).toThrow(RangeError);
  });
});
