import type { RecordedPatientEvent } from './patient.events';
import { applyToRecord, emptyRecord, foldRecord, type Entry, type Stamp } from './patient.record';
import { recordAsKnown } from './patient.recordAsKnown';
import { liveFacts, liveFactsOf, withNewFact } from './patient.facts';

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

/** Everything an entry says, its getters included (an entry's own fields are its payload's alone). */
const view = (e: Entry) => ({
  position: e.position,
  recordedAt: e.recordedAt,
  eventId: e.eventId,
  type: e.type,
  data: { ...e.data },
  original: { ...e.original },
  corrections: e.corrections,
  retractions: e.retractions,
  retracted: e.retracted,
});
const stamped = (events: RecordedPatientEvent[]) => events.map((e, i) => ({ ...e, position: i + 1, recordedAt: `2012-01-0${i + 1}T00:00:00.000Z` }));
const history = stamped([
  enrolled,
  contact('e2', '1990-01-01'),
  contact('e3', '1991-02-02'),
  { type: 'EntryCorrected', data: { eventId: 'e2', changes: { seenOn: '1990-01-11' }, reason: 'typo' }, eventId: 'e4', recordedAt: at },
  { type: 'EntryRetracted', data: { eventId: 'e3', reason: 'another patient' }, eventId: 'e5', recordedAt: at },
  contact('e6', '1992-03-03'),
]);
const folded = history.reduce(applyToRecord, emptyRecord());

describe('an entry is its own payload', () => {
  it('given a recorded contact, then copying, serialising or listing its payload shows the payload alone, and the stamp is read from the entry', () => {
    const entry = folded.entries[3];
    expect(Object.keys(entry.data)).toEqual(['seenOn', 'eventId']);
    expect(JSON.parse(JSON.stringify(entry.data))).toEqual({ seenOn: '1992-03-03', eventId: 'e6' });
    expect({ ...liveFacts(folded).contacts[1] }).toEqual({ seenOn: '1992-03-03', eventId: 'e6' });
    expect(view(entry)).toEqual({
      position: 6,
      recordedAt: '2012-01-06T00:00:00.000Z',
      eventId: 'e6',
      type: 'ContactRecorded',
      data: { seenOn: '1992-03-03', eventId: 'e6' },
      original: { seenOn: '1992-03-03', eventId: 'e6' },
      corrections: [],
      retractions: [],
      retracted: false,
    });
  });

  it('given a corrected and a retracted contact, then the corrected one keeps its original and its correction, and the retracted one is left out of the facts', () => {
    expect(view(folded.entries[1])).toMatchObject({
      data: { seenOn: '1990-01-11', eventId: 'e2' },
      original: { seenOn: '1990-01-01', eventId: 'e2' },
      corrections: [{ position: 4, recordedAt: '2012-01-04T00:00:00.000Z', changes: { seenOn: '1990-01-11' } }],
      retracted: false,
    });
    expect(view(folded.entries[2])).toMatchObject({ retracted: true, retractions: [{ position: 5, recordedAt: '2012-01-05T00:00:00.000Z' }] });
    expect(liveFacts(folded).contacts.map((c) => c.seenOn)).toEqual(['1990-01-11', '1992-03-03']);
  });
});

describe('recordAsKnown', () => {
  const upTo = (position: number) => (s: Stamp) => s.position <= position;
  const foldedUpTo = (position: number) => history.slice(0, position).reduce(applyToRecord, emptyRecord());

  it.each([1, 2, 3, 4, 5, 6])('given the record, when cut at position %i (first entries or each looked at), then it is the record folded from the events up to there', (position) => {
    const expected = foldedUpTo(position);
    const prefix = expected.entries.length;
    for (const cut of [recordAsKnown(folded, upTo(position), prefix), recordAsKnown(folded, upTo(position))]) {
      expect(cut!.entries.map(view)).toEqual(expected.entries.map(view));
      expect(liveFacts(cut!)).toEqual(liveFacts(expected));
      expect([cut!.patientId, cut!.researchAuthorization]).toEqual(['P', 'granted']);
    }
  });
});

describe('liveFactsOf, of a record as a cut that knows its first entries knew it', () => {
  const upTo = (position: number) => (s: Stamp) => s.position <= position;
  // history: 1 enrolment, 2 contact e2 1990-01-01, 3 contact e3 1991-02-02, 4 e2 corrected to 1990-01-11,
  // 5 e3 retracted, 6 contact e6 1992-03-03; a cut at position p knows min(p, 3) or 4 first entries
  const contactsAt = (position: number, firstEntries: number) =>
    liveFactsOf(recordAsKnown(folded, upTo(position), firstEntries)!, 'ContactRecorded').map((c) => ({ ...c }));

  it.each([
    [2, 2, [{ seenOn: '1990-01-01', eventId: 'e2' }]],
    [3, 3, [{ seenOn: '1990-01-01', eventId: 'e2' }, { seenOn: '1991-02-02', eventId: 'e3' }]],
    [4, 3, [{ seenOn: '1990-01-11', eventId: 'e2' }, { seenOn: '1991-02-02', eventId: 'e3' }]],
    [5, 3, [{ seenOn: '1990-01-11', eventId: 'e2' }]],
    [6, 4, [{ seenOn: '1990-01-11', eventId: 'e2' }, { seenOn: '1992-03-03', eventId: 'e6' }]],
  ])('given the record, when cut at position %i (its first %i entries), then the contacts are those the cut knew, corrected and retracted as it knew', (position, firstEntries, expected) => {
    expect(contactsAt(position, firstEntries)).toEqual(expected);
  });

  it('given a fact corrected twice, when the cut knows only the first correction, then the fact carries that one alone', () => {
    const twice = stamped([
      enrolled,
      contact('e2', '1990-01-01'),
      { type: 'EntryCorrected', data: { eventId: 'e2', changes: { seenOn: '1990-01-11' }, reason: 'typo' }, eventId: 'e3', recordedAt: at },
      { type: 'EntryCorrected', data: { eventId: 'e2', changes: { seenOn: '1990-01-21' }, reason: 'typo' }, eventId: 'e4', recordedAt: at },
    ]).reduce(applyToRecord, emptyRecord());
    const seenOn = (position: number) => liveFactsOf(recordAsKnown(twice, upTo(position), 2)!, 'ContactRecorded').map((c) => c.seenOn);
    expect([seenOn(2), seenOn(3), seenOn(4)]).toEqual([['1990-01-01'], ['1990-01-11'], ['1990-01-21']]);
  });

  it('given the live record, then the facts of one type are those liveFacts lists, and of a type it has none of, none', () => {
    expect(liveFactsOf(folded, 'ContactRecorded').map((c) => c.seenOn)).toEqual(['1990-01-11', '1992-03-03']);
    expect(liveFactsOf(folded, 'PatientEnrolled').map((e) => e.patientId)).toEqual(['P']);
    expect(liveFactsOf(folded, 'DeathRecorded')).toEqual([]);
  });
});

describe('the enrolment fact', () => {
  it('given research authorization withdrawn after the enrolment, then the fact says denied while the payload as recorded still says granted; without the change, granted', () => {
    const withdrawn = applyToRecord(foldRecord(emptyRecord(), [enrolled]), {
      type: 'ResearchAuthorizationChanged',
      data: { researchAuthorization: 'denied', reason: 'withdrawn' },
      eventId: 'e2',
      recordedAt: at,
      position: 2,
    } as RecordedPatientEvent);
    expect(liveFacts(withdrawn).enrolment?.researchAuthorization).toBe('denied');
    expect(withdrawn.entries[0].original).toMatchObject({ researchAuthorization: 'granted' });
    expect({ ...liveFacts(foldRecord(emptyRecord(), [enrolled])).enrolment }).toEqual({ ...enrolled.data, eventId: 'e1' });
  });
});
