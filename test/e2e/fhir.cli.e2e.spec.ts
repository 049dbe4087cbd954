/** `export-fhir` and `import-fhir`: the built CLI on SQLite data directories, mayo-2012 there and back. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { runCli } from '../support/cli';
import { fhirSchemaErrors } from '../support/fhirSchema';
import { appendMayo } from '../support/mayo';

describe('FHIR NDJSON from and into the CLI (e2e)', () => {
  let root: string;
  const dir = (name: string) => join(root, name);
  const cli = (dataDir: string, ...args: string[]) => runCli(args, { EVENT_STORE: 'sqlite', DATA_DIR: dataDir });
  /** Record time (recordedDate) differs between two stores; every other element must not. */
  const withoutRecordTime = (ndjson: string) => ndjson.trim().split('\n').map((line) => ({ ...JSON.parse(line), recordedDate: undefined }));
  const csvBundle = (folder: string) => Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cc-fhir-cli-'));
    const store = SqliteEventStore.inDirectory(dir('source'));
    await appendMayo(store);
    await store.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exports mayo as NDJSON that the R4 schema accepts line by line, imports it into an empty store with the same CSV bundle, and a re-import appends nothing', () => {
    const exported = cli(dir('source'), 'export-fhir', dir('mayo.ndjson'));
    expect([exported.status, exported.stderr]).toEqual([0, '']);
    const ndjson = readFileSync(dir('mayo.ndjson'), 'utf8');
    const lines = ndjson.trim().split('\n');
    // patients.csv has 81 rows
    expect(exported.stdout).toBe(`wrote ${lines.length} resources of 81 patients to ${dir('mayo.ndjson')}\n`);
    expect(lines.map((line) => fhirSchemaErrors(JSON.parse(line))).flat()).toEqual([]);

    const imported = cli(dir('copy'), 'import-fhir', dir('mayo.ndjson'));
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/81 patients \(81 changed, 0 unchanged\)/);
    expect(cli(dir('source'), 'export', dir('source-csv')).status).toBe(0);
    expect(cli(dir('copy'), 'export', dir('copy-csv')).status).toBe(0);
    expect(csvBundle(dir('copy-csv'))).toEqual(csvBundle(dir('source-csv')));
    expect(cli(dir('copy'), 'export-fhir', dir('copy.ndjson')).status).toBe(0);
    expect(withoutRecordTime(readFileSync(dir('copy.ndjson'), 'utf8'))).toEqual(withoutRecordTime(ndjson));

    const again = cli(dir('copy'), 'import-fhir', dir('mayo.ndjson'));
    expect([again.status, again.stdout]).toEqual([0, expect.stringMatching(/ 0 events appended/)]);
  }, 120_000);

  it('refuses a file with a bad line, an unknown type and an unmapped code: each on stderr by line, exit 1, nothing written', async () => {
    const lines = readFileSync(dir('mayo.ndjson'), 'utf8').trim().split('\n').slice(0, 3);
    const unmapped = lines[1].replace(/"code":"[a-z_]+"}\],"text"/, '"code":"gout"}],"text"');
    const bad = [lines[0], unmapped, lines[2], '{"resourceType": "Patient",', JSON.stringify({ resourceType: 'Basic', id: 'B1' })];
    writeFileSync(dir('bad.ndjson'), bad.join('\n'));
    const run = cli(dir('empty'), 'import-fhir', dir('bad.ndjson'));
    expect(run.status).toBe(1);
    const stderr = run.stderr.trim().split('\n');
    expect(stderr[0]).toMatch(/^line 2 \(Condition\/[^)]+\) code: gout is not a code of https:\/\/cohort-chronicle.example\/fhir\/CodeSystem\/condition/);
    expect(stderr[1]).toMatch(/^line 4: is not valid JSON/);
    expect(stderr[2]).toMatch(/^line 5 \(Basic\/B1\) resourceType: "Basic" is not a resource type this import reads/);
    expect(stderr.at(-1)).toBe('the bundle has 3 problem(s), nothing was written');
    const store = SqliteEventStore.inDirectory(dir('empty'));
    expect(await store.headPosition()).toBe(0);
    await store.close();
  }, 60_000);
});
