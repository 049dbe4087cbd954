import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyCohort, foldCohort, type KnowledgeCut, type LoggedPatientEvent } from '../../projections/cohort.fold';
import { allDatasets, histories } from '../../projections/histories.specification';
import type { EventStore } from '../eventStore/eventStore.port';
import { MemoryEventStore } from '../eventStore/memory.adapter';
import { patientStreamId } from '../patients/patient.events';
import { CohortFollower } from './cohort.follower';
import { cohortAtCut } from './history.cut';
import { toLoggedPatientEvent } from './loggedEvent';
import { MemoryReadModelStorage, type ReadModelStorage } from './readModel.storage';
import { SqliteReadModelStorage } from './readModel.sqlite';

const folder = mkdtempSync(join(tmpdir(), 'cc-history-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

/** How to make a storage, and how to open it again as a restarted process would. */
const storages: [string, () => ReadModelStorage, (storage: ReadModelStorage) => ReadModelStorage][] = [
  ['memory', () => new MemoryReadModelStorage(1), (storage) => storage],
  [
    'sqlite',
    () => new SqliteReadModelStorage(join(folder, `g${++files}.sqlite`), 1),
    (storage) => (storage.close(), new SqliteReadModelStorage((storage as SqliteReadModelStorage).file, 1)),
  ],
];

/** The events in a store, one append each, with an event of another stream every `every` events. */
async function storeOf(events: readonly LoggedPatientEvent[], every: number): Promise<EventStore> {
  const store = new MemoryEventStore();
  for (const [i, { patientId, event }] of events.entries()) {
    const { type, data, eventId, recordedAt } = event;
    const envelope = { schemaVersion: 1, recordedAt, recordedBy: 'test', correlationId: 'c', causationId: null, metadata: {} };
    await store.appendToStream(patientStreamId(patientId), [{ ...envelope, eventId, type, data }], { expectedRevision: 'any' });
    if (i % every === 0) await store.appendToStream('user-someone', [{ ...envelope, eventId: `u${i}`, type: 'ApiKeyIssued', data: {} }], { expectedRevision: 'any' });
  }
  return store;
}

const logged = async (store: EventStore) => (await store.readAll()).map(toLoggedPatientEvent).filter((e) => e !== null);

describe.each(storages)('historical cuts from the live records of a %s read model', (_kind, storageOf, reopen) => {
  // In order, most records are cut by bisecting their entries; out of order, by looking at each stamp.
  it.each([
    ['moving forward', false],
    ['sometimes going back', true],
  ])('answer like folding the whole log with the cut, at every position and instant, with recordedAt %s', async (_order, outOfOrder) => {
    await fc.assert(
      fc.asyncProperty(histories({ outOfOrder }), fc.integer({ min: 2, max: 7 }), async (events, every) => {
        const store = await storeOf(events, every);
        const follower = new CohortFollower(storageOf());
        await follower.readToHead(store);
        const all = await logged(store);
        const cuts: KnowledgeCut[] = [
          ...Array.from({ length: follower.position + 1 }, (_, atPosition) => ({ atPosition })),
          ...all.map((e) => ({ knownAt: e.event.recordedAt })),
        ];
        for (const cut of cuts) {
          const got = cohortAtCut(cut, { records: follower.records, marks: follower.marks, position: follower.position });
          const expected = foldCohort(emptyCohort(), all, cut);
          expect([cut, allDatasets(got), got.eventsFolded]).toEqual([cut, allDatasets(expected), expected.eventsFolded]);
        }
        follower.storage.close();
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('answer the same when the live records are listed in another order than the marks (each record is then looked up by id)', async () => {
    await fc.assert(
      fc.asyncProperty(histories(), async (events) => {
        const store = await storeOf(events, 3);
        const follower = new CohortFollower(storageOf());
        await follower.readToHead(store);
        const all = await logged(store);
        const records = new Map([...follower.records].reverse());
        for (const cut of [{ atPosition: Math.ceil(follower.position / 2) }, { knownAt: all[all.length >> 1].event.recordedAt }, {}]) {
          const got = cohortAtCut(cut, { records, marks: follower.marks, position: follower.position });
          const expected = foldCohort(emptyCohort(), all, cut);
          expect([cut, allDatasets(got), got.eventsFolded]).toEqual([cut, allDatasets(expected), expected.eventsFolded]);
          // datasets name a patient by the record's id: each stream's record must be its own
          for (const [id, record] of got.records) expect([id, record.patientId]).toEqual([id, expected.records.get(id)?.patientId]);
        }
        follower.storage.close();
      }),
      { numRuns: 8 },
    );
  });

  it('a follower stopped half-way and opened again on its storage ends like one that folded everything at once', async () => {
    await fc.assert(
      fc.asyncProperty(histories(), fc.nat(), async (events, k) => {
        const store = await storeOf(events, 5);
        const storage = storageOf();
        const first = new CohortFollower(storage);
        const page = await store.readAll({ maxCount: k % (events.length + 1) });
        first.apply(page);
        first.apply(page.slice(0, 3)); // replayed events are ignored
        const reopened = new CohortFollower(reopen(storage));
        await reopened.readToHead(store);
        expect(allDatasets(reopened.state)).toBe(allDatasets(foldCohort(emptyCohort(), await logged(store))));
        expect(reopened.state.eventsFolded).toBe(events.length);
        reopened.storage.close();
      }),
      { numRuns: 40 },
    );
  });
});
