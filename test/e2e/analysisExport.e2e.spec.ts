/**
 * Analysis exports over HTTP on the synthetic mayo-2012 cohort. The R export is run in R (Rscript with
 * survival, as CI installs it): survfit on its Surv() object must give R's own curve recorded in
 * shared/cohorts/mayo-2012/expected.json, and the curve GET /analyses/kaplan-meier serves. The Parquet
 * file is read back with hyparquet and compared cell by cell with the CSV. Stata and SAS are not
 * installed here: their programs are checked by structure (src/export/analysisFormats/programs.structure.spec.ts).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import type { Response } from 'supertest';
import { DATASETS } from '../../projections/dataset.registry';
import { loadMayoExpected } from '../reference/fixtures';
import { UsersService } from '../../src/auth/users.service';
import { appendMayo } from '../support/mayo';
import { startTestApp, type TestApp } from '../support/testApp';

const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** Runs an R program in a folder; the program prints `key value` lines. */
function runR(folder: string, program: string): string {
  writeFileSync(join(folder, 'check.R'), program);
  const run = spawnSync('Rscript', ['--vanilla', 'check.R'], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`Rscript failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

describe('analysis exports (e2e, mayo-2012)', () => {
  let t: TestApp;
  let head: number;
  let dir: string;
  const expected = loadMayoExpected();
  const get = (path: string) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`);
  /** GET the export zip and unpack it into a fresh folder; returns the folder and its files. */
  async function exportOf(name: string, query: string): Promise<{ folder: string; files: Record<string, Uint8Array>; res: Response }> {
    const res = await get(`/datasets/${name}/export?${query}`).buffer(true).parse(binary).expect(200);
    const zipped = unzipSync(new Uint8Array(res.body as Buffer));
    const folder = mkdtempSync(join(dir, `${name}-`));
    const files: Record<string, Uint8Array> = {};
    for (const [path, content] of Object.entries(zipped)) {
      const file = path.split('/').pop()!;
      files[file] = content;
      writeFileSync(join(folder, file), content);
    }
    return { folder, files, res };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cc-analysis-export-'));
    t = await startTestApp();
    await appendMayo(t.store);
    head = await t.store.headPosition();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R: survfit on the exported Surv() object gives R survival curve of expected.json and of GET /analyses/kaplan-meier (time, n.risk, n.event, surv to 1e-9)', async () => {
    const { folder, files, res } = await exportOf('survival', 'format=r');
    expect(res.headers['content-type']).toBe('application/zip');
    expect(Object.keys(files).sort()).toEqual(['dictionary.json', 'dictionary.md', 'manifest.json', 'survival.R', 'survival.csv']);
    // the very bytes of format=csv, so the manifest's digest applies to the exported file
    const csv = (await get('/datasets/survival?format=csv').expect(200)).text;
    expect(strFromU8(files['survival.csv'])).toBe(csv);
    const manifest = JSON.parse(strFromU8(files['manifest.json']));
    expect(manifest.sha256).toBe(createHash('sha256').update(files['survival.csv']).digest('hex'));
    expect(res.headers['x-dataset-sha256']).toBe(manifest.sha256);

    const out = runR(
      folder,
      [
        'source("survival.R")',
        'fit <- survfit(survival_surv ~ 1)',
        'for (i in seq_along(fit$time)) cat("row", sprintf("%.17g", c(fit$time[i], fit$n.risk[i], fit$n.event[i], fit$n.censor[i], fit$surv[i])), "\\n")',
        'cat("classes", sapply(survival, function(x) class(x)[1]), "\\n")',
        'cat("sexlevels", levels(survival$sex), "\\n")',
        'cat("label", attr(survival$time_months, "label"), "\\n")',
        'cat("nrow", nrow(survival), "\\n")',
        'cat("surv", class(survival_surv), attr(survival_surv, "type"), "\\n")',
      ].join('\n'),
    );
    const lines = out.trim().split('\n').map((l) => l.trim().split(/\s+/));
    const rows = lines.filter((l) => l[0] === 'row').map((l) => l.slice(1).map(Number));
    const word = (key: string) => lines.find((l) => l[0] === key)!.slice(1);
    expect(word('classes')).toEqual(['character', 'Date', 'factor', 'integer', 'integer', 'numeric', 'integer']);
    expect(word('sexlevels')).toEqual(['female', 'male']);
    expect(word('label').join(' ')).toBe('time_days / (365.25 / 12) [months]');
    expect(word('nrow')).toEqual(['75']);
    expect(word('surv')).toEqual(['Surv', 'right']);

    const reference = expected.kaplan_meier.table.log as { time: number; n_risk: number; n_event: number; n_censor: number; surv: number }[];
    expect(rows).toHaveLength(reference.length);
    rows.forEach(([time, nRisk, nEvent, nCensor, surv], i) => {
      expect(Math.abs(time - reference[i].time)).toBeLessThanOrEqual(1e-9);
      expect([nRisk, nEvent, nCensor]).toEqual([reference[i].n_risk, reference[i].n_event, reference[i].n_censor]);
      expect(Math.abs(surv - reference[i].surv)).toBeLessThanOrEqual(1e-9);
    });
    const ours = (await get('/analyses/kaplan-meier').expect(200)).body.strata[0].table as { time: number; nRisk: number; nEvent: number; surv: number }[];
    expect(ours).toHaveLength(rows.length);
    ours.forEach((row, i) => {
      expect(Math.abs(row.time - rows[i][0])).toBeLessThanOrEqual(1e-9);
      expect([row.nRisk, row.nEvent]).toEqual([rows[i][1], rows[i][2]]);
      expect(Math.abs(row.surv - rows[i][4])).toBeLessThanOrEqual(1e-9);
    });
  }, 60_000);

  it('R: every dataset\'s program loads its CSV in R with the dictionary\'s types, at a valid-time cut too', async () => {
    const CLASS: Record<string, string> = { text: 'character', code: 'factor', list: 'character', date: 'Date', integer: 'integer', decimal: 'numeric', flag: 'integer' };
    for (const dataset of DATASETS) {
      const { folder, files } = await exportOf(dataset.name, 'format=r&asOf=2005-06-30');
      const csvRows = parse(strFromU8(files[`${dataset.name}.csv`]), { columns: true }) as Record<string, string>[];
      const df = dataset.name.replace(/-/g, '_');
      const out = runR(folder, [`source("${dataset.name}.R")`, `cat("classes", sapply(${df}, function(x) class(x)[1]), "\\n")`, `cat("nrow", nrow(${df}), "\\n")`, `cat("nas", colSums(is.na(${df})), "\\n")`].join('\n'));
      const lines = out.trim().split('\n').map((l) => l.trim().split(/\s+/));
      const word = (key: string) => lines.find((l) => l[0] === key)!.slice(1);
      expect([dataset.name, word('classes')]).toEqual([dataset.name, dataset.columns.map((c) => CLASS[c.type])]);
      expect([dataset.name, Number(word('nrow')[0])]).toEqual([dataset.name, csvRows.length]);
      // a blank CSV cell, and only a blank one, is NA in R (a factor level missing from the levels would be NA too)
      expect([dataset.name, word('nas').map(Number)]).toEqual([dataset.name, dataset.columns.map((c) => csvRows.filter((r) => r[c.name] === '').length)]);
    }
  }, 120_000);

  it.each([
    ['deidentified=true', 'safe-harbor', 'integer'],
    ['deidentify=limited-data-set', 'limited-data-set', 'Date'],
  ])('a de-identified export (%s, %s) follows its dictionary: entry_date read as %s, the survival object unchanged', async (query, mode, entryClass) => {
    const { folder, files } = await exportOf('survival', `format=r&${query}`);
    expect(JSON.parse(strFromU8(files['manifest.json']))).toMatchObject({ deidentified: true, deidentification: mode });
    expect(JSON.parse(strFromU8(files['dictionary.json'])).columns[1]).toMatchObject({ name: 'entry_date', type: entryClass === 'Date' ? 'date' : 'integer' });
    const out = runR(folder, ['source("survival.R")', 'cat("classes", sapply(survival, function(x) class(x)[1]), "\\n")', 'fit <- survfit(survival_surv ~ 1)', 'cat("fit", sprintf("%.12f", min(fit$surv)), sum(survival$status), nrow(survival), "\\n")'].join('\n'));
    expect(out).toContain(`classes character ${entryClass} factor integer integer numeric integer`);
    // durations stay exact, so the curve ends where R's own does (expected.json)
    const reference = expected.kaplan_meier.table.log as { surv: number }[];
    expect(out).toContain(`fit ${reference[reference.length - 1].surv.toFixed(12)} ${expected.kaplan_meier.events} ${expected.kaplan_meier.n}`);
  }, 60_000);

  it('Parquet: read back with hyparquet, every cell of every dataset equals the CSV cell; nulls stay null', async () => {
    for (const dataset of DATASETS) {
      const { files } = await exportOf(dataset.name, 'format=parquet');
      const csvRows = parse(strFromU8(files[`${dataset.name}.csv`]), { columns: true }) as Record<string, string>[];
      const bytes = files[`${dataset.name}.parquet`];
      const read = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
      expect([dataset.name, read.length]).toEqual([dataset.name, csvRows.length]);
      read.forEach((row, i) => {
        for (const c of dataset.columns) {
          const value = row[c.name];
          const text =
            value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'boolean' ? (value ? '1' : '0') : c.type === 'decimal' ? (value as number).toFixed(10) : String(value);
          expect([dataset.name, i, c.name, text]).toEqual([dataset.name, i, c.name, csvRows[i][c.name]]);
        }
      });
    }
  }, 60_000);

  it('Stata and SAS folders carry the CSV, the manifest, the dictionary and the program', async () => {
    const stata = await exportOf('treatments', 'format=stata&asOf=2005-06-30');
    expect(Object.keys(stata.files).sort()).toEqual(['dictionary.json', 'dictionary.md', 'manifest.json', 'treatments.csv', 'treatments.do']);
    expect(strFromU8(stata.files['treatments.do'])).toContain('import delimited using "treatments.csv"');
    const sas = await exportOf('survival-counting', 'format=sas');
    expect(strFromU8(sas.files['survival-counting.sas'])).toContain("filename cccsv 'survival-counting.csv'");
    expect(JSON.parse(strFromU8(sas.files['manifest.json']))).toMatchObject({ dataset: 'survival-counting', sha256: createHash('sha256').update(sas.files['survival-counting.csv']).digest('hex') });
  });

  it.each([
    ['/datasets/survival/export', 'format', /required/],
    ['/datasets/survival/export?format=spss', 'format', /one of r, stata, sas, parquet/],
    ['/datasets/nope/export?format=r', 'name', /one of/],
    ['/datasets/survival/export?format=r&asOf=2005-02-30', 'asOf', /calendar date/],
    ['/datasets/survival/export?format=r&knownAt=2011-01-01T00:00:00Z&atPosition=3', 'atPosition', /not both/],
  ])('refuses %s with 400 naming %s', async (path, field, reason) => {
    const res = await t.http().get(path).expect(400);
    expect(res.body.details).toEqual(expect.arrayContaining([{ field, reason: expect.stringMatching(reason) }]));
  });
});

describe('analysis exports without identified access (e2e, authentication required)', () => {
  it('gives an analyst without identified access the Safe Harbor folder, asked or not, and refuses a limited data set (403), as GET /datasets does', async () => {
    const t = await startTestApp({ config: { auth: 'required' } });
    try {
      await appendMayo(t.store);
      const head = await t.store.headPosition();
      const { apiKey } = await t.app.get(UsersService).addUser({ userName: 'ana', roles: ['analyst'], identifiedAccess: false }, 'test', 'correct horse battery');
      const get = (query: string) => t.http().get(`/datasets/survival/export?format=r&minPosition=${head}&${query}`).set('Authorization', `Bearer ${apiKey}`);
      const res = await get('').buffer(true).parse(binary).expect(200);
      const files = unzipSync(new Uint8Array(res.body as Buffer));
      expect(JSON.parse(strFromU8(files['survival-r/manifest.json']))).toMatchObject({ deidentified: true, deidentification: 'safe-harbor' });
      expect(strFromU8(files['survival-r/survival.csv'])).not.toMatch(/MCC-\d+/);
      await get('deidentify=limited-data-set').expect(403);
    } finally {
      await t.close();
    }
  }, 60_000);
});
