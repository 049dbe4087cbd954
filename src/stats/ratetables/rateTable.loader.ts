import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { RateTable, rateTableFromRows } from './rateTable.model';

/** The tables shipped with the app (copies of shared/ratetables, R survival 3.5-3 survexp.mn / survexp.us). */
export const RATE_TABLES = { minnesota: 'minnesota.csv', 'united-states': 'united-states.csv' } as const;
export type RateTableName = keyof typeof RATE_TABLES;

/**
 * The only I/O of src/stats: reads a rate-table CSV (columns sex, year, age, daily_hazard) with
 * csv-parse and builds the table. The CSVs sit beside this file in src/; a compiled build runs from
 * dist/src/stats/ratetables, where tsc does not copy them, so the source folder is the fallback
 * (or pass `directory`). Complexity O(rows).
 * @example loadRateTable('minnesota') covers 1970-2013, ages 0-109
 */
export function loadRateTable(name: RateTableName, directory?: string): RateTable {
  const file = RATE_TABLES[name];
  if (!file) throw new RangeError(`unknown rate table ${String(name)}: use ${Object.keys(RATE_TABLES).join(' or ')}`);
  const candidates = directory ? [directory] : [__dirname, resolve(__dirname, '../../../../src/stats/ratetables')];
  const found = candidates.map((dir) => join(dir, file)).find((path) => existsSync(path));
  if (!found) throw new RangeError(`rate table file ${file} not found in ${candidates.join(', ')}`);
  return parseRateTable(name, readFileSync(found, 'utf8'));
}

/**
 * Parses the CSV text of a rate table (header sex,year,age,daily_hazard) with csv-parse. O(rows).
 * @example parseRateTable('t', 'sex,year,age,daily_hazard\nfemale,2000,0,1e-5\nmale,2000,0,2e-5') has 2 cells
 */
export function parseRateTable(name: string, text: string): RateTable {
  const records: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  const rows = records.map((record, i) => {
    for (const column of ['sex', 'year', 'age', 'daily_hazard']) {
      if (record[column] === undefined) throw new RangeError(`rate table ${name} row ${i + 1}: column ${column} is missing`);
    }
    return {
      sex: record.sex,
      year: Number(record.year),
      age: Number(record.age),
      dailyHazard: Number(record.daily_hazard),
    };
  });
  return rateTableFromRows(name, rows);
}
