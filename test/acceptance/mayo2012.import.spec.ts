// Acceptance: the synthetic mayo-2012 bundle imported through the real CLI and through the real HTTP
// API into fresh stores gives a report whose every figure equals expected.json `derived` (computed
// independently in Python from the CSV files), and an export that gives back the imported rows.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoBundleFolder, readBundleFolder } from '../../src/import/bundle.source';
import { runCli } from '../support/cli';
import { MAYO_DIR as MAYO } from '../support/mayo';
import { MAYO_DATASETS, expectDatasetMatches } from '../support/mayoDatasets';
import { expectMayoFigures } from '../support/mayoFigures';
import { startTestApp, type TestApp } from '../support/testApp';
import { rowSet } from '../support/bundleRows';

describe('mayo-2012 acceptance: import -> report and export', () => {
  it('the shipped demo cohort is a verbatim copy of the shared one, reference values included', () => {
    const names = [...readdirSync(MAYO).filter((n) => n !== 'expected'), ...readdirSync(join(MAYO, 'expected')).map((n) => join('expected', n))];
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect([name, readFileSync(join(demoBundleFolder(), name), 'utf8')]).toEqual([name, readFileSync(join(MAYO, name), 'utf8')]);
  });

  describe('through the CLI, into a fresh SQLite store', () => {
    let work: string;
    let env: Record<string, string>;
    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'cc-acceptance-'));
      env = { DATA_DIR: join(work, 'data'), EVENT_STORE: 'sqlite' };
      const run = runCli(['import', MAYO], env);
      expect(run.status).toBe(0);
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('report --format json: every derived figure', () => {
      const run = runCli(['report', '--format', 'json'], env);
      expect(run.status).toBe(0);
      expectMayoFigures(JSON.parse(run.stdout));
    });

    it.each(MAYO_DATASETS)('dataset rows = expected/%s (dataset %s, as of %s)', (file, dataset, asOf) => {
      const run = runCli(['dataset', dataset, '--format', 'csv', ...(asOf ? ['--as-of', asOf] : [])], env);
      expect(run.status).toBe(0);
      expectDatasetMatches(file, run.stdout);
    });

    it('export: the rows of the bundle', () => {
      expect(runCli(['export', join(work, 'out')], env).status).toBe(0);
      const source = readBundleFolder(MAYO);
      for (const name of Object.keys(source)) expect(rowSet(readFileSync(join(work, 'out', name), 'utf8'))).toEqual(rowSet(source[name]));
    });
  });

  describe('through HTTP, into a fresh store', () => {
    let t: TestApp;
    let minPosition: number;
    beforeAll(async () => {
      t = await startTestApp();
      const request = t.http().post('/imports');
      for (const [name, text] of Object.entries(readBundleFolder(MAYO))) request.attach('files', Buffer.from(text), name);
      minPosition = (await request.expect(201)).body.position;
    });
    afterAll(() => t.close());

    it('GET /reports/cohort: every derived figure', async () => {
      const res = await t.http().get(`/reports/cohort?minPosition=${minPosition}`).expect(200);
      expectMayoFigures(res.body);
    });

    it.each(MAYO_DATASETS)('GET /datasets rows = expected/%s (dataset %s, as of %s)', async (file, dataset, asOf) => {
      const res = await t.http().get(`/datasets/${dataset}?format=csv&minPosition=${minPosition}${asOf ? `&asOf=${asOf}` : ''}`).expect(200);
      expectDatasetMatches(file, res.text);
    });

    it('GET /reports/cohort?format=md and html: the tables as text', async () => {
      const md = await t.http().get(`/reports/cohort?format=md&minPosition=${minPosition}`).expect(200).expect('Content-Type', /text\/markdown/);
      expect(md.text).toContain('| excision | 22 | 5 | 1 | 0 | 28 |');
      const html = await t.http().get(`/reports/cohort?format=html&minPosition=${minPosition}`).expect(200).expect('Content-Type', /text\/html/);
      expect(html.text).toContain('<td>excision</td><td>22</td><td>5</td><td>1</td><td>0</td><td>28</td>');
    });

    it('a knowledge point before the import sees an empty cohort; a bad format is refused', async () => {
      const before = await t.http().get('/reports/cohort?knownAt=2000-01-01T00:00:00Z').expect(200);
      expect(before.body.analysed).toBe(0);
      await t.http().get('/reports/cohort?format=pdf').expect(400);
    });
  });
});
