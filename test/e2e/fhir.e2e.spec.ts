import { fhirSchemaErrors } from '../support/fhirSchema';
import { appendMayo } from '../support/mayo';
import { startTestApp, type TestApp } from '../support/testApp';

type Entry = { resource: { resourceType: string; id: string; recordedDate?: string; [k: string]: unknown } };
const FHIR_JSON = 'application/fhir+json';
/** Record time differs between two stores; everything else of the record must not. */
const withoutRecordTime = (entries: Entry[]) => entries.map((e) => ({ ...e.resource, recordedDate: undefined }));

describe('FHIR over HTTP (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await appendMayo(t.store);
  });
  afterEach(() => t.close());

  it('given mayo, when $everything of MCC-7866 is read, then a searchset of its 11 resources (patients.csv ... contacts.csv) that the R4 schema accepts', async () => {
    const answer = await t.http().get('/fhir/Patient/MCC-7866/$everything').expect(200);
    expect(answer.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(answer.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 11 });
    const types = (answer.body.entry as Entry[]).map((e) => e.resource.resourceType);
    // 1 patient, D1 + D2 + L1, T1 (diltiazem) + T2 (excision), 2 grades, 3 contacts
    expect(types).toEqual(['Patient', 'Condition', 'Condition', 'Condition', 'MedicationStatement', 'Procedure', 'Observation', 'Observation', 'Encounter', 'Encounter', 'Encounter']);
    expect(fhirSchemaErrors(answer.body)).toEqual([]);
    await t.http().get('/fhir/Patient/MCC-0000/$everything').expect(404);
    // a read of patient data is in the access log before its answer goes out (refusals only on a best-effort basis)
    const accesses = (await t.store.readAll()).filter((e) => e.type === 'DataAccessed').map((e) => e.data as { resource: string; status: number });
    expect(accesses).toContainEqual(expect.objectContaining({ resource: '/fhir/Patient/MCC-7866/$everything', status: 200 }));
  });

  it('given a correction and a retraction, then $everything shows the corrected value, leaves the retracted contact out and has a Provenance for each', async () => {
    const events = (await t.http().get('/patients/MCC-7866/events').expect(200)).body as { eventId: string; type: string; data: { seenOn?: string; lesionId?: string } }[];
    const lesion = events.find((e) => e.type === 'LesionOnsetRecorded')!;
    const contact = events.find((e) => e.type === 'ContactRecorded' && e.data.seenOn === '2004-09-24')!;
    await t.http().post('/patients/MCC-7866/corrections').send({ eventId: lesion.eventId, changes: { site: 'trunk' }, reason: 'site misread' }).expect(201);
    await t.http().post('/patients/MCC-7866/retractions').send({ eventId: contact.eventId, reason: 'another patient' }).expect(201);

    const entries = (await t.http().get('/fhir/Patient/MCC-7866/$everything').expect(200)).body.entry as Entry[];

    expect(entries.find((e) => e.resource.id === 'MCC-7866.lesion.L1')!.resource.bodySite).toMatchObject([{ coding: [{ code: '22943007' }, { code: 'trunk' }] }]);
    expect(entries.some((e) => e.resource.id === 'MCC-7866.contact.2004-09-24')).toBe(false);
    const provenance = entries.filter((e) => e.resource.resourceType === 'Provenance').map((e) => e.resource);
    expect(provenance).toMatchObject([
      { target: [{ reference: 'Condition/MCC-7866.lesion.L1' }], reason: [{ text: 'site misread (changed: site)' }], agent: [{ who: { display: 'dev-mode' } }], activity: { coding: [{ code: 'UPDATE' }] } },
      { target: [{ reference: 'Encounter/MCC-7866.contact.2004-09-24' }], reason: [{ text: 'another patient' }], activity: { coding: [{ code: 'NULLIFY' }] } },
    ]);
    // the amended record exported and posted back to the same store states what the record says: nothing to append
    const back = await t.http().post('/fhir').send({ resourceType: 'Bundle', type: 'collection', entry: entries.map((e) => ({ resource: e.resource })) }).expect(201);
    expect(back.body).toMatchObject({ eventsAppended: 0, unchanged: 1 });
  });

  it('given the $everything Bundle of MCC-7866 posted as a transaction into an empty store, then its record comes back the same, and posting it again appends nothing', async () => {
    const source = (await t.http().get('/fhir/Patient/MCC-7866/$everything').expect(200)).body;
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: (source.entry as Entry[]).map((e) => ({ resource: e.resource, request: { method: 'PUT', url: `${e.resource.resourceType}/${e.resource.id}` } })) };
    const fresh = await startTestApp();
    try {
      const first = await fresh.http().post('/fhir').set('Content-Type', FHIR_JSON).send(JSON.stringify(bundle)).expect(201);
      // 1 enrolment + 2 diagnoses + 1 lesion + 2 starts + 2 stops + 2 grades + 3 contacts
      expect(first.body).toMatchObject({ patients: 1, eventsAppended: 13, corrections: 0, retractions: 0 });
      const again = (await fresh.http().get(`/fhir/Patient/MCC-7866/$everything`).expect(200)).body;
      expect(withoutRecordTime(again.entry)).toEqual(withoutRecordTime(source.entry));
      const second = await fresh.http().post('/fhir').send(bundle).expect(201);
      expect(second.body).toMatchObject({ eventsAppended: 0, unchanged: 1 });
    } finally {
      await fresh.close();
    }
  });

  it('given a Bundle with an unknown resource type and a reference to a missing patient, then 400 names each and nothing is written', async () => {
    const fresh = await startTestApp();
    try {
      const source = (await t.http().get('/fhir/Patient/MCC-7866/$everything').expect(200)).body;
      const entry = [...(source.entry as Entry[]), { resource: { resourceType: 'Flag', id: 'F1' } }, { resource: { resourceType: 'Encounter', id: 'E9', status: 'finished', subject: { reference: 'Patient/MCC-9999' }, period: { start: '2001-01-01' } } }];
      const answer = await fresh.http().post('/fhir').send({ resourceType: 'Bundle', type: 'transaction', entry }).expect(400);
      expect(answer.body.details.map((d: { field: string }) => d.field)).toEqual(['entry[11] (Flag/F1) resourceType', 'entry[12] (Encounter/E9) subject']);
      expect(answer.body.details[1].reason).toMatch(/Patient\/MCC-9999.* is not a Patient of this import/);
      expect(await fresh.store.headPosition()).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('given a course stopped before it started, then the decider\'s refusal is placed on the resource\'s element, not on a CSV column', async () => {
    const source = (await t.http().get('/fhir/Patient/MCC-7866/$everything').expect(200)).body;
    const entry = (source.entry as Entry[]).map((e) => (e.resource.id === 'MCC-7866.tx.T1' ? { resource: { ...e.resource, effectivePeriod: { start: '2004-03-18', end: '2004-01-01' } } } : e));
    const fresh = await startTestApp();
    try {
      const answer = await fresh.http().post('/fhir').send({ resourceType: 'Bundle', type: 'collection', entry }).expect(400);
      expect(answer.body.details.map((d: { field: string }) => d.field)).toEqual(['entry[4] (MedicationStatement/MCC-7866.tx.T1) effectivePeriod.end']);
    } finally {
      await fresh.close();
    }
  });
});
