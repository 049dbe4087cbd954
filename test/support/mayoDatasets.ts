/**
 * The per-patient reference files of mayo-2012 (expected/*.csv, computed independently in R and
 * Python) and the dataset each one is: checked against a dataset's CSV as served by the API or the CLI.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAYO_DIR } from './mayo';

/** reference file, dataset name, valid-time cut-off */
export const MAYO_DATASETS: [string, string, string | null][] = [
  ['survival.csv', 'survival', null],
  ['survival-asof-2000-01-01.csv', 'survival', '2000-01-01'],
  ['survival-asof-2005-06-30.csv', 'survival', '2005-06-30'],
  ['followup.csv', 'follow-up', null],
  ['time-to-onset.csv', 'time-to-onset', null],
  ['patients-derived.csv', 'patients', null],
];

/** Every row and every column of the reference file, by exact text; columns it lacks are not compared. */
export function expectDatasetMatches(referenceFile: string, csv: string): void {
  const reference: Record<string, string>[] = parse(readFileSync(join(MAYO_DIR, 'expected', referenceFile), 'utf8'), { columns: true });
  const rows: Record<string, string>[] = parse(csv, { columns: true });
  const columns = Object.keys(reference[0]);
  expect(reference.length).toBeGreaterThan(30);
  expect(rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])))).toEqual(reference);
}
