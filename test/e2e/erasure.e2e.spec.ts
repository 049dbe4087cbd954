/**
 * Erasure (crypto-shredding) through the real HTTP app on a SQLite data directory: the mayo-2012 cohort
 * imported, two extra patients with distinctive identifying data, one erased `anonymous`, one `exclude`.
 * Afterwards no byte of the data directory (log, WAL, vault, read models) and no answer (datasets,
 * export, report, patient list, history, events, audit trail) holds their registry id, birth date,
 * cause of death or reasons, while the hash chain verifies. Expected KM counts: R's survfit on the
 * mayo cohort gives n 75, 7 events (shared/cohorts/mayo-2012/expected.json); each extra patient
 * below enters the analysis set (calcinosis diagnosed, research authorization granted) and dies: +1, +1.
 */
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundleFolder } from '../../src/import/bundle.source';
import { MAYO_DIR } from '../support/mayo';
import { startTestApp, type TestApp } from '../support/testApp';

const ANON = { id: 'ERASE-ANON-4242', born: '1931-07-19', cause: 'drowned in Lake Zumbro 4242', reason: 'Dr. Quimby telephoned 4242', stopReason: 'moved to Duluth 4242' };
const EXCL = { id: 'ERASE-EXCL-5353', born: '1929-11-23', cause: 'struck by the Kahler tram 5353', reason: 'daughter Edwina wrote 5353', stopReason: 'moved to Fargo 5353' };
const IDENTIFYING = [ANON, EXCL].flatMap((p) => [p.id, p.born, p.cause, p.reason, p.stopReason]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** supertest parser that keeps a binary body (the zip) as a Buffer. */
function binary(res: unknown, done: (error: Error | null, body: Buffer) => void) {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('erasure (e2e, SQLite data directory)', () => {
  let t: TestApp;
  let dataDir: string;
  const head = () => t.store.headPosition();
  /** a 200 answer that includes the whole log so far (the read model follows it asynchronously) */
  const get = async (path: string) => {
    const position = await head();
    return t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`).expect(200);
  };
  const km = async () => (await get('/analyses/kaplan-meier')).body.strata[0] as { n: number; events: number };

  async function enrolWithHistory(p: typeof ANON) {
    await t.http().post('/patients').send({ patientId: p.id, sex: 'female', birthDate: p.born, researchAuthorization: 'granted', treatmentHistory: 'documented' }).expect(201);
    await t.http().post(`/patients/${p.id}/diagnoses`).send({ diagnosisId: 'D1', condition: 'calcinosis_cutis', subtype: 'dystrophic', diagnosedOn: '1995-02-01', confirmedBy: ['biopsy'] }).expect(201);
    await t.http().post(`/patients/${p.id}/treatments`).send({ treatmentId: 'T1', indication: 'calcinosis', agent: 'diltiazem', category: 'medical', dose: 240, doseUnit: 'mg/d', startedOn: '1995-03-01', lesionIds: [] }).expect(201);
    await t.http().post(`/patients/${p.id}/treatments/T1/stop`).send({ stoppedOn: '1996-01-01', reason: p.stopReason }).expect(201);
    const death = await t.http().post(`/patients/${p.id}/death`).send({ diedOn: '2003-03-03', cause: p.cause }).expect(201);
    await t.http().post(`/patients/${p.id}/corrections`).send({ eventId: death.body.eventIds[0], changes: { diedOn: '2003-03-05' }, reason: p.reason }).expect(201);
  }

  /** Every answer a user could get about the cohort after the erasure, as one text. */
  async function everyAnswer(anonymousIds: string[]): Promise<string> {
    const texts: string[] = [];
    const names = ((await get('/datasets')).body as { name: string }[]).map((d) => d.name);
    for (const name of names) texts.push((await get(`/datasets/${name}`)).text);
    const zip = await t.http().get(`/exports/bundle?minPosition=${await head()}`).buffer(true).parse(binary).expect(200);
    texts.push(...Object.values(unzipSync(zip.body as Buffer)).map((bytes) => strFromU8(bytes)));
    texts.push((await get('/reports/cohort')).text);
    texts.push((await get('/analyses/kaplan-meier')).text);
    texts.push((await t.http().get('/patients?limit=100').expect(200)).text);
    texts.push((await t.http().get('/audit/trail?format=jsonl').expect(200)).text);
    texts.push((await t.http().get('/audit/access?date=2011-06-30').expect(200)).text);
    for (const mode of ['safe-harbor', 'limited-data-set']) texts.push((await get(`/datasets/survival?deidentify=${mode}`)).text);
    for (const id of anonymousIds) {
      texts.push((await t.http().get(`/patients/${id}`).expect(200)).text);
      texts.push((await t.http().get(`/patients/${id}/history`).expect(200)).text);
      texts.push((await t.http().get(`/patients/${id}/events`).expect(200)).text);
      texts.push((await t.http().get(`/audit/trail?patientId=${id}&format=jsonl`).expect(200)).text);
      texts.push((await t.http().get(`/fhir/Patient/${id}/$everything`).expect(200)).text);
    }
    return texts.join('\n');
  }

  async function rebuildDone(generationBefore: number) {
    for (let i = 0; i < 600; i++) {
      const [model] = (await t.http().get('/health').expect(200)).body.readModels;
      if (model && model.rebuilding === null && model.generation > generationBefore) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the read model was not rebuilt after the erasure');
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'erasure-e2e-'));
    t = await startTestApp({ config: { store: 'sqlite', dataDir } });
    const upload = t.http().post('/imports');
    for (const [name, text] of Object.entries(readBundleFolder(MAYO_DIR))) upload.attach('files', Buffer.from(text), name);
    await upload.expect(201);
    await enrolWithHistory(ANON);
    await enrolWithHistory(EXCL);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('before: the log holds no registry id or identifying text in clear, and the two patients are in the analyses', async () => {
    expect(await km()).toMatchObject({ n: 75 + 2, events: 7 + 2 });
    // read the patient by registry id (and log that read): all in clear for users while the key exists
    expect((await t.http().get(`/patients/${ANON.id}`).expect(200)).body).toMatchObject({ patientId: ANON.id, birthDate: ANON.born });
    await t.http().get(`/audit/trail?patientId=${ANON.id}`).expect(200);
    await t.http().get(`/fhir/Patient/${EXCL.id}/$everything`).expect(200);
    // the access log names them by stream key, in the query as in the path
    const access = (await t.http().get('/audit/access?date=2011-06-30').expect(200)).text;
    expect(access).toContain(`"resource":"/fhir/Patient/stream:${t.streamOf(EXCL.id).slice('patient-'.length)}/$everything"`);
    expect(access).toContain(`"patientId":"stream:${t.streamOf(ANON.id).slice('patient-'.length)}"`);
    expect([access.includes(ANON.id), access.includes(EXCL.id)]).toEqual([false, false]);
    // the answers do show them now: the search below would find them if the erasure left any
    const answers = await everyAnswer([]);
    for (const text of IDENTIFYING) expect({ text, found: answers.includes(text) }).toEqual({ text, found: true });
    const log = Buffer.concat(filesUnder(dataDir).filter((f) => /events\.sqlite/.test(f)).map((f) => readFileSync(f)));
    for (const text of IDENTIFYING) expect(log.includes(Buffer.from(text))).toBe(false);
    expect(t.streamOf(ANON.id)).toMatch(/^patient-[0-9a-f-]{36}$/);
  });

  it('after erasing one anonymous and one excluded: nothing identifying anywhere, the chain verifies, the counts are as asked', async () => {
    const generation = (await t.http().get('/health').expect(200)).body.readModels[0].generation as number;
    const beforeErasure = await head();
    const anonymous = await t.http().post(`/patients/${ANON.id}/erasure`).send({ mode: 'anonymous', reason: `request by ${ANON.id}` }).expect(200);
    expect(anonymous.body).toMatchObject({ mode: 'anonymous', anonymousId: expect.stringMatching(/^erased-[0-9a-f-]{36}$/), keyShredded: true });
    await rebuildDone(generation);
    const excluded = await t.http().post(`/patients/${EXCL.id}/erasure`).send({ mode: 'exclude', reason: `request by ${EXCL.id}` }).expect(200);
    await rebuildDone(generation + 1);

    // the registry ids no longer find anyone; a second erasure is refused
    await t.http().get(`/patients/${ANON.id}`).expect(404);
    await t.http().post(`/patients/${EXCL.id}/erasure`).send({ mode: 'exclude', reason: 'again' }).expect(404);
    await t.http().post(`/patients/${anonymous.body.anonymousId}/erasure`).send({ mode: 'exclude', reason: 'again' }).expect(409);
    await t.http().post(`/patients/${anonymous.body.anonymousId}/contacts`).send({ seenOn: '2004-01-01' }).expect(409);

    // anonymous stays in the analyses with its durations, exclude leaves them
    expect(await km()).toMatchObject({ n: 75 + 1, events: 7 + 1 });
    const survival = (await get('/datasets/survival')).body.rows as Record<string, unknown>[];
    // calcinosis diagnosed 1995-02-01, death (corrected) 2003-03-05: 2954 days (1995-02-01 + 2954 d = 2003-03-05)
    expect(survival.find((r) => r.patient_id === anonymous.body.anonymousId)).toMatchObject({ entry_date: '1995-02-01', age_days: null, time_days: 2954, status: 1 });
    expect(survival.some((r) => r.patient_id === excluded.body.anonymousId)).toBe(false);
    // a knowledge cut before the erasures shows them erased too: the log cannot be unread, the keys are gone
    const earlier = (await get(`/datasets/survival?atPosition=${beforeErasure}`)).body.rows as Record<string, unknown>[];
    expect(earlier.filter((r) => String(r.patient_id).startsWith('erased-')).map((r) => r.patient_id)).toEqual([anonymous.body.anonymousId]);
    expect(earlier).toHaveLength(survival.length);

    const answers = await everyAnswer([anonymous.body.anonymousId, excluded.body.anonymousId]);
    for (const text of IDENTIFYING) expect({ text, found: answers.includes(text) }).toEqual({ text, found: false });
    expect(answers).toContain(anonymous.body.anonymousId);

    const verify = (await t.http().get('/audit/verify').expect(200)).body;
    expect(verify).toMatchObject({ ok: true, checked: await head() });

    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('events.sqlite'))).toBe(true);
    expect(files.some((f) => f.endsWith('keys.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const text of IDENTIFYING) expect({ file, text, found: bytes.includes(Buffer.from(text)) }).toEqual({ file, text, found: false });
    }
  });

  it('refuses to erase a legacy patient (stream named by its registry id, in clear): 409 with the reason', async () => {
    await t.store.appendToStream('patient-LEGACY-1', [
      { eventId: '00000000-0000-4000-8000-000000000001', type: 'PatientEnrolled', schemaVersion: 1, data: { patientId: 'LEGACY-1', sex: 'male', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' }, recordedAt: '2011-06-30T10:00:00.000Z', recordedBy: 'legacy', correlationId: 'c', causationId: null, metadata: {} },
    ], { expectedRevision: 'no_stream' });
    const refused = await t.http().post('/patients/LEGACY-1/erasure').send({ mode: 'anonymous', reason: 'request' }).expect(409);
    expect(refused.body.message).toMatch(/legacy stream.*cannot be erased/);
    await t.http().post('/patients/LEGACY-1/erasure').send({ mode: 'forget', reason: 'request' }).expect(400);
  });
});
