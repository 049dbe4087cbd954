/**
 * De-identified datasets (HIPAA Safe Harbor) for analysts without identified access: no patient id and
 * no full date of the source bundle appears in any dataset they can download, and the survival curve
 * estimated from the de-identified rows is the one of the identified rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsersService } from '../../src/auth/users.service';
import { kaplanMeier } from '../../src/stats';
import { DATASET_NAMES } from '../../projections/dataset.registry';
import { appendMayo, MAYO_DIR } from '../support/mayo';
import { startTestApp, type TestApp } from '../support/testApp';

const FILES = ['patients.csv', 'diagnoses.csv', 'lesions.csv', 'treatments.csv', 'responses.csv', 'contacts.csv', 'deaths.csv'];

describe('de-identified datasets (e2e)', () => {
  let t: TestApp;
  let head: number;
  let analyst: string;
  let identified: string;
  beforeAll(async () => {
    t = await startTestApp({ config: { auth: 'required' } });
    await appendMayo(t.store);
    const users = t.app.get(UsersService);
    analyst = (await users.addUser({ userName: 'ana', roles: ['analyst'], identifiedAccess: false }, 'test')).apiKey;
    identified = (await users.addUser({ userName: 'ida', roles: ['analyst'], identifiedAccess: true }, 'test')).apiKey;
    head = await t.store.headPosition();
  });
  afterAll(() => t.close());

  const csvOf = async (name: string, key: string, extra = '') =>
    (await t.http().get(`/datasets/${name}?format=csv&minPosition=${head}${extra}`).set('Authorization', `Bearer ${key}`).expect(200)).text;

  it('leaves no patient id and no full date of the source bundle in any dataset', async () => {
    const source = FILES.map((f) => readFileSync(join(MAYO_DIR, f), 'utf8')).join('\n');
    const ids = [...new Set([...source.matchAll(/MCC-\d+/g)].map((m) => m[0]))];
    const dates = [...new Set([...source.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]))];
    expect(ids).toHaveLength(81);
    for (const name of DATASET_NAMES) {
      const csv = await csvOf(name, analyst);
      expect([name, ids.filter((id) => csv.includes(id))]).toEqual([name, []]);
      expect([name, dates.filter((d) => csv.includes(d))]).toEqual([name, []]);
      expect([name, /\d{4}-\d{2}-\d{2}/.test(csv)]).toEqual([name, false]);
    }
  });

  it('keeps survival times exact: the same Kaplan-Meier curve as the identified rows', async () => {
    const rows = async (key: string) =>
      (await t.http().get(`/datasets/survival?minPosition=${head}`).set('Authorization', `Bearer ${key}`).expect(200)).body as { manifest: { deidentified: boolean }; rows: { time_months: number; status: number; patient_id: string }[] };
    const plain = await rows(identified);
    const safe = await rows(analyst);
    expect([plain.manifest.deidentified, safe.manifest.deidentified]).toEqual([false, true]);
    expect(safe.rows.every((r) => /^P-[0-9a-f]{20}$/.test(r.patient_id))).toBe(true);
    const curve = (r: typeof plain.rows) => kaplanMeier({ time: r.map((x) => x.time_months), status: r.map((x) => x.status) }).curves[0].rows;
    expect(curve(safe.rows)).toEqual(curve(plain.rows));
  });

  it('gives identified analysts the de-identified rows on request, and says in the dictionary what changed', async () => {
    expect(await csvOf('survival', identified, '&deidentified=true')).toBe(await csvOf('survival', analyst));
    const dictionary = (await t.http().get('/datasets/survival/dictionary?deidentified=true').set('Authorization', `Bearer ${analyst}`).expect(200)).body;
    expect(dictionary.columns.filter((c: { definition: string }) => c.definition.includes('DE-IDENTIFIED')).map((c: { name: string }) => c.name)).toEqual(['patient_id', 'entry_date', 'age_days']);
  });
});
