import type { RecordedPatientEvent } from './patient.events';
import { patientHistory, type Envelope } from './patient.history';

const at = (i: number) => `2012-01-0${i + 1}T09:00:00.000Z`;
const envelope = (i: number, by = 'nurse'): Envelope => ({ eventId: `e${i}`, revision: i, position: 100 + i, recordedAt: at(i), recordedBy: by, correlationId: `c${i}` });
const given = (events: Omit<RecordedPatientEvent, 'eventId' | 'recordedAt'>[]) =>
  events.map((event, i) => ({ ...event, ...envelope(i, i >= 2 ? 'monitor' : 'nurse') }) as RecordedPatientEvent & Envelope);

describe('patient history', () => {
  const history = patientHistory(
    given([
      { type: 'PatientEnrolled', data: { patientId: 'P1', sex: 'male', birthDate: '1950-05-05', researchAuthorization: 'granted', treatmentHistory: 'documented' } },
      { type: 'LesionOnsetRecorded', data: { lesionId: 'L1', site: 'hands_feet', onsetOn: '1999-01-02', ulcerated: true, painful: null } },
      { type: 'EntryCorrected', data: { eventId: 'e1', changes: { site: 'trunk', painful: true }, reason: 'chart review' } },
      { type: 'EntryCorrected', data: { eventId: 'e1', changes: { site: 'head' }, reason: 'second look' } },
      { type: 'EntryRetracted', data: { eventId: 'e1', reason: 'wrong patient' } },
      { type: 'ResearchAuthorizationChanged', data: { researchAuthorization: 'denied', reason: 'withdrew consent' } },
    ]),
  );

  it('puts every fact in words with who recorded it and when', () => {
    expect(history.map((h) => [h.revision, h.recordedBy, h.recordedAt, h.description])).toEqual([
      [0, 'nurse', at(0), 'Enrolled patient P1: male, born 1950-05-05; research authorization granted; treatment history documented'],
      [1, 'nurse', at(1), 'Lesion L1 (hands_feet) first noted on 1999-01-02; ulcerated, painful not recorded'],
      [2, 'monitor', at(2), 'Corrected LesionOnsetRecorded e1: chart review'],
      [3, 'monitor', at(3), 'Corrected LesionOnsetRecorded e1: second look'],
      [4, 'monitor', at(4), 'Retracted LesionOnsetRecorded e1: wrong patient'],
      [5, 'monitor', at(5), 'Research authorization changed from granted to denied: withdrew consent'],
    ]);
  });

  it('shows each corrected value before and after, and the reason, even across a chain of corrections', () => {
    expect(history[2].changes).toEqual([
      { field: 'site', before: 'hands_feet', after: 'trunk' },
      { field: 'painful', before: null, after: true },
    ]);
    expect(history[3].changes).toEqual([{ field: 'site', before: 'trunk', after: 'head' }]);
    expect(history[3].reason).toBe('second look');
    expect(history[1].reason).toBeNull();
  });

  it('keeps the retracted values visible and gives the state after each event', () => {
    expect(history[4].changes).toContainEqual({ field: 'site', before: 'head', after: null });
    expect(history[1].stateAfter.lesions).toEqual([expect.objectContaining({ site: 'hands_feet', corrections: 0 })]);
    expect(history[3].stateAfter.lesions).toEqual([expect.objectContaining({ site: 'head', painful: true, corrections: 2 })]);
    expect(history[4].stateAfter.lesions).toEqual([]);
    expect(history[5].stateAfter.researchAuthorization).toBe('denied');
  });
});
