/**
 * The one contract every event store adapter must pass. Each adapter's spec calls it with a factory;
 * `reopen` (for durable adapters) opens a new store on the same data after `close`.
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore, type NewEvent } from '../../src/eventStore/eventStore.port';

export interface ContractSubject {
  store: EventStore;
  reopen?: () => Promise<EventStore>;
  cleanup?: () => Promise<void>;
  /** positions are 1, 2, 3, ... with no gaps (not EventStoreDB's, which are byte offsets in its log) */
  densePositions?: boolean;
  /** transactions committed so far, for a store that groups concurrent appends into one */
  commitCount?: () => number;
}

export const newEvent = (type = 'ContactRecorded', data: unknown = { seenOn: '2001-01-01' }): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  recordedAt: '2024-05-06T07:08:09.123Z',
  recordedBy: 'contract',
  correlationId: randomUUID(),
  causationId: null,
  metadata: { idempotencyKey: 'k-1' },
});

export function eventStoreContract(adapter: string, open: () => Promise<ContractSubject>): void {
  describe(`event store contract: ${adapter}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup?.();
    });

    it('appends to a new stream and reads it back with every envelope field', async () => {
      const events = [newEvent('A', { n: 1 }), newEvent('B', { n: 2, nested: { list: ['x'] } })];
      const result = await store.appendToStream('patient-1', events, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1);
      const read = await store.readStream('patient-1');
      expect(read).toEqual(events.map((e, i) => ({ ...e, streamId: 'patient-1', revision: i, position: read[i].position, hash: read[i].hash })));
      expect(read[1].position).toBe(result.position);
      expect(read[1].position).toBeGreaterThan(read[0].position);
    });

    it('reads a stream that does not exist as empty', async () => {
      await expect(store.readStream('patient-none')).resolves.toEqual([]);
      await expect(store.headPosition()).resolves.toBe(0);
    });

    it('refuses a stale expected revision and writes nothing', async () => {
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
      await expect(store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.appendToStream('patient-1', [newEvent()], { expectedRevision: 5 })).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.appendToStream('patient-2', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.appendToStream('patient-2', [newEvent()], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream('patient-1')).toHaveLength(1);
      expect(await store.readStream('patient-2')).toHaveLength(0);
      expect(await store.headPosition()).toBe((await store.readStream('patient-1'))[0].position);
    });

    it('appends at an exact revision and with any', async () => {
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 });
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'any' });
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'stream_exists' });
      expect((await store.readStream('patient-1')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('lets exactly one of many concurrent appends at one revision win', async () => {
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 })),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(rejected).toHaveLength(19);
      rejected.forEach((r) => expect(r.reason).toBeInstanceOf(ConcurrencyError));
      expect(await store.readStream('patient-1')).toHaveLength(2);
    });

    it('appends 50 concurrent appends to 50 streams, each once, in one log order', async () => {
      await store.appendToStream('patient-before', [newEvent()], { expectedRevision: 'no_stream' });
      const commitsBefore = subject.commitCount?.();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.appendToStream(`patient-c${i}`, [newEvent('C', { i })], { expectedRevision: 'no_stream' })),
      );
      expect(results.every((r) => r.nextExpectedRevision === 0)).toBe(true);
      const positions = results.map((r) => r.position).sort((a, b) => a - b);
      expect(new Set(positions).size).toBe(50);
      const all = await store.readAll({ after: (await store.readStream('patient-before'))[0].position });
      expect(all.map((e) => e.position)).toEqual(positions);
      expect(all.map((e) => (e.data as { i: number }).i).sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
      if (subject.densePositions) expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => positions[0] + i));
      // Issued in the same tick, they share one transaction (one fsync) where the store groups commits.
      if (commitsBefore !== undefined) expect(subject.commitCount!() - commitsBefore).toBe(1);
    });

    it('treats a retried append of the same event ids as done', async () => {
      const events = [newEvent(), newEvent()];
      const first = await store.appendToStream('patient-1', events, { expectedRevision: 'no_stream' });
      const again = await store.appendToStream('patient-1', events, { expectedRevision: 'no_stream' });
      expect(again).toEqual(first);
      expect(await store.readStream('patient-1')).toHaveLength(2);
    });

    it('reads the whole log in order from a position', async () => {
      await store.appendToStream('patient-a', [newEvent('A1')], { expectedRevision: 'no_stream' });
      await store.appendToStream('patient-b', [newEvent('B1'), newEvent('B2')], { expectedRevision: 'no_stream' });
      await store.appendToStream('patient-a', [newEvent('A2')], { expectedRevision: 0 });
      const all = await store.readAll();
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(4);
      expect((await store.readAll({ after: positions[1] })).map((e) => e.type)).toEqual(['B2', 'A2']);
      expect((await store.readAll({ after: positions[0], maxCount: 2 })).map((e) => e.type)).toEqual(['B1', 'B2']);
      expect(await store.readAll({ after: positions[3] })).toEqual([]);
      expect(await store.headPosition()).toBe(positions[3]);
    });

    it('holds a 10,000-event stream with contiguous revisions', async () => {
      let expected: number | 'no_stream' = 'no_stream';
      for (let batch = 0; batch < 20; batch++) {
        const events = Array.from({ length: 500 }, (_, i) => newEvent('ContactRecorded', { i: batch * 500 + i }));
        expected = (await store.appendToStream('patient-long', events, { expectedRevision: expected })).nextExpectedRevision;
      }
      const read = await store.readStream('patient-long');
      expect(read).toHaveLength(10_000);
      expect(read.every((e, i) => e.revision === i && (e.data as { i: number }).i === i)).toBe(true);
      expect((await store.readStream('patient-long', { fromRevision: 9_998 })).map((e) => e.revision)).toEqual([9_998, 9_999]);
    });

    it('delivers the log to a subscriber: catch-up, then live, in order', async () => {
      await store.appendToStream('patient-1', [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' });
      const seen: string[] = [];
      const live = new Promise<void>((resolve) => {
        const subscription = store.subscribeToAll(0, (event) => {
          seen.push(event.type);
          if (seen.length === 4) void subscription.close().then(resolve);
        });
      });
      await new Promise((r) => setTimeout(r, 20));
      await store.appendToStream('patient-2', [newEvent('C'), newEvent('D')], { expectedRevision: 'no_stream' });
      await live;
      expect(seen).toEqual(['A', 'B', 'C', 'D']);
    });

    it('resumes a subscription strictly after a checkpoint position', async () => {
      await store.appendToStream('patient-1', [newEvent('A'), newEvent('B'), newEvent('C')], { expectedRevision: 'no_stream' });
      const checkpoint = (await store.readStream('patient-1'))[1].position;
      const seen: string[] = [];
      await new Promise<void>((resolve) => {
        const subscription = store.subscribeToAll(checkpoint, (event) => {
          seen.push(event.type);
          if (event.type === 'D') void subscription.close().then(resolve);
        });
        void store.appendToStream('patient-2', [newEvent('D')], { expectedRevision: 'no_stream' });
      });
      expect(seen).toEqual(['C', 'D']);
    });

    it('reads a stream from a revision past its end as empty', async () => {
      await store.appendToStream('patient-1', [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      await expect(store.readStream('patient-1', { fromRevision: 2 })).resolves.toEqual([]);
      expect((await store.readStream('patient-1', { fromRevision: 1 })).map((e) => e.revision)).toEqual([1]);
    });

    it('keeps every event across close and reopen', async () => {
      if (!subject.reopen) return; // an in-memory store has nothing to reopen
      const events = [newEvent(), newEvent()];
      await store.appendToStream('patient-1', events, { expectedRevision: 'no_stream' });
      await store.close();
      store = await subject.reopen();
      expect((await store.readStream('patient-1')).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 1 });
      expect(await store.readStream('patient-1')).toHaveLength(3);
    });
  });
}
