/**
 * The gRPC TEST DOUBLE of EventStoreDB checked on its own, through the real client, against the server
 * behaviour it claims to reproduce (the adapter's contract suite is only as good as this).
 */
import { BACKWARDS, END, EventStoreDBClient, WrongExpectedVersionError, eventTypeFilter, jsonEvent, streamNameFilter } from '@eventstore/db-client';
import type { Filter, ReadPosition } from '@eventstore/db-client';
import { startEsdbTestServer, type EsdbTestServer } from './esdbTestServer';

const event = (type: string, id?: string) => jsonEvent({ type, data: { type }, ...(id ? { id } : {}) });

describe('EventStoreDB gRPC TEST DOUBLE', () => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    server = await startEsdbTestServer();
    client = EventStoreDBClient.connectionString(server.url);
  });
  afterEach(async () => {
    await client.dispose();
    await server.stop();
  });

  const types = async (read: AsyncIterable<{ event?: { type: string } }>) => {
    const out: string[] = [];
    for await (const resolved of read) out.push(resolved.event!.type);
    return out;
  };

  it('reads a stream forwards and backwards from a revision or an end', async () => {
    await client.appendToStream('s-1', ['A', 'B', 'C', 'D'].map((t) => event(t)));
    expect(await types(client.readStream('s-1', { fromRevision: 1n, maxCount: 2 }))).toEqual(['B', 'C']);
    expect(await types(client.readStream('s-1', { direction: BACKWARDS, fromRevision: END, maxCount: 3 }))).toEqual(['D', 'C', 'B']);
    expect(await types(client.readStream('s-1', { direction: BACKWARDS, fromRevision: 1n }))).toEqual(['B', 'A']);
  });

  it('reads $all forwards from a position inclusively and backwards from it exclusively, system records included', async () => {
    await client.appendToStream('s-1', ['A', 'B', 'C'].map((t) => event(t)));
    const positions = server.log.stream('s-1')!.map((r) => ({ commit: r.position, prepare: r.position }));
    expect(await types(client.readAll({ fromPosition: positions[1] }))).toEqual(['B', 'C']);
    expect(await types(client.readAll({ fromPosition: positions[1], direction: BACKWARDS }))).toEqual(['A', '$metadata', 'update-default-acl']);
  });

  it('treats the same ids at the same place as already written, and a partial repeat as a wrong expected version', async () => {
    const ids = ['0f8b7c1e-1111-4a4a-8b8b-000000000001', '0f8b7c1e-1111-4a4a-8b8b-000000000002'];
    const first = await client.appendToStream('s-1', [event('A', ids[0]), event('B', ids[1])], { expectedRevision: 'no_stream' });
    await expect(client.appendToStream('s-1', [event('A', ids[0]), event('B', ids[1])], { expectedRevision: 'any' })).resolves.toEqual(first);
    await expect(client.appendToStream('s-1', [event('A', ids[0])], { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextExpectedRevision: 0n });
    await expect(client.appendToStream('s-1', [event('A', ids[0]), event('X')], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(client.appendToStream('s-1', [event('A', ids[0]), event('X')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(server.log.stream('s-1')).toHaveLength(2);
  });

  it('subscribes to $all after a position, from the end, and with stream-name regex or event-type filters', async () => {
    await client.appendToStream('s-1', [event('A'), event('B')]);
    const afterA = { commit: server.log.stream('s-1')![0].position, prepare: server.log.stream('s-1')![0].position };
    const firstTypes = async (fromPosition: ReadPosition, count: number, filter?: Filter) => {
      const subscription = client.subscribeToAll({ fromPosition, filter });
      const seen: string[] = [];
      for await (const resolved of subscription) if (seen.push(resolved.event!.type) === count) break;
      await subscription.unsubscribe();
      return seen;
    };
    const fromEnd = firstTypes(END, 1, streamNameFilter({ regex: '^other-' }));
    const byType = firstTypes(afterA, 2, eventTypeFilter({ prefixes: ['B', 'C'] }));
    await new Promise((r) => setTimeout(r, 50));
    await client.appendToStream('other-1', event('C'));
    expect(await fromEnd).toEqual(['C']);
    expect(await byType).toEqual(['B', 'C']);
  });
});
