// Acceptance: copies of the mayo-2012 bundle, each corrupted in one way a registry export goes wrong,
// are refused with the problem placed on its file, line and column, and nothing is written. Line
// numbers are found in the corrupted text itself (1-based, the header is line 1).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { readBundleFolder } from '../../src/import/bundle.source';
import { runCli } from '../support/cli';
import { MAYO_DIR as MAYO } from '../support/mayo';
import { startTestApp } from '../support/testApp';

type Files = Record<string, string>;
interface Expected {
  file: string;
  line: number | null;
  column: string | null;
  reason: string | RegExp;
}

const source = readBundleFolder(MAYO);
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
const lastLine = (text: string) => text.trimEnd().split('\n').length;
const replace = (files: Files, name: string, from: string, to: string): Files => {
  if (!files[name].includes(from)) throw new Error(`${name} has no ${from}`);
  return { ...files, [name]: files[name].replace(from, to) };
};
const append = (files: Files, name: string, row: string): Files => ({ ...files, [name]: `${files[name]}${row}\n` });

const CORRUPTIONS: [string, Files, Expected][] = [
  ['an unknown column', replace(source, 'contacts.csv', 'patient_id,seen_on\n', 'patient_id,seen_on,seen_by\n'), { file: 'contacts.csv', line: 1, column: 'seen_by', reason: /^unknown column/ }],
  ['a missing required column', replace(source, 'deaths.csv', 'patient_id,died_on,cause', 'patient_id,cause'), { file: 'deaths.csv', line: 1, column: 'died_on', reason: 'missing required column' }],
  ['a bad date', replace(source, 'diagnoses.csv', 'MCC-2602,D1,dermatomyositis,juvenile,,1987-10-27', 'MCC-2602,D1,dermatomyositis,juvenile,,1987-02-30'),
    { file: 'diagnoses.csv', line: lineOf(source['diagnoses.csv'], 'MCC-2602,D1,'), column: 'diagnosed_on', reason: 'must be a real calendar date in YYYY-MM-DD form' }],
  ['an unknown vocabulary term', replace(source, 'lesions.csv', 'MCC-9182,L2,extremity', 'MCC-9182,L2,elbow'),
    { file: 'lesions.csv', line: lineOf(source['lesions.csv'], 'MCC-9182,L2,'), column: 'site', reason: 'must be one of hands_feet, extremity, trunk, head' }],
  ['a lesion of an unknown patient', append(source, 'lesions.csv', 'MCC-0000,L1,trunk,2000-01-01,no,no'),
    { file: 'lesions.csv', line: lastLine(source['lesions.csv']) + 1, column: 'patient_id', reason: 'patient MCC-0000 is not in patients.csv' }],
  ['a stop before its start', replace(source, 'treatments.csv', 'MCC-8632,T1,calcinosis,excision,surgical,,,1992-07-24,1992-07-24', 'MCC-8632,T1,calcinosis,excision,surgical,,,1992-07-24,1992-07-20'),
    { file: 'treatments.csv', line: lineOf(source['treatments.csv'], 'MCC-8632,T1,'), column: 'stopped_on', reason: 'treatment T1 stop (1992-07-20) is before its start (1992-07-24)' }],
  ['a duplicate id', append(source, 'diagnoses.csv', 'MCC-9182,D2,sle,,,1990-01-01,clinical'),
    { file: 'diagnoses.csv', line: lastLine(source['diagnoses.csv']) + 1, column: 'diagnosis_id', reason: `duplicate: diagnosis_id D2 of patient MCC-9182 is already on line ${lineOf(source['diagnoses.csv'], 'MCC-9182,D2,')}` }],
  ['a response for an unknown treatment', append(source, 'responses.csv', 'MCC-9182,T9,2000-01-01,partial'),
    { file: 'responses.csv', line: lastLine(source['responses.csv']) + 1, column: 'treatment_id', reason: 'treatment T9 was never started for this patient' }],
  ['two contacts on one day', append(source, 'contacts.csv', 'MCC-8632,1990-06-27'),
    { file: 'contacts.csv', line: lastLine(source['contacts.csv']) + 1, column: 'seen_on', reason: `duplicate: seen_on 1990-06-27 of patient MCC-8632 is already on line ${lineOf(source['contacts.csv'], 'MCC-8632,1990-06-27')}` }],
  ['a contact after death', append(source, 'contacts.csv', 'MCC-9182,2011-01-01'),
    { file: 'deaths.csv', line: lineOf(source['deaths.csv'], 'MCC-9182,'), column: 'died_on', reason: 'contact (2011-01-01) is after death (2010-05-21)' }],
  ['a course aimed at an unknown lesion', replace(source, 'treatments.csv', 'MCC-8632,T1,calcinosis,excision,surgical,,,1992-07-24,1992-07-24,L1', 'MCC-8632,T1,calcinosis,excision,surgical,,,1992-07-24,1992-07-24,L9'),
    { file: 'treatments.csv', line: lineOf(source['treatments.csv'], 'MCC-8632,T1,'), column: 'lesion_ids', reason: 'treatment T1 targets lesion L9, which is not recorded' }],
  ['a yes/no cell with another word', replace(source, 'lesions.csv', 'MCC-9182,L1,hands_feet,1990-12-25,no,no', 'MCC-9182,L1,hands_feet,1990-12-25,maybe,no'),
    { file: 'lesions.csv', line: lineOf(source['lesions.csv'], 'MCC-9182,L1,'), column: 'ulcerated', reason: 'must be yes, no or blank' }],
  ['a date after the day it is recorded', append(source, 'contacts.csv', 'MCC-8632,2099-01-01'),
    { file: 'contacts.csv', line: lastLine(source['contacts.csv']) + 1, column: 'seen_on', reason: /^2099-01-01 is after the day it is recorded/ }],
  ['an unknown file', { ...source, 'lesion.csv': source['lesions.csv'] }, { file: 'lesion.csv', line: null, column: null, reason: /^is not a file of a Cohort CSV bundle/ }],
  ['no patients.csv', Object.fromEntries(Object.entries(source).filter(([n]) => n !== 'patients.csv')), { file: 'patients.csv', line: null, column: null, reason: 'is missing: every bundle has one' }],
];

describe('mayo-2012 acceptance: corrupted bundles are refused whole', () => {
  it.each(CORRUPTIONS)('POST /imports with %s: 400 naming file, line, column and reason; nothing written', async (_, files, expected) => {
    const t = await startTestApp();
    try {
      const request = t.http().post('/imports');
      for (const [name, text] of Object.entries(files)) request.attach('files', Buffer.from(text), name);

      const res = await request.expect(400);

      const reason = typeof expected.reason === 'string' ? expected.reason : expect.stringMatching(expected.reason);
      expect(res.body.details).toEqual([{ field: expect.any(String), file: expected.file, line: expected.line, column: expected.column, reason }]);
      expect((await t.store.readAll()).filter((e) => e.streamId.startsWith('patient-'))).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('the CLI, given every corruption at once, lists each problem and writes nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cc-corrupt-'));
    try {
      const folder = join(work, 'bundle');
      cpSync(MAYO, folder, { recursive: true });
      let files = replace(source, 'lesions.csv', 'MCC-9182,L2,extremity', 'MCC-9182,L2,elbow');
      files = replace(files, 'treatments.csv', 'MCC-8632,T1,calcinosis,excision,surgical,,,1992-07-24,1992-07-24', 'MCC-8632,T1,calcinosis,excision,surgical,,,1992-07-24,1992-07-20');
      files = append(files, 'responses.csv', 'MCC-9182,T9,2000-01-01,partial');
      for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
      const env = { DATA_DIR: join(work, 'data'), EVENT_STORE: 'sqlite' };

      const run = runCli(['import', folder], env);

      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        `lesions.csv:${lineOf(source['lesions.csv'], 'MCC-9182,L2,')}:site: must be one of hands_feet, extremity, trunk, head`,
        `responses.csv:${lastLine(source['responses.csv']) + 1}:treatment_id: treatment T9 was never started for this patient`,
        `treatments.csv:${lineOf(source['treatments.csv'], 'MCC-8632,T1,')}:stopped_on: treatment T1 stop (1992-07-20) is before its start (1992-07-24)`,
        'the bundle has 3 problem(s), nothing was written',
      ]);
      const store = SqliteEventStore.inDirectory(env.DATA_DIR);
      expect((await store.readAll()).filter((e) => e.streamId.startsWith('patient-'))).toEqual([]);
      await store.close();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
