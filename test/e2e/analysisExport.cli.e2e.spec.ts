/** `dataset <name> --format r|stata|sas|parquet --out <folder>`: the built CLI on a SQLite data directory. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { runCli } from '../support/cli';
import { appendMayo } from '../support/mayo';

describe('analysis exports from the CLI (e2e)', () => {
  let dataDir: string;
  let outDir: string;
  const cli = (...args: string[]) => runCli(args, { EVENT_STORE: 'sqlite', DATA_DIR: dataDir });
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cc-export-cli-'));
    outDir = mkdtempSync(join(tmpdir(), 'cc-export-out-'));
    const store = SqliteEventStore.inDirectory(dataDir);
    await appendMayo(store);
    await store.close();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('writes the folder: the CSV of `dataset <name>` byte for byte, its manifest, the dictionary and the program', () => {
    const plain = cli('dataset', 'follow-up', '--as-of', '2005-06-30');
    expect(plain.status).toBe(0);
    const folder = join(outDir, 'follow-up-stata');
    const run = cli('dataset', 'follow-up', '--as-of', '2005-06-30', '--format', 'stata', '--out', folder);
    expect([run.status, run.stderr.split('\n').length]).toEqual([0, 2]);
    expect(readdirSync(folder).sort()).toEqual(['dictionary.json', 'dictionary.md', 'follow-up.csv', 'follow-up.do', 'manifest.json']);
    expect(run.stdout.trim().split('\n').sort()).toEqual(readdirSync(folder).map((f) => join(folder, f)).sort());
    expect(readFileSync(join(folder, 'follow-up.csv'), 'utf8')).toBe(plain.stdout);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual(JSON.parse(plain.stderr));
    expect(manifest.sha256).toBe(createHash('sha256').update(readFileSync(join(folder, 'follow-up.csv'))).digest('hex'));
    expect(readFileSync(join(folder, 'follow-up.do'), 'utf8')).toContain('label define ended_by_lbl 1 "death" 2 "last_contact" 3 "cut_off"');
  }, 60_000);

  it('writes a Parquet file that hyparquet reads back with the CSV\'s rows (the built program loads the ES-module writer)', async () => {
    const folder = join(outDir, 'survival-parquet');
    expect(cli('dataset', 'survival', '--format', 'parquet', '--out', folder).status).toBe(0);
    const bytes = readFileSync(join(folder, 'survival.parquet'));
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    const csvLines = readFileSync(join(folder, 'survival.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(csvLines.length - 1);
    expect(rows.map((r) => r.patient_id)).toEqual(csvLines.slice(1).map((l) => l.split(',')[0]));
  }, 60_000);

  it('refuses an analysis format without --out, and an unknown format, naming the option; nothing is written', () => {
    const noOut = cli('dataset', 'survival', '--format', 'sas');
    expect([noOut.status, noOut.stderr]).toEqual([1, expect.stringMatching(/out: is required with --format sas/)]);
    const folder = join(outDir, 'never');
    const wrong = cli('dataset', 'survival', '--format', 'spss', '--out', folder);
    expect([wrong.status, wrong.stderr]).toEqual([1, expect.stringMatching(/format: must be one of r, stata, sas, parquet/)]);
    expect(existsSync(folder)).toBe(false);
  }, 60_000);
});
