// Datasets through the real HTTP application (memory store, a clock that moves one second per read):
// a history recorded through the API, corrected later, read back at knowledge times before and after
// the correction. Reference values: day counts by hand (Python datetime), months = days / 30.4375.
import { createHash } from 'node:crypto';
import { startTestApp, steppingClock, type TestApp } from '../support/testApp';

const patient = { sex: 'female', birthDate: '1950-06-15', researchAuthorization: 'granted', treatmentHistory: 'documented' };

describe('datasets over HTTP (e2e)', () => {
  let app: TestApp;
  let deathEventId: string;
  let beforeCorrection: string;
  let correctionPosition: number;

  beforeAll(async () => {
    app = await startTestApp({ clock: steppingClock('2012-01-01T00:00:00.000Z') });
    const http = app.http;
    await http().post('/patients').send({ patientId: 'P1', ...patient }).expect(201);
    await http().post('/patients/P1/diagnoses').send({ diagnosisId: 'D1', condition: 'calcinosis_cutis', subtype: 'dystrophic', diagnosedOn: '2000-01-10', confirmedBy: ['ct'] }).expect(201);
    await http().post('/patients/P1/contacts').send({ seenOn: '2001-01-10' }).expect(201);
    deathEventId = (await http().post('/patients/P1/death').send({ diedOn: '2003-02-01' }).expect(201)).body.eventIds[0];
    await http().post('/patients').send({ patientId: 'P2', ...patient, researchAuthorization: 'denied' }).expect(201);
    await http().post('/patients/P2/diagnoses').send({ diagnosisId: 'D1', condition: 'calcinosis_cutis', subtype: 'dystrophic', diagnosedOn: '2000-01-10', confirmedBy: ['ct'] }).expect(201);
    await http().post('/patients/P2/contacts').send({ seenOn: '2001-01-10' }).expect(201);
    // the instant the last event before the correction was recorded at: a knownAt cut includes it
    beforeCorrection = (await http().get('/patients/P2/events').expect(200)).body.at(-1).recordedAt;
    expect((await http().get('/health').expect(200)).body.headPosition).toBe(7);
    const correction = await http().post('/patients/P1/corrections').send({ eventId: deathEventId, changes: { diedOn: '2003-08-01' }, reason: 'death certificate' }).expect(201);
    correctionPosition = correction.body.position;
  });
  afterAll(() => app.close());

  it('lists the datasets and serves each dictionary as JSON and Markdown', async () => {
    const list = (await app.http().get('/datasets').expect(200)).body;
    expect(list.map((d: { name: string }) => d.name)).toEqual(['patients', 'time-to-onset', 'follow-up', 'survival', 'survival-counting', 'treatments', 'treatment-summary']);
    const dictionary = (await app.http().get('/datasets/survival/dictionary').expect(200)).body;
    expect(dictionary.columns.map((c: { name: string }) => c.name)).toEqual(['patient_id', 'entry_date', 'sex', 'age_days', 'time_days', 'time_months', 'status']);
    const markdown = await app.http().get('/datasets/survival/dictionary?format=md').expect(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.text).toContain('| time_months | decimal | months |');
  });

  it('given a correction recorded later, then knownAt before it gives the old dataset and after it the new', async () => {
    const latest = await app.http().get(`/datasets/survival?minPosition=${correctionPosition}`).expect(200);
    expect(latest.body.rows).toEqual([{ patient_id: 'P1', entry_date: '2000-01-10', sex: 'female', age_days: 18106, time_days: 1299, time_months: 42.6776180698, status: 1 }]);

    const before = await app.http().get(`/datasets/survival?knownAt=${beforeCorrection}`).expect(200);
    expect(before.body.rows).toEqual([expect.objectContaining({ time_days: 1118, time_months: 36.7310061602, status: 1 })]);
    // every read is itself logged (the access log), so the head moves on: positions are checked for what they mean
    expect(before.body.manifest).toMatchObject({ dataset: 'survival', knownAt: beforeCorrection, eventsFolded: 7, position: before.body.manifest.headPosition });
    expect(before.body.manifest.position).toBeGreaterThanOrEqual(correctionPosition);

    const atPosition = await app.http().get('/datasets/survival?atPosition=7').expect(200);
    expect(atPosition.body.rows).toEqual(before.body.rows);
    const after = await app.http().get('/datasets/survival?knownAt=2012-01-01T02:00:00%2B01:00').expect(200);
    expect(after.body.rows).toEqual(latest.body.rows);
    expect(after.body.manifest.eventsFolded).toBe(8);
  });

  it('given asOf before the (corrected) death, then the patient is censored at the cut-off, known alive after it', async () => {
    const res = await app.http().get(`/datasets/follow-up?asOf=2002-06-30&minPosition=${correctionPosition}`).expect(200);
    expect(res.body.rows).toEqual([
      { patient_id: 'P1', calcinosis_diagnosed_on: '2000-01-10', followup_end: '2002-06-30', followup_days: 902, followup_months: 29.6344969199, died: 0, ended_by: 'cut_off' },
    ]);
  });

  it('serves CSV with the manifest in headers; the SHA-256 is of the CSV bytes, the same in the JSON answer', async () => {
    const csv = await app.http().get(`/datasets/survival?format=csv&minPosition=${correctionPosition}`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toBe('patient_id,entry_date,sex,age_days,time_days,time_months,status\nP1,2000-01-10,female,18106,1299,42.6776180698,1\n');
    expect(csv.headers['x-dataset-sha256']).toBe(createHash('sha256').update(csv.text).digest('hex'));
    expect(csv.headers).toMatchObject({ 'x-dataset': 'survival', 'x-dataset-events-folded': '8', 'x-dataset-rows': '1' });
    expect(Number(csv.headers['x-dataset-position'])).toBeGreaterThanOrEqual(correctionPosition);
    expect(csv.headers['x-dataset-software-version']).toMatch(/^\d+\.\d+\.\d+/);
    const json = await app.http().get('/datasets/survival').expect(200);
    expect(json.body.manifest.sha256).toBe(csv.headers['x-dataset-sha256']);
  });

  it('shows the read model position and lag in /health', async () => {
    await app.http().get(`/datasets/patients?minPosition=${correctionPosition}`).expect(200);
    const health = (await app.http().get('/health').expect(200)).body;
    const [cohort] = health.readModels;
    expect(health.readModels).toEqual([{ name: 'cohort', generation: 1, position: cohort.position, lag: health.headPosition - cohort.position, failure: null, rebuilding: null }]);
    expect(cohort.position).toBeGreaterThanOrEqual(correctionPosition);
  });

  it.each([
    ['/datasets/survival?asOf=2021-02-30', 'asOf', /calendar date/],
    ['/datasets/survival?knownAt=2012-01-01', 'knownAt', /ISO 8601 instant/],
    ['/datasets/survival?atPosition=99999', 'atPosition', /beyond the end of the log \(position \d+\)/],
    ['/datasets/survival?atPosition=1.5', 'atPosition', /whole number/],
    ['/datasets/survival?minPosition=-1', 'minPosition', /whole number/],
    ['/datasets/survival?knownAt=2012-01-01T00:00:00Z&atPosition=3', 'atPosition', /not both/],
    ['/datasets/survival?format=xlsx', 'format', /json, csv/],
    ['/datasets/survival?asof=2000-01-01', 'asof', /not a parameter/],
    ['/datasets/survival?asOf=2000-01-01&asOf=2001-01-01', 'asOf', /once/],
    ['/datasets/mortality', 'name', /must be one of patients, time-to-onset/],
    ['/datasets/survival/dictionary?format=pdf', 'format', /json, md/],
  ])('given %s, then 400 naming %s', async (url, field, reason) => {
    const res = await app.http().get(url).expect(400);
    expect(res.body.details).toEqual([{ field, reason: expect.stringMatching(reason) }]);
  });
});
