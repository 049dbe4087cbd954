import type { NewEvent } from '../eventStore/eventStore.port';
import { MemoryEventStore } from '../eventStore/memory.adapter';
import { patientStreamId } from '../patients/patient.events';
import { CohortFollower } from './cohort.follower';
import { MemoryReadModelStorage } from './readModel.storage';

const envelope = { schemaVersion: 1, recordedAt: '2020-01-01T00:00:00.000Z', recordedBy: 'test', correlationId: 'c', causationId: null, metadata: {} };
let ids = 0;
const event = (type: string, data: object): NewEvent => ({ ...envelope, eventId: `e${++ids}`, type, data });
const enrolment = (patientId: string) => event('PatientEnrolled', { patientId, sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' });

describe('the live follower writes its storage in batches', () => {
  it('given a few events folded live, then the storage is written only at close, and a follower opened on it before then folds them again from the log', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream(patientStreamId('P1'), [enrolment('P1'), event('ContactRecorded', { seenOn: '2019-01-01' })], { expectedRevision: 'no_stream' });
    const storage = new MemoryReadModelStorage(1);
    const live = new CohortFollower(storage);
    live.apply(await store.readAll());
    expect([live.position, storage.position()]).toEqual([2, 0]);

    const other = new CohortFollower(storage);
    await other.readToHead(store);
    expect(other.state.eventsFolded).toBe(2);

    live.close();
    expect(storage.position()).toBe(2);
  });

  it('given an identity erased, then the storage is written at once (the plaintext must leave the file)', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream(patientStreamId('P2'), [enrolment('P2')], { expectedRevision: 'no_stream' });
    await store.appendToStream(patientStreamId('P2'), [event('IdentityErased', { mode: 'anonymous', anonymousId: 'erased-00000000-0000-4000-8000-000000000000', reason: 'asked' })], { expectedRevision: 0 });
    const storage = new MemoryReadModelStorage(1);
    const live = new CohortFollower(storage);
    const [first, erasure] = await store.readAll();
    live.apply([first]);
    expect(storage.position()).toBe(0);
    live.apply([erasure]);
    expect(storage.position()).toBe(2);
    expect(storage.loadLatest().records.get('P2')?.patientId).toBe('erased-00000000-0000-4000-8000-000000000000');
  });

  it('given 250 events folded live, then they are written without waiting for close', async () => {
    const store = new MemoryEventStore();
    const contacts = Array.from({ length: 249 }, (_, i) => event('ContactRecorded', { seenOn: new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10) }));
    await store.appendToStream(patientStreamId('P3'), [enrolment('P3'), ...contacts], { expectedRevision: 'no_stream' });
    const storage = new MemoryReadModelStorage(1);
    const live = new CohortFollower(storage);
    const all = await store.readAll();
    live.apply(all.slice(0, 249));
    expect(storage.position()).toBe(0);
    live.apply(all.slice(249));
    await live.written();
    expect(storage.position()).toBe(250);
    expect(storage.loadLatest().records.get('P3')?.entries).toHaveLength(250);
  });

  it('given a background write under way, when an identity is erased, then the write at once takes its patients along and the background write commits nothing', async () => {
    const store = new MemoryEventStore();
    // 1,000 patients enrolled: the background write encodes them 50 at a time
    for (let i = 0; i < 1000; i++) await store.appendToStream(patientStreamId(`Q${i}`), [enrolment(`Q${i}`)], { expectedRevision: 'no_stream' });
    await store.appendToStream(patientStreamId('Q0'), [event('IdentityErased', { mode: 'anonymous', anonymousId: 'erased-00000000-0000-4000-8000-000000000001', reason: 'asked' })], { expectedRevision: 0 });
    const commits: number[] = [];
    const storage = new MemoryReadModelStorage(1);
    const commit = storage.commit.bind(storage);
    storage.commit = (batch) => (commits.push(batch.to), commit(batch));
    const live = new CohortFollower(storage);
    const all = await store.readAll();
    live.apply(all.slice(0, 1000));
    expect(commits).toEqual([]); // under way, not committed
    live.apply(all.slice(1000));
    await live.written();
    expect(commits).toEqual([1001]);
    const written = storage.loadLatest().records;
    expect([written.size, written.get('Q0')?.patientId, written.get('Q999')?.patientId]).toEqual([1000, 'erased-00000000-0000-4000-8000-000000000001', 'Q999']);
  });

  it('given a background write that fails, then the next events are refused with its error', async () => {
    const store = new MemoryEventStore();
    const contacts = Array.from({ length: 1000 }, (_, i) => event('ContactRecorded', { seenOn: new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10) }));
    await store.appendToStream(patientStreamId('P4'), [enrolment('P4'), ...contacts], { expectedRevision: 'no_stream' });
    const storage = new MemoryReadModelStorage(1);
    storage.commit = () => {
      throw new Error('disk full');
    };
    const live = new CohortFollower(storage);
    const all = await store.readAll();
    live.apply(all.slice(0, 1000));
    await live.written();
    expect(() => live.apply(all.slice(1000))).toThrow('disk full');
    expect(live.position).toBe(1000);
  });
});
