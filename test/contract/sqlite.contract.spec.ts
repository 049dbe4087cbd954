import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, type StoredEvent } from '../../src/eventStore/eventStore.port';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { verifyLog } from '../../src/eventStore/verifyLog';
import { eventStoreContract, newEvent } from './eventStore.contract';

eventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
  const store = SqliteEventStore.inDirectory(dir);
  return {
    store,
    reopen: async () => SqliteEventStore.inDirectory(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    densePositions: true,
    commitCount: () => store.commitCount,
  };
});

// the server's configuration: the same store with its batches committed on the writer thread
eventStoreContract('sqlite (writer thread)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
  const store = SqliteEventStore.inDirectory(dir, { writerThread: true });
  return {
    store,
    reopen: async () => SqliteEventStore.inDirectory(dir, { writerThread: true }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    densePositions: true,
    commitCount: () => store.commitCount,
  };
});

describe('sqlite adapter', () => {
  it('refuses UPDATE and DELETE on the log, even through SQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
    const store = SqliteEventStore.inDirectory(dir);
    await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
    await store.close();
    const db = new Database(join(dir, 'events.sqlite'));
    expect(() => db.prepare("UPDATE events SET type = 'X'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/never deleted/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets two connections on one file conflict instead of overwriting each other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
    const a = SqliteEventStore.inDirectory(dir);
    const b = SqliteEventStore.inDirectory(dir);
    await a.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
    await expect(b.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' })).rejects.toThrow(/revision 0/);
    await b.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 });
    expect((await a.readStream('patient-1')).map((e) => e.revision)).toEqual([0, 1]);
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe.each([false, true])('live subscription (writer thread: %s)', (writerThread) => {
    it('hands a subscriber exactly what readAll returns: its own commits from memory, another connection\'s from the log', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
      const store = SqliteEventStore.inDirectory(dir, { writerThread });
      const other = SqliteEventStore.inDirectory(dir);
      await store.appendToStream('patient-0', [newEvent()], { expectedRevision: 'no_stream' });
      const seen: StoredEvent[] = [];
      let wanted = 0;
      let arrived = () => undefined as void;
      const subscription = store.subscribeToAll(0, (event) => {
        seen.push(event);
        if (seen.length === wanted) arrived();
      });
      const until = (count: number) => new Promise<void>((resolve) => ((wanted = count), (arrived = resolve), seen.length >= count && resolve()));
      await until(1);
      // one group commit with a refused append, an append of two events, data with an undefined field and a class instance
      class Payload {
        constructor(readonly seenOn: string, readonly note?: string) {}
      }
      await Promise.allSettled([
        store.appendToStream('patient-1', [newEvent('ContactRecorded', new Payload('2001-02-03'))], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-0', [newEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-2', [newEvent('A', { n: 1, gone: undefined }), { ...newEvent('B', { nested: { list: ['x'] } }), causationId: 'c-1', metadata: {} }], { expectedRevision: 'no_stream' }),
      ]);
      await until(4);
      // another connection's append leaves a hole in what this store committed: read from the log
      await other.appendToStream('patient-3', [newEvent('Foreign')], { expectedRevision: 'no_stream' });
      await store.appendToStream('patient-4', [newEvent('After')], { expectedRevision: 'no_stream' });
      await until(6);
      await subscription.close();
      expect(seen.map((e) => e.type)).toEqual(['ContactRecorded', 'ContactRecorded', 'A', 'B', 'Foreign', 'After']);
      expect(seen).toStrictEqual(await store.readAll());
      await other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('group commit', () => {
    let dir: string;
    let store: SqliteEventStore;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
      store = SqliteEventStore.inDirectory(dir);
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a stale or duplicate append of a batch alone and commits the others in one chained transaction', async () => {
      const taken = newEvent();
      await store.appendToStream('patient-0', [taken], { expectedRevision: 'no_stream' });
      const before = store.commitCount;
      const [fresh, stale, raceWon, raceLost, duplicate, twoEvents, duplicateAlone] = await Promise.allSettled([
        store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-0', [newEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-2', [newEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-2', [newEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-3', [newEvent(), { ...taken }], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-4', [newEvent(), newEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-5', [{ ...taken }], { expectedRevision: 'no_stream' }),
      ]);
      expect(store.commitCount - before).toBe(1);
      expect([fresh.status, raceWon.status, twoEvents.status]).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect((stale as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect((raceLost as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect((duplicate as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
      expect((duplicateAlone as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
      // position 1 was patient-0; then patient-1 (2), patient-2 (3), patient-4 (4, 5): the refused ones left no gap
      expect([fresh, raceWon, twoEvents].map((r) => (r as PromiseFulfilledResult<{ position: number }>).value.position)).toEqual([2, 3, 5]);
      expect(await store.readStream('patient-3')).toEqual([]);
      expect(await store.readStream('patient-5')).toEqual([]);
      expect((await store.readAll()).map((e) => [e.streamId, e.position])).toEqual([
        ['patient-0', 1], ['patient-1', 2], ['patient-2', 3], ['patient-4', 4], ['patient-4', 5],
      ]);
      expect(await verifyLog(store)).toMatchObject({ ok: true, checked: 5 });
    });

    it('answers a retried append (same event ids) with the first answer whatever revision it expects, alone or in a batch', async () => {
      const pair = [newEvent(), newEvent()];
      const single = [newEvent()];
      const first = await store.appendToStream('patient-1', pair, { expectedRevision: 'no_stream' });
      const firstSingle = await store.appendToStream('patient-2', single, { expectedRevision: 'no_stream' });
      await expect(store.appendToStream('patient-1', pair, { expectedRevision: 'any' })).resolves.toEqual(first);
      await expect(store.appendToStream('patient-2', single, { expectedRevision: 'stream_exists' })).resolves.toEqual(firstSingle);
      const inBatch = await Promise.allSettled([
        store.appendToStream('patient-1', pair, { expectedRevision: 'any' }),
        store.appendToStream('patient-1', pair, { expectedRevision: 'no_stream' }),
        store.appendToStream('patient-2', single, { expectedRevision: 'any' }),
        // a new event followed by one already in the stream is no retry: refused, nothing written
        store.appendToStream('patient-1', [newEvent(), pair[0]], { expectedRevision: 'any' }),
      ]);
      expect(inBatch.slice(0, 3).map((r) => (r as PromiseFulfilledResult<unknown>).value)).toEqual([first, first, firstSingle]);
      expect((inBatch[3] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
      expect(await store.headPosition()).toBe(3);
    });

    it('answers an append only once its transaction is committed: another connection already sees it', async () => {
      const appended = await Promise.all([0, 1, 2].map((i) => store.appendToStream(`patient-${i}`, [newEvent()], { expectedRevision: 'no_stream' })));
      const other = new Database(join(dir, 'events.sqlite'), { readonly: true });
      expect(other.prepare('SELECT position FROM events ORDER BY position').pluck().all()).toEqual(appended.map((a) => a.position));
      other.close();
    });

    it('commits appends issued in later turns of the event loop in transactions of their own', async () => {
      const before = store.commitCount;
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
      await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 });
      expect(store.commitCount - before).toBe(2);
    });

    it('splits a queue of more than 10,000 events into transactions of at most 10,000, in the order the appends came', async () => {
      const before = store.commitCount;
      const sizes = [6000, 3000, 2000, 500];
      const results = await Promise.all(sizes.map((n, i) => store.appendToStream(`patient-${i}`, Array.from({ length: n }, () => newEvent()), { expectedRevision: 'no_stream' })));
      // 6000 + 3000 fit in one (9000); 2000 more would pass 10,000, so it opens the second with the 500
      expect(store.commitCount - before).toBe(2);
      expect(results.map((r) => r.position)).toEqual([6000, 9000, 11000, 11500]);
      expect(await verifyLog(store)).toMatchObject({ ok: true, checked: 11500 });
    });

    it('hands the writer thread the next batch while it commits one, and it commits them in the order sent', async () => {
      const threadDir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
      const threaded = SqliteEventStore.inDirectory(threadDir, { writerThread: true });
      try {
        const first = [0, 1, 2].map((i) => threaded.appendToStream(`patient-${i}`, Array.from({ length: 9000 }, () => newEvent()), { expectedRevision: 'no_stream' }));
        // queued in a later turn, while the earlier batches are still with the thread: it expects what they write
        const later = new Promise((resolve) => setImmediate(resolve)).then(() => threaded.appendToStream('patient-0', [newEvent()], { expectedRevision: 8999 }));
        const results = await Promise.all([...first, later]);
        expect(results.map((r) => r.position)).toEqual([9000, 18000, 27000, 27001]);
        expect(results[3].nextExpectedRevision).toBe(9000);
        expect(threaded.commitCount).toBe(3); // the later append joins the third batch, which waited for a free place
        expect(await verifyLog(threaded)).toMatchObject({ ok: true, checked: 27001 });
      } finally {
        await threaded.close();
        rmSync(threadDir, { recursive: true, force: true });
      }
    });

    it('commits what was queued before close, then refuses new appends', async () => {
      const queued = store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
      await store.close();
      await expect(queued).resolves.toMatchObject({ position: 1 });
      await expect(store.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 })).rejects.toThrow(/closed/);
      store = SqliteEventStore.inDirectory(dir);
      expect(await store.readStream('patient-1')).toHaveLength(1);
    });
  });
});
