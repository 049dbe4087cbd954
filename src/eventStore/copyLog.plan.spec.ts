import type { StoredEvent } from './eventStore.port';
import { prefixDivergence, streamRuns, toNewEvent } from './copyLog.plan';

const event = (streamId: string, revision: number, position: number, eventId = `${streamId}#${revision}`): StoredEvent => ({
  eventId,
  type: 'ContactRecorded',
  schemaVersion: 2,
  data: { seenOn: '2001-05-0' + (revision + 1) },
  recordedAt: '2012-01-01T00:00:00.000Z',
  recordedBy: 'acceptance',
  correlationId: 'c-1',
  causationId: revision === 0 ? null : `${streamId}#${revision - 1}`,
  metadata: { importId: 'i-7' },
  streamId,
  revision,
  position,
  hash: 'f'.repeat(64),
});

describe('toNewEvent', () => {
  it('keeps the whole envelope and payload, and drops what belongs to the source store (position, hash, stream, revision)', () => {
    expect(toNewEvent(event('patient-A', 1, 9))).toEqual({
      eventId: 'patient-A#1',
      type: 'ContactRecorded',
      schemaVersion: 2,
      data: { seenOn: '2001-05-02' },
      recordedAt: '2012-01-01T00:00:00.000Z',
      recordedBy: 'acceptance',
      correlationId: 'c-1',
      causationId: 'patient-A#0',
      metadata: { importId: 'i-7' },
    });
  });
});

describe('streamRuns', () => {
  it('cuts a page into runs of consecutive events of one stream, in log order, each expecting the revision before it', () => {
    const page = [event('patient-A', 0, 1), event('patient-A', 1, 2), event('patient-B', 0, 3), event('patient-A', 2, 4), event('patient-A', 3, 5)];
    expect(streamRuns(page).map((r) => ({ streamId: r.streamId, expectedRevision: r.expectedRevision, ids: r.events.map((e) => e.eventId) }))).toEqual([
      { streamId: 'patient-A', expectedRevision: 'no_stream', ids: ['patient-A#0', 'patient-A#1'] },
      { streamId: 'patient-B', expectedRevision: 'no_stream', ids: ['patient-B#0'] },
      { streamId: 'patient-A', expectedRevision: 1, ids: ['patient-A#2', 'patient-A#3'] },
    ]);
  });

  it('starts a run mid-stream (a page that begins inside a run) with the revision before its first event', () => {
    expect(streamRuns([event('patient-A', 5, 40)]).map((r) => r.expectedRevision)).toEqual([4]);
  });

  it('gives no run for an empty page', () => {
    expect(streamRuns([])).toEqual([]);
  });
});

describe('prefixDivergence', () => {
  const source = [event('patient-A', 0, 1), event('patient-B', 0, 2), event('patient-A', 1, 3)];

  it('accepts a target that holds the source events in the same order, whatever its positions and hashes', () => {
    const target = source.slice(0, 2).map((e, i) => ({ ...e, position: 1000 * (i + 1), hash: undefined }));
    expect(prefixDivergence(source, target, 0)).toBeNull();
  });

  it('names the place, stream and ids where the target holds another event', () => {
    const target = [source[0], event('patient-B', 0, 2, 'other-id')];
    expect(prefixDivergence(source, target, 10)).toBe(
      "event 12 of the target's log (patient-B revision 0, id other-id) is not the source's event at that place (patient-B revision 0, id patient-B#0)",
    );
  });

  it('refuses the same event id with another payload', () => {
    const target = [{ ...source[0], data: { seenOn: '1999-01-01' } }];
    expect(prefixDivergence(source, target, 0)).toBe(
      "event 1 of the target's log (patient-A revision 0, id patient-A#0) has a different envelope or payload than the source's event at that place (patient-A revision 0, id patient-A#0)",
    );
  });

  it('refuses the same event id with another recordedAt (a re-stamped copy)', () => {
    expect(prefixDivergence(source, [{ ...source[0], recordedAt: '2026-11-25T00:00:00.000Z' }], 0)).toMatch(/different envelope/);
  });

  it('refuses a target that holds more events than the source', () => {
    expect(prefixDivergence(source.slice(0, 1), source.slice(0, 2), 0)).toBe(
      "event 2 of the target's log (patient-B revision 0, id patient-B#0) is not in the source: the target holds more events than the source",
    );
  });
});
