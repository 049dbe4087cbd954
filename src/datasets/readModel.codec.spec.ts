import { fold } from '../shared/decider';
import type { PatientEvent, RecordedPatientEvent } from '../patients/patient.events';
import { applyToRecord, emptyRecord, type Entry } from '../patients/patient.record';
import { decodeRecord, encodeRecord } from './readModel.codec';

const at = (i: number) => `2012-01-0${i + 1}T00:00:00.000Z`;
const events: PatientEvent[] = [
  { type: 'PatientEnrolled', data: { patientId: 'P1', sex: 'female', birthDate: '1950-03-04', researchAuthorization: 'granted', treatmentHistory: 'documented' } },
  { type: 'ContactRecorded', data: { seenOn: '2011-05-06' } },
  { type: 'ContactRecorded', data: { seenOn: '2011-07-08' } },
  { type: 'EntryCorrected', data: { eventId: 'e1', changes: { seenOn: '2011-05-16' }, reason: 'typo' } },
  { type: 'EntryRetracted', data: { eventId: 'e2', reason: 'another patient' } },
  { type: 'ResearchAuthorizationChanged', data: { researchAuthorization: 'denied', reason: 'withdrew' } },
];
const record = fold(applyToRecord, emptyRecord(), events.map((e, i) => ({ ...e, eventId: `e${i}`, recordedAt: at(i), position: i + 1 }) as RecordedPatientEvent));

describe('the stored form of a patient record', () => {
  it('given a record with a correction, a retraction and an authorization change, when stored and loaded, then it is the same record', () => {
    const loaded = decodeRecord(encodeRecord(record));
    // an entry's own fields are its payload's; its stamp and amendments are read through its getters
    const entryView = ({ position, recordedAt, eventId, type, data, original, corrections, retractions, retracted }: Entry) => ({
      ...{ position, recordedAt, eventId, type, corrections, retractions, retracted },
      ...{ data: { ...data }, original: { ...original } },
    });
    expect(loaded).toEqual(record);
    expect(loaded.entries.map(entryView)).toEqual(record.entries.map(entryView));
    expect(loaded.entries[1].corrections).toEqual([{ position: 4, recordedAt: at(3), changes: { seenOn: '2011-05-16' } }]);
    expect(encodeRecord(loaded)).toBe(encodeRecord(record));
  });

  it('keeps an uncorrected payload once: loaded, its original is its payload and the payload names its entry', () => {
    const stored = JSON.parse(encodeRecord(record));
    expect(stored.entries[0]).toEqual({ position: 1, recordedAt: at(0), type: 'PatientEnrolled', data: { ...events[0].data, eventId: 'e0' }, amendments: null });
    expect(stored.entries[1].amendments.original).toEqual({ seenOn: '2011-05-06', eventId: 'e1' });
    expect(stored.entries[2].amendments).toEqual({ original: null, corrections: [], retractions: [{ position: 5, recordedAt: at(4) }] });
    const loaded = decodeRecord(encodeRecord(record));
    expect(loaded.entries[0].original).toBe(loaded.entries[0].data);
    expect(loaded.entries[1].data).toEqual({ seenOn: '2011-05-16', eventId: 'e1' });
    expect(loaded.entries[2].retracted).toBe(true);
  });

  it('shares one string for a value repeated across records', () => {
    const [a, b] = [decodeRecord(encodeRecord(record)), decodeRecord(encodeRecord(record))];
    expect(a.entries[0].data).not.toBe(b.entries[0].data);
    expect(a.entries[0].data).toEqual(b.entries[0].data);
  });
});
