/**
 * Data quality on the mayo-2012 cohort, against its files and README: treatments.csv has 58 courses
 * with a blank stopped_on (14 calcinosis, 44 ACTD), of which 2 (MCC-5799's ACTD courses of 1999 and
 * 2001) start after that patient's record ends (last contact 1998-04-28), so 56 run past the last
 * contact or death; every calcinosis course is graded; every patient has one ACTD and a calcinosis
 * diagnosis (README).
 */
import { appendMayo } from '../support/mayo';
import { startTestApp, type TestApp } from '../support/testApp';

describe('data quality (e2e)', () => {
  let t: TestApp;
  let head: number;
  beforeAll(async () => {
    t = await startTestApp();
    await appendMayo(t.store);
    head = await t.store.headPosition();
  });
  afterAll(() => t.close());

  it('finds what the cohort README says and nothing it rules out', async () => {
    const answer = (await t.http().get(`/quality?asOf=2011-06-30&minPosition=${head}`).expect(200)).body;
    expect(answer).toMatchObject({
      referenceDate: '2011-06-30',
      counts: { course_running_after_last_contact: 56, calcinosis_course_never_graded: 0, lesion_without_calcinosis_diagnosis: 0, calcinosis_without_actd: 0, deep_correction_chain: 0 },
    });
    for (const finding of answer.findings) expect(finding).toEqual({ patientId: expect.any(String), rule: expect.any(String), since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), detail: expect.any(String) });
  });

  it('sees a correction chain grow too deep through the API', async () => {
    await t.http().post('/patients').send({ patientId: 'Q1', sex: 'male', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' }).expect(201);
    const contact = await t.http().post('/patients/Q1/contacts').send({ seenOn: '2010-01-01' }).expect(201);
    let position = 0;
    for (const day of ['02', '03']) {
      position = (await t.http().post('/patients/Q1/corrections').send({ eventId: contact.body.eventIds[0], changes: { seenOn: `2010-01-${day}` }, reason: 'typo' }).expect(201)).body.position;
    }
    const answer = (await t.http().get(`/quality?maxCorrections=1&minPosition=${position}`).expect(200)).body;
    expect(answer.findings.filter((f: { patientId: string }) => f.patientId === 'Q1').map((f: { rule: string }) => f.rule)).toEqual(['deep_correction_chain']);
    await t.http().get('/quality?maxCorrections=-1').expect(400);
  });
});
