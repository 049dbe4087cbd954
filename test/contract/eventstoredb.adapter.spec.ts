/**
 * What the EventStoreDB adapter does beyond the shared contract: how events sit on the server, `$all` with
 * foreign and system events, pages, dropped connections. All against the in-process gRPC TEST DOUBLE of
 * EventStoreDB (test/support/esdbTestServer), not a real node.
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { ConcurrencyError, StoreUnavailableError, type StoredEvent } from '../../src/eventStore/eventStore.port';
import { EventStoreDbEventStore } from '../../src/eventStore/eventstoredb.adapter';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdbTestServer/esdbTestServer';
import { newEvent } from './eventStore.contract';

const openStore = (url: string) => new EventStoreDbEventStore({ connectionString: url, streamPrefixes: ['patient-'] });

/** Retries `work` until it resolves: a client dials a restarted node again on its next call. */
async function eventually<T>(work: () => Promise<T>, attempts = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('eventstoredb adapter on the in-process gRPC TEST DOUBLE (not EventStoreDB)', () => {
  let server: EsdbTestServer;
  let store: EventStoreDbEventStore;
  beforeEach(async () => {
    server = await startEsdbTestServer();
    store = openStore(server.url);
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('writes our event id as the server event id and the envelope as JSON metadata', async () => {
    const event = { ...newEvent('PatientEnrolled', { sex: 'F' }), causationId: 'cause-1' };
    await store.appendToStream('patient-7', [event], { expectedRevision: 'no_stream' });
    const record = server.log.stream('patient-7')![0];
    expect(record.eventId).toBe(event.eventId);
    expect(record.contentType).toBe('application/json');
    expect(JSON.parse(Buffer.from(record.data).toString())).toEqual({ sex: 'F' });
    expect(JSON.parse(Buffer.from(record.customMetadata).toString())).toEqual({
      schemaVersion: 1,
      recordedAt: event.recordedAt,
      recordedBy: 'contract',
      $correlationId: event.correlationId,
      $causationId: 'cause-1',
      metadata: { idempotencyKey: 'k-1' },
    });
  });

  it('gives each event its $all commit position and reports the actual revision on a conflict', async () => {
    const result = await store.appendToStream('patient-1', [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
    const positions = server.log.stream('patient-1')!.map((r) => Number(r.position));
    expect((await store.readStream('patient-1')).map((e) => e.position)).toEqual(positions);
    expect(result.position).toBe(positions[1]);
    expect(positions[1] - positions[0]).toBeGreaterThan(1); // byte offsets, not a counter
    await expect(store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' })).rejects.toEqual(
      new ConcurrencyError('patient-1', 'no_stream', 1),
    );
  });

  it('reads the position back when a server answers an already-written append without one', async () => {
    server.log.idempotentAppendsHavePositions = false;
    const events = [newEvent(), newEvent()];
    const first = await store.appendToStream('patient-1', events, { expectedRevision: 'no_stream' });
    await expect(store.appendToStream('patient-1', events, { expectedRevision: 'no_stream' })).resolves.toEqual(first);
    await expect(store.appendToStream('patient-1', events, { expectedRevision: 'any' })).resolves.toEqual(first);
  });

  it('leaves system events and foreign streams out of readAll, headPosition and subscriptions', async () => {
    const foreign = EventStoreDBClient.connectionString(server.url);
    await store.appendToStream('patient-1', [newEvent('A')], { expectedRevision: 'no_stream' });
    await foreign.appendToStream('billing-1', jsonEvent({ type: 'Invoiced', data: {} }));
    await foreign.appendToStream('$$patient-1', jsonEvent({ type: '$metadata', data: {} }));
    const ours = (await store.readStream('patient-1'))[0];
    expect((await store.readAll()).map((e) => e.type)).toEqual(['A']);
    expect(await store.headPosition()).toBe(ours.position);
    await store.appendToStream('patient-2', [newEvent('B')], { expectedRevision: 'no_stream' });
    const seen = await collect(store, 0, 2);
    expect(seen.map((e) => e.type)).toEqual(['A', 'B']);
    await foreign.dispose();
  });

  it('refuses to write a stream outside its prefixes, which its $all readers would never see', async () => {
    await expect(store.appendToStream('billing-1', [newEvent()], { expectedRevision: 'any' })).rejects.toThrow(/outside the stream prefixes patient-/);
    expect(server.log.stream('billing-1')).toBeUndefined();
  });

  it('reads $all in pages: after, maxCount and the head across more events than one page', async () => {
    for (let batch = 0; batch < 5; batch++) {
      const events = Array.from({ length: 500 }, (_, i) => newEvent('ContactRecorded', { i: batch * 500 + i }));
      await store.appendToStream(`patient-${batch}`, events, { expectedRevision: 'no_stream' });
    }
    const all = await store.readAll();
    expect(all.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    const middle = await store.readAll({ after: all[999].position, maxCount: 1200 });
    expect(middle.map((e) => e.position)).toEqual(all.slice(1000, 2200).map((e) => e.position));
    const foreign = EventStoreDBClient.connectionString(server.url);
    await foreign.appendToStream('billing-1', Array.from({ length: 1500 }, () => jsonEvent({ type: 'Invoiced', data: {} })));
    expect(await store.headPosition()).toBe(all[2499].position);
    await foreign.dispose();
  });

  it('answers StoreUnavailableError while the node is down and works again once it is back, without a new store', async () => {
    await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
    await server.stop();
    await expect(store.readStream('patient-1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(store.connection()).toMatchObject({ state: 'unavailable', target: `esdb://127.0.0.1:${server.port}` });
    server = await startEsdbTestServer({ log: server.log, port: server.port });
    await eventually(() => store.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 }));
    expect(await store.readStream('patient-1')).toHaveLength(2);
    expect(store.connection().state).toBe('connected');
  });

  it('keeps a subscription across a node restart: each event once, in order', async () => {
    await store.appendToStream('patient-1', [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' });
    const seen: string[] = [];
    const subscription = store.subscribeToAll(0, (event) => void seen.push(event.type));
    await eventually(async () => expect(seen).toEqual(['A', 'B']));
    await server.stop();
    server = await startEsdbTestServer({ log: server.log, port: server.port });
    await eventually(() => store.appendToStream('patient-1', [newEvent('C')], { expectedRevision: 1 }));
    await store.appendToStream('patient-2', [newEvent('D')], { expectedRevision: 'no_stream' });
    await eventually(async () => expect(seen).toEqual(['A', 'B', 'C', 'D']));
    await subscription.close();
  });

  it('starts a subscription while the node is down and catches up once it is up', async () => {
    await store.appendToStream('patient-1', [newEvent('A')], { expectedRevision: 'no_stream' });
    const first = (await store.readStream('patient-1'))[0];
    await store.appendToStream('patient-1', [newEvent('B')], { expectedRevision: 0 });
    await server.stop();
    const seen: string[] = [];
    const subscription = store.subscribeToAll(first.position, (event) => void seen.push(event.type));
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual([]);
    server = await startEsdbTestServer({ log: server.log, port: server.port });
    await eventually(async () => expect(seen).toEqual(['B']));
    await subscription.close();
  });
});

/** The first `count` events a subscription from `after` delivers. */
function collect(store: EventStoreDbEventStore, after: number, count: number): Promise<StoredEvent[]> {
  return new Promise((resolve) => {
    const seen: StoredEvent[] = [];
    const subscription = store.subscribeToAll(after, (event) => {
      seen.push(event);
      if (seen.length === count) void subscription.close().then(() => resolve(seen));
    });
  });
}
