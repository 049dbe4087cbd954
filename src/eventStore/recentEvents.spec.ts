import type { NewEvent } from './eventStore.port';
import { encodeEvent, type EncodedEvent } from './encodedEvent';
import { RecentEvents } from './recentEvents';
import type { AppendOutcome } from './sqlite.connection';

const event = (eventId: string, data: unknown = { n: 1 }): EncodedEvent => encodeEvent(newEvent(eventId, data));
const newEvent = (eventId: string, data: unknown): NewEvent => ({
  eventId,
  type: 'T',
  schemaVersion: 1,
  data,
  recordedAt: '2024-05-06T07:08:09.123Z',
  recordedBy: 'spec',
  correlationId: 'c',
  causationId: null,
  metadata: {},
});
const placed = (revision: number, positions: number[]): AppendOutcome => ({ ok: true, result: { nextExpectedRevision: revision, position: positions.at(-1)! }, placed: { positions, hashes: positions.map((p) => `h${p}`) } });

describe('RecentEvents', () => {
  it('given commits with a hole (another process appended at 6), when pages are asked for, then they stop at the hole and say whether more of this process lies beyond', () => {
    const recent = new RecentEvents();
    recent.add([{ streamId: 's-1', events: [event('a'), event('b', { gone: undefined, kept: 2 })], expectedRevision: 'no_stream' }], [placed(1, [4, 5])]);
    recent.add(
      [
        { streamId: 's-2', events: [event('c')], expectedRevision: 'no_stream' },
        { streamId: 's-1', events: [event('refused')], expectedRevision: 0 },
      ],
      [placed(0, [7]), { ok: false, error: new Error('stale') }],
    );
    const first = recent.page(3, 10);
    expect(first.events.map((e) => [e.eventId, e.streamId, e.revision, e.position, e.hash])).toEqual([['a', 's-1', 0, 4, 'h4'], ['b', 's-1', 1, 5, 'h5']]);
    expect(first.events[1].data).toStrictEqual({ kept: 2 });
    expect(first.complete).toBe(false);
    expect(recent.page(6, 10)).toMatchObject({ events: [{ eventId: 'c', position: 7, revision: 0 }], complete: true });
    expect(recent.page(3, 1)).toMatchObject({ events: [{ eventId: 'a' }], complete: false });
    expect(recent.page(7, 10)).toEqual({ events: [], complete: true });
    expect(recent.page(1, 10)).toEqual({ events: [], complete: false });
  });

  it('given an append a retry found already in the log (nothing placed), when pages are asked for, then it is not there', () => {
    const recent = new RecentEvents();
    recent.add([{ streamId: 's-1', events: [event('a')], expectedRevision: 'any' }], [{ ok: true, result: { nextExpectedRevision: 0, position: 1 } }]);
    expect(recent.page(0, 10).events).toEqual([]);
  });

  it('given more events than it keeps, when the oldest are asked for, then they are gone and the newest are there', () => {
    const recent = new RecentEvents();
    const positions = Array.from({ length: 5000 }, (_, i) => i + 1);
    recent.add([{ streamId: 's', events: positions.map((p) => event(`e${p}`)), expectedRevision: 'no_stream' }], [placed(4999, positions)]);
    expect(recent.page(0, 10).events).toEqual([]);
    expect(recent.page(4990, 100).events.map((e) => e.position)).toEqual([4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000]);
  });
});
