/**
 * Limited-data-set datasets: each patient's dates moved by one keyed offset, the same in every dataset
 * and request, so intervals (and the survival curve) are those of the real dates. Offsets are measured
 * against the identified rows and the source bundle, never recomputed from the secret here.
 */
import { INSTALLATION_SECRET } from '../../src/auth/installationSecret';
import { pseudonymizer } from '../../src/auth/pseudonym';
import { UsersService } from '../../src/auth/users.service';
import { kaplanMeier } from '../../src/stats';
import { DATASET_NAMES } from '../../projections/dataset.registry';
import { appendMayo } from '../support/mayo';
import { startTestApp, type TestApp } from '../support/testApp';

type Row = Record<string, string | number | null>;
type Answer = { manifest: Record<string, unknown>; rows: Row[] };

/** Days from a to b by the test's own UTC arithmetic. */
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
const plus = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

describe('limited data set (e2e)', () => {
  let t: TestApp;
  let head: number;
  let identified: string;
  let analyst: string;
  beforeAll(async () => {
    t = await startTestApp({ config: { auth: 'required' } });
    await appendMayo(t.store);
    const users = t.app.get(UsersService);
    identified = (await users.addUser({ userName: 'ida', roles: ['analyst', 'auditor'], identifiedAccess: true }, 'test')).apiKey;
    analyst = (await users.addUser({ userName: 'ana', roles: ['analyst'], identifiedAccess: false }, 'test')).apiKey;
    head = await t.store.headPosition();
  });
  afterAll(() => t.close());

  const get = (path: string, key: string) => t.http().get(path).set('Authorization', `Bearer ${key}`);
  const answer = async (name: string, mode?: string): Promise<Answer> =>
    (await get(`/datasets/${name}?minPosition=${head}${mode ? `&deidentify=${mode}` : ''}`, identified).expect(200)).body;

  /**
   * Real id -> pseudonym, with the installation's own pseudonymizer (the rows are ordered by
   * pseudonym, so nothing in them pairs the two); that a Safe Harbor row carries the same pseudonym
   * is checked here too.
   */
  async function pseudonyms(): Promise<Map<string, string>> {
    const pseudonym = pseudonymizer(t.app.get<Buffer>(INSTALLATION_SECRET));
    const [real, safe] = [await answer('patients'), await answer('patients', 'safe-harbor')];
    const alias = new Map(real.rows.map((row) => [row.patient_id as string, pseudonym(row.patient_id as string)]));
    const safeIds = safe.rows.map((row) => row.patient_id as string);
    expect(safeIds).toEqual([...alias.values()].sort()); // in pseudonym order, not in the order of the real ids
    return alias;
  }

  /** For each dataset, each real row with its limited-data-set twin (same pseudonym, same course or interval). */
  async function twins(): Promise<{ name: string; id: string; real: Row; shifted: Row }[]> {
    const alias = await pseudonyms();
    const pairs = [];
    for (const name of DATASET_NAMES) {
      const [real, shifted] = [await answer(name), await answer(name, 'limited-data-set')];
      const key = (row: Row) => `${row.patient_id}|${row.treatment_id ?? ''}|${row.interval ?? ''}`;
      const byKey = new Map(shifted.rows.map((row) => [key(row), row]));
      expect([name, shifted.rows.length]).toEqual([name, real.rows.length]);
      for (const row of real.rows) pairs.push({ name, id: row.patient_id as string, real: row, shifted: byKey.get(key({ ...row, patient_id: alias.get(row.patient_id as string)! }))! });
    }
    return pairs;
  }

  it('hand-checked for MCC-1078: every date of the patient moves by the same offset, in every dataset', async () => {
    const alias = (await pseudonyms()).get('MCC-1078')!;
    const rowOf = async (name: string) => (await answer(name, 'limited-data-set')).rows.filter((r) => r.patient_id === alias);
    const [survival] = await rowOf('survival');
    // the bundle: calcinosis_cutis diagnosed 1998-10-01, systemic sclerosis 1998-02-10, first lesion 1997-10-03,
    // last contact 2000-08-26 (no death); diltiazem (T1) 1998-10-28 to 2000-01-28, graded 1998-11-05
    const offset = days('1998-10-01', survival.entry_date as string);
    expect(offset !== 0 && Math.abs(offset) <= 182).toBe(true);
    expect(survival.time_days).toBe(days('1998-10-01', '2000-08-26'));
    const [followUp] = await rowOf('follow-up');
    expect([followUp.calcinosis_diagnosed_on, followUp.followup_end]).toEqual([plus('1998-10-01', offset), plus('2000-08-26', offset)]);
    const [onset] = await rowOf('time-to-onset');
    expect([onset.actd_diagnosed_on, onset.calcinosis_onset, onset.time_to_onset_days_raw]).toEqual([plus('1998-02-10', offset), plus('1997-10-03', offset), days('1998-02-10', '1997-10-03')]);
    const t1 = (await rowOf('treatments')).find((r) => r.treatment_id === 'T1')!;
    expect([t1.started_on, t1.stopped_on, t1.latest_assessed_on, t1.duration_days]).toEqual([plus('1998-10-28', offset), plus('2000-01-28', offset), plus('1998-11-05', offset), days('1998-10-28', '2000-01-28')]);
  });

  it('gives each patient one non-zero offset for all their dates, offsets differ between patients, and no date cell keeps its real value', async () => {
    const offsets = new Map<string, Set<number>>();
    for (const { name, id, real, shifted } of await twins()) {
      expect([name, id, shifted === undefined]).toEqual([name, id, false]);
      for (const [column, value] of Object.entries(real)) {
        if (!isDate(value)) {
          if (column !== 'patient_id') expect([name, column, shifted[column]]).toEqual([name, column, value]);
          continue;
        }
        expect(shifted[column]).not.toBe(value);
        offsets.set(id, (offsets.get(id) ?? new Set()).add(days(value, shifted[column] as string)));
      }
    }
    // the 78 study patients (shared/cohorts/mayo-2012 README: 3 of the 81 denied research authorization)
    expect(offsets.size).toBe(78);
    for (const [id, set] of offsets) {
      expect([id, set.size]).toEqual([id, 1]);
      const [offset] = set;
      expect([id, offset !== 0 && Math.abs(offset) <= 182]).toEqual([id, true]);
    }
    // 78 draws from 364 values: about 70 distinct are expected; 50 or fewer would mean no real spread
    expect(new Set([...offsets.values()].map((s) => [...s][0])).size).toBeGreaterThan(50);
  });

  it('leaves no patient id in any limited-data-set dataset', async () => {
    for (const name of DATASET_NAMES) {
      const csv = (await get(`/datasets/${name}?format=csv&minPosition=${head}&deidentify=limited-data-set`, identified).expect(200)).text;
      expect([name, /MCC-\d+/.test(csv)]).toEqual([name, false]);
    }
  });

  it('keeps survival times exact: the same Kaplan-Meier curve as the identified rows', async () => {
    const [real, shifted] = [await answer('survival'), await answer('survival', 'limited-data-set')];
    const curve = (rows: Row[]) => kaplanMeier({ time: rows.map((r) => r.time_months as number), status: rows.map((r) => r.status as number) }).curves[0].rows;
    expect(shifted.manifest).toMatchObject({ deidentified: true, deidentification: 'limited-data-set' });
    expect(curve(shifted.rows)).toEqual(curve(real.rows));
  });

  it('gives the same offsets on every request, and reproduces a limited-data-set manifest byte for byte', async () => {
    const csv = async () => (await get(`/datasets/treatments?format=csv&minPosition=${head}&deidentify=limited-data-set`, identified).expect(200)).text;
    expect(await csv()).toBe(await csv());
    const { manifest } = await answer('survival', 'limited-data-set');
    const verdict = (await t.http().post('/reproduce').set('Authorization', `Bearer ${identified}`).send(manifest).expect(200)).body;
    expect(verdict.identical).toBe(true);
  });

  it('refuses a limited data set to an analyst without identified access (403), and says in the dictionary what changed', async () => {
    const refused = await get(`/datasets/survival?deidentify=limited-data-set`, analyst).expect(403);
    expect(refused.body.message).toContain('needs identified access');
    expect((await get(`/datasets/survival?minPosition=${head}`, analyst).expect(200)).body.manifest).toMatchObject({ deidentified: true, deidentification: 'safe-harbor' });
    const dictionary = (await get('/datasets/treatments/dictionary?deidentify=limited-data-set', analyst).expect(200)).body;
    expect(dictionary.columns.filter((c: { definition: string }) => c.definition.includes('LIMITED DATA SET')).map((c: { name: string }) => c.name)).toEqual(['patient_id', 'started_on', 'stopped_on', 'latest_assessed_on']);
  });

  it('names the parameter when the mode is unknown or given twice', async () => {
    const bad = (await get(`/datasets/survival?deidentify=shifted`, identified).expect(400)).body;
    expect(bad.details).toEqual([{ field: 'deidentify', reason: 'must be one of safe-harbor, limited-data-set' }]);
    const both = (await get(`/datasets/survival?deidentify=limited-data-set&deidentified=true`, identified).expect(400)).body;
    expect(both.details.map((d: { field: string }) => d.field)).toEqual(['deidentified']);
  });
});
