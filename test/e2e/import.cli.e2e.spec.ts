// e2e of the built CLI as a child process: import, re-import, export, demo, and a bundle with problems.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { runCli } from '../support/cli';
import { rowSet } from '../support/bundleRows';
import { MAYO_DIR } from '../support/mayo';

const MAYO = MAYO_DIR;
const FILES = ['patients.csv', 'diagnoses.csv', 'lesions.csv', 'treatments.csv', 'responses.csv', 'contacts.csv', 'deaths.csv'];

async function patientEventCount(dataDir: string): Promise<number> {
  const store = SqliteEventStore.inDirectory(dataDir);
  try {
    return (await store.readAll()).filter((e) => e.streamId.startsWith('patient-')).length;
  } finally {
    await store.close();
  }
}

describe('CLI import / export / demo (e2e)', () => {
  let work: string;
  let env: Record<string, string>;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'cc-cli-import-'));
    env = { DATA_DIR: join(work, 'data'), EVENT_STORE: 'sqlite' };
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('given the mayo folder, then import appends every row once, and export writes the same rows back', async () => {
    const first = runCli(['import', MAYO], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('1791 rows, 81 patients (81 changed, 0 unchanged)');
    expect(first.stdout).toContain('2005 events appended: 2005 new facts, 0 corrections, 0 retractions');

    const again = runCli(['import', MAYO], env);
    expect(again.stdout).toContain('81 patients (0 changed, 81 unchanged)');
    expect(again.stdout).toContain('0 events appended');
    expect(await patientEventCount(env.DATA_DIR)).toBe(2005);

    const out = join(work, 'export');
    expect(runCli(['export', out], env).status).toBe(0);
    for (const name of FILES) expect(rowSet(readFileSync(join(out, name), 'utf8'))).toEqual(rowSet(readFileSync(join(MAYO, name), 'utf8')));
  });

  it('given a folder with problems, then each is printed as file:line:column, the exit code is 1 and nothing is written', async () => {
    const broken = join(work, 'broken');
    cpSync(MAYO, broken, { recursive: true });
    const deaths = readFileSync(join(broken, 'deaths.csv'), 'utf8');
    writeFileSync(join(broken, 'deaths.csv'), deaths.replace('MCC-4996,2010-06-28,', 'MCC-4996,2010-06-31,'));
    writeFileSync(join(broken, 'contacts.csv'), `${readFileSync(join(broken, 'contacts.csv'), 'utf8')}MCC-0000,2001-01-01\n`);

    const run = runCli(['import', broken], env);

    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toEqual([
      'contacts.csv:1006:patient_id: patient MCC-0000 is not in patients.csv',
      'deaths.csv:3:died_on: must be a real calendar date in YYYY-MM-DD form',
      'the bundle has 2 problem(s), nothing was written',
      '',
    ]);
    expect(await patientEventCount(env.DATA_DIR)).toBe(0);
  });

  it('given demo twice, then the synthetic cohort is loaded once', async () => {
    expect(runCli(['demo'], env).stdout).toContain('2005 events appended');
    expect(runCli(['demo'], env).stdout).toContain('0 events appended');
  });
});
