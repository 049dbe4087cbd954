/**
 * The shared event store contract, run against the EventStoreDB adapter.
 *
 * Without EVENTSTORE_URL (CI, this machine: no server binary, no Docker) the adapter talks to an in-process
 * gRPC TEST DOUBLE of EventStoreDB (test/support/esdbTestServer), not to EventStoreDB: it shows the adapter
 * keeps the port's contract over the real client and the server's documented semantics as the double
 * reproduces them. With EVENTSTORE_URL set (`docker compose run --rm tests`) the same suite runs against that
 * real node, each test in a stream namespace of its own since the node's log outlives the test.
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '../../src/eventStore/eventstoredb.adapter';
import { redactedTarget } from '../../src/eventStore/eventstoredb.connection';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdbTestServer/esdbTestServer';
import { eventStoreContract } from './eventStore.contract';

const realNode = process.env.EVENTSTORE_URL;
const open = (connectionString: string, namespace?: string) => async () =>
  new EventStoreDbEventStore({ connectionString, streamPrefixes: ['patient-'], namespace });

if (realNode) {
  eventStoreContract(`eventstoredb on the REAL node at ${redactedTarget(realNode)}`, async () => {
    const reopen = open(realNode, `contract-${randomUUID().slice(0, 8)}-`);
    return { store: await reopen(), reopen };
  });
} else {
  eventStoreContract('eventstoredb on the in-process gRPC TEST DOUBLE (not EventStoreDB), appending via BatchAppend as 21.10+ nodes', async () => {
    const server = await startEsdbTestServer();
    const reopen = open(server.url);
    return { store: await reopen(), reopen, cleanup: server.stop };
  });

  eventStoreContract('eventstoredb on the in-process gRPC TEST DOUBLE (not EventStoreDB), appending via Append as 20.x nodes', async () => {
    const server = await startEsdbTestServer({ features: false });
    const reopen = open(server.url);
    return { store: await reopen(), reopen, cleanup: server.stop };
  });

  describe('with one node shared by every test, as a real node is', () => {
    let shared: EsdbTestServer;
    beforeAll(async () => (shared = await startEsdbTestServer()));
    afterAll(() => shared.stop());
    eventStoreContract('eventstoredb on the in-process gRPC TEST DOUBLE (not EventStoreDB), one namespace per test', async () => {
      const reopen = open(shared.url, `contract-${randomUUID().slice(0, 8)}-`);
      return { store: await reopen(), reopen };
    });
  });
}
