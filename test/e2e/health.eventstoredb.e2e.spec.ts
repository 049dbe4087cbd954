/**
 * The app on EVENT_STORE=eventstoredb starts while the node is unreachable, says so on /health with 503,
 * and recovers by itself once the node answers. The node is the in-process gRPC TEST DOUBLE of EventStoreDB
 * (test/support/esdbTestServer), not a real one.
 */
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdbTestServer/esdbTestServer';
import { startTestApp, type TestApp } from '../support/testApp';

describe('GET /health on EventStoreDB (in-process gRPC TEST DOUBLE, not EventStoreDB)', () => {
  let app: TestApp;
  let node: EsdbTestServer | undefined;
  afterEach(async () => {
    await app?.close();
    await node?.stop();
  });

  it('answers 503 with the reason while the node is down, then 200 once it is up, without a restart', async () => {
    const probe = await startEsdbTestServer();
    await probe.stop(); // a port where nothing listens yet
    app = await startTestApp({ config: { store: 'eventstoredb', eventStoreUrl: `esdb://127.0.0.1:${probe.port}?tls=false` } });

    const down = await app.http().get('/health');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body).toMatchObject({
      status: 'unavailable',
      store: 'eventstoredb',
      connection: { state: 'unavailable', target: `esdb://127.0.0.1:${probe.port}` },
    });
    expect(down.body.message).toMatch(new RegExp(`^EventStoreDB at esdb://127.0.0.1:${probe.port} is unreachable \\(.*\\); the next request tries again$`));

    node = await startEsdbTestServer({ port: probe.port });
    let up = await app.http().get('/health');
    for (let attempt = 0; up.status !== 200 && attempt < 100; attempt++) {
      await new Promise((r) => setTimeout(r, 50));
      up = await app.http().get('/health');
    }
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', store: 'eventstoredb', connection: { state: 'connected' }, headPosition: 0 });
  });

  it('reports an embedded store as such', async () => {
    app = await startTestApp();
    const answer = await app.http().get('/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'ok', store: 'memory', connection: { state: 'embedded' }, headPosition: 0 });
  });
});
