import { foldRecord, emptyRecord, type PatientRecord } from '../src/patients/patient.record';
import { DATE_FIELD } from '../src/patients/patient.facts';
import { DATE_OF, FactsAsOf, factsAsOf } from './analysis.facts';
import { GivenLog } from './cohort.specification';

/** One patient's record folded from a GivenLog. */
const recordOf = (log: GivenLog): PatientRecord => foldRecord(emptyRecord(), log.events.map((e) => ({ ...e.event, position: e.position })));

describe('the facts of a record as of a cut-off', () => {
  function patient() {
    const log = new GivenLog();
    log.enrol('P1', { birthDate: '1950-06-15' });
    log.diagnose('P1', 'calcinosis_cutis', '2000-01-10');
    log.diagnose('P1', 'sle', '2004-05-01');
    log.lesion('P1', 'L1', '2003-02-02');
    log.contact('P1', '2001-01-10');
    log.contact('P1', '2002-06-30');
    return log;
  }

  it('given facts dated on both sides of the cut-off, then each list holds those dated on or before it, in log order, and the enrolment whatever its date', () => {
    const facts = new FactsAsOf(recordOf(patient()), '2002-06-30');
    expect(facts.diagnoses.map((d) => d.diagnosedOn)).toEqual(['2000-01-10']);
    expect(facts.lesions).toEqual([]);
    expect(facts.contacts.map((c) => c.seenOn)).toEqual(['2001-01-10', '2002-06-30']);
    expect(facts.enrolment?.birthDate).toBe('1950-06-15');
    expect(facts.enrolment?.researchAuthorization).toBe('granted');
  });

  it('given only a lesion and a diagnosis after the cut-off, then the record does not show the patient alive after it; a contact after it does', () => {
    expect(new FactsAsOf(recordOf(patient()), '2002-06-30').aliveAfter).toBe(false);
    expect(new FactsAsOf(recordOf(patient()), '2002-06-29').aliveAfter).toBe(true);
  });

  it('given a death after the cut-off, then the record shows the patient alive at it', () => {
    const log = patient();
    log.death('P1', '2005-01-01');
    const facts = new FactsAsOf(recordOf(log), '2004-12-31');
    expect([facts.deaths, facts.aliveAfter]).toEqual([[], true]);
  });

  it('given no cut-off, then every live fact is kept and none is after it', () => {
    const facts = new FactsAsOf(recordOf(patient()), null);
    expect([facts.diagnoses.length, facts.lesions.length, facts.contacts.length, facts.aliveAfter]).toEqual([2, 1, 2, false]);
  });

  it('given a retracted contact, then it is in no list, and a plain copy (factsAsOf) holds every list', () => {
    const log = patient();
    const late = log.contact('P1', '2006-01-01');
    log.retract('P1', late);
    const copy = { ...factsAsOf(recordOf(log), '2010-01-01') };
    expect(copy.contacts.map((c) => c.seenOn)).toEqual(['2001-01-10', '2002-06-30']);
    expect(Object.keys(copy)).toEqual(['enrolment', 'diagnoses', 'lesions', 'treatments', 'stops', 'responses', 'contacts', 'deaths']);
    expect(new FactsAsOf(recordOf(log), '2002-06-30').aliveAfter).toBe(false);
  });
});

describe('the clinical date each kind of fact is cut by', () => {
  it('given a payload whose only field is the date field patient.facts names, when its date is read, then it is that field', () => {
    const read = Object.entries(DATE_OF).map(([type, dateOf]) => [type, (dateOf as (fact: object) => unknown)({ [DATE_FIELD[type as keyof typeof DATE_FIELD]]: '2001-02-03' })]);
    expect(read).toEqual(Object.keys(DATE_OF).map((type) => [type, '2001-02-03']));
  });
});
