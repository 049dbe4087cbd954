/**
 * The canonical text of a dataset: one rule per column type, so that the same rows print to the same
 * bytes on every machine (and their SHA-256 can stand in the provenance manifest).
 */
import type { Cell, Column, ColumnType, Row } from './projection';

/** Decimal places of `decimal` cells: the precision of the shared reference files (R / Python). */
export const DECIMAL_PLACES = 10;

/** The text of a cell: decimals fixed to 10 places, integers and flags as whole numbers, null blank. */
export function formatCell(type: ColumnType, value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) throw new RangeError(`a ${type} cell must be a finite number, not ${value}`);
  if (type === 'decimal') return value.toFixed(DECIMAL_PLACES);
  if (!Number.isInteger(value)) throw new RangeError(`a ${type} cell must be a whole number, not ${value}`);
  return String(value);
}

/** The JSON value of a cell: the number its canonical text reads back as, so JSON and CSV agree. */
export function jsonCell(type: ColumnType, value: Cell): Cell {
  return typeof value === 'number' && type === 'decimal' ? Number(formatCell(type, value)) : value;
}

/** Header and rows as canonical text cells, columns in dictionary order. */
export function textTable(columns: readonly Column[], rows: readonly Row[]): string[][] {
  return [columns.map((c) => c.name), ...rows.map((row) => columns.map((c) => formatCell(c.type, cellOf(row, c))))];
}

/** The header record of the canonical CSV, its "\n" included. */
export const csvHeader = (columns: readonly Column[]): string => `${columns.map((c) => csvField(c.name)).join(',')}\n`;

/**
 * The records of these rows in the canonical CSV, which is csvHeader and then these ('' for no rows):
 * "\n" after every record, a cell quoted only when it holds a double quote, comma or line feed, its
 * quotes doubled (RFC 4180; the bytes csv-stringify writes with record_delimiter "\n", which
 * row.format.spec.ts holds this to). Written row by row, without a table of cells in between.
 */
export function csvLines(columns: readonly Column[], rows: readonly Row[]): string {
  // join makes each line one flat string; appending cell by cell would keep a rope of every cell alive until the end
  const cells: string[] = new Array<string>(columns.length);
  const lines: string[] = [];
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const value = cellOf(row, columns[i]);
      // a number prints as digits, sign, point or exponent: never quoted, so not searched for a quote
      cells[i] = typeof value === 'number' ? formatCell(columns[i].type, value) : csvField(formatCell(columns[i].type, value));
    }
    lines.push(cells.join(','));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const NEEDS_QUOTES = /[",\n]/;
const csvField = (text: string) => (NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Rows with JSON-canonical values, keys in dictionary order. */
export function jsonRows(columns: readonly Column[], rows: readonly Row[]): Row[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, jsonCell(c.type, cellOf(row, c))])));
}

function cellOf(row: Row, column: Column): Cell {
  const value = row[column.name];
  if (value === undefined) throw new RangeError(`row has no value for column ${column.name}`);
  return value;
}
