/**
 * The whole app on EVENT_STORE=eventstoredb: commands, queries, the log-following patient list and the
 * first admin, through HTTP. The node is the in-process gRPC TEST DOUBLE of EventStoreDB
 * (test/support/esdbTestServer), not a real one.
 */
import { UsersService } from '../../src/auth/users.service';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdbTestServer/esdbTestServer';
import { startTestApp, type TestApp } from '../support/testApp';

const enrolment = { patientId: 'MCC-1', sex: 'female', birthDate: '1950-03-04', researchAuthorization: 'granted', treatmentHistory: 'documented' };

describe('the app on EventStoreDB (in-process gRPC TEST DOUBLE, not EventStoreDB)', () => {
  let node: EsdbTestServer;
  let t: TestApp;
  beforeEach(async () => {
    node = await startEsdbTestServer();
    t = await startTestApp({ config: { store: 'eventstoredb', eventStoreUrl: node.url } });
  });
  afterEach(async () => {
    await t.close();
    await node.stop();
  });

  it('records, serves and lists a patient; positions are the node log positions', async () => {
    await t.http().post('/patients').send(enrolment).expect(201);
    const contact = await t.http().post('/patients/MCC-1/contacts').set('If-Match', '0').send({ seenOn: '2000-05-05' }).expect(201);
    await t.http().post('/patients/MCC-1/contacts').set('If-Match', '0').send({ seenOn: '2001-05-05' }).expect(409);

    const onNode = node.log.stream(t.streamOf('MCC-1'))!;
    expect(onNode.map((r) => r.type)).toEqual(['PatientEnrolled', 'ContactRecorded']);
    expect(contact.body).toMatchObject({ patientId: 'MCC-1', revision: 1, position: Number(onNode[1].position) });
    const events = (await t.http().get('/patients/MCC-1/events').expect(200)).body;
    expect(events.map((e: { position: number }) => e.position)).toEqual(onNode.map((r) => Number(r.position)));
    expect((await t.http().get('/patients/MCC-1').expect(200)).body).toMatchObject({ patientId: 'MCC-1', revision: 1 });
    expect((await t.http().get('/patients').expect(200)).body).toMatchObject({ total: 1, items: [{ patientId: 'MCC-1', revision: 1 }] });
  });

  it('creates the first admin in a user stream it reads back', async () => {
    const users = t.app.get(UsersService);
    expect(await users.bootstrapAdmin()).toMatchObject({ userName: 'admin' });
    expect(node.log.stream('user-admin')?.length).toBeGreaterThan(0);
    expect(await users.bootstrapAdmin()).toBeNull();
  });
});
