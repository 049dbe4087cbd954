/**
 * The rest of the [Audit] issue through HTTP, on the mayo-2012 cohort (recorded 2012-01-01) followed by a
 * correction (a death date) and a retraction (a treatment course) recorded later, at different instants
 * of the stepping clock: dataset diffs between knowledge cuts, reproduction from manifests, the audit trail.
 */
import { parse } from 'csv-parse/sync';
import { appendMayo } from '../support/mayo';
import { startTestApp, steppingClock, type TestApp } from '../support/testApp';

describe('audit: diffs, reproduction, trail (e2e)', () => {
  let t: TestApp;
  let mayoHead: number;
  let head: number;
  let correction: { eventId: string; recordedAt: string; position: number };
  let retraction: { eventId: string; recordedAt: string; position: number };
  const lastEvent = async (patientId: string) => {
    const events = (await t.http().get(`/patients/${patientId}/events`).expect(200)).body;
    return events[events.length - 1];
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: steppingClock('2013-03-01T09:00:00.000Z') });
    await appendMayo(t.store);
    mayoHead = await t.store.headPosition();
    const events = (await t.http().get('/patients/MCC-9182/events').expect(200)).body;
    const death = events.find((e: { type: string }) => e.type === 'DeathRecorded');
    await t.http().post('/patients/MCC-9182/corrections').send({ eventId: death.eventId, changes: { diedOn: '2010-05-28' }, reason: 'death certificate says 28 May' }).expect(201);
    correction = await lastEvent('MCC-9182');
    const courses = (await t.http().get('/patients/MCC-2137/events').expect(200)).body;
    const t1 = courses.find((e: { type: string; data: { treatmentId?: string } }) => e.type === 'TreatmentStarted' && e.data.treatmentId === 'T1');
    await t.http().post('/patients/MCC-2137/retractions').send({ eventId: t1.eventId, reason: 'entered for the wrong patient' }).expect(201);
    retraction = await lastEvent('MCC-2137');
    head = await t.store.headPosition();
  });
  afterAll(() => t.close());

  it('names the changed cell old -> new and the correcting event with its reason (knownAt before and after)', async () => {
    expect(correction.recordedAt < retraction.recordedAt).toBe(true);
    const diff = (await t.http().get(`/datasets/survival/diff?from=2012-06-01T00:00:00Z&to=${correction.recordedAt}`).expect(200)).body;
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    // only patients whose records differ between the cuts are compared: MCC-9182, and at most MCC-2137 (retracted after the cut)
    expect(diff.patientsCompared).toBeLessThanOrEqual(2);
    expect(diff.from).toMatchObject({ knownAt: '2012-06-01T00:00:00Z' });
    const [changed] = diff.changed;
    expect(changed.key).toEqual({ patient_id: 'MCC-9182' });
    const days = changed.changes.find((c: { column: string }) => c.column === 'time_days');
    expect(days.after - days.before).toBe(7);
    expect(changed.changes.map((c: { column: string }) => c.column)).toEqual(['time_days', 'time_months']);
    expect(changed.events).toEqual([
      expect.objectContaining({
        eventId: correction.eventId,
        type: 'EntryCorrected',
        recordedBy: 'dev-mode',
        recordedAt: correction.recordedAt,
        reason: 'death certificate says 28 May',
        changes: [{ field: 'diedOn', before: '2010-05-21', after: '2010-05-28' }],
        description: expect.stringContaining('Corrected DeathRecorded'),
      }),
    ]);
  });

  it('shows a retraction as a removed row, keyed by patient and course, between two later knowledge times', async () => {
    const diff = (await t.http().get(`/datasets/treatments/diff?from=${correction.recordedAt}&to=${retraction.recordedAt}`).expect(200)).body;
    expect(diff.key).toEqual(['patient_id', 'treatment_id']);
    expect(diff.counts).toEqual({ added: 0, removed: 1, changed: 0 });
    expect(diff.removed[0].row).toMatchObject({ patient_id: 'MCC-2137', treatment_id: 'T1' });
    expect(diff.removed[0].events).toEqual([expect.objectContaining({ eventId: retraction.eventId, type: 'EntryRetracted', reason: 'entered for the wrong patient' })]);
  });

  it('diffs by positions too, both ways, and refuses bad cuts naming the parameter', async () => {
    const forward = (await t.http().get(`/datasets/treatments/diff?from=${mayoHead}&to=${head}`).expect(200)).body;
    expect(forward.counts).toEqual({ added: 0, removed: 1, changed: 0 });
    const back = (await t.http().get(`/datasets/treatments/diff?from=${head}&to=${mayoHead}`).expect(200)).body;
    expect(back.counts).toEqual({ added: 1, removed: 0, changed: 0 });
    expect(back.added[0].row).toMatchObject({ patient_id: 'MCC-2137', treatment_id: 'T1' });
    const same = (await t.http().get(`/datasets/survival/diff?from=${mayoHead}&to=${mayoHead}`).expect(200)).body;
    expect(same.counts).toEqual({ added: 0, removed: 0, changed: 0 });
    const fields = async (query: string) => (await t.http().get(`/datasets/survival/diff?${query}`).expect(400)).body.details.map((d: { field: string }) => d.field);
    expect(await fields('from=yesterday&to=1')).toEqual(['from']);
    // reads of datasets are logged as events (the access log), so the head moves: a position far beyond it
    expect(await fields('from=1&to=999999999')).toEqual(['to']);
    expect(await fields('to=1')).toEqual(['from']);
    expect(await fields('from=1&to=2&asOf=2010-02-30')).toEqual(['asOf']);
    await t.http().get('/datasets/nope/diff?from=1&to=2').expect(400);
  });

  it('reproduces a fresh dataset manifest byte-identically, and says a tampered digest differs', async () => {
    const answer = (await t.http().get(`/datasets/survival?asOf=2005-01-01&minPosition=${head}`).expect(200)).body;
    const same = (await t.http().post('/reproduce').send(answer.manifest).expect(200)).body;
    expect(same).toMatchObject({ identical: true, kind: 'dataset', name: 'survival', expectedSha256: answer.manifest.sha256, actualSha256: answer.manifest.sha256 });
    const tampered = { ...answer.manifest, sha256: '0'.repeat(64) };
    const different = (await t.http().post('/reproduce').send({ manifest: tampered }).expect(200)).body;
    expect(different).toMatchObject({ identical: false, expectedSha256: '0'.repeat(64), actualSha256: answer.manifest.sha256 });
  });

  it('reproduces a de-identified dataset manifest de-identified', async () => {
    const { manifest } = (await t.http().get(`/datasets/patients?deidentified=true&asOf=2005-01-01&minPosition=${head}`).expect(200)).body;
    expect(manifest.deidentified).toBe(true);
    expect((await t.http().post('/reproduce').send(manifest).expect(200)).body).toMatchObject({ identical: true, actualSha256: manifest.sha256 });
  });

  it('reproduces a latest manifest at its position after the log moved on, and a knownAt one', async () => {
    const before = (await t.http().get(`/datasets/treatments?atPosition=${mayoHead}`).expect(200)).body.manifest;
    const latestThen = { ...before, atPosition: null, position: mayoHead };
    expect((await t.http().post('/reproduce').send(latestThen).expect(200)).body.identical).toBe(true);
    const known = (await t.http().get(`/datasets/survival?knownAt=${correction.recordedAt}`).expect(200)).body.manifest;
    expect((await t.http().post('/reproduce').send(known).expect(200)).body).toMatchObject({ identical: true, actualSha256: known.sha256 });
  });

  it('reproduces an analysis manifest', async () => {
    const km = (await t.http().get(`/analyses/kaplan-meier?groupBy=sex&times=60,120&minPosition=${head}`).expect(200)).body;
    const again = (await t.http().post('/reproduce').send(km).expect(200)).body;
    expect(again).toMatchObject({ identical: true, kind: 'analysis', name: 'kaplan-meier', actualSha256: km.manifest.sha256 });
  });

  it('refuses a manifest of a newer software version or beyond the log with a clear 400', async () => {
    const { manifest } = (await t.http().get(`/datasets/patients?minPosition=${head}`).expect(200)).body;
    const newer = (await t.http().post('/reproduce').send({ ...manifest, softwareVersion: '99.0.0' }).expect(400)).body;
    expect(newer.details).toEqual([{ field: 'softwareVersion', reason: expect.stringContaining('newer than this software') }]);
    const beyond = (await t.http().post('/reproduce').send({ ...manifest, position: 999999999 }).expect(400)).body;
    expect(beyond.details).toEqual([{ field: 'position', reason: expect.stringContaining('beyond the end of this log') }]);
    await t.http().post('/reproduce').send({ hello: 'world' }).expect(400);
  });

  it("exports a patient's trail with every event and the corrected values before -> after, as JSON lines and CSV", async () => {
    const stream = (await t.http().get('/patients/MCC-9182/events').expect(200)).body;
    const jsonl = await t.http().get('/audit/trail?patientId=MCC-9182&format=jsonl').expect(200);
    expect(jsonl.headers['content-type']).toMatch(/ndjson/);
    const rows = jsonl.text.trim().split('\n').map((line: string) => JSON.parse(line));
    expect(rows.map((r: { eventId: string }) => r.eventId)).toEqual(stream.map((e: { eventId: string }) => e.eventId));
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({ stream: 'patient-MCC-9182', position: correction.position, type: 'EntryCorrected', recordedBy: 'dev-mode', reason: 'death certificate says 28 May', changes: [{ field: 'diedOn', before: '2010-05-21', after: '2010-05-28' }] });
    const csv: string[][] = parse((await t.http().get('/audit/trail?patientId=MCC-9182').expect(200)).text);
    expect(csv[0]).toEqual(['position', 'stream', 'revision', 'eventId', 'type', 'recordedAt', 'recordedBy', 'correlationId', 'causationId', 'description', 'reason', 'changes']);
    expect(csv.slice(1).map((row) => row[3])).toEqual(stream.map((e: { eventId: string }) => e.eventId));
    expect(csv[csv.length - 1].slice(4)).toEqual(['EntryCorrected', correction.recordedAt, 'dev-mode', last.correlationId, '', last.description, 'death certificate says 28 May', 'diedOn: "2010-05-21" -> "2010-05-28"']);
    await t.http().get('/audit/trail?patientId=NOBODY').expect(404);
    await t.http().get('/audit/trail?format=xml').expect(400);
  });

  it('exports the whole log in order, one row per event, the retraction with the withdrawn fields', async () => {
    const rows = (await t.http().get('/audit/trail?format=jsonl').expect(200)).text.trim().split('\n').map((line: string) => JSON.parse(line));
    // the access log appends an event per dataset read, so the log is longer than at the start
    expect(rows.length).toBeGreaterThan(head);
    expect(rows.map((r: { position: number }) => r.position)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.filter((r: { stream: string }) => r.stream.startsWith('patient-')).map((r: { position: number }) => r.position)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const access = rows.find((r: { stream: string }) => r.stream.startsWith('access-'));
    expect(access).toMatchObject({ type: 'DataAccessed', changes: [], reason: null, description: `DataAccessed (${access.stream})` });
    const retracted = rows.find((r: { eventId: string }) => r.eventId === retraction.eventId);
    expect(retracted).toMatchObject({ type: 'EntryRetracted', reason: 'entered for the wrong patient', description: expect.stringContaining('Retracted TreatmentStarted') });
    expect(retracted.changes).toEqual(expect.arrayContaining([{ field: 'agent', before: 'tacrolimus', after: null }, { field: 'startedOn', before: '2002-10-19', after: null }]));
  });
});
