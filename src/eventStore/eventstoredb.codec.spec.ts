import type { RecordedEvent } from '@eventstore/db-client';
import type { NewEvent } from './eventStore.port';
import { positionNumber, readPosition, toCurrentRevision, toEventData, toExpectedRevision, toStoredEvent } from './eventstoredb.codec';

const event: NewEvent = {
  eventId: '4b6f3f5e-8a63-4c6e-9d2f-0c1e2a3b4c5d',
  type: 'DiagnosisRecorded',
  schemaVersion: 2,
  data: { diagnosisId: 'd1', diagnosedOn: '1999-03-04' },
  recordedAt: '2024-05-06T07:08:09.123Z',
  recordedBy: 'user:ana',
  correlationId: 'c-1',
  causationId: null,
  metadata: { importId: 'i-9' },
};

/** What the client hands back for an event written from `toEventData(event)`. */
function recordedFrom(data: ReturnType<typeof toEventData>, position?: bigint): RecordedEvent {
  return {
    streamId: 'tenant-a-patient-42',
    id: data.id,
    revision: 3n,
    type: data.type,
    data: data.data,
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    isJson: true,
    created: new Date('2030-01-01T00:00:00Z'),
    position: position === undefined ? undefined : { commit: position, prepare: position },
  } as RecordedEvent;
}

describe('eventstoredb codec', () => {
  it('round-trips every envelope field, keeping our recordedAt rather than the server clock', () => {
    const stored = toStoredEvent(recordedFrom(toEventData(event), 9_876n), 'patient-42');
    expect(stored).toEqual({ ...event, streamId: 'patient-42', revision: 3, position: 9_876 });
  });

  it('uses the server conventions for correlation and causation and omits an absent causation', () => {
    expect(toEventData(event).metadata).toEqual({
      schemaVersion: 2,
      recordedAt: '2024-05-06T07:08:09.123Z',
      recordedBy: 'user:ana',
      $correlationId: 'c-1',
      metadata: { importId: 'i-9' },
    });
    expect(toEventData({ ...event, causationId: 'e-0' }).metadata).toMatchObject({ $causationId: 'e-0' });
    expect(toEventData(event).id).toBe(event.eventId);
  });

  it('refuses an event written without our envelope', () => {
    const foreign = { ...recordedFrom(toEventData(event), 5n), metadata: undefined } as RecordedEvent;
    expect(() => toStoredEvent(foreign, 'patient-42')).toThrow(/no Cohort Chronicle envelope/);
  });

  it('keeps positions exact up to 2^53 - 1 and refuses larger ones or none', () => {
    expect(positionNumber(2n ** 53n - 1n)).toBe(9_007_199_254_740_991);
    expect(() => positionNumber(2n ** 53n)).toThrow(RangeError);
    expect(() => positionNumber(2n ** 64n - 1n)).toThrow(/22\.6/);
    expect(() => positionNumber(undefined)).toThrow(/no \$all position/);
  });

  it('maps revisions and read positions both ways', () => {
    expect(toExpectedRevision(4)).toBe(4n);
    expect(toExpectedRevision('no_stream')).toBe('no_stream');
    expect(toCurrentRevision(7n)).toBe(7);
    expect(toCurrentRevision('no_stream')).toBe('no_stream');
    expect(readPosition(0)).toBe('start');
    expect(readPosition(1_234)).toEqual({ commit: 1_234n, prepare: 1_234n });
  });
});
