// The persistent read model through the real application: a restart resumes from its checkpoint, a
// blue/green rebuild serves from the live generation until the new one has caught up and then gives
// byte-identical answers, a stalled read model answers 503 instead of stale rows, and the CLI prints
// the same dataset as HTTP.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CohortReadModel } from '../../src/datasets/cohort.readModel';
import type { EventStore, NewEvent } from '../../src/eventStore/eventStore.port';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { patientStreamId } from '../../src/patients/patient.events';
import { runCli } from '../support/cli';
import { startTestApp, type TestApp } from '../support/testApp';

const envelope = { schemaVersion: 1, recordedAt: '2011-06-30T09:00:00.000Z', recordedBy: 'test', correlationId: 'c', causationId: null, metadata: {} };

/** `patients` patients with a calcinosis diagnosis and `contacts` contacts each, appended straight to the store. */
async function appendCohort(store: EventStore, patients: number, contacts: number): Promise<number> {
  for (let p = 1; p <= patients; p++) {
    const id = `P${String(p).padStart(3, '0')}`;
    const events: NewEvent[] = [
      { ...envelope, eventId: `${id}-e`, type: 'PatientEnrolled', data: { patientId: id, sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } },
      { ...envelope, eventId: `${id}-d`, type: 'DiagnosisRecorded', data: { diagnosisId: 'D1', condition: 'calcinosis_cutis', subtype: null, components: [], diagnosedOn: '2000-01-01', confirmedBy: [] } },
      ...Array.from({ length: contacts }, (_, c) => ({ ...envelope, eventId: `${id}-c${c}`, type: 'ContactRecorded', data: { seenOn: `${2001 + (c % 10)}-01-${String(1 + (c % 28)).padStart(2, '0')}` } })),
    ];
    await store.appendToStream(patientStreamId(id), events, { expectedRevision: 'any' });
  }
  return store.headPosition();
}

const csvOf = async (app: TestApp, query = '') => (await app.http().get(`/datasets/follow-up?format=csv${query}`).expect(200)).text;

describe('persistent cohort read model (e2e, SQLite)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'cc-readmodel-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a restart, then the read model resumes from its checkpoint instead of folding the log again', async () => {
    const first = await startTestApp({ config: { store: 'sqlite', dataDir } });
    const head = await appendCohort(first.store, 20, 5);
    const before = await csvOf(first, `&minPosition=${head}`);
    const readModel = first.app.get(CohortReadModel);
    await readModel.waitFor(await first.store.headPosition(), 5000); // the read itself was logged
    const checkpoint = readModel.status()!.position;
    await first.close();

    const subscribe = jest.spyOn(SqliteEventStore.prototype, 'subscribeToAll');
    const second = await startTestApp({ config: { store: 'sqlite', dataDir } });
    try {
      expect(subscribe.mock.calls.map(([after]) => after)).toEqual([checkpoint]);
      expect(checkpoint).toBeGreaterThanOrEqual(head);
      expect(await csvOf(second)).toBe(before);
      expect((await second.http().get('/health').expect(200)).body.readModels).toEqual([expect.objectContaining({ generation: 1, position: expect.any(Number) })]);
    } finally {
      subscribe.mockRestore();
      await second.close();
    }
  });

  it('given a rebuild, then the live generation serves until the new one has caught up, which then answers byte for byte the same', async () => {
    const app = await startTestApp({ config: { store: 'sqlite', dataDir } });
    try {
      const head = await appendCohort(app.store, 400, 30); // 12,800 events: several pages, so the rebuild yields
      const before = await csvOf(app, `&minPosition=${head}`);
      const historical = await csvOf(app, `&atPosition=${head - 3000}`);
      // hold the rebuild after its first page, and look at the service meanwhile
      let release = () => undefined as void;
      let paused = false;
      const held = new Promise<void>((resolve) => (release = resolve));
      const rebuild = app.app.get(CohortReadModel).rebuild(() => (paused ? undefined : ((paused = true), held)));
      while (!paused) await new Promise((resolve) => setImmediate(resolve));
      const during = await app.http().get('/health').expect(200);
      expect(await csvOf(app)).toBe(before);
      release();
      const result = await rebuild;

      expect(during.body.readModels[0]).toMatchObject({ generation: 1, rebuilding: { generation: 2 } });
      expect(result).toMatchObject({ generation: 2, eventsFolded: 400 * 32 });
      expect(result.position).toBeGreaterThanOrEqual(head);
      expect((await app.http().get('/health').expect(200)).body.readModels).toEqual([expect.objectContaining({ generation: 2, rebuilding: null })]);
      expect(await csvOf(app)).toBe(before);
      expect(await csvOf(app, `&atPosition=${head - 3000}`)).toBe(historical);
      expect(existsSync(join(dataDir, 'readmodels', 'cohort-1.sqlite'))).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('given the CLI, then `dataset` prints the same CSV as HTTP and `rebuild` swaps generations on the data directory', async () => {
    const store = SqliteEventStore.inDirectory(dataDir);
    const head = await appendCohort(store, 3, 2);
    await store.close();
    const env = { DATA_DIR: dataDir, EVENT_STORE: 'sqlite' };

    const printed = runCli(['dataset', 'follow-up', '--as-of', '2001-06-30'], env);
    expect(printed.stderr).toContain(`"position":${head}`);
    const rebuilt = runCli(['rebuild'], env);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ readModel: 'cohort', generation: 2, position: head, eventsFolded: head });
    const bad = runCli(['dataset', 'follow-up', '--as-of', '2001-02-30'], env);
    expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining('asOf: must be a real calendar date')]);

    const app = await startTestApp({ config: { store: 'sqlite', dataDir } });
    try {
      expect(printed.stdout).toBe(await csvOf(app, '&asOf=2001-06-30'));
      expect((await app.http().get('/health').expect(200)).body.readModels[0].generation).toBe(2);
    } finally {
      await app.close();
    }
  });
});

describe('a stalled read model (e2e, memory)', () => {
  it('given an event the software cannot fold, then /health shows the failure and the lag, and minPosition answers 503 with Retry-After', async () => {
    const app = await startTestApp();
    try {
      const head = await appendCohort(app.store, 1, 1);
      await app.http().get(`/datasets/survival?minPosition=${head}`).expect(200);
      await app.app.get(CohortReadModel).waitFor(await app.store.headPosition(), 5000); // the read itself was logged
      const { position: folded } = app.app.get(CohortReadModel).status()!;
      const { position: future } = await app.store.appendToStream(patientStreamId('P001'), [{ ...envelope, schemaVersion: 99, eventId: 'future', type: 'ContactRecorded', data: { seenOn: '2005-01-01' } }], { expectedRevision: 'any' });

      const res = await app.http().get(`/datasets/survival?minPosition=${future}`).expect(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ code: 'read_model_behind', message: expect.stringContaining(`up to position ${folded}, not yet ${future}`) });
      const health = (await app.http().get('/health').expect(200)).body;
      expect(health.readModels).toEqual([expect.objectContaining({ position: folded, lag: health.headPosition - folded, failure: expect.stringContaining('schema version 99') })]);
    } finally {
      await app.close();
    }
  });
});
