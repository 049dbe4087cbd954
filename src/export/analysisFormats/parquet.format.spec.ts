import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { column, type Row } from '../../../projections/projection';
import { textTable } from '../../../projections/row.format';
import type { AnalysisTable } from './analysis.table';
import { parquetFile } from './parquet.format';

const table: AnalysisTable = {
  name: 'every-type',
  description: 'one column of each dictionary type',
  columns: [
    column('patient_id', 'text', null, 'id, with "quotes", a comma and é'),
    column('sex', 'code', null, 'female | male'),
    column('entry_date', 'date', null, 'a date'),
    column('time_days', 'integer', 'days', 'days'),
    column('time_months', 'decimal', 'months', 'days / (365.25 / 12)'),
    column('status', 'flag', null, '1 death, 0 censored'),
    column('sites', 'list', null, 'sites'),
  ],
  rows: [
    { patient_id: 'P-1, "é"', sex: 'female', entry_date: '1969-12-31', time_days: -3, time_months: -0.0985626283, status: 1, sites: 'hands_feet;trunk' },
    { patient_id: 'P-2', sex: null, entry_date: null, time_days: null, time_months: null, status: null, sites: null },
    { patient_id: 'P-3', sex: 'male', entry_date: '2011-06-30', time_days: 2147483647, time_months: 120.0000000001, status: 0, sites: 'head' },
  ],
};

/** The canonical CSV of the table, read back as text cells: what every parquet cell must stand for. */
const csvCells = (t: AnalysisTable): Record<string, string>[] => parse(stringify(textTable(t.columns, t.rows as Row[]), { record_delimiter: '\n' }), { columns: true });

/** A value as hyparquet reads it (a DATE as a Date at UTC midnight), printed as the canonical CSV prints it. */
function asCsvText(type: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (type === 'date') return (value as Date).toISOString().slice(0, 10);
  if (type === 'decimal') return (value as number).toFixed(10);
  if (type === 'flag') return value === true ? '1' : '0';
  return String(value);
}

describe('parquet.format', () => {
  it('given every column type with nulls, when written and read back with hyparquet, then every cell equals the CSV cell', async () => {
    const bytes = parquetFile(table, { sha256: 'abc' });
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const read = await parquetReadObjects({ file });
    const csv = csvCells(table);
    expect(read).toHaveLength(3);
    read.forEach((row, i) => {
      for (const c of table.columns) expect([c.name, i, asCsvText(c.type, row[c.name])]).toEqual([c.name, i, csv[i][c.name]]);
    });
  });

  it('types each column from the dictionary (Parquet physical / converted types) and keeps nulls optional', () => {
    const bytes = parquetFile(table);
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const types = parquetSchema(metadata).children.map((c) => [c.element.name, c.element.type, c.element.converted_type ?? null, c.element.repetition_type]);
    expect(types).toEqual([
      ['patient_id', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['sex', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['entry_date', 'INT32', 'DATE', 'OPTIONAL'],
      ['time_days', 'INT32', null, 'OPTIONAL'],
      ['time_months', 'DOUBLE', null, 'OPTIONAL'],
      ['status', 'BOOLEAN', null, 'OPTIONAL'],
      ['sites', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
    ]);
    const dictionary = JSON.parse(metadata.key_value_metadata!.find((kv) => kv.key === 'cohort_chronicle.dictionary')!.value!);
    expect(dictionary.columns.map((c: { name: string }) => c.name)).toEqual(table.columns.map((c) => c.name));
  });

  it('refuses an integer that does not fit INT32 rather than writing a wrong number', () => {
    expect(() => parquetFile({ ...table, rows: [{ ...table.rows[0], time_days: 2 ** 31 }] })).toThrow(RangeError);
  });
});
