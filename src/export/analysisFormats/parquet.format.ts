/**
 * The Parquet file of an analysis export, for Python (pandas, pyarrow, polars), Arrow and DuckDB
 * users, written with hyparquet-writer. Every column is OPTIONAL (a blank CSV cell is a null) and
 * typed from the dictionary: text, codes and lists as UTF-8 strings, dates as DATE (days since
 * 1970-01-01), integers as INT32, decimals as DOUBLE, flags as BOOLEAN. The file's key-value metadata
 * carries the dictionary (and the manifest, when given) so the file describes itself.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Cell, Column, ColumnType } from '../../../projections/projection';
import { toEpochDay } from '../../shared/dates';
import type { AnalysisTable } from './analysis.table';

type Element = { name: string; type: 'BYTE_ARRAY' | 'INT32' | 'DOUBLE' | 'BOOLEAN'; converted_type?: 'UTF8' | 'DATE'; repetition_type: 'OPTIONAL' };

const PHYSICAL: Record<ColumnType, Omit<Element, 'name' | 'repetition_type'>> = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  code: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  list: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  date: { type: 'INT32', converted_type: 'DATE' },
  integer: { type: 'INT32' },
  decimal: { type: 'DOUBLE' },
  flag: { type: 'BOOLEAN' },
};

const INT32_MAX = 2 ** 31 - 1;

/** A cell as the Parquet column holds it; a cell that does not fit its type is a bug upstream, so it throws. */
function parquetValue(column: Column, value: Cell): string | number | boolean | null {
  if (value === null) return null;
  switch (column.type) {
    case 'date':
      return toEpochDay(String(value));
    case 'flag':
      if (value !== 0 && value !== 1) throw new RangeError(`flag ${column.name} must be 0 or 1, not ${value}`);
      return value === 1;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > INT32_MAX) throw new RangeError(`integer ${column.name} does not fit INT32: ${value}`);
      return value;
    case 'decimal':
      return Number(value);
    default:
      return String(value);
  }
}

export function parquetFile(table: AnalysisTable, manifest?: unknown): Uint8Array {
  const schema = [
    { name: 'root', num_children: table.columns.length },
    ...table.columns.map((c): Element => ({ name: c.name, ...PHYSICAL[c.type], repetition_type: 'OPTIONAL' })),
  ];
  const columnData = table.columns.map((c) => ({ name: c.name, data: table.rows.map((row) => parquetValue(c, row[c.name] ?? null)) }));
  const kvMetadata = [
    { key: 'cohort_chronicle.dictionary', value: JSON.stringify({ name: table.name, description: table.description, columns: table.columns }) },
    ...(manifest === undefined ? [] : [{ key: 'cohort_chronicle.manifest', value: JSON.stringify(manifest) }]),
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData, schema, kvMetadata, createdBy: 'cohort-chronicle' }));
}
