// e2e of the built CLI: `generate` writes a synthetic bundle that `import` then loads whole.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

const FILES = ['contacts.csv', 'deaths.csv', 'diagnoses.csv', 'lesions.csv', 'patients.csv', 'responses.csv', 'treatments.csv'];
const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('CLI generate (e2e)', () => {
  let work: string;
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'cc-cli-generate-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('given a count and a seed, when generating twice, then the same seven files byte for byte, which import cleanly', () => {
    const first = runCli(['generate', '--patients', '120', '--seed', '7', '--out', join(work, 'a')], {});
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/SYNTHETIC bundle of 120 patients \(seed 7\)/);
    expect(readdirSync(join(work, 'a')).sort()).toEqual(FILES);
    // a header, then one row per patient with ids G-0000001 .. G-0000120
    const patients = lines(join(work, 'a', 'patients.csv'));
    expect(patients).toHaveLength(121);
    expect([patients[1].split(',')[0], patients[120].split(',')[0]]).toEqual(['G-0000001', 'G-0000120']);

    expect(runCli(['generate', '--patients', '120', '--seed', '7', '--out', join(work, 'b')], {}).status).toBe(0);
    for (const file of FILES) expect([file, readFileSync(join(work, 'b', file), 'utf8')]).toEqual([file, readFileSync(join(work, 'a', file), 'utf8')]);
    expect(runCli(['generate', '--patients', '120', '--seed', '8', '--out', join(work, 'c')], {}).status).toBe(0);
    expect(readFileSync(join(work, 'c', 'lesions.csv'), 'utf8')).not.toEqual(readFileSync(join(work, 'a', 'lesions.csv'), 'utf8'));

    const imported = runCli(['import', join(work, 'a')], { DATA_DIR: join(work, 'data'), EVENT_STORE: 'sqlite' });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/120 patients/);
  });

  it('refuses a count that is not a positive whole number, and a folder that is not empty, naming the option', () => {
    const zero = runCli(['generate', '--patients', '0', '--out', join(work, 'z')], {});
    expect(zero.status).toBe(1);
    expect(zero.stderr).toMatch(/--patients must be a whole number from 1/);
    expect(runCli(['generate', '--patients', 'many', '--out', join(work, 'z')], {}).stderr).toMatch(/--patients must be a whole number/);
    writeFileSync(join(work, 'note.txt'), 'keep me');
    const occupied = runCli(['generate', '--patients', '5', '--out', work], {});
    expect(occupied.status).toBe(1);
    expect(occupied.stderr).toMatch(/--out .* is not empty/);
    expect(readdirSync(work)).toEqual(['note.txt']);
  });
});
