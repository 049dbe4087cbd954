/** `dataset <name> --format r|stata|sas|parquet --out <folder>`: the built CLI on a SQLite data directory. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { runCli } from '../support/cli';
import { appendMayo } from '../support/mayo';
import { startServer } from '../support/serverProcess';

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

  it('with --server, writes the same files from GET /datasets/:name/export as the token\'s user (the request is access-logged there)', async () => {
    const env = { EVENT_STORE: 'sqlite', DATA_DIR: dataDir };
    const key = runCli(['user', 'add', 'ana', '--role', 'analyst', '--identified'], env).stdout.trim().split('\n').pop()!;
    const server = await startServer({ ...env, AUTH: 'required' });
    try {
      const remoteFolder = join(outDir, 'remote-r');
      const localFolder = join(outDir, 'local-r');
      const remote = runCli(['--server', server.url, '--token', key, 'dataset', 'survival', '--as-of', '2005-06-30', '--format', 'r', '--out', remoteFolder], env);
      expect([remote.status, remote.stderr.split('\n').length]).toEqual([0, 2]);
      expect(cli('dataset', 'survival', '--as-of', '2005-06-30', '--format', 'r', '--out', localFolder).status).toBe(0);
      expect(readdirSync(remoteFolder).sort()).toEqual(readdirSync(localFolder).sort());
      for (const file of ['survival.csv', 'survival.R', 'dictionary.json', 'dictionary.md']) expect([file, readFileSync(join(remoteFolder, file), 'utf8')]).toEqual([file, readFileSync(join(localFolder, file), 'utf8')]);
      const manifest = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
      expect(manifest(remoteFolder).sha256).toBe(manifest(localFolder).sha256);
      const store = SqliteEventStore.inDirectory(dataDir);
      const accesses = (await store.readAll()).filter((e) => e.type === 'DataAccessed').map((e) => e.data as { userName: string; resource: string; parameters: Record<string, string> });
      await store.close();
      expect(accesses).toContainEqual(expect.objectContaining({ userName: 'ana', resource: '/datasets/survival/export', parameters: expect.objectContaining({ format: 'r', asOf: '2005-06-30' }) }));
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 90_000);
});
