/**
 * What every analysis dataset is: rows derived from the cohort state (the records folded from the
 * events inside a knowledge cut) for a valid-time cut-off `asOf`, plus a column dictionary. Rows are
 * pure values; the cell formatting that makes them byte-identical everywhere lives in row.format.ts.
 */
import type { IsoDate } from '../src/shared/dates';
import type { AnalysisPatient } from './analysis.cohort';
import type { CohortState } from './cohort.fold';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/**
 * `decimal` cells are printed with 10 decimal places (the precision of the shared reference files);
 * `flag` is 0/1; `list` is `;`-separated codes in code-unit order; null is a blank cell.
 */
export type ColumnType = 'text' | 'code' | 'date' | 'integer' | 'decimal' | 'flag' | 'list';

export interface Column {
  name: string;
  type: ColumnType;
  /** `days`, `months` (days / (365.25 / 12)), `years`; null when the value has no unit */
  unit: string | null;
  definition: string;
}

export interface RowsOptions {
  /** valid-time cut-off: only facts dated on or before it count; absent = every fact */
  asOf?: IsoDate;
}

export interface Projection<R extends Row = Row> {
  name: string;
  /** what one row stands for, e.g. "one row per patient" */
  grain: string;
  description: string;
  columns: readonly Column[];
  /** rows in canonical order: patient_id, then the id of the course / interval */
  rows(cohort: CohortState, options: RowsOptions): R[];
  /** one patient's rows, in canonical order (a dataset answer writes them patient by patient) */
  patientRows(patient: AnalysisPatient): R[];
}

export const column = (name: string, type: ColumnType, unit: string | null, definition: string): Column => ({
  name,
  type,
  unit,
  definition,
});

/** Text order by UTF-16 code units: unlike localeCompare it is the same on every machine. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A `list` cell: the values in code-unit order, `;`-separated; blank when there are none. */
export function listCell(values: readonly string[]): string | null {
  return values.length === 0 ? null : [...values].sort(byCodeUnits).join(';');
}
