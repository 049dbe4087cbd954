import { startTestApp, type TestApp } from '../support/testApp';

const enrolment = { patientId: 'MCC-1', sex: 'female', birthDate: '1950-03-04', researchAuthorization: 'granted', treatmentHistory: 'documented' };
const diagnosis = { diagnosisId: 'D2', condition: 'calcinosis_cutis', subtype: 'dystrophic', diagnosedOn: '1995-02-01', confirmedBy: ['biopsy', 'ct'] };
const lesion = { lesionId: 'L1', site: 'hands_feet', onsetOn: '1994-06-01', ulcerated: true, painful: false };
const treatment = { treatmentId: 'T1', indication: 'calcinosis', agent: 'diltiazem', category: 'medical', dose: 240, doseUnit: 'mg/d', startedOn: '1995-03-01', lesionIds: ['L1'] };

describe('patients API (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const enrol = () => t.http().post('/patients').send(enrolment).expect(201);
  const eventCount = async () => (await t.store.readAll()).length;

  it('records a whole history and serves the current state with corrections applied', async () => {
    await enrol();
    await t.http().post('/patients/MCC-1/diagnoses').send(diagnosis).expect(201);
    const lesionAnswer = await t.http().post('/patients/MCC-1/lesions').send(lesion).expect(201);
    await t.http().post('/patients/MCC-1/treatments').send(treatment).expect(201);
    await t.http().post('/patients/MCC-1/treatments/T1/stop').send({ stoppedOn: '1996-01-01' }).expect(201);
    await t.http().post('/patients/MCC-1/treatments/T1/responses').send({ assessedOn: '1996-02-01', grade: 'partial' }).expect(201);
    const contact = await t.http().post('/patients/MCC-1/contacts').send({ seenOn: '2000-05-05' }).expect(201);
    await t.http().post('/patients/MCC-1/contacts').send({ seenOn: '2001-05-05' }).expect(201);
    await t.http().post('/patients/MCC-1/death').send({ diedOn: '2003-03-03', cause: 'sepsis' }).expect(201);
    await t.http().post('/patients/MCC-1/corrections')
      .send({ eventId: lesionAnswer.body.eventIds[0], changes: { site: 'trunk' }, reason: 'chart review: trunk' }).expect(201);
    const retraction = await t.http().post('/patients/MCC-1/retractions')
      .send({ eventId: contact.body.eventIds[0], reason: 'entered for the wrong patient' }).expect(201);
    expect(retraction.body).toMatchObject({ patientId: 'MCC-1', revision: 10, position: 11 });

    const patient = (await t.http().get('/patients/MCC-1').expect(200)).body;
    expect(patient).toMatchObject({ patientId: 'MCC-1', sex: 'female', revision: 10, death: { diedOn: '2003-03-03', cause: 'sepsis' } });
    expect(patient.lesions).toEqual([expect.objectContaining({ lesionId: 'L1', site: 'trunk', corrections: 1 })]);
    expect(patient.treatments[0]).toMatchObject({ treatmentId: 'T1', stoppedOn: '1996-01-01', responses: [expect.objectContaining({ grade: 'partial' })] });
    expect(patient.contacts.map((c: { seenOn: string }) => c.seenOn)).toEqual(['2001-05-05']);
    expect(patient.retractedEventIds).toEqual([contact.body.eventIds[0]]);
  });

  it('stores every event with its full envelope, never changing an earlier one', async () => {
    await enrol();
    await t.http().post('/patients/MCC-1/contacts').send({ seenOn: '2000-05-05' }).expect(201);
    const events = (await t.http().get('/patients/MCC-1/events').expect(200)).body;
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'PatientEnrolled',
      schemaVersion: 1,
      data: enrolment,
      streamId: t.streamOf('MCC-1'),
      revision: 0,
      position: 1,
      recordedAt: '2011-06-30T10:00:00.000Z',
      recordedBy: 'dev-mode',
      correlationId: expect.any(String),
      causationId: null,
      metadata: {},
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(events[1]).toMatchObject({ type: 'ContactRecorded', revision: 1, position: 2, recordedAt: '2011-06-30T10:00:01.000Z' });
  });

  describe('bad input never writes and never answers 500', () => {
    const cases: [string, string, () => object | string, number, string[]][] = [
      ['malformed JSON', '/patients/MCC-1/contacts', () => '{"seenOn": ', 400, []],
      ['an unknown field', '/patients/MCC-1/contacts', () => ({ seenOn: '2000-01-01', visitType: 'x' }), 400, ['visitType']],
      ['an impossible date', '/patients/MCC-1/contacts', () => ({ seenOn: '2021-02-30' }), 400, ['seenOn']],
      ['a wrong type', '/patients/MCC-1/lesions', () => ({ ...lesion, ulcerated: 'yes' }), 400, ['ulcerated']],
      ['an unknown vocabulary term', '/patients/MCC-1/lesions', () => ({ ...lesion, site: 'knee' }), 400, ['site']],
      ['several problems at once', '/patients/MCC-1/treatments', () => ({ ...treatment, dose: -5, startedOn: '1995-13-01', category: 'x' }), 400, ['category', 'dose', 'startedOn']],
      ['a missing field', '/patients/MCC-1/diagnoses', () => ({ ...diagnosis, diagnosedOn: undefined }), 400, ['diagnosedOn']],
      ['a subtype of another condition', '/patients/MCC-1/diagnoses', () => ({ ...diagnosis, subtype: 'classic' }), 400, ['subtype']],
      ['a date before birth', '/patients/MCC-1/contacts', () => ({ seenOn: '1940-01-01' }), 422, []],
      ['a date after the day it is recorded', '/patients/MCC-1/contacts', () => ({ seenOn: '2030-01-01' }), 422, []],
      ['a stop of a course never started', '/patients/MCC-1/treatments/T9/stop', () => ({ stoppedOn: '2000-01-01' }), 404, []],
      ['an unknown patient', '/patients/NOBODY/contacts', () => ({ seenOn: '2000-01-01' }), 404, []],
      ['a correction without a reason', '/patients/MCC-1/corrections', () => ({ eventId: 'x', changes: { seenOn: '2000-01-01' } }), 400, ['reason']],
      ['a correction of an unknown event', '/patients/MCC-1/corrections', () => ({ eventId: 'nope', changes: { seenOn: '2000-01-01' }, reason: 'r' }), 404, []],
      ['a second enrolment', '/patients', () => enrolment, 409, []],
    ];
    it.each(cases)('%s', async (_what, path, body, status, fields) => {
      await enrol();
      const before = await eventCount();
      const payload = body();
      const req = t.http().post(path).set('content-type', 'application/json');
      const answer = await req.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ statusCode: status, message: expect.any(String) });
      expect(answer.text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect((answer.body.details ?? []).map((d: { field: string }) => d.field).sort()).toEqual(fields);
      expect(await eventCount()).toBe(before);
    });

    it('refuses a stop before the start with 422 and a readable reason', async () => {
      await enrol();
      await t.http().post('/patients/MCC-1/lesions').send(lesion).expect(201);
      await t.http().post('/patients/MCC-1/treatments').send(treatment).expect(201);
      const before = await eventCount();
      const answer = await t.http().post('/patients/MCC-1/treatments/T1/stop').send({ stoppedOn: '1995-02-01' }).expect(422);
      expect(answer.body.message).toBe('treatment T1 stop (1995-02-01) is before its start (1995-03-01)');
      expect(await eventCount()).toBe(before);
    });

    it('refuses a duplicate id with 409', async () => {
      await enrol();
      await t.http().post('/patients/MCC-1/lesions').send(lesion).expect(201);
      const answer = await t.http().post('/patients/MCC-1/lesions').send(lesion).expect(409);
      expect(answer.body).toMatchObject({ code: 'conflict', message: 'lesion L1 is already recorded' });
      expect(await eventCount()).toBe(2);
    });
  });

  describe('optimistic concurrency and idempotency', () => {
    it('answers a stale If-Match with 409 and writes nothing; a current one succeeds', async () => {
      await enrol();
      await t.http().post('/patients/MCC-1/contacts').set('If-Match', '0').send({ seenOn: '2000-01-01' }).expect(201);
      const stale = await t.http().post('/patients/MCC-1/contacts').set('If-Match', '0').send({ seenOn: '2000-02-02' }).expect(409);
      expect(stale.body.message).toMatch(/revision 1/);
      expect(await eventCount()).toBe(2);
      const ok = await t.http().post('/patients/MCC-1/contacts').set('If-Match', '"1"').send({ seenOn: '2000-02-02' }).expect(201);
      expect(ok.headers.etag).toBe('"2"');
      await t.http().post('/patients/MCC-1/contacts').set('If-Match', 'abc').send({ seenOn: '2000-03-03' }).expect(400);
    });

    it('returns the first answer to a retried request with the same Idempotency-Key and appends once', async () => {
      await enrol();
      const first = await t.http().post('/patients/MCC-1/contacts').set('Idempotency-Key', 'visit-42').send({ seenOn: '2000-01-01' }).expect(201);
      const retry = await t.http().post('/patients/MCC-1/contacts').set('Idempotency-Key', 'visit-42').send({ seenOn: '2000-01-01' }).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await eventCount()).toBe(2);
    });

    it('serialises concurrent writers on one patient: every accepted write is kept', async () => {
      await enrol();
      const days = Array.from({ length: 12 }, (_, i) => `2000-01-${String(i + 1).padStart(2, '0')}`);
      const answers = await Promise.all(days.map((seenOn) => t.http().post('/patients/MCC-1/contacts').send({ seenOn })));
      expect(answers.map((a) => a.status)).toEqual(days.map(() => 201));
      const events = await t.store.readStream(t.streamOf('MCC-1'));
      expect(events.map((e) => e.revision)).toEqual([...Array(13).keys()]);
      expect(events.slice(1).map((e) => (e.data as { seenOn: string }).seenOn).sort()).toEqual(days);
    });
  });

  it('answers the audit history with values before and after each correction and its reason', async () => {
    await enrol();
    const contact = await t.http().post('/patients/MCC-1/contacts').send({ seenOn: '2000-05-05' }).expect(201);
    await t.http().post('/patients/MCC-1/corrections').send({ eventId: contact.body.eventIds[0], changes: { seenOn: '2000-06-05' }, reason: 'letter was dated June' }).expect(201);
    const history = (await t.http().get('/patients/MCC-1/history').expect(200)).body;
    expect(history.map((h: { description: string }) => h.description)).toEqual([
      'Enrolled patient MCC-1: female, born 1950-03-04; research authorization granted; treatment history documented',
      'Seen alive on 2000-05-05',
      `Corrected ContactRecorded ${contact.body.eventIds[0]}: letter was dated June`,
    ]);
    expect(history[2]).toMatchObject({ recordedBy: 'dev-mode', recordedAt: '2011-06-30T10:00:02.000Z', reason: 'letter was dated June', changes: [{ field: 'seenOn', before: '2000-05-05', after: '2000-06-05' }] });
    expect(history[2].stateAfter.contacts).toEqual([expect.objectContaining({ seenOn: '2000-06-05', corrections: 1 })]);
    await t.http().get('/patients/NOBODY/history').expect(404);
  });

  it('lets writers on different patients proceed side by side without conflicts', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `W${i}`);
    await Promise.all(ids.map((patientId) => t.http().post('/patients').send({ ...enrolment, patientId }).expect(201)));
    const answers = await Promise.all(ids.flatMap((id) => ['2001-01-01', '2002-01-01'].map((seenOn) => t.http().post(`/patients/${id}/contacts`).send({ seenOn }))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const positions = (await t.store.readAll()).map((e) => e.position);
    expect(positions).toEqual([...Array(60).keys()].map((i) => i + 1));
  });

  it('lists patients in pages', async () => {
    for (const id of ['A', 'B', 'C']) await t.http().post('/patients').send({ ...enrolment, patientId: id }).expect(201);
    const page = (await t.http().get('/patients?offset=1&limit=1').expect(200)).body;
    expect(page).toMatchObject({ total: 3, offset: 1, limit: 1, items: [{ patientId: 'B', sex: 'female' }] });
    await t.http().get('/patients?limit=0').expect(400);
    await t.http().get('/patients/NOBODY').expect(404);
  });

  it('serves the OpenAPI document with every patient endpoint', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/patients',
        '/patients/{id}',
        '/patients/{id}/events',
        '/patients/{id}/diagnoses',
        '/patients/{id}/lesions',
        '/patients/{id}/treatments',
        '/patients/{id}/treatments/{treatmentId}/stop',
        '/patients/{id}/treatments/{treatmentId}/responses',
        '/patients/{id}/contacts',
        '/patients/{id}/death',
        '/patients/{id}/corrections',
        '/patients/{id}/retractions',
      ]),
    );
    expect(doc.components.schemas.RecordLesionOnsetDto.properties.site.enum).toEqual(['hands_feet', 'extremity', 'trunk', 'head']);
  });
});
